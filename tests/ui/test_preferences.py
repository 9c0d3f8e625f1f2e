"""中文 / English, 大字模式, portrait and landscape: every screen readable and touchable."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.ui

LANDSCAPE = 'kiosk.orientation="landscape"'


def test_language_toggle_switches_every_label_and_back(kiosk, shots):
    pilot = kiosk.pilot
    chinese = shots(kiosk, "zh")
    pilot.tap("language_button")
    texts = pilot.texts()
    assert pilot.state()["language"] == "en"
    for english in ("Welcome! Please choose a service", "Take a number", "Service guide",
                    "Help", "Large text", "中文"):
        assert english in texts
    assert "取号" not in texts
    assert shots(kiosk, "en").tobytes() != chinese.tobytes()
    pilot.tap("tile_evaluation")
    assert "How satisfied are you with this service?" in pilot.texts() or \
        "Which service are you rating?" in pilot.texts()
    pilot.tap("language_button")
    assert "评价哪一次服务？" in pilot.texts()


def test_a_chinese_only_kiosk_has_no_language_button(start_kiosk):
    kiosk = start_kiosk('kiosk.languages=["zh_CN"]')
    assert not kiosk.pilot.find("language_button")["shown"]


def test_elderly_mode_type_is_half_again_as_large_with_fewer_tiles(kiosk):
    pilot = kiosk.pilot
    normal = pilot.find("greeting")["font_size"]
    assert len([b for b in pilot.buttons() if b["id"].startswith("tile_")]) == 6
    pilot.tap("elderly_button")
    assert pilot.find("greeting")["font_size"] >= 1.5 * normal
    tiles = [b["id"] for b in pilot.buttons() if b["id"].startswith("tile_")]
    assert tiles == ["tile_ticket", "tile_checkin", "tile_guide", "tile_form"]
    pilot.tap("page_next")
    tiles = [b["id"] for b in pilot.buttons() if b["id"].startswith("tile_")]
    assert tiles == ["tile_progress", "tile_evaluation"]
    pilot.tap("elderly_button")
    assert pilot.find("greeting")["font_size"] == normal


def test_elderly_mode_can_be_the_halls_default(start_kiosk):
    kiosk = start_kiosk("kiosk.elderly_mode_default=true")
    assert kiosk.pilot.state()["elderly"] is True


def test_landscape_layout(start_kiosk, shots):
    kiosk = start_kiosk(LANDSCAPE)
    pilot = kiosk.pilot
    assert pilot.state()["window"] == [1920, 1080]
    assert shots(kiosk, "landscape").size == (1920, 1080)
    tiles = [b for b in pilot.buttons() if b["id"].startswith("tile_")]
    assert len(tiles) == 6
    assert len({round(t["y"]) for t in tiles}) == 2  # two rows of three
    pilot.tap("elderly_button")
    tiles = [b for b in pilot.buttons() if b["id"].startswith("tile_")]
    assert len(tiles) == 3


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_touch_target_is_at_least_15_mm_and_inside_the_window(start_kiosk, orientation,
                                                                      language):
    kiosk = start_kiosk(f'kiosk.orientation="{orientation}"',
                        f'kiosk.default_language="{language}"')
    pilot = kiosk.pilot
    state = pilot.state()
    minimum = state["theme"]["touch_min"]
    width, height = state["window"]
    assert minimum >= 15 * state["theme"]["px_per_mm"]

    def check(where: str) -> None:
        for button in pilot.buttons():
            label = f"{where}: {button['id'] or button['type']} {button['text']!r}"
            assert button["w"] >= minimum and button["h"] >= minimum, label
            if button["clipped"]:
                continue  # partly scrolled out of its list: the rest is reached by scrolling
            assert button["x"] >= 0 and button["y"] >= 0, label
            assert button["x"] + button["w"] <= width + 1, label
            assert button["y"] + button["h"] <= height + 1, label

    for elderly in (False, True):
        where = f"{orientation}/{language}/{'elderly' if elderly else 'normal'}"
        if elderly:
            pilot.tap("elderly_button")
        check(f"{where}/home")
        pilot.tap("tile_ticket")
        check(f"{where}/ticket")
        pilot.tap("home_button")
        if not pilot.find("tile_form").get("shown"):
            pilot.tap("page_next")  # 大字模式 in landscape: three tiles a page
        pilot.tap("tile_form")
        check(f"{where}/form")
        pilot.tap("help_button")
        check(f"{where}/help")
        pilot.tap("close_help")
        pilot.advance((120 if elderly else 60) - 5)
        assert pilot.state()["overlays"] == ["IdleCountdown"]
        check(f"{where}/countdown")
        pilot.advance(10)  # wiped: back home with the hall's defaults (normal type)
        if elderly:
            pilot.tap("elderly_button")
        pilot.long_press(5, height - 5, seconds=3.5)
        assert pilot.state()["overlays"] == ["PinPrompt"]
        check(f"{where}/pin")
        pilot.tap("cancel")
