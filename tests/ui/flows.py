"""Helpers for the citizen-flow UI tests: waiting on the running kiosk, the county platform on
loopback, and the simulated printer's receipts."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from drivers.printer.simulator.control import SimulatorControl


def wait_for(pilot: Any, predicate: Callable[[dict[str, Any]], bool], what: str,
             timeout: float = 30.0) -> dict[str, Any]:
    """Until `predicate(state)`; a bound on waiting, never a speed test."""
    deadline = time.monotonic() + timeout
    while True:
        state = pilot.state()
        if predicate(state):
            return state
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}; last state: {state}")
        time.sleep(0.05)


def wait_text(pilot: Any, text: str, timeout: float = 30.0) -> list[str]:
    """Until some label on screen contains `text`; returns every label then."""
    deadline = time.monotonic() + timeout
    while True:
        texts = pilot.texts()
        if any(text in label for label in texts):
            return texts
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never showed; saw {texts}")
        time.sleep(0.1)


def wait_screen(pilot: Any, screen: str, timeout: float = 30.0) -> dict[str, Any]:
    return wait_for(pilot, lambda s: s["screen"] == screen and not s["pending_tasks"],
                    f"the {screen} screen", timeout)


def printer_control(state_dir: Path, timeout: float = 30.0) -> SimulatorControl:
    """The running kiosk's simulated printer (started off the UI thread)."""
    announcement = state_dir / "printer-sim" / "simulator.json"
    deadline = time.monotonic() + timeout
    while True:
        try:  # written by the simulator as it starts: absent, or not complete yet
            return SimulatorControl(json.loads(announcement.read_text())["control"])
        except (OSError, ValueError, KeyError):
            assert time.monotonic() < deadline, "the printer simulator never started"
            time.sleep(0.1)


def receipts(state_dir: Path, *, at_least: int = 0, timeout: float = 15.0
             ) -> list[dict[str, Any]]:
    """The receipts the simulated printer cut, oldest first (their JSON journals: `lines`
    holds the text as printed); waits until there are `at_least`."""
    folder = state_dir / "printer-sim"
    deadline = time.monotonic() + timeout
    while True:
        found = [json.loads(path.read_text(encoding="utf-8"))
                 for path in sorted(folder.glob("receipt-*.json"))]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def county_overrides(platform: Any) -> list[str]:
    """`kiosk run --set` values that point a kiosk at a reference platform on loopback (a
    county server, not the embedded one: the test can stop it, or act as staff on it)."""
    key = platform.credentials.key.decode()
    return [f'kiosk.id="{platform.credentials.kiosk_id}"', f'platform.url="{platform.url}"',
            f'platform.kiosk_key="{key}"', "platform.refresh_interval_s=10"]


def staff_set_help_status(platform: Any, status: str) -> str:
    """A member of staff acknowledges or resolves the newest help request (the admin API is
    open on loopback); returns its id."""
    import requests

    rows = platform.server.store.transaction(
        lambda conn: conn.exec_driver_sql(
            "SELECT id FROM help_requests ORDER BY created_at DESC LIMIT 1").fetchall())
    help_id = rows[0][0]
    requests.put(f"{platform.url}/api/v1/admin/help-requests/{help_id}/status",
                 params={"status": status}, timeout=10).raise_for_status()
    return str(help_id)


def help_status(platform: Any, help_id: str) -> str:
    rows = platform.server.store.transaction(
        lambda conn: conn.exec_driver_sql(
            "SELECT status FROM help_requests WHERE id = ?", (help_id,)).fetchall())
    return str(rows[0][0])
