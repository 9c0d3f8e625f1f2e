"""The idle timeout: a visible countdown in the last ten seconds, 继续办理, then a wipe."""

from __future__ import annotations

import pytest

from tests.ui.conftest import mean_brightness

pytestmark = pytest.mark.ui


def test_countdown_appears_in_the_last_ten_seconds_and_continue_keeps_the_session(kiosk, shots):
    pilot = kiosk.pilot
    pilot.tap("tile_form")
    pilot.wait_idle()  # the form list is read off the UI thread, as the kiosk clock runs
    state = pilot.state()
    session = state["session"]["id"]
    pilot.advance(state["idle"]["remaining_s"] - 11)  # 11 s left: no countdown yet
    assert pilot.state()["overlays"] == []
    calm = shots(kiosk, "before-countdown")
    pilot.advance(2)
    state = pilot.state()
    assert state["overlays"] == ["IdleCountdown"]
    assert state["idle"]["phase"] == "countdown"
    assert "您还在吗？" in pilot.texts()
    # Nine seconds left, less the real time the test itself took.
    assert 7 <= int(pilot.find("seconds")["text"]) <= 9
    assert mean_brightness(shots(kiosk, "countdown")) < mean_brightness(calm)

    pilot.tap("continue_button")
    state = pilot.state()
    assert state["overlays"] == []
    assert state["screen"] == "form"
    assert state["session"]["id"] == session
    pilot.advance(49)
    assert pilot.state()["overlays"] == []  # the full timeout again


def test_timeout_wipes_the_session_and_returns_home(kiosk):
    pilot = kiosk.pilot
    pilot.tap("tile_form")
    pilot.advance(55)
    assert pilot.state()["overlays"] == ["IdleCountdown"]
    pilot.advance(6)
    state = pilot.state()
    assert state["screen"] == "home"
    assert state["overlays"] == []
    assert state["session"]["active"] is False
    assert state["sessions_ended"] == {"idle": 1}
    assert state["idle"]["phase"] == "disarmed"
    assert "reason=idle" in kiosk.stderr_path.read_text()


def test_any_touch_during_the_countdown_only_answers_it(kiosk):
    pilot = kiosk.pilot
    pilot.tap("tile_form")
    pilot.advance(55)
    home = pilot.find("home_button")  # under the dimmed overlay
    pilot.tap_at(home["x"] + home["w"] / 2, home["y"] + home["h"] / 2)
    state = pilot.state()
    assert state["overlays"] == []
    assert state["screen"] == "form"  # the touch did not reach the button underneath


def test_elderly_mode_doubles_the_timeout(kiosk):
    pilot = kiosk.pilot
    pilot.tap("elderly_button")
    pilot.tap("tile_ticket")
    pilot.advance(100)
    assert pilot.state()["overlays"] == []
    pilot.advance(11)
    assert pilot.state()["overlays"] == ["IdleCountdown"]
    pilot.advance(10)
    assert pilot.state()["screen"] == "home"


def test_the_next_citizen_gets_the_halls_language_and_type_size(kiosk):
    pilot = kiosk.pilot
    pilot.tap("language_button")
    pilot.tap("elderly_button")
    pilot.tap("tile_guide")
    pilot.advance(200)
    state = pilot.state()
    assert (state["screen"], state["language"], state["elderly"]) == ("home", "zh_CN", False)


def test_language_left_on_home_is_reset_quietly(kiosk):
    pilot = kiosk.pilot
    pilot.tap("language_button")
    pilot.advance(55)
    assert pilot.state()["overlays"] == []  # nothing personal on home: no countdown
    pilot.advance(6)
    state = pilot.state()
    assert state["language"] == "zh_CN"
    assert state["sessions_ended"] == {}
