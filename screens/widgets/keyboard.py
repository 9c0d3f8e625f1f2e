"""The kiosk's own on-screen keyboard and the field it types into.

Not Kivy's TextInput or the system's input method: a kiosk must not pop up a desktop keyboard,
and a physical keyboard is ignored (screens/lockdown.py). Three layouts:

    letters    QWERTY for pinyin (search, and the input method of the form screens)
    digits     a numeric pad (application numbers, phone numbers)
    id_number  the numeric pad with X (the check character of ID card numbers)

The keyboard only reports keys (`on_key` with a character, or "backspace", "clear"); the
screen that owns the text decides what a key does to it, so validation lives in one place.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.boxlayout import BoxLayout

from screens.widgets.common import KButton

LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "letters": (
        tuple("qwertyuiop"),
        tuple("asdfghjkl"),
        ("clear", *"zxcvbnm", "backspace"),
    ),
    "digits": (
        tuple("123"),
        tuple("456"),
        tuple("789"),
        ("clear", "0", "backspace"),
    ),
    "id_number": (
        tuple("123"),
        tuple("456"),
        tuple("789"),
        ("X", "0", "backspace"),
    ),
    # Form fields: numbers with a decimal point, and phone numbers with an area code.
    "decimal": (
        tuple("123"),
        tuple("456"),
        tuple("789"),
        (".", "0", "backspace"),
    ),
    "phone": (
        tuple("123"),
        tuple("456"),
        tuple("789"),
        ("-", "0", "backspace"),
    ),
    # Addresses, ids and keys on the technician screen (its own 大写 key makes capitals).
    "text": (
        tuple("1234567890"),
        tuple("qwertyuiop"),
        tuple("asdfghjkl"),
        # No row wider than ten keys (the wide keys count one and a half).
        (*"zxcvbnm", "@", "backspace"),
        ("clear", *".:/-_?=&"),
    ),
}
WIDE_KEYS = frozenset({"backspace", "clear"})
WIDE_FACTOR = 1.5
# A numeric pad's keys stop growing at this many touch-target widths: a wide screen should not
# make a "5" the size of a door.
PAD_KEY_MAX = 3.2


class KioskKeyboard(BoxLayout):
    """Rows of large keys; dispatches `on_key(key)` for every key pressed."""

    layout = OptionProperty("letters", options=list(LAYOUTS))
    key_width = NumericProperty(0)
    key_spacing = NumericProperty(0)
    touch_min = NumericProperty(0)

    __events__ = ("on_key",)

    def on_kv_post(self, base_widget: Any) -> None:
        self.bind(width=self._size_keys, layout=self._build, touch_min=self._size_keys,
                  key_spacing=self._size_keys, key_width=self._resize_keys)
        self._build()

    def _size_keys(self, *_: Any) -> None:
        columns = max(len(row) for row in LAYOUTS[self.layout])
        fit = (self.width - (columns - 1) * self.key_spacing) / columns
        if self.layout != "letters":
            fit = min(fit, self.touch_min * PAD_KEY_MAX)
        self.key_width = max(fit, self.touch_min)

    def _keys(self) -> list[Any]:
        return [key for row in self.ids.rows.children for key in row.ids.key_box.children]

    def _resize_keys(self, *_: Any) -> None:
        for key in self._keys():
            key.width = self.key_width * (WIDE_FACTOR if key.wide else 1)

    def _build(self, *_: Any) -> None:
        self._size_keys()
        rows = self.ids.rows
        rows.clear_widgets()
        for row in LAYOUTS[self.layout]:
            line = Factory.KeyRow()
            for key in row:
                button = Factory.KeyboardKey(key=key, kid=f"key_{key}", wide=key in WIDE_KEYS)
                button.bind(on_release=lambda button: self.dispatch("on_key", button.key))
                line.ids.key_box.add_widget(button)
            rows.add_widget(line)
        self._resize_keys()

    def on_key(self, key: str) -> None:
        """Default handler: nothing. Screens bind to this event."""


class KeyboardKey(KButton):
    """One key: `key` is what it reports ("a", "7", "X", "backspace", "clear")."""

    key = StringProperty("")
    kid = StringProperty("")
    wide = BooleanProperty(False)


class KeyRow(AnchorLayout):
    """One row of keys, centred; a short row keeps its keys the size of a full row's."""


def apply_key(text: str, key: str, max_length: int) -> str:
    """What `key` does to `text`: append within `max_length`, delete one, or clear all."""
    if key == "backspace":
        return text[:-1]
    if key == "clear":
        return ""
    if len(text) >= max_length:
        return text
    return text + key


class KeyboardField(BoxLayout):
    """Shows what has been typed, with a placeholder when empty and a caret at the end."""

    text = StringProperty("")
    placeholder = StringProperty("")
