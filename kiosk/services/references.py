"""What citizens type to name an application: the digits of its number, formatted back.

Application numbers look like `BK20261122-00017` (the county's prefix, the day, a serial). A
numeric pad has no letters, so the citizen types the 13 digits and the kiosk puts the prefix
and the dash back.
"""

from __future__ import annotations

import re

PREFIX = "BK"
_DIGITS = re.compile(r"^(\d{8})(\d{5})$")
_NUMBER = re.compile(r"^BK\d{8}-\d{5}$")


def application_number_from_digits(typed: str) -> str | None:
    """`2026112200017` → `BK20261122-00017`; None when it cannot be an application number."""
    text = typed.strip().upper().replace("-", "").removeprefix(PREFIX)
    match = _DIGITS.match(text)
    if match is None:
        return None
    return f"{PREFIX}{match.group(1)}-{match.group(2)}"


def is_application_number(text: str) -> bool:
    return _NUMBER.match(text) is not None
