"""Citizens cannot leave the kiosk: keys, close requests, stray touches. The PIN can."""

from __future__ import annotations

import contextlib
import subprocess

import pytest

from kiosk.pilot_client import PilotError
from tests.conftest import require_tool
from tests.ui.flows import wait_for, wait_screen
from tests.ui.technician_steps import wait_for_screen

pytestmark = pytest.mark.ui

DEMO_PIN = "246810"  # config/kiosk.toml


def _xdotool(display: str, *args: str) -> str:
    result = subprocess.run([require_tool("xdotool"), *args], capture_output=True, text=True,
                            env={"DISPLAY": display}, timeout=20, check=True)
    return result.stdout.strip()


def _kiosk_window(display: str, pid: int) -> str:
    return _xdotool(display, "search", "--sync", "--onlyvisible", "--pid", str(pid)).split()[0]


def _confirm_and_wait_for_exit(kiosk) -> int:
    # The right PIN opens the technician screen; its 退出终端 leaves the kiosk.
    kiosk.pilot.tap("confirm")
    wait_for_screen(kiosk.pilot, "technician")
    # The kiosk may be gone before it answers the tap: that is the point.
    with contextlib.suppress(PilotError):
        kiosk.pilot.tap("tech_leave")
    return kiosk.wait(timeout=30)


def test_keys_from_a_real_keyboard_do_nothing(kiosk, x_display):
    pilot = kiosk.pilot
    # 填单, at the ID number: a field the on-screen pad types into, and a real keyboard not.
    pilot.tap("tile_form")
    wait_screen(pilot, "form")
    wait_for(pilot, lambda _s: pilot.find("form_hj-csdj").get("shown"), "the list of forms")
    pilot.tap("form_hj-csdj")
    wait_for(pilot, lambda _s: pilot.find("id_field").get("shown"), "the ID number step")
    window = _kiosk_window(x_display, kiosk.process.pid)
    _xdotool(x_display, "windowfocus", "--sync", window)
    keys = ("4", "2", "X", "a", "BackSpace", "Return", "Escape", "alt+F4", "ctrl+c", "ctrl+q",
            "ctrl+w", "F11", "super", "alt+Tab")
    for key in keys:
        _xdotool(x_display, "key", "--clearmodifiers", key)
    pilot.wait_idle()
    state = pilot.state()
    assert kiosk.process.poll() is None
    assert state["screen"] == "form"
    assert pilot.find("id_field")["text"] == ""  # nothing typed from the real keyboard
    assert state["ignored_keys"] >= len(keys)  # the keys did arrive, and were ignored
    pilot.tap("key_4")
    assert pilot.find("id_field")["text"] == "4"  # while the on-screen pad types


def test_a_close_request_is_refused(kiosk):
    assert kiosk.pilot.request_close() is True
    assert kiosk.process.poll() is None
    assert kiosk.pilot.state()["refused_closes"] == 1


def test_right_click_and_scroll_wheel_press_nothing(kiosk, x_display):
    pilot = kiosk.pilot
    tile = pilot.find("tile_ticket")
    window = _kiosk_window(x_display, kiosk.process.pid)
    x = int(tile["x"] + tile["w"] / 2)
    y = int(pilot.state()["window"][1] - (tile["y"] + tile["h"] / 2))  # X counts from the top
    _xdotool(x_display, "mousemove", "--window", window, str(x), str(y))
    for button in ("3", "2", "4", "5"):
        _xdotool(x_display, "click", button)
    pilot.wait_idle()
    assert pilot.state()["screen"] == "home"
    _xdotool(x_display, "click", "1")  # while a real left click does press it
    pilot.wait_idle()
    assert pilot.state()["screen"] == "ticket"


def test_a_second_finger_or_a_palm_presses_nothing(kiosk):
    pilot = kiosk.pilot
    first, second = pilot.find("tile_ticket"), pilot.find("tile_evaluation")

    def centre(tile: dict) -> list[float]:
        return [tile["x"] + tile["w"] / 2, tile["y"] + tile["h"] / 2]

    # Two fingers land at once on two tiles: only the first is followed.
    pilot.gesture([[centre(first)], [centre(second)]])
    state = pilot.state()
    assert state["screen"] == "ticket"
    pilot.tap("home_button")
    # A five-finger swipe across the screen does not navigate anywhere.
    paths = [[[100 + 150 * i, 1500 - 100 * step] for step in range(8)] for i in range(5)]
    pilot.gesture(paths)
    assert pilot.state()["screen"] == "home"


def test_holding_the_corner_opens_the_pin_prompt_and_the_right_pin_exits(kiosk, shots):
    pilot = kiosk.pilot
    height = pilot.state()["window"][1]
    pilot.long_press(5, height - 5, seconds=1.0)  # too short
    assert pilot.state()["overlays"] == []
    pilot.long_press(540, 960, seconds=5.0)  # not the corner
    assert pilot.state()["overlays"] == []
    pilot.long_press(5, height - 5, seconds=3.5)
    assert pilot.state()["overlays"] == ["PinPrompt"]
    shots(kiosk, "pin-prompt")
    for digit in DEMO_PIN:
        pilot.tap(f"key_{digit}")
    assert pilot.find("dots")["text"] == " ".join("●" * len(DEMO_PIN))  # never the digits
    assert _confirm_and_wait_for_exit(kiosk) == 0
    assert "kiosk left by a technician" in kiosk.stderr_path.read_text()


def test_five_wrong_pins_lock_the_prompt_for_fifteen_minutes(kiosk):
    pilot = kiosk.pilot
    height = pilot.state()["window"][1]
    pilot.long_press(5, height - 5, seconds=3.5)

    def enter(pin: str) -> str:
        for digit in pin:
            pilot.tap(f"key_{digit}")
        pilot.tap("confirm")
        pilot.wait_idle()
        return pilot.find("message")["text"]

    for left in (4, 3, 2, 1):
        assert enter("1111") == f"密码不正确，还可尝试{left}次"
    assert enter("1111") == "错误次数过多，已锁定，请15分钟后再试"
    assert enter(DEMO_PIN).startswith("错误次数过多")  # even the right PIN, while locked
    pilot.tap("cancel")
    pilot.advance(15 * 60)
    pilot.long_press(5, height - 5, seconds=3.5)
    for digit in DEMO_PIN:
        pilot.tap(f"key_{digit}")
    assert _confirm_and_wait_for_exit(kiosk) == 0
    assert DEMO_PIN not in kiosk.stderr_path.read_text()
