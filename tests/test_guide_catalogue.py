"""办事指南's core: the reference platform's catalogue indexed and shelved, an item's facts in
plain words (Chinese and English), and what its 一次性告知单 says (the UI test prints it on
the printer simulator)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.guide_catalogue import GuideLibrary, build_guide
from kiosk.guide_facts import (
    checklist_info,
    fee_lines,
    material_amounts,
    material_remarks,
    promised_limit,
    visits_words,
)
from kiosk.receipts import checklist_receipt
from tests.platform.conftest import start_platform


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    running = start_platform(tmp_path_factory.mktemp("guide") / "platform.sqlite")
    client = running.api()
    try:
        fetched, _etag = client.catalogue()
        yield fetched
    finally:
        client.close()
        running.server.stop()


@pytest.fixture(scope="module")
def guide(catalogue):
    return build_guide(catalogue)


def test_search_by_initials_with_a_wrong_letter_pinyin_and_characters(guide):
    assert {item.id for item in guide.search("bdcdk")} >= {"bdc-zydj", "bdc-scdj", "bdc-dydj"}
    assert guide.search("gongjijin")[0].id.startswith("gjj-")
    assert guide.search("户口")[0].id in {"hj-qy", "hj-bl", "hj-csdj", "hj-sw"}
    assert guide.search("fangchanzheng")[0].id == "bdc-scdj"   # a keyword, not the name
    assert guide.search("") == []


def test_shelves_by_theme_department_and_life_event(guide):
    themes = {s.key: s for s in guide.shelves("theme")}
    assert "bdc-zydj" in themes["bdc"].item_ids
    departments = guide.shelves("department")
    assert departments[0].title == "县公安局" or len(departments[0].item_ids) >= 4
    births = guide.shelf("event", "yjs-chusheng")
    assert births is not None and births.title_en == "Having a baby"
    assert [i.id for i in guide.items_of(births)][:2] == ["ws-csyx", "hj-csdj"]
    assert births.promised_days == 10


def test_the_library_builds_once_per_catalogue_version(catalogue):
    class Platform:
        def catalogue(self):
            return catalogue

    library = GuideLibrary()
    assert library.ready is None
    first = library.current(Platform())
    assert library.current(Platform()) is first and library.ready is first
    changed = catalogue.model_copy(update={"version": catalogue.version + "-new"})

    class Changed:
        def catalogue(self):
            return changed

    assert library.current(Changed()) is not first


def test_an_items_facts_in_plain_words(guide):
    item = guide.item("bdc-zydj")
    assert item is not None
    card = item.guide.materials[0]
    assert material_amounts(card, "zh_CN") == "原件 1 份，复印件 1 份（可用电子证照）"
    assert material_amounts(card, "en") == \
        "1 original(s), 1 photocopy(ies) (an electronic licence will do)"
    assert material_remarks(card, "zh_CN") == "来源：公安机关"
    assert fee_lines(item.guide, "zh_CN") == ["不动产登记费（住宅）：80 元"]
    assert fee_lines(guide.item("hj-csdj").guide, "en") == ["Free of charge"]
    assert promised_limit(guide.item("hj-csdj").guide, "zh_CN") == "即办：材料齐全当场办结"
    assert visits_words(guide.item("hj-sfz").guide, "en") == "At most 1 visit(s)"


def test_the_checklist_for_an_item(guide):
    item = guide.item("bdc-zydj")
    info = checklist_info(item, "保康县政务服务中心", datetime(2026, 11, 20, 9, 30))
    assert [m.name for m in info.materials] == [m.name for m in item.guide.materials]
    assert info.materials[0].note == "另交复印件 1 份，可用电子证照"
    assert info.guide_url == item.guide.online_url
    offline_only = checklist_info(guide.item("hj-sfz"), "保康县政务服务中心",
                                  datetime(2026, 11, 20, 9, 30))
    assert offline_only.guide_url == ""
    assert not any(type(b).__name__ == "QR"
                   for b in checklist_receipt(offline_only).blocks)
    texts = [getattr(b, "text", "") for b in checklist_receipt(info).blocks]
    assert item.name in texts and "申请材料（共 5 项）" in texts
