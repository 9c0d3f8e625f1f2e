"""The demo platform's forms and bundles as contract models, and cards from the simulator's
deck, for the form engine's tests."""

from __future__ import annotations

from datetime import date

from drivers.idreader.card import IdentityCard
from drivers.idreader.deck import DECK
from kiosk.forms import Form, Signature
from kiosk.platform.contract import Bundle, FormSchema
from kiosk.platform_server.demo_data.bundles import BUNDLES
from kiosk.platform_server.demo_data.forms import FORMS

TODAY = date(2026, 11, 22)
SCHEMAS = {f["id"]: FormSchema.model_validate(f) for f in FORMS}
BUNDLE_MODELS = {b["id"]: Bundle.model_validate(b) for b in BUNDLES}


def form(form_id: str) -> Form:
    return Form.from_schema(SCHEMAS[form_id])


def card(key: str = "resident") -> IdentityCard:
    return DECK[key].card


def signature(points: int = 12) -> Signature:
    return Signature([[(10 + i * 5, 40 + (i % 3) * 4) for i in range(points)]], 600, 200)


def valid_value(spec, today: date = TODAY):
    """A value every form asking `spec` accepts, made from its rules."""
    from datetime import timedelta

    from kiosk.forms import Address
    from kiosk.platform.contract import FieldType
    from kiosk.platform.contract.catalogue import date_bound

    rules, kind = spec.field.rules, spec.type
    if kind is FieldType.TEXT:
        if rules.pattern == "^[A-Z][0-9]{9}$":
            return "Q420123456"
        if rules.pattern == "^[0-9]{16,19}$":
            return "6217000012345678"
        return "保康县城关镇"[: rules.max_length or 6]
    if kind is FieldType.NUMBER:
        return str(max(rules.minimum or 1, 1)) if rules.maximum is None or rules.maximum >= 1 \
            else str(rules.minimum)
    if kind is FieldType.DATE:
        low = date_bound(rules.min_date, today) or today - timedelta(days=30)
        high = date_bound(rules.max_date, today) or today + timedelta(days=30)
        return min(max(today, low), high).isoformat()
    if kind is FieldType.CHOICE:
        first = rules.choices[0].value
        return [first] if rules.multiple else first
    if kind is FieldType.ID_NUMBER:
        return card().id_number
    if kind is FieldType.PHONE:
        return "13871234567"
    if kind is FieldType.ADDRESS:
        return Address("420626107", "湖北省襄阳市保康县马桥镇", "尧治河村2组")
    if kind is FieldType.SIGNATURE:
        return signature()
    return True
