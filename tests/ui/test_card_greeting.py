"""A card placed on the reader at the home screen: a masked greeting, the card in the session,
and everything gone with the idle wipe. The kiosk runs its real `sim://` reader: the simulator
program on a pty, steered here through its control socket."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from drivers.idreader.deck import DECK
from drivers.idreader.simctl import SimControl
from tests.ui.conftest import mean_brightness
from tests.ui.flows import wait_for

pytestmark = pytest.mark.ui


@pytest.fixture
def reader_kiosk(start_kiosk):
    """A kiosk whose simulated reader's control socket is at a known (short) path."""
    with tempfile.TemporaryDirectory(prefix="kiosk-idr-") as scratch:
        control_path = Path(scratch) / "ctl.sock"

        def start(*overrides: str):
            kiosk = start_kiosk(f'devices.id_reader="sim://?control={control_path}"', *overrides)
            control = SimControl.wait_for(control_path)
            return kiosk, control

        yield start



def unmasked_parts(key: str) -> list[str]:
    card = DECK[key].card
    return [card.name, card.id_number, card.id_number[3:14], card.address,
            card.birth_date.isoformat()]


def test_a_card_on_the_home_screen_is_greeted_masked_and_wiped_when_idle(reader_kiosk, shots,
                                                                         state_dir):
    kiosk, reader = reader_kiosk()
    pilot = kiosk.pilot
    wait_for(pilot, lambda s: True, "the kiosk")
    calm = shots(kiosk, "home")
    reader.insert("resident")
    state = wait_for(pilot, lambda s: "CardGreeting" in s["overlays"], "the greeting")
    assert state["screen"] == "home"
    assert state["session"]["keys"] == ["identity_card"]
    texts = pilot.texts()
    assert "您好，王**" in texts
    assert "证件号码：420***********0016" in texts
    assert "已读取您的居民身份证" in texts
    shown = " ".join(texts)
    for secret in unmasked_parts("resident"):
        assert secret not in shown
    greeting = shots(kiosk, "greeting")
    assert mean_brightness(greeting) < mean_brightness(calm)  # the home screen is dimmed

    pilot.tap("greeting_ok")
    state = pilot.state()
    assert state["overlays"] == [] and state["session"]["active"]
    assert state["idle"]["phase"] == "active"  # the card's session times out like any other
    pilot.advance(61)
    state = pilot.state()
    assert state["session"]["active"] is False
    assert state["sessions_ended"] == {"idle": 1}
    assert not any("王**" in text for text in pilot.texts())
    logs = (kiosk.workdir / "kiosk.stderr").read_text(encoding="utf-8")
    logs += (state_dir / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert "ID card read" in logs
    for secret in [*unmasked_parts("resident"), "王**", "420***********0016"]:
        assert secret not in logs  # not even masked: the log has no business with the card


def test_elderly_mode_english_expired_card_and_not_me(reader_kiosk, shots):
    kiosk, reader = reader_kiosk()
    pilot = kiosk.pilot
    pilot.tap("elderly_button")
    pilot.tap("language_button")
    reader.insert("expired")
    wait_for(pilot, lambda s: "CardGreeting" in s["overlays"], "the greeting")
    texts = pilot.texts()
    assert "Hello, 陈**" in texts
    assert "Your resident ID card has been read" in texts
    assert any(text.startswith("Your card expired on 2018-05-06") for text in texts)
    title = pilot.find("greeting_title")
    assert title["font_size"] >= pilot.state()["theme"]["font_body"]
    for button in ("greeting_ok", "greeting_clear"):
        found = pilot.find(button)
        assert found["shown"] and found["h"] >= pilot.state()["theme"]["touch_min"]
    shots(kiosk, "greeting-elderly-en")
    pilot.tap("greeting_clear")
    state = pilot.state()
    assert state["overlays"] == [] and state["session"]["active"] is False
    assert state["sessions_ended"] == {"card_cleared": 1}


def test_a_second_citizens_card_replaces_the_first_and_a_bad_read_says_so(reader_kiosk):
    kiosk, reader = reader_kiosk()
    pilot = kiosk.pilot
    reader.insert("elderly")
    wait_for(pilot, lambda s: "CardGreeting" in s["overlays"], "the first greeting")
    first = pilot.state()["session"]["id"]
    reader.remove()
    reader.wait_for_polls()  # a hand takes a moment to swap cards
    reader.insert("hmt_tw")
    state = wait_for(pilot, lambda s: s["session"]["id"] not in (None, first), "a new session")
    assert state["sessions_ended"] == {"new_card": 1}
    wait_for(pilot, lambda s: "林**" in " ".join(pilot.texts()), "the second greeting")
    assert not any("赵" in text for text in pilot.texts())
    pilot.tap("greeting_ok")

    reader.remove()
    reader.wait_for_polls()
    reader.force_status(0x41, count=10, command="30 01")  # the card cannot be read
    reader.insert("resident")
    wait_for(pilot, lambda s: "未能读取证件" in pilot.texts(), "the read failure")
    assert not pilot.find("greeting_clear").get("shown")  # nothing was read: nothing to clear
    assert pilot.state()["session"]["keys"] == ["identity_card"]  # still the second citizen's
    pilot.tap("greeting_ok")
