"""Home screen, every service's first screen, the always-there buttons, and the session they
open."""

from __future__ import annotations

import pytest

from screens.home import SERVICES
from screens.registry import SCREENS
from tests.ui.conftest import mean_brightness

pytestmark = pytest.mark.ui


def test_home_offers_every_citizen_service(kiosk, shots):
    texts = kiosk.pilot.texts()
    for title in ("取号", "预约签到", "办事指南", "填单", "办件查询", "好差评"):
        assert title in texts
    assert "保康县政务服务中心" in texts
    assert "帮办" in texts
    image = shots(kiosk, "home")
    assert image.size == (1080, 1920)
    # The header is the hall's blue; the body is light; the picture is not blank.
    assert image.getpixel((540, 20))[2] > 120 and image.getpixel((540, 20))[0] < 60
    assert len(set(image.resize((54, 96)).getdata())) > 20


def test_every_service_on_home_opens_its_own_screen_in_a_session(kiosk):
    # Every tile leads to a built service (a service without screens would open 暂未开放;
    # none is left), with a citizen session that the home button ends.
    pilot = kiosk.pilot
    for service in SERVICES:
        assert service.screen in SCREENS, service.key
        pilot.tap(f"tile_{service.key}")
        state = pilot.state()
        assert state["screen"] == service.screen
        assert state["session"]["active"]
        pilot.tap("home_button")
        state = pilot.state()
        assert state["screen"] == "home" and not state["session"]["active"]
    assert pilot.state()["sessions_ended"] == {"home_button": len(SERVICES)}


def test_home_button_in_the_footer_ends_the_session(kiosk):
    pilot = kiosk.pilot
    assert not pilot.find("home_button")["shown"]  # nothing to go back to on the home screen
    pilot.tap("tile_guide")
    session = pilot.state()["session"]["id"]
    assert pilot.find("home_button")["shown"]
    pilot.tap("home_button")
    state = pilot.state()
    assert state["screen"] == "home"
    assert state["session"]["id"] is None
    assert state["sessions_ended"] == {"home_button": 1}
    pilot.tap("tile_guide")
    assert pilot.state()["session"]["id"] != session  # a new citizen, a new session


def test_help_is_reachable_from_every_screen(kiosk, shots):
    pilot = kiosk.pilot
    for setup in (lambda: None, lambda: pilot.tap("tile_form")):
        setup()
        before = mean_brightness(shots(kiosk, "before-help"))
        pilot.tap("help_button")
        assert pilot.state()["overlays"] == ["HelpNotice"]
        assert {"正在呼叫工作人员…", "已呼叫工作人员"} & set(pilot.texts())
        assert mean_brightness(shots(kiosk, "help")) < before  # the screen behind is dimmed
        pilot.tap("close_help")
        assert pilot.state()["overlays"] == []


def test_sigterm_stops_the_kiosk_cleanly(kiosk):
    kiosk.pilot.tap("tile_ticket")
    assert kiosk.stop() == 0
    assert "reason=shutdown" in kiosk.stderr_path.read_text()
