"""Schemas into forms, bundles merged, and prefill from the ID card."""

from __future__ import annotations

import pytest

from kiosk.forms import Address, Form, FormMismatch, region_tree
from kiosk.forms.prefill import split_address
from kiosk.platform.contract import FormSchema
from tests.forms.helpers import BUNDLE_MODELS, SCHEMAS, card, form


def test_a_schema_becomes_sections_of_fields_with_their_keyboards():
    logging = form("f-logging")
    assert logging.key == "f-logging@1" and logging.item_id == "ly-cfxk"
    assert [s.title_zh for s in logging.sections] == ["申请人信息", "采伐信息", "确认"]
    keyboards = {spec.name: spec.keyboard for spec in logging.fields()}
    assert keyboards["name"] == "pinyin" and keyboards["id_number"] == "id_number"
    assert keyboards["phone"] == "phone" and keyboards["birth_date"] == "date"
    assert keyboards["address"] == "region" and keyboards["species"] == "choice"
    assert keyboards["volume_m3"] == "decimal" and keyboards["signature"] == "signature"
    assert keyboards["consent"] == "consent"
    assert form("f-homestead").field("floors").keyboard == "numeric"
    assert logging.field("name").personal and not logging.field("species").personal
    assert logging.field("species").label("en") == "Species"
    with pytest.raises(KeyError, match="no field"):
        logging.field("nothing")


def test_a_bundle_without_its_own_form_asks_each_shared_field_once():
    bundle = BUNDLE_MODELS["yjs-jiuye"]  # 就业一件事: employment card and pension
    merged = Form.for_bundle(bundle, [SCHEMAS["f-employment"], SCHEMAS["f-pension"]])
    names = [spec.name for spec in merged.fields()]
    assert len(names) == len(set(names))
    assert names.count("name") == 1 and "status" in names and "grade" in names
    assert merged.key == "bundle:yjs-jiuye" and merged.bundle_id == "yjs-jiuye"
    assert len(merged.field("id_number").definitions) == 2  # both forms ask it
    assert [s.title_zh for s in merged.sections] == ["申请人信息", "就业情况", "确认", "缴费"]
    assert [s.item_id for s in merged.sections] == ["jy-djz", "jy-djz", "jy-djz", "sb-yljj"]
    assert [slot.kind for slot in merged.attachments] == ["id_card"]
    assert [s.schema.id for s in merged.sources] == ["f-employment", "f-pension"]


def test_a_shared_field_must_satisfy_every_form_that_asks_it():
    strict = SCHEMAS["f-employment"].model_copy(deep=True)
    employer = strict.sections[1].fields[1]
    relaxed = FormSchema.model_validate({
        "id": "f-other", "version": 1, "title": "其他", "item_id": "x",
        "sections": [{"title_zh": "单位", "fields": [
            {**employer.model_dump(), "required": True,
             "rules": {"max_length": 10}}]}]})
    merged = Form.for_bundle(BUNDLE_MODELS["yjs-jiuye"], [strict, relaxed])
    spec = merged.field("employer")
    assert spec.required  # optional in one form, required in the other
    assert spec.check("保康县城关镇农业服务中心有限公司", today=None).code == "too_long"


def test_forms_asking_one_name_for_different_things_are_refused():
    clash = FormSchema.model_validate({
        "id": "f-clash", "version": 1, "title": "冲突", "item_id": "x",
        "sections": [{"title_zh": "冲突", "fields": [
            {"name": "phone", "label_zh": "电话", "type": "text"}]}]})
    with pytest.raises(FormMismatch, match="phone"):
        Form.for_bundle(BUNDLE_MODELS["yjs-jiuye"], [SCHEMAS["f-employment"], clash])
    with pytest.raises(FormMismatch):
        Form.for_bundle(BUNDLE_MODELS["yjs-jiuye"], [])


def test_a_bundles_own_form_is_used_as_the_platform_wrote_it():
    birth = Form.from_schema(SCHEMAS["f-bundle-birth"])
    assert birth.bundle_id == "yjs-chusheng" and birth.key == "f-bundle-birth@1"
    assert [s.item_id for s in birth.sections][1:4] == ["hj-csdj", "yb-jmcb", "sb-sbk"]


def test_prefill_from_the_id_card_by_the_schema():
    from kiosk.forms.prefill import prefill

    values = {"phone": "13871234567", "name": "王建军"}
    filled = prefill(form("f-logging"), card("resident"), values)
    assert sorted(filled) == ["address", "birth_date", "id_number", "nation", "sex"]
    assert values["name"] == "王建军"  # what the citizen typed is kept
    assert values["sex"] == "male" and values["nation"] == "汉族"
    assert values["birth_date"] == "1985-06-15"
    assert values["id_number"] == card("resident").id_number
    address = values["address"]
    assert isinstance(address, Address)
    assert (address.region_code, address.region_text, address.detail) == (
        "420626100", "湖北省襄阳市保康县城关镇", "光千路18号")


def test_prefill_uses_the_appended_address_and_other_nations():
    from kiosk.forms.prefill import prefill

    values: dict = {}
    prefill(form("f-pension"), card("elderly"), values)
    assert values["address"].region_text == "湖北省襄阳市保康县城关镇"
    assert values["address"].detail == "清溪路8号" and values["nation"] == "回族"
    values = {}
    prefill(form("f-pension"), card("rare_name"), values)
    assert values["name"] == "龚䶮" and values["nation"] == "土家族"
    assert values["address"].region_text == "湖北省恩施土家族苗族自治州利川市都亭街道"


@pytest.mark.parametrize(("text", "region", "detail"), [
    ("湖北省保康县城关镇光明路8号", "420626100", "光明路8号"),       # no city
    ("湖北保康马桥镇尧治河村2组", "420626107", "尧治河村2组"),       # short names
    ("北京市东城区东华门街道南池子大街1号", "110101001", "南池子大街1号"),
    ("湖北省襄阳市保康县某某村", "420626", "某某村"),               # no township
    ("光千路18号", "", "光千路18号"),                              # no region at all
])
def test_addresses_split_into_region_and_the_rest(text, region, detail):
    address = split_address(text, region_tree())
    assert (address.region_code, address.detail) == (region, detail)
    assert address.text().endswith(detail)
