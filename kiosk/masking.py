"""Masking personal data for screens, paper and logs.

    mask_id_number("510104199001011234") -> "510***********1234"
    mask_name("张三")                     -> "张*"
    mask_phone("13812345678")            -> "138****5678"

`scrub` finds ID-card numbers (permanent residence card numbers too) and mobile numbers inside
free text (log messages, exception texts) and masks them in place, so a careless log line
cannot leak them. The rules themselves are `drivers.masking`, shared with the card reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# The rules themselves live with the devices that produce personal data (the ID card reader masks
# its own cards), so kiosk and drivers share one copy of them.
from drivers.masking import mask_address, mask_id_number, mask_name, mask_phone

__all__ = ["mask_address", "mask_field", "mask_fields", "mask_id_number", "mask_name",
           "mask_phone", "scrub"]

# 18-digit resident/residence-permit numbers (last may be X), 15-digit first-generation numbers.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# 2017 foreign permanent residence card numbers: three letters (the nationality) and 12 digits.
_FOREIGN_NUMBER = re.compile(r"(?<![0-9A-Za-z])([A-Z]{3}\d{12})(?![0-9A-Za-z])")
# Mainland mobile numbers, optionally written with +86.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d{9})(?!\d)")

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
    text = _FOREIGN_NUMBER.sub(lambda m: mask_id_number(m.group(1)), text)
    return _MOBILE.sub(lambda m: m.group(0).replace(m.group(1), mask_phone(m.group(1))), text)
