"""Every message a citizen can see beside a field, in Chinese and in English."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from drivers.idreader.gb11643 import check_digit
from kiosk.forms import MESSAGES, Address, check
from kiosk.forms.messages import Problem
from kiosk.i18n import translate
from kiosk.platform.contract import FieldType, FormField
from tests.forms.helpers import TODAY, signature

VALID_ID = "42062619850615001" + check_digit("42062619850615001")


def field(kind: str, **rules: Any) -> FormField:
    required = rules.pop("required", True)
    help_zh = rules.pop("help_zh", "")
    return FormField(name="f", label_zh="测试", type=FieldType(kind), required=required,
                     help_zh=help_zh, rules=rules)


CASES = [
    # (message key, field, value, typing)
    ("required", field("text"), "", False),
    ("required", field("text"), "   ", False),
    ("required_choice", field("choice", choices=[{"value": "a", "label_zh": "甲"}]), None,
     False),
    ("required_signature", field("signature"), None, False),
    ("consent", field("consent"), False, False),
    ("too_short", field("text", min_length=2), "张", False),
    ("too_long", field("text", max_length=3), "一二三四", True),
    ("pattern", field("text", pattern="^[0-9]{16,19}$"), "12ab", False),
    ("pattern_hint", field("text", pattern="^[A-Z][0-9]{9}$",
                           help_zh="一个大写字母加九位数字，如 Q420123456"), "Q42", False),
    ("id_chars", field("id_number"), "42062619A", True),
    ("id_length", field("id_number"), "4206261985", False),
    ("phone_chars", field("phone"), "138abc", True),
    ("phone", field("phone"), "12345678901", False),
    ("phone", field("phone"), "1387123456789", True),
    ("number", field("number"), "十二", False),
    ("integer", field("number", decimals=0), "2.5", True),
    ("decimals", field("number", decimals=1), "2.55", False),
    ("minimum", field("number", minimum=10), "9", False),
    ("maximum", field("number", maximum=140), "141", True),
    ("date_format", field("date"), "2026/11/22", False),
    ("date_format", field("date"), "2026-02-30", False),
    ("date_min", field("date", min_date="today"), "2026-11-21", False),
    ("date_max", field("date", max_date="today"), "2026-11-23", False),
    ("choice", field("choice", choices=[{"value": "a", "label_zh": "甲"}]), "b", False),
    ("region", field("address", region_required=True), Address(detail="光千路18号"), False),
    ("address_detail", field("address"), Address("420626", "湖北省襄阳市保康县", ""), False),
    ("signature_short", field("signature"), signature(points=3), False),
]


@pytest.mark.parametrize(("key", "form_field", "value", "typing"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_message_in_chinese_and_english(key, form_field, value, typing):
    found = check(form_field, value, TODAY, typing=typing)
    assert isinstance(found, Problem)
    template = MESSAGES[key]
    params = found.params
    assert found.message_zh == template.format(**params)
    assert found.message_en == translate("en", template).format(**params)
    assert found.text("en") == found.message_en and found.text() == found.message_zh


def test_every_message_is_covered_and_translated():
    covered = {c[0] for c in CASES}
    assert covered == set(MESSAGES)
    for template in MESSAGES.values():
        assert translate("en", template) != template


def test_messages_carry_the_values_a_citizen_needs():
    assert check(field("text", max_length=30), "x" * 31, TODAY).message_zh == "最多30个字"
    assert check(field("number", minimum=0.1), "0", TODAY).message_zh == "不能小于0.1"
    low = check(field("date", min_date="today-1y"), "2020-01-01", TODAY)
    assert low.message_zh == "日期不能早于2025-11-22"
    assert low.message_en == "The date cannot be before 2025-11-22"
    hint = check(field("text", pattern="^[A-Z][0-9]{9}$", help_zh="如 Q420123456"), "1", TODAY)
    assert hint.message_zh == "格式不对，例如：Q420123456"


@pytest.mark.parametrize(("number", "words"), [
    (VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1"), "校验码与前17位不符"),
    ("420626198513150019", "号码中的出生日期不是有效日期"),
    ("990626198506150015", "不是省级行政区代码"),
])
def test_id_numbers_are_checked_by_the_card_reader_driver(number, words):
    number = number[:17] + check_digit(number[:17]) if words != "校验码与前17位不符" else number
    found = check(field("id_number"), number, TODAY)
    assert found.code == "check_digit" and words in found.message_zh and found.message_en


def test_valid_values_pass():
    assert check(field("id_number"), VALID_ID.lower(), TODAY) is None  # x or X, spaces
    assert check(field("id_number"), f" {VALID_ID[:6]} {VALID_ID[6:]} ", TODAY) is None
    assert check(field("phone"), "13871234567", TODAY) is None
    assert check(field("phone"), "0710-5812345", TODAY) is None
    assert check(field("number", minimum=1, maximum=10, decimals=0), "10", TODAY) is None
    assert check(field("date", max_date="today"), date(2026, 11, 22), TODAY) is None
    assert check(field("address", region_required=True),
                 Address(detail="湖北省保康县城关镇清溪路1号"), TODAY) is None
    assert check(field("consent"), True, TODAY) is None
    assert check(field("signature"), signature(), TODAY) is None
    multiple = field("choice", multiple=True, choices=[{"value": "a", "label_zh": "甲"},
                                                        {"value": "b", "label_zh": "乙"}])
    assert check(multiple, ["a", "b"], TODAY) is None
    assert check(field("text", required=False), "", TODAY) is None


def test_while_typing_only_what_can_never_be_right_is_said():
    assert check(field("id_number"), "4206261985", TODAY, typing=True) is None
    assert check(field("phone"), "1387", TODAY, typing=True) is None
    assert check(field("number", minimum=10), "1", TODAY, typing=True) is None
    assert check(field("text"), "", TODAY, typing=True) is None
    assert check(field("text", min_length=2), "张", TODAY, typing=True) is None
    assert check(field("id_number"), "4206261985", TODAY).code == "pattern"


def test_id_and_phone_fields_also_keep_the_schemas_own_rules():
    mobile_only = field("phone", pattern="^1[0-9]{10}$")
    assert check(mobile_only, "0710-5812345", TODAY).code == "pattern"
    assert check(mobile_only, "13871234567", TODAY) is None


def test_a_2023_permanent_residence_card_number_is_checked_as_one():
    first17 = "94203619850615001"  # 9, province 42, nationality 036, birth date, sequence
    assert check(field("id_number"), first17 + check_digit(first17), TODAY) is None
    wrong = check(field("id_number"), "9" + "0" * 16 + "0", TODAY)
    assert wrong.code == "check_digit"
