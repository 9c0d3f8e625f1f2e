"""Monitoring: Prometheus metrics, the heartbeat to the county platform and the commands it
carries, the systemd watchdog, and the recent errors a technician reads on the status page.

`core.metrics` (`kiosk.monitoring.metrics.KioskMetrics`) is the small API the rest of the kiosk
calls to count what it does (`core.metrics.ticket_issued("zhsl")`); see docs/architecture.md.
"""
