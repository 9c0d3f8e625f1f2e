"""Steps the technician UI tests share: open the technician screen with the PIN."""

from __future__ import annotations

import time

from kiosk.pilot_client import PilotClient

DEMO_PIN = "246810"  # config/kiosk.toml


def wait_for_screen(pilot: PilotClient, screen: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while pilot.state()["screen"] != screen:
        if time.monotonic() > deadline:
            raise AssertionError(f"the kiosk never showed {screen}: {pilot.state()}")
        time.sleep(0.1)


def wait_for_text(pilot: PilotClient, wid: str, predicate, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = pilot.find(wid)["text"]
        if predicate(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{wid} still says {text!r}")
        time.sleep(0.2)


def open_technician(pilot: PilotClient, pin: str = DEMO_PIN) -> None:
    height = pilot.state()["window"][1]
    pilot.long_press(5, height - 5, seconds=3.5)
    for digit in pin:
        pilot.tap(f"key_{digit}")
    pilot.tap("confirm")
    wait_for_screen(pilot, "technician")
