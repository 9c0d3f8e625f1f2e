"""The values a form field holds that are more than a string: an address with its region, and
a signature drawn on the pad.

A draft keeps these objects; `wire_value` turns any field value into what the platform's
contract expects (`kiosk/platform_server/form_check.py`): a date as "YYYY-MM-DD", an address
as {"region": "湖北省襄阳市保康县马桥镇", "detail": "…"}, a signature as an SVG path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

MIN_SIGNATURE_POINTS = 8  # a tap or a dot is not a signature


@dataclass
class Address:
    """An address: the region picked (statistics code, down to the township when known) and
    the rest as typed (village, street, house number)."""

    region_code: str = ""
    region_text: str = ""
    detail: str = ""

    def text(self) -> str:
        return self.region_text + self.detail

    def wire(self) -> dict[str, str] | str:
        """{"region", "detail"} once a region is picked; before that, the address as typed
        (a card's address, which names its region in words)."""
        if not self.region_text:
            return self.detail
        return {"region": self.region_text, "detail": self.detail}

    def wipe(self) -> None:
        self.region_code = self.region_text = self.detail = ""


@dataclass
class Signature:
    """Strokes drawn on the signature pad, each a list of (x, y) points in pad pixels."""

    strokes: list[list[tuple[int, int]]] = field(default_factory=list)
    width: int = 0
    height: int = 0

    @property
    def points(self) -> int:
        return sum(len(stroke) for stroke in self.strokes)

    def svg_path(self) -> str:
        parts = []
        for stroke in self.strokes:
            if stroke:
                head, *rest = stroke
                parts.append(f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest))
        return " ".join(parts)

    def wipe(self) -> None:
        self.strokes.clear()


def wire_value(value: Any) -> Any:
    """A field value as the platform's contract wants it."""
    if isinstance(value, Address):
        return value.wire()
    if isinstance(value, Signature):
        return value.svg_path()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return list(value)
    return value
