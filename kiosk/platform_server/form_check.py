"""Checking a submitted form against its schema, field by field, with a reason per field.

Value shapes: text, id_number, phone and signature are strings; number is a number or a
numeric string; date is "YYYY-MM-DD"; choice is a value (a list of values when `multiple`);
consent is true; address is a string or {"region": …, "detail": …}.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from drivers.idreader.gb11643 import check_digit
from kiosk.platform.contract import FieldProblem, FieldType, FormField, FormSchema
from kiosk.platform.contract.catalogue import date_bound

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")
REGION = re.compile(r"[省市县区州盟旗镇乡]")


def id_number_ok(value: str) -> bool:
    """GB 11643: 17 digits, then the check character."""
    if not re.fullmatch(r"[0-9]{17}[0-9Xx]", value):
        return False
    return check_digit(value[:17]) == value[17].upper()



def _problem(field: FormField, code: str, zh: str, en: str) -> FieldProblem:
    return FieldProblem(field=field.name, code=code, message_zh=f"{field.label_zh}：{zh}",
                        message_en=f"{field.label_en or field.name}: {en}")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def check_field(field: FormField, value: Any, today: date) -> FieldProblem | None:
    rules, kind = field.rules, field.type
    if _empty(value):
        if field.required:
            return _problem(field, "required", "必须填写", "required")
        return None
    if kind in (FieldType.TEXT, FieldType.SIGNATURE, FieldType.ID_NUMBER, FieldType.PHONE):
        if not isinstance(value, str):
            return _problem(field, "type", "应为文字", "must be text")
        if rules.min_length is not None and len(value) < rules.min_length:
            return _problem(field, "too_short", f"至少{rules.min_length}个字", "too short")
        if rules.max_length is not None and len(value) > rules.max_length:
            return _problem(field, "too_long", f"最多{rules.max_length}个字", "too long")
        if rules.pattern and not re.fullmatch(rules.pattern, value):
            return _problem(field, "pattern", "格式不对", "wrong format")
        if kind == FieldType.ID_NUMBER and not id_number_ok(value):
            return _problem(field, "check_digit", "身份证号码有误", "not a valid ID number")
        if kind == FieldType.PHONE and not (MOBILE.match(value) or LANDLINE.match(value)):
            return _problem(field, "phone", "电话号码有误", "not a valid phone number")
    elif kind == FieldType.NUMBER:
        try:
            number = Decimal(str(value))
            if isinstance(value, bool) or not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            return _problem(field, "type", "应为数字", "must be a number")
        if rules.minimum is not None and number < rules.minimum:
            return _problem(field, "range", f"不能小于{rules.minimum}", f"below {rules.minimum}")
        if rules.maximum is not None and number > rules.maximum:
            return _problem(field, "range", f"不能大于{rules.maximum}", f"above {rules.maximum}")
        exponent = number.as_tuple().exponent
        if rules.decimals is not None and isinstance(exponent, int) and -exponent > rules.decimals:
            return _problem(field, "decimals", f"最多{rules.decimals}位小数", "too many decimals")
    elif kind == FieldType.DATE:
        try:
            when = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            when = None
        if when is None:
            return _problem(field, "type", "日期格式应为年-月-日", "must be YYYY-MM-DD")
        low, high = date_bound(rules.min_date, today), date_bound(rules.max_date, today)
        if (low and when < low) or (high and when > high):
            return _problem(field, "range", "日期超出范围", "date out of range")
    elif kind == FieldType.CHOICE:
        allowed = {c.value for c in rules.choices}
        values = value if rules.multiple and isinstance(value, list) else [value]
        if not all(isinstance(v, str) and v in allowed for v in values):
            return _problem(field, "choice", "请从选项中选择", "not one of the choices")
    elif kind == FieldType.ADDRESS:
        return _check_address(field, value)
    elif kind == FieldType.CONSENT and value is not True:
        return _problem(field, "consent", "需要同意", "must be agreed to")
    return None


def _check_address(field: FormField, value: Any) -> FieldProblem | None:
    if isinstance(value, dict):
        region, detail = value.get("region", ""), value.get("detail", "")
        if not isinstance(region, str) or not isinstance(detail, str) or not detail:
            return _problem(field, "type", "地址不完整", "incomplete address")
        text = region + detail
        if field.rules.region_required and not region:
            return _problem(field, "region", "请选择所在地区", "the region is missing")
    elif isinstance(value, str):
        text = value
        if field.rules.region_required and not REGION.search(value):
            return _problem(field, "region", "请写明所在省、市、县（区）", "the region is missing")
    else:
        return _problem(field, "type", "地址格式有误", "not an address")
    if field.rules.max_length is not None and len(text) > field.rules.max_length:
        return _problem(field, "too_long", f"最多{field.rules.max_length}个字", "too long")
    return None


def check_form(form: FormSchema, values: dict[str, Any], today: date) -> list[FieldProblem]:
    problems = []
    known = {f.name: f for section in form.sections for f in section.fields}
    for name in values:
        if name not in known:
            problems.append(FieldProblem(field=name, code="unknown", message_zh="表单中没有这一项",
                                         message_en="not a field of this form"))
    for field in known.values():
        problem = check_field(field, values.get(field.name), today)
        if problem is not None:
            problems.append(problem)
    return problems
