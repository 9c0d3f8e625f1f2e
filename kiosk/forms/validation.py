"""Checking one field's value against its schema, as the citizen types and before submitting.

`check(field, value, today)` returns None or the one `Problem` to show beside the field (the
first that applies, the way a person would say it). With `typing=True` a value that is only
unfinished is not an error yet (15 digits of an ID number, a phone number being typed); what
can never become right is said at once (a letter in a phone number).

The rules match the platform's own check (`kiosk/platform_server/form_check.py`), so what the
kiosk accepts the platform accepts; the tests check that. The GB 11643 check of ID numbers is
the card reader driver's (`drivers.idreader.gb11643`), not a second copy.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from drivers.idreader.gb11643 import IdNumberError, check_foreign_number, check_id_number
from kiosk.forms.messages import Problem, problem, worded
from kiosk.forms.values import MIN_SIGNATURE_POINTS, Address, Signature
from kiosk.platform.contract import FieldType, FormField
from kiosk.platform.contract.catalogue import date_bound

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
LANDLINE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")
REGION_WORDS = re.compile(r"[省市县区州盟旗镇乡]")
TEXT_KINDS = (FieldType.TEXT, FieldType.ID_NUMBER, FieldType.PHONE)


def is_empty(value: Any) -> bool:
    if isinstance(value, Address):
        return not value.region_text and not value.detail
    if isinstance(value, Signature):
        return value.points == 0
    return value is None or value == "" or value == [] or value is False



def normalise(field: FormField, value: Any) -> Any:
    """What the citizen entered, tidied the way the field expects (spaces, case)."""
    if isinstance(value, str):
        value = value.strip()
        if field.type in (FieldType.ID_NUMBER, FieldType.PHONE, FieldType.NUMBER):
            value = value.replace(" ", "")
        if field.type is FieldType.ID_NUMBER:
            value = value.upper()
    if field.type is FieldType.DATE and isinstance(value, date):
        value = value.isoformat()
    return value


def check(field: FormField, value: Any, today: date, *, typing: bool = False
          ) -> Problem | None:
    value = normalise(field, value)
    if is_empty(value):
        if not field.required or typing:
            return None
        return _required(field)
    kind = field.type
    if kind in TEXT_KINDS:
        if not isinstance(value, str):
            return problem(field.name, "type", "pattern")
        return _text(field, value, today, typing)
    return {
        FieldType.NUMBER: _number,
        FieldType.DATE: _date,
        FieldType.CHOICE: _choice,
        FieldType.ADDRESS: _address,
        FieldType.SIGNATURE: _signature,
        FieldType.CONSENT: _consent,
    }[kind](field, value, today, typing)


def _required(field: FormField) -> Problem:
    message = {FieldType.CHOICE: "required_choice", FieldType.SIGNATURE: "required_signature",
               FieldType.CONSENT: "consent"}.get(field.type, "required")
    code = "consent" if field.type is FieldType.CONSENT else "required"
    return problem(field.name, code, message)


def _text(field: FormField, value: str, today: date, typing: bool) -> Problem | None:
    rules = field.rules
    if field.type is FieldType.ID_NUMBER:
        found = _id_number(field, value, today, typing)
    elif field.type is FieldType.PHONE:
        found = _phone(field, value, typing)
    else:
        found = None
    if found is not None:
        return found
    if rules.max_length is not None and len(value) > rules.max_length:
        return problem(field.name, "too_long", "too_long", n=rules.max_length)
    if typing:
        return None
    if rules.min_length is not None and len(value) < rules.min_length:
        return problem(field.name, "too_short", "too_short", n=rules.min_length)
    if rules.pattern and not re.fullmatch(rules.pattern, value):
        hint = _hint(field)
        if hint:
            return problem(field.name, "pattern", "pattern_hint", hint=hint)
        return problem(field.name, "pattern", "pattern")
    return None


def _hint(field: FormField) -> str:
    # The schema's help often carries the example: 一个大写字母加九位数字，如 Q420123456.
    match = re.search(r"[如例][：:]?\s*(\S+)", field.help_zh)
    return match.group(1) if match else field.placeholder


def _id_number(field: FormField, value: str, today: date, typing: bool) -> Problem | None:
    if not re.fullmatch(r"[0-9]{0,17}[0-9X]?", value):
        return problem(field.name, "pattern", "id_chars")
    if len(value) < 18:
        return None if typing else problem(field.name, "pattern", "id_length", n=len(value))
    try:
        if value.startswith("9"):
            check_foreign_number(value, today=today)  # 2023 permanent residence card
        else:
            check_id_number(value, today=today)
    except IdNumberError as exc:
        return worded(field.name, "check_digit", exc.message_zh, exc.message_en)
    return None


def _phone(field: FormField, value: str, typing: bool) -> Problem | None:
    if not re.fullmatch(r"[0-9-]*", value):
        return problem(field.name, "phone", "phone_chars")
    if MOBILE.match(value) or LANDLINE.match(value):
        return None
    if typing and len(value.replace("-", "")) < 11 and not (value.startswith("1")
                                                             and len(value) > 11):
        return None
    return problem(field.name, "phone", "phone")


def _number(field: FormField, value: Any, _today: date, typing: bool) -> Problem | None:
    rules = field.rules
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value))
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        if typing and value in ("-", ".", "-."):
            return None
        return problem(field.name, "type", "number")
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if rules.decimals is not None and places > rules.decimals:
        if rules.decimals == 0:
            return problem(field.name, "decimals", "integer")
        return problem(field.name, "decimals", "decimals", n=rules.decimals)
    if rules.maximum is not None and number > rules.maximum:
        return problem(field.name, "range", "maximum", n=_plain(rules.maximum))
    if typing:
        return None  # 1 on the way to 12 is below a minimum of 10 for a moment
    if rules.minimum is not None and number < rules.minimum:
        return problem(field.name, "range", "minimum", n=_plain(rules.minimum))
    return None


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _date(field: FormField, value: Any, today: date, _typing: bool) -> Problem | None:
    try:
        when = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None or not isinstance(value, str) or len(value) != 10:
        return problem(field.name, "type", "date_format")
    low = date_bound(field.rules.min_date, today)
    high = date_bound(field.rules.max_date, today)
    if low is not None and when < low:
        return problem(field.name, "range", "date_min", date=low.isoformat())
    if high is not None and when > high:
        return problem(field.name, "range", "date_max", date=high.isoformat())
    return None


def _choice(field: FormField, value: Any, _today: date, _typing: bool) -> Problem | None:
    allowed = {choice.value for choice in field.rules.choices}
    values = value if field.rules.multiple and isinstance(value, list) else [value]
    if not all(isinstance(v, str) and v in allowed for v in values):
        return problem(field.name, "choice", "choice")
    return None


def _address(field: FormField, value: Any, _today: date, typing: bool) -> Problem | None:
    if isinstance(value, str):
        value = Address(detail=value)
    if not isinstance(value, Address):
        return problem(field.name, "type", "address_detail")
    limit = field.rules.max_length
    if limit is not None and len(value.text()) > limit:
        return problem(field.name, "too_long", "too_long", n=limit)
    if typing:
        return None
    if field.rules.region_required and not value.region_text and not REGION_WORDS.search(
            value.detail):
        return problem(field.name, "region", "region")
    if not value.detail.strip():
        return problem(field.name, "type", "address_detail")
    return None


def _signature(field: FormField, value: Any, _today: date, typing: bool) -> Problem | None:
    if isinstance(value, Signature) and value.points < MIN_SIGNATURE_POINTS and not typing:
        return problem(field.name, "signature", "signature_short")
    if not isinstance(value, Signature | str):
        return problem(field.name, "type", "required_signature")
    return None


def _consent(field: FormField, value: Any, _today: date, _typing: bool) -> Problem | None:
    return None if value is True else problem(field.name, "consent", "consent")
