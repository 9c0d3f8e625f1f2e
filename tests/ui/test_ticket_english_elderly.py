"""取号 in English and in 大字模式: every label translated, every button a finger's size."""

from __future__ import annotations

import re

import pytest

from tests.ui.flows import wait_screen, wait_text

pytestmark = pytest.mark.ui

HAN = re.compile(r"[\u4e00-\u9fff]")
HALL_AND_NUMBERS = ("保康县政务服务中心", "政务服务自助终端", "中文")


def chinese_left(texts: list[str]) -> list[str]:
    return [t for t in texts if HAN.search(t) and not any(h in t for h in HALL_AND_NUMBERS)]


def test_ticket_flow_in_english_and_large_type(kiosk, shots):
    pilot = kiosk.pilot
    pilot.tap("language_button")
    pilot.tap("elderly_button")
    pilot.tap("tile_ticket")
    wait_screen(pilot, "ticket")
    wait_text(pilot, "min")
    assert chinese_left(pilot.texts()) == []
    touch_min = pilot.state()["theme"]["touch_min"]
    for button in pilot.buttons():
        if (button["id"] or "").startswith("category_"):
            assert button["h"] >= touch_min
    shots(kiosk, "ticket-en-elderly")
    category = next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("category_"))
    pilot.tap(category)
    wait_screen(pilot, "ticket_identify")
    assert chinese_left(pilot.texts()) == []
    pilot.tap("skip")
    wait_screen(pilot, "ticket_done")
    wait_text(pilot, "Please take your ticket")
    assert chinese_left(pilot.texts()) == []
    shots(kiosk, "ticket-done-en-elderly")
