"""Masking personal data for screens, paper and logs.

    mask_id_number("510104199001011234") -> "510***********1234"
    mask_name("张三")                     -> "张*"
    mask_phone("13812345678")            -> "138****5678"

`scrub` finds ID-card numbers and mobile numbers inside free text (log messages, exception
texts) and masks them in place, so a careless log line cannot leak them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# 18-digit resident/residence-permit numbers (last may be X), 15-digit first-generation numbers.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# Mainland mobile numbers, optionally written with +86.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d{9})(?!\d)")


def _keep_ends(text: str, head: int = 3, tail: int = 4) -> str:
    text = text.strip()
    if len(text) <= head + tail:
        return "*" * len(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[-tail:]


def mask_id_number(number: str) -> str:
    """Keep the first 3 and last 4 characters: `510***********1234`."""
    return _keep_ends(number)


def mask_name(name: str) -> str:
    """Keep the first character of a Chinese name (`张*`), or each word's initial (`Z*** S**`)."""
    name = name.strip()
    if not name:
        return ""
    if " " in name or name.isascii():
        return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """Keep the first 3 and last 4 digits: `138****5678`."""
    return _keep_ends(phone)


def mask_address(address: str) -> str:
    """Keep the first six characters (province and city, roughly) and hide the rest."""
    address = address.strip()
    return address[:6] + "****" if len(address) > 6 else "****"


_MASKERS = {
    "id_number": mask_id_number,
    "name": mask_name,
    "phone": mask_phone,
    "address": mask_address,
}


def mask_field(key: str, value: Any) -> str:
    """Mask `value` by what `key` says it is; anything unknown is hidden entirely."""
    if value is None:
        return ""
    masker = _MASKERS.get(key)
    if masker is None:
        return "***"
    return masker(str(value))


def mask_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    return {key: mask_field(key, value) for key, value in fields.items()}


def scrub(text: str) -> str:
    """Mask every ID-card number and mobile number found in `text`."""
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(1)), text)
    return _MOBILE.sub(lambda m: m.group(0).replace(m.group(1), mask_phone(m.group(1))), text)
