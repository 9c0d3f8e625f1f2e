"""The few building blocks every screen uses: text, buttons, icons, cards.

Their looks are in common.kv; what is here is behaviour: buttons whose whole rectangle is the
touch target and whose words wrap rather than spill when a translation runs long, labels that
wrap Chinese text inside their width.
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from screens.icons import glyph
from screens.theme import colour
from screens.widgets.fit import TextBlock, fitting_scale, single_line_width


class KLabel(Label):
    """Text in the kiosk font; `wrap` makes it break lines within its width."""

    wrap = BooleanProperty(False)


class KIcon(Label):
    """An icon by name from `screens.icons`; empty when the icon font is missing."""

    icon = StringProperty("")

    def glyph_text(self, name: str, has_icons: bool) -> str:
        return glyph(name) if has_icons else ""


class KButton(ButtonBehavior, AnchorLayout):
    """A large button: an optional icon beside (or above) its words, colours by role."""

    text = StringProperty("")
    icon = StringProperty("")
    bg = ListProperty(colour("primary"))
    fg = ListProperty(colour("on_primary"))
    vertical = BooleanProperty(False)
    text_role = OptionProperty("button", options=["button", "body", "small", "staff"])
    label_font_size = NumericProperty(0)  # follows text_role and the theme; do not set

    def on_kv_post(self, base_widget: Any) -> None:
        self._fit_trigger = Clock.create_trigger(self._fit, -1)
        self.bind(size=self._fit_trigger, text=self._fit_trigger, icon=self._fit_trigger,
                  vertical=self._fit_trigger, label_font_size=self._fit_trigger)
        self._fit()

    def _fit(self, *_: Any) -> None:
        """Full size on one line if possible, else wrapped, else (long words) smaller."""
        label, icon = self.ids.label, self.ids.icon
        icon_size = self.label_font_size * 1.2 * 1.1 if self.icon else 0
        gap = self.ids.content.spacing if self.icon else 0
        room_w = self.width - 2 * self.padding[0] - (0 if self.vertical else icon_size + gap)
        room_h = self.height - 2 * self.padding[1] - (icon_size + gap if self.vertical else 0)
        block = TextBlock(self.text, self.label_font_size, bold=True)
        scale = fitting_scale([block], room_w, room_h)
        label.font_size = self.label_font_size * scale
        icon.font_size = self.label_font_size * 1.2 * max(scale, 0.8)
        one_line = single_line_width(block) * scale
        label.text_size = (room_w, None) if 0 < room_w < one_line else (None, None)


class Card(BoxLayout):
    """A white rounded panel."""
