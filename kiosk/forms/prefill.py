"""Filling a form from the citizen's ID card, by the schema's `prefill` mapping.

Each field that names an ID card field (`prefill: name`, `sex`, `birth_date`, …) gets the
card's value in the shape the field holds: the sex as the matching choice (男 → male), the
birth date as a date, the ethnic group as written on forms (汉 → 汉族), the address split into
the region the picker knows and the rest. A field the citizen has already filled in is left
alone; a card field the card does not have (a foreign resident's nation) is skipped.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from drivers.idreader.card import IdentityCard
from kiosk.forms.form import FieldSpec, Form
from kiosk.forms.regions import Level, Region, RegionTree, region_tree
from kiosk.forms.validation import is_empty
from kiosk.forms.values import Address
from kiosk.platform.contract import FieldType, IdCardField

SHORT_SUFFIXES = ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "自治州",
                  "县", "区", "镇", "乡", "街道")


def card_value(card: IdentityCard, source: IdCardField) -> Any:
    """What the card says for one of the `IdCardField`s, or None when it says nothing."""
    return {
        IdCardField.NAME: card.name,
        IdCardField.SEX: card.sex,
        IdCardField.NATION: card.nation,
        IdCardField.BIRTH_DATE: card.birth_date,
        IdCardField.ADDRESS: card.current_address,
        IdCardField.ID_NUMBER: card.id_number,
        IdCardField.ISSUER: card.issuer,
        IdCardField.VALID_FROM: card.valid_from,
        IdCardField.VALID_UNTIL: card.valid_to,
    }[source]


def field_value(spec: FieldSpec, raw: Any, tree: RegionTree | None = None) -> Any:
    """The card's value in the shape `spec` holds, or None when it does not fit."""
    if raw is None or raw == "":
        return None
    kind = spec.type
    if kind is FieldType.DATE:
        return raw.isoformat() if isinstance(raw, date) else None
    if kind is FieldType.CHOICE:
        for choice in spec.field.rules.choices:
            if str(raw) in (choice.value, choice.label_zh, choice.label_en):
                return choice.value
        return None
    if kind is FieldType.ADDRESS:
        return split_address(str(raw), tree or region_tree())
    if isinstance(raw, date):
        return raw.isoformat()
    text = str(raw)
    if spec.field.prefill is IdCardField.NATION and not text.endswith("族"):
        text += "族"  # the card prints 汉, forms write 汉族
    return text


def prefill(form: Form, card: IdentityCard, values: dict[str, Any],
            tree: RegionTree | None = None) -> list[str]:
    """Fill `values` from the card where the form asks and nothing is there yet; returns the
    names of the fields filled."""
    filled = []
    for spec in form.fields():
        source = spec.field.prefill
        if source is None or not is_empty(values.get(spec.name)):
            continue
        value = field_value(spec, card_value(card, source), tree)
        if value is not None:
            values[spec.name] = value
            filled.append(spec.name)
    return filled


def split_address(text: str, tree: RegionTree) -> Address:
    """Read the region off the front of an address as the picker would have chosen it:
    湖北省保康县城关镇光明路8号 → 湖北省襄阳市保康县城关镇 (420626100) + 光明路8号. Names may
    be written short (湖北保康城关镇) and a city may be left out, as on many ID cards."""
    code, rest = "", text.strip()
    candidates = tree.provinces()
    while candidates and rest:
        match = _longest_prefix(candidates, rest)
        if match is None and code and len(code) == 2:
            # the city is often left out: look for the county among all of the province's
            match = _longest_prefix([c for city in tree.children(code)
                                     for c in tree.children(city.code)], rest)
        if match is None:
            break
        region, length = match
        code, rest = region.code, rest[length:]
        if region.level is Level.TOWNSHIP:
            break
        candidates = tree.children(code)
    if not code:
        return Address(detail=text.strip())
    return Address(code, tree.address_text(code), rest)


def _longest_prefix(regions_: list[Region], text: str) -> tuple[Region, int] | None:
    best: tuple[Region, int] | None = None
    for region in regions_:
        for name in _names(region):
            if text.startswith(name) and (best is None or len(name) > best[1]):
                best = (region, len(name))
    return best


def _names(region: Region) -> list[str]:
    name = region.name
    names = [name]
    if region.level is Level.TOWNSHIP:
        return names  # 马桥 could be a village's name: townships only in full
    for suffix in SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            names.append(name[: -len(suffix)])
    return names
