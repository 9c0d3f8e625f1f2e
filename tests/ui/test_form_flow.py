"""填单 end to end: an item's form prefilled from the simulated ID card, filled on the kiosk's
keys, pickers and signature pad, submitted to the reference platform on loopback, and the 受理回执
from the simulated printer; a validation message that keeps the citizen on the field; the
draft kept while walking back and forth and wiped by the idle timeout; an offline submission
with its local reference."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.camera.synth.photo import document_photo
from drivers.idreader.deck import DECK
from drivers.idreader.simctl import SimControl
from kiosk.masking import mask_name
from tests.platform.conftest import start_platform
from tests.platform.faultproxy import FaultProxy
from tests.ui.flows import county_overrides, receipts, wait_for, wait_screen, wait_text
from tests.ui.test_qr_flows import HeldUp

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


def open_item(pilot, key: str = ITEM) -> None:
    pilot.tap("tile_form")
    wait_screen(pilot, "form")
    wait_for(pilot, lambda _s: any((b["id"] or "").startswith("form_") for b in pilot.buttons()),
             "the list of forms")
    for _ in range(12):  # a page at a time, to the one wanted
        if shown(pilot, f"form_{key}"):
            break
        pilot.tap("forms_next")
    pilot.tap(f"form_{key}")
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


NUMBERS = {"采伐蓄积": "12", "占地面积": "80"}  # else 2: inside every demo form's range


def shown(pilot, widget: str) -> bool:
    return bool(pilot.find(widget).get("shown"))


def fill_field(pilot, name: str) -> None:
    """Whatever the field on screen needs, through the input it shows."""
    if name == "联系电话":
        type_keys(pilot, PHONE)
    elif shown(pilot, "region_up"):                      # an address: the region picker
        for code in ("42", "4206", "420626", "420626100"):
            pilot.tap(f"region_{code}")
        type_keys(pilot, "cun")
        pilot.tap("candidate_0")
    elif shown(pilot, "consent_box"):
        if not pilot.find("field_value")["text"]:
            pilot.tap("consent_box")
    elif shown(pilot, "signature_pad"):
        sign(pilot)
    elif pilot.find("field_value")["text"]:
        return                                           # filled already (the card, a date)
    elif any((b["id"] or "").startswith("choice_") for b in pilot.buttons()):
        pilot.tap(next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("choice_")))
    elif shown(pilot, "key_q"):                          # text: pinyin and a candidate
        type_keys(pilot, "cun")
        pilot.tap("candidate_0")
    else:                                                # a number on the pad
        type_keys(pilot, next((v for k, v in NUMBERS.items() if name.startswith(k)), "2"))


def fill_the_rest(pilot) -> None:
    """From the field on screen to the materials step."""
    for _ in range(40):
        name = title(pilot)
        fill_field(pilot, name)
        pilot.tap("field_next")
        if shown(pilot, "materials_next"):
            return
        assert pilot.find("field_problem")["text"] == "", \
            f"{name}: {pilot.find('field_problem')['text']}"
    raise AssertionError("the form never ended")


def scan(pilot, kind: str) -> None:
    """The material photographed by the simulated camera (a page on a desk), one page."""
    pilot.tap(f"scan_{kind}")
    wait_for(pilot, lambda _s: pilot.find("scan_done").get("shown")
             and not pilot.find("scan_done").get("disabled"), "a page scanned and kept", 90)
    pilot.tap("scan_done")
    wait_text(pilot, "已拍1页")


def materials_and_submit(pilot) -> list[str]:
    """The ID card photographed by the camera simulator, the other materials on paper."""
    scan(pilot, "id_card")
    for button in [b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("paper_")]:
        if button != "paper_id_card":
            pilot.tap(button)
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


class Camera(HeldUp):
    """The kiosk's `file://` camera: an empty desk, a document laid under it, a phone's QR."""

    def document(self) -> None:
        self.seed += 1
        photo = document_photo(self.seed, width=960, height=540, kind="id_card",
                               backdrop="wood", area=0.3, max_tilt_deg=8, blur=0, glare=False,
                               finger=False, shadow=False, exposure=1.0, cut_off=False)
        self._write(photo.image)


@pytest.fixture
def proxied_kiosk(start_kiosk, county, tmp_path):
    """A kiosk whose link to the county runs through a proxy the test can cut."""
    link = FaultProxy((county.server.host, county.server.port))
    camera = Camera(tmp_path)
    with tempfile.TemporaryDirectory(prefix="kiosk-idr-") as scratch:
        control_path = Path(scratch) / "ctl.sock"
        overrides = [o if not o.startswith("platform.url=") else f'platform.url="{link.url}"'
                     for o in county_overrides(county)]
        kiosk = start_kiosk(*overrides, f'devices.id_reader="sim://?control={control_path}"',
                            f'devices.camera="{camera.url}"')
        reader = SimControl.wait_for(control_path)
        wait_text(kiosk.pilot, "政务平台 已连接")
        yield kiosk, reader, link, camera
    link.close()


def test_the_draft_survives_walking_and_goes_when_idle_then_offline_submission(
        proxied_kiosk, county, state_dir):
    """The draft kept while walking, wiped by the idle timeout; then the link goes down: the
    application and its scan wait in the outbox, the 受理回执 gives the local reference; the
    link comes back, the platform files the application under it, and 办件查询 by the
    receipt's QR finds it."""
    kiosk, reader, link, camera = proxied_kiosk
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

    link.down = True                                     # the county link goes down
    reader.remove()
    reader.wait_for_polls()
    place_card(pilot, reader)
    open_item(pilot)
    fill_the_rest(pilot)
    camera.document()
    texts = materials_and_submit(pilot)
    assert any("连网后自动提交" in t for t in texts)
    reference = pilot.find("reference")["text"]
    assert reference.startswith("BK-TEST-001-")  # the local reference
    lines = "\n".join(receipts(state_dir, at_least=1)[-1]["lines"])
    assert reference in lines and "连网后自动提交" in lines.replace("\n", "")
    assert f"[qr {reference}]" in lines
    assert filed_under(county, reference) is None

    link.down = False                                    # back: the outbox drains
    number = wait_until_filed(county, reference)
    pilot.tap("done_home")
    camera.code(reference)                               # the receipt held up at 办件查询
    pilot.tap("tile_progress")
    pilot.tap("way_qr")
    wait_text(pilot, number, timeout=60)


def filed_under(county, reference: str) -> str | None:
    rows = county.server.store.transaction(lambda conn: conn.exec_driver_sql(
        "SELECT number, attachment_ids FROM applications WHERE local_reference = ?",
        (reference,)).fetchall())
    if not rows:
        return None
    assert rows[0][1], "the scanned page came with it"
    return str(rows[0][0])


def wait_until_filed(county, reference: str, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    while (number := filed_under(county, reference)) is None:
        assert time.monotonic() < deadline, "the queued application never arrived"
        time.sleep(0.2)
    return number


def from_guide(pilot, key: str, typed: str) -> None:
    """办事指南: the item found by its initials, its page, then 在本机填单."""
    pilot.tap("tile_guide")
    pilot.wait_idle()
    type_keys(pilot, typed)
    wait_for(pilot, lambda _s: shown(pilot, f"result_{key}"), "the item in the results")
    pilot.tap(f"result_{key}")
    wait_screen(pilot, "guide_item")
    pilot.tap("item_apply")
    wait_screen(pilot, "form")
    wait_text(pilot, "姓名")


def test_two_more_items_and_a_bundle_from_the_guide_and_the_list(form_kiosk, county,
                                                                  state_dir):
    """宅基地 from its 办事指南 page (在本机填单), 个体工商户 and the 开店一件事 bundle from the
    form list: each prefilled from the card, one material scanned, submitted, acknowledged."""
    kiosk, reader = form_kiosk
    pilot = kiosk.pilot
    numbers = []
    for key in ("zj-zjd", "qy-gtsl", "yjs-kaidian"):
        place_card(pilot, reader)
        if key == "zj-zjd":
            from_guide(pilot, key, "zjd")
        else:
            open_item(pilot, key)
        fill_the_rest(pilot)
        materials_and_submit(pilot)
        numbers.append(pilot.find("reference")["text"])
        pilot.tap("done_home")
        wait_screen(pilot, "home")
        reader.remove()
        reader.wait_for_polls()
    assert all(n.startswith("BK") for n in numbers) and len(set(numbers)) == 3
    texts = ["".join(r["lines"]) for r in receipts(state_dir, at_least=3)[-3:]]
    assert all(n in t for n, t in zip(numbers, texts, strict=True))
    assert "开店子一件事" in texts[2]
    rows = county.server.store.transaction(lambda conn: conn.exec_driver_sql(
        "SELECT number, item_id, bundle_id, attachment_ids FROM applications "
        "WHERE kiosk_id = 'BK-TEST-001'").fetchall())
    assert {r[0] for r in rows} == set(numbers)
    assert {(r[1], r[2]) for r in rows} >= {("zj-zjd", None), ("qy-gtsl", None)}
    assert all(r[3] for r in rows)  # each with its scanned page


def test_the_form_in_english_and_in_large_type(start_kiosk, shots):
    """English and 大字模式 on 填单: the list, the ID step with its pad, a field's words."""
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    pilot.tap("language_button")
    pilot.tap("elderly_button")
    open_item_without_card(pilot)
    texts = pilot.texts()
    assert "Place your ID card" in texts
    assert not any("请放身份证" in t for t in texts)
    px_per_mm = pilot.state()["theme"]["px_per_mm"]
    for key in ("key_1", "key_X", "key_backspace"):
        found = pilot.find(key)
        assert min(found["w"], found["h"]) >= 15 * px_per_mm, key
    shots(kiosk, "form-identify-en-elderly")
    type_keys(pilot, "11010519491231002")
    type_keys(pilot, "9")                                # a wrong check digit
    pilot.tap("use_id")
    assert pilot.find("message")["text"] and "校验码" not in pilot.find("message")["text"]


def open_item_without_card(pilot) -> None:
    pilot.tap("tile_form")
    wait_screen(pilot, "form")
    wait_for(pilot, lambda _s: any((b["id"] or "").startswith("form_") for b in pilot.buttons()),
             "the list of forms")
    for _ in range(12):
        if shown(pilot, f"form_{ITEM}"):
            break
        pilot.tap("forms_next")
    pilot.tap(f"form_{ITEM}")
    wait_for(pilot, lambda _s: shown(pilot, "use_id"), "the ID number step")
