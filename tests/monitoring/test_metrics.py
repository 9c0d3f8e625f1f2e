"""Prometheus metrics, scraped over HTTP from a running kiosk core."""

from __future__ import annotations

import contextlib
import time

import requests

from kiosk.health import Level, Role
from kiosk.monitoring.exporter import address_file
from kiosk.monitoring.metrics import KioskMetrics, endpoint_of

EXPECTED = (
    "kiosk_build_info", "kiosk_device_up", "kiosk_device_state", "kiosk_device_level",
    "kiosk_printer_paper", "kiosk_tickets_issued_total", "kiosk_applications_submitted_total",
    "kiosk_evaluations_total", "kiosk_platform_request_seconds_bucket",
    "kiosk_outbox_depth", "kiosk_outbox_oldest_age_seconds",
    "kiosk_ui_frame_seconds_bucket", "kiosk_idle_wipes_total", "kiosk_start_time_seconds",
    "kiosk_heartbeat_last_success_time_seconds",
)


def scrape(core) -> str:
    address = address_file(core.config.kiosk.state_dir).read_text().strip()
    answer = requests.get(f"http://{address}/metrics", timeout=10)
    answer.raise_for_status()
    return answer.text


def sample(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        if head.split("{")[0] != name:
            continue
        if all(f'{k}="{v}"' in head for k, v in labels.items()):
            return float(value)
    return None


def test_every_metric_is_served_on_loopback(core):
    address = address_file(core.config.kiosk.state_dir).read_text().strip()
    assert address.startswith("127.0.0.1:")
    core.metrics.ticket_issued("zhsl")
    core.metrics.ticket_issued("zhsl", offline=True)
    core.metrics.application_submitted(sent=False)
    core.metrics.evaluation("very_satisfied")
    core.metrics.evaluation("made-up")
    core.metrics.frame(0.016)
    core.sessions.begin()
    core.sessions.end("idle")
    core.health.set(Role.PRINTER, Level.ERROR, "paper_out")
    core.platform.service().hall()  # one real signed request to the platform
    text = scrape(core)
    for name in EXPECTED:
        assert sample(text, name) is not None, name
    assert sample(text, "kiosk_tickets_issued_total", category="zhsl", mode="offline") == 1
    assert sample(text, "kiosk_evaluations_total", grade="other") == 1
    assert sample(text, "kiosk_idle_wipes_total") == 1
    assert sample(text, "kiosk_printer_paper", state="out") == 1
    assert sample(text, "kiosk_printer_paper", state="ok") == 0
    assert sample(text, "kiosk_device_up", role="printer") == 0
    assert sample(text, "kiosk_device_state", role="printer", reason="paper_out") == 1
    assert sample(text, "kiosk_platform_request_seconds_count", method="GET",
                  endpoint="/api/v1/hall") >= 1
    assert sample(text, "kiosk_build_info", kiosk_id="BK-TEST-001") == 1


def test_platform_errors_are_counted_by_code(core, platform):
    from kiosk.platform.errors import PlatformRejected

    api = core.platform.service().parts().api
    with contextlib.suppress(PlatformRejected):
        api.ticket("t00000000000000000000")
    text = scrape(core)
    codes = [line for line in text.splitlines()
             if line.startswith("kiosk_platform_errors_total{")]
    assert codes, text
    assert sample(text, "kiosk_platform_request_seconds_count", method="GET",
                  endpoint="/api/v1/tickets/{id}") >= 1


def test_counts_made_before_the_metrics_exist_are_kept():
    metrics = KioskMetrics("BK-EARLY-001")
    metrics.ticket_issued("zhsl")
    metrics.frame(0.02)  # frame times before are not kept
    registry = metrics.realize()
    assert registry.get_sample_value("kiosk_tickets_issued_total",
                                     {"category": "zhsl", "mode": "online"}) == 1
    assert metrics.counters()["tickets_issued"] == 1


def test_endpoints_do_not_become_one_series_per_ticket():
    assert endpoint_of("/api/v1/tickets/t8f3a9b0c1d2e3f4a5b6/print-state") == \
        "/api/v1/tickets/{id}/print-state"
    assert endpoint_of("/api/v1/hall") == "/api/v1/hall"
    assert endpoint_of("/api/v1/kiosk/heartbeat") == "/api/v1/kiosk/heartbeat"


def test_a_taken_port_does_not_stop_the_kiosk(tmp_path):
    import socket

    from kiosk.monitoring.exporter import MetricsExporter

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        exporter = MetricsExporter(KioskMetrics("BK-PORT-001"), f"127.0.0.1:{port}", tmp_path)
        exporter.start()
        assert exporter.address is None and "cannot listen" in exporter.error
        exporter.stop()
    time.sleep(0)  # nothing left running
