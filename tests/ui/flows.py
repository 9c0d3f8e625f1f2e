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
