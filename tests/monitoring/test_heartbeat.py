"""The heartbeat against the reference platform: what it reports, the commands it brings back
(reload config, reprint the last ticket, restart), their outcomes, and pushed settings."""

from __future__ import annotations

import time
from datetime import datetime

from kiosk.monitoring.commands import CommandRunner
from kiosk.receipts import ticket_receipt
from kiosk.receipts.demo import demo_ticket
from tests.monitoring.conftest import admin
from tests.platform.conftest import KIOSK_ID


def fleet_entry(platform) -> dict:
    kiosks = admin(platform, "GET", "/kiosks").json()
    return next(k for k in kiosks if k["kiosk_id"] == KIOSK_ID)


def command(platform, kind: str) -> str:
    return admin(platform, "POST", f"/kiosks/{KIOSK_ID}/commands", json={"kind": kind}).json()["id"]


def command_row(platform, command_id: str):
    from sqlalchemy import select

    from kiosk.platform_server import db

    with platform.store.engine.connect() as conn:
        return conn.execute(select(db.commands).where(db.commands.c.id == command_id)).first()


def beat_until_done(core, platform, command_id: str, beats: int = 4):
    for _ in range(beats):
        core.monitoring.heartbeat.beat()
        row = command_row(platform, command_id)
        if row.done_at is not None:
            return row
    raise AssertionError(f"command {command_id} never reported done")


def test_heartbeat_reports_devices_counters_outbox_and_version(core, platform):
    core.metrics.ticket_issued("zhsl")
    reply = core.monitoring.heartbeat.beat()
    assert reply is not None and reply.commands == []
    entry = fleet_entry(platform)
    assert entry["app_version"] and entry["uptime_s"] >= 0
    assert set(entry["devices"]) == {"printer", "id_reader", "camera", "platform"}
    assert datetime.fromisoformat(entry["last_heartbeat_at"])
    beat = core.monitoring.heartbeat.build()
    assert beat.counters["tickets_issued"] == 1
    assert abs(core.monitoring.heartbeat.clock_skew_s) < 60


def test_reload_config_command_applies_the_file_without_restart(core, platform, linked_toml):
    from kiosk.config.editor import set_values

    set_values(linked_toml, {"kiosk.idle_timeout_s": 120, "kiosk.orientation": "landscape"})
    row = beat_until_done(core, platform, command(platform, "reload_config"))
    assert row.ok, row.result
    assert "kiosk.idle_timeout_s" in row.result and "after a restart: kiosk.orientation" in \
        row.result
    assert core.idle.timeout_s(False) == 120
    assert core.config.kiosk.idle_timeout_s == 120


def test_reload_config_refuses_a_broken_file_and_keeps_running(core, platform, linked_toml):
    linked_toml.write_text(linked_toml.read_text().replace("idle_timeout_s = 60",
                                                           "idle_timeout_s = 5"))
    row = beat_until_done(core, platform, command(platform, "reload_config"))
    assert not row.ok
    assert "kiosk.idle_timeout_s: 5 is too small" in row.result
    assert core.config.kiosk.idle_timeout_s == 60


def test_reprint_last_ticket(core, platform):
    row = beat_until_done(core, platform, command(platform, "reprint_last_ticket"))
    assert not row.ok and "no queue ticket" in row.result
    receipt = ticket_receipt(demo_ticket(), columns=core.printer.settings.columns)
    core.printer.print_receipt(receipt)
    row = beat_until_done(core, platform, command(platform, "reprint_last_ticket"))
    assert row.ok, row.result
    receipts = core.printer.simulator.control.receipts(wait_for=2, timeout=20)
    assert len(receipts) == 2


def test_restart_outcome_survives_the_restart(core, platform, tmp_path):
    restarted = []
    core.monitoring.on_restart(lambda: restarted.append(time.time()))
    command_id = command(platform, "restart_app")
    core.monitoring.heartbeat.beat()
    assert restarted
    # The new process reads what the old one recorded, reports it, and never restarts again.
    state_file = core.config.kiosk.state_dir / "monitoring" / "commands.json"
    after_restart = CommandRunner(state_file)
    assert [r.id for r in after_restart.unreported()] == [command_id]
    row = beat_until_done(core, platform, command_id)
    assert row.ok and row.result == "restarting"
    core.monitoring.heartbeat.beat()
    assert len(restarted) == 1


def test_pushed_settings_are_applied_and_kept(core, platform):
    admin(platform, "PUT", f"/kiosks/{KIOSK_ID}/config",
          json={"settings": {"kiosk.idle_timeout_s": 90, "speech.mode": "always"}})
    core.monitoring.heartbeat.beat()
    assert core.config.kiosk.idle_timeout_s == 90
    assert core.config.speech.mode == "always"
    assert core.monitoring.remote.version == 1
    from kiosk.monitoring.remote import pushed_overrides

    assert pushed_overrides(core.config.kiosk.state_dir) == ['kiosk.idle_timeout_s=90',
                                                             'speech.mode="always"']
    assert core.monitoring.heartbeat.build().config_version == 1


def test_pushed_settings_with_a_bad_value_are_refused(core, platform):
    admin(platform, "PUT", f"/kiosks/{KIOSK_ID}/config",
          json={"settings": {"kiosk.idle_timeout_s": 5}})
    core.monitoring.heartbeat.beat()
    remote = core.monitoring.remote
    assert core.config.kiosk.idle_timeout_s == 60
    assert remote.version == 0 and remote.refused_version == 1
    assert any("too small" in p for p in remote.problems)
