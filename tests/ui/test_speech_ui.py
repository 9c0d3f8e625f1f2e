"""The kiosk speaks its prompts in elderly mode, and keeps quiet otherwise."""

from __future__ import annotations

import time

import pytest

from tests.conftest import require_tool

pytestmark = pytest.mark.ui


def spoken(directory, count: int) -> list[str]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        names = sorted(p.name for p in directory.glob("*.wav"))
        if len(names) >= count:
            return names
        time.sleep(0.05)
    return sorted(p.name for p in directory.glob("*.wav"))


def test_prompts_are_spoken_in_elderly_mode_only(start_kiosk, tmp_path):
    require_tool("espeak-ng")
    voice = tmp_path / "voice"
    kiosk = start_kiosk(f'speech.output="{voice}"')
    pilot = kiosk.pilot
    pilot.tap("tile_ticket")
    pilot.tap("home_button")
    time.sleep(1.0)
    assert spoken(voice, 1) == []  # 大字模式 off: silent
    pilot.tap("elderly_button")  # switching it on says where the citizen is
    assert spoken(voice, 1) == ["0001-zh_CN.wav"]
    pilot.tap("language_button")
    pilot.tap("tile_ticket")
    assert "0002-en.wav" in spoken(voice, 2)


def test_speech_can_be_switched_off_for_the_hall(start_kiosk, tmp_path):
    voice = tmp_path / "voice"
    kiosk = start_kiosk(f'speech.output="{voice}"', 'speech.mode="off"',
                        "kiosk.elderly_mode_default=true")
    kiosk.pilot.tap("tile_ticket")
    time.sleep(1.0)
    assert spoken(voice, 1) == []
