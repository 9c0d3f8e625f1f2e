"""config/monitoring (checked with promtool), the Grafana dashboard, the systemd unit, and the
watchdog speaking systemd's notify protocol on a real socket."""

from __future__ import annotations

import configparser
import json
import re
import socket
import subprocess

from kiosk.monitoring.watchdog import Watchdog
from tests.conftest import REPO, require_tool

MONITORING = REPO / "config" / "monitoring"
SYSTEMD = REPO / "config" / "systemd"
METRICS = ("kiosk_device_up", "kiosk_device_state", "kiosk_printer_paper",
           "kiosk_tickets_issued_total", "kiosk_applications_submitted_total",
           "kiosk_evaluations_total", "kiosk_platform_request_seconds_bucket",
           "kiosk_platform_errors_total", "kiosk_outbox_depth", "kiosk_outbox_oldest_age_seconds",
           "kiosk_ui_frame_seconds_bucket", "kiosk_idle_wipes_total", "kiosk_build_info",
           "kiosk_heartbeat_last_success_time_seconds", "kiosk_start_time_seconds")


def promtool(*args: str) -> subprocess.CompletedProcess:
    tool = require_tool("promtool")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60,
                          cwd=MONITORING)


def test_alert_rules_pass_promtool_and_their_unit_tests():
    checked = promtool("check", "rules", "kiosk-alerts.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = promtool("test", "rules", "kiosk-alerts.test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    config = promtool("check", "config", "prometheus.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_the_rules_cover_what_county_it_asked_for():
    text = (MONITORING / "kiosk-alerts.yml").read_text(encoding="utf-8")
    for alert in ("KioskDown", "KioskHeartbeatStale", "KioskPaperOut", "KioskPaperNearEnd",
                  "KioskDeviceMissing", "KioskOutboxGrowing", "KioskPlatformErrors"):
        assert f"alert: {alert}" in text


def test_the_dashboard_uses_only_metrics_the_kiosk_serves():
    dashboard = json.loads((MONITORING / "grafana-kiosk-fleet.json").read_text(encoding="utf-8"))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    used = {name for expr in exprs for name in re.findall(r"kiosk_\w+", expr)}
    assert used <= set(METRICS), used - set(METRICS)
    assert {"kiosk_printer_paper", "kiosk_outbox_depth", "kiosk_tickets_issued_total"} <= used


def test_the_unit_restarts_and_watches_the_kiosk():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(SYSTEMD / "zwkiosk.service", encoding="utf-8")
    service = unit["Service"]
    assert service["Type"] == "notify" and service["Restart"] == "always"
    assert int(service["WatchdogSec"]) > 0
    assert "kiosk run" in service["ExecStart"]
    session = (SYSTEMD / "zwkiosk-session").read_text()
    assert "systemctl --user start zwkiosk.service" in session
    assert subprocess.run(["sh", "-n", str(SYSTEMD / "zwkiosk-session")]).returncode == 0


def test_watchdog_speaks_sd_notify(tmp_path):
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(5)
        dog = Watchdog({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "4000000"})
        assert dog.interval_s == 2.0
        dog.ready()
        assert server.recv(200).startswith(b"READY=1")
        dog.tick(now=100.0)
        assert server.recv(200) == b"WATCHDOG=1"
        dog.tick(now=101.0)  # too soon: nothing
        dog.tick(now=102.5)
        assert server.recv(200) == b"WATCHDOG=1"
        dog.stopping()
        assert server.recv(200) == b"STOPPING=1"
    assert not Watchdog({}).enabled  # outside systemd: nothing at all
