"""Sizes and colours for every screen, in one place, following the window and elderly mode.

Sizes are designed for a 1080-pixel short side and scaled to the real window (`unit`). Elderly
mode multiplies type by `ELDERLY_SCALE`. `touch_min` is 15 mm on the actual panel, computed
from the configured diagonal, and no touch target may be smaller.
"""

from __future__ import annotations

import math

from kivy.event import EventDispatcher
from kivy.properties import AliasProperty, BooleanProperty, NumericProperty
from kivy.utils import get_color_from_hex

ELDERLY_SCALE = 1.5
TOUCH_TARGET_MM = 15.0
REFERENCE_SHORT_SIDE = 1080

COLOURS = {
    "primary": "#0E4DA4",
    "primary_dark": "#0A3A7E",
    "accent": "#E8590C",
    "red": "#C8102E",
    "background": "#EEF2F8",
    "surface": "#FFFFFF",
    "text": "#1C2430",
    "muted": "#5B6675",
    "line": "#D5DCE6",
    "ok": "#1E8E3E",
    "warning": "#E37400",
    "error": "#C5221F",
    "unknown": "#9AA0A6",
    # Lighter state colours for text and icons on the dark status strip.
    "ok_on_dark": "#6DD58C",
    "warning_on_dark": "#FFB74D",
    "error_on_dark": "#FF8A80",
    "unknown_on_dark": "#B0BEC5",
    "on_primary": "#FFFFFF",
    "on_primary_muted": "#C9D7EE",
}


def colour(name: str) -> list[float]:
    return get_color_from_hex(COLOURS[name])


def _type_size(base: float) -> AliasProperty:
    def get(self: Theme) -> float:
        return round(base * self.unit * self.scale)

    return AliasProperty(get, None, bind=("unit", "scale"), cache=True)


def _plain_size(base: float) -> AliasProperty:
    def get(self: Theme) -> float:
        return round(base * self.unit)

    return AliasProperty(get, None, bind=("unit",), cache=True)


class Theme(EventDispatcher):
    unit = NumericProperty(1.0)
    scale = NumericProperty(1.0)
    px_per_mm = NumericProperty(4.0)
    landscape = BooleanProperty(False)
    has_icons = BooleanProperty(True)

    # Type for citizens: grows with elderly mode.
    font_hero = _type_size(96)
    font_title = _type_size(52)
    font_button = _type_size(44)
    font_body = _type_size(36)
    font_small = _type_size(28)
    # For staff (status strip, technician prompts): does not grow with elderly mode.
    font_status = _plain_size(26)
    font_staff = _plain_size(40)
    font_staff_title = _plain_size(48)
    header_height = _plain_size(150)
    status_height = _plain_size(56)

    def _get_footer_height(self) -> float:
        # Grows with elderly-mode type so the always-there buttons keep their padding.
        return round(max(150 * self.unit, 3.2 * 36 * self.unit * self.scale))

    footer_height = AliasProperty(_get_footer_height, None, bind=("unit", "scale"), cache=True)
    padding = _plain_size(28)
    spacing = _plain_size(24)
    radius = _plain_size(20)

    def _get_touch_min(self) -> float:
        return math.ceil(TOUCH_TARGET_MM * self.px_per_mm)

    touch_min = AliasProperty(_get_touch_min, None, bind=("px_per_mm",), cache=True)

    def fit(self, width: int, height: int, diagonal_in: float) -> None:
        """Follow a window of `width`×`height` pixels on a panel of `diagonal_in` inches."""
        self.unit = min(width, height) / REFERENCE_SHORT_SIDE
        self.landscape = width > height
        diagonal_mm = diagonal_in * 25.4
        self.px_per_mm = math.hypot(width, height) / diagonal_mm

    def set_elderly(self, elderly: bool) -> None:
        self.scale = ELDERLY_SCALE if elderly else 1.0

    def c(self, name: str) -> list[float]:
        """A colour by name, for .kv rules: `rgba: app.theme.c("primary")`."""
        return colour(name)
