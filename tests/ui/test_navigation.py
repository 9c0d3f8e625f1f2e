"""Home screen, the 暂未开放 pages, the always-there buttons, and the session they open."""

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


@pytest.mark.parametrize("service", [s for s in SERVICES if s.screen not in SCREENS],
                         ids=lambda s: s.key)
def test_each_unbuilt_service_opens_a_clear_not_open_page(kiosk, service):
    pilot = kiosk.pilot
    pilot.tap(f"tile_{service.key}")
    state = pilot.state()
    assert state["screen"] == "not_open"
    assert f"「{service.title}」暂未开放" in pilot.texts()
    assert state["session"]["active"]
    pilot.tap("back_home")
    state = pilot.state()
    assert state["screen"] == "home"
    assert not state["session"]["active"]
    assert state["sessions_ended"] == {"not_open": 1}


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
