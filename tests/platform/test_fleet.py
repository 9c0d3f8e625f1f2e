"""The fleet page's alerts, as county IT reads them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.platform_server.fleet import _alerts


def codes(*args) -> set[str]:
    return {alert.code for alert in _alerts(*args)}


def test_alerts():
    now = datetime.now(UTC)
    fine = {"devices": {"printer": {"level": "ok", "reason": "ready"},
                        "platform": {"level": "warning", "reason": "offline"}}}
    assert codes(now, now, fine, [0, 0, 0]) == set()
    assert codes(now, None, None, []) == {"never_seen"}
    assert codes(now, now - timedelta(minutes=10), fine, []) == {"heartbeat_stale"}
    paper = {"devices": {"printer": {"level": "error", "reason": "paper_out"},
                         "camera": {"level": "error", "reason": "missing"},
                         "id_reader": {"level": "error", "reason": "protocol"}}}
    assert codes(now, now, paper, []) == {"paper_out", "device_missing", "device_error"}
    assert codes(now, now, fine, [1, 4, 9]) == {"outbox_growing"}
    assert codes(now, now, {"outbox_dead": 2}, [3, 3, 3]) == {"outbox_dead"}
