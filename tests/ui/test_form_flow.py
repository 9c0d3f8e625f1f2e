"""填单 end to end: an item's form prefilled from the simulated ID card, filled on the kiosk's
keys, pickers and signature pad, submitted to the reference platform on loopback, and the 受理回执
from the simulated printer; a validation message that keeps the citizen on the field; the
draft kept while walking back and forth and wiped by the idle timeout; an offline submission
with its local reference."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idreader.deck import DECK
from drivers.idreader.simctl import SimControl
from kiosk.masking import mask_name
from tests.platform.conftest import start_platform
from tests.ui.flows import county_overrides, receipts, wait_for, wait_screen, wait_text

pytestmark = pytest.mark.ui

ITEM = "ly-cfxk"  # 林木采伐许可证: text, choices, a number, a date, an address, consent, signature
PHONE = "13907101234"


@pytest.fixture
def county(tmp_path) -> Iterator[object]:
    platform = start_platform(tmp_path / "county.sqlite")
    yield platform
    platform.server.stop()


@pytest.fixture
def form_kiosk(start_kiosk, county):
    with tempfile.TemporaryDirectory(prefix="kiosk-idr-") as scratch:
        control_path = Path(scratch) / "ctl.sock"
        kiosk = start_kiosk(*county_overrides(county),
                            f'devices.id_reader="sim://?control={control_path}"')
        reader = SimControl.wait_for(control_path)
        wait_text(kiosk.pilot, "政务平台 已连接")
        yield kiosk, reader


def place_card(pilot, reader) -> None:
    reader.insert("resident")
    wait_for(pilot, lambda s: "CardGreeting" in s["overlays"], "the greeting")
    pilot.tap("greeting_ok")


def open_item(pilot) -> None:
    pilot.tap("tile_form")
    wait_screen(pilot, "form")
    wait_for(pilot, lambda _s: pilot.find(f"form_{ITEM}").get("shown"), "the list of forms")
    pilot.tap(f"form_{ITEM}")
    wait_text(pilot, "姓名")


def title(pilot) -> str:
    return str(pilot.find("field_title")["text"])


def type_keys(pilot, keys: str) -> None:
    for key in keys:
        pilot.tap(f"key_{key}")


def sign(pilot) -> None:
    pad = pilot.find("signature_pad")
    x, y, w, h = pad["x"], pad["y"], pad["w"], pad["h"]
    pilot.gesture([[[x + w * (0.2 + i * 0.05), y + h * (0.3 + (i % 3) * 0.15)]
                    for i in range(12)]])


def fill_the_rest(pilot) -> None:
    """From the field on screen to the materials step."""
    for _ in range(30):
        name = title(pilot)
        if name == "联系电话":
            type_keys(pilot, PHONE)
        elif name.startswith("林木所在地"):
            for code in ("42", "4206", "420626", "420626100"):
                pilot.tap(f"region_{code}")
            type_keys(pilot, "cun")
            pilot.tap("candidate_0")
        elif name == "树种":
            pilot.tap("choice_pine")
        elif name == "采伐方式":
            pilot.tap("choice_selective")
        elif name.startswith("采伐蓄积"):
            type_keys(pilot, "12")
        elif "承诺" in name:
            pilot.tap("consent_box")
        elif name == "申请人签名":
            sign(pilot)
        pilot.tap("field_next")
        assert pilot.find("field_problem")["text"] == "" or pilot.state()["screen"] != "form", \
            f"{name}: {pilot.find('field_problem')['text']}"
        if pilot.find("materials_next").get("shown"):
            return
    raise AssertionError("the form never ended")


def scan(pilot, kind: str) -> None:
    """The material photographed by the simulated camera (a page on a desk), one page."""
    pilot.tap(f"scan_{kind}")
    wait_for(pilot, lambda _s: pilot.find("scan_done").get("shown")
             and not pilot.find("scan_done").get("disabled"), "a page scanned and kept", 90)
    pilot.tap("scan_done")
    wait_text(pilot, "已拍1页")


def materials_and_submit(pilot) -> list[str]:
    scan(pilot, "id_card")
    pilot.tap("paper_forest_right")
    pilot.tap("materials_next")
    wait_text(pilot, "请核对后提交")
    review = pilot.find("review")["text"]
    card = DECK["resident"].card
    assert mask_name(card.name) in review and card.name not in review
    assert card.id_number not in review and PHONE not in review
    pilot.tap("submit")
    wait_for(pilot, lambda _s: pilot.find("reference").get("shown"), "the 受理回执 step", 60)
    return pilot.texts()


def test_an_item_prefilled_from_the_card_is_submitted_and_acknowledged(form_kiosk, state_dir,
                                                                       shots):
    kiosk, reader = form_kiosk
    pilot = kiosk.pilot
    place_card(pilot, reader)
    open_item(pilot)
    assert pilot.find("field_value")["text"].startswith(mask_name(DECK["resident"].card.name))
    while title(pilot) != "联系电话":                    # the card filled everything before it
        pilot.tap("field_next")
        assert pilot.find("field_problem")["text"] == ""
    pilot.tap("field_next")                              # empty: said, and not let through
    assert pilot.find("field_problem")["text"] == "请填写这一项"
    assert title(pilot) == "联系电话"
    type_keys(pilot, "2")
    pilot.tap("field_next")                              # leaving the field: checked in full
    assert "1开头的11位数字" in pilot.find("field_problem")["text"]
    assert title(pilot) == "联系电话"
    shots(kiosk, "form-phone-problem")
    pilot.tap("key_backspace")
    fill_the_rest(pilot)
    materials_and_submit(pilot)
    number = pilot.find("reference")["text"]
    assert number.startswith("BK")
    shots(kiosk, "form-done")
    lines = receipts(state_dir, at_least=1)[-1]["lines"]
    text = "\n".join(lines)
    assert "受理回执" in text and number in text
    assert mask_name(DECK["resident"].card.name) in text
    assert DECK["resident"].card.name not in text
    pilot.tap("evaluate")
    wait_screen(pilot, "evaluation")
    assert pilot.find("grade_very_satisfied")["shown"]


def test_the_draft_survives_walking_and_goes_when_idle_then_offline_submission(
        form_kiosk, county, state_dir):
    kiosk, reader = form_kiosk
    pilot = kiosk.pilot
    place_card(pilot, reader)
    open_item(pilot)
    while title(pilot) != "联系电话":
        pilot.tap("field_next")
    type_keys(pilot, PHONE)
    pilot.tap("field_next")
    pilot.tap("field_back")
    assert pilot.find("field_value")["text"] == PHONE   # the draft kept it
    pilot.advance(61)                                    # the citizen walked away
    state = pilot.state()
    assert state["screen"] == "home" and state["session"]["active"] is False
    assert PHONE not in " ".join(pilot.texts())

    county.server.stop()                                 # the county link goes down
    reader.remove()
    reader.wait_for_polls()
    place_card(pilot, reader)
    open_item(pilot)
    fill_the_rest(pilot)
    texts = materials_and_submit(pilot)
    assert any("连网后自动提交" in t for t in texts)
    reference = pilot.find("reference")["text"]
    assert reference.startswith("BK-TEST-001-")  # the local reference
    lines = "\n".join(receipts(state_dir, at_least=1)[-1]["lines"])
    assert reference in lines and "连网后自动提交" in lines.replace("\n", "")
