"""A line of Chinese typed on the kiosk's own keyboard through the pinyin input method.

    PinyinInput:                 # in a .kv layout (needs widgets/keyboard.kv, pinyin_input.kv)
        id: comment
        max_length: 200
        placeholder: app.tr._("您还想说什么？打拼音，再点要的字")

The letters go to `kiosk.ime.InputSession`; the candidates for what has been typed so far are
shown as buttons over the keyboard, a page at a time (◀ ▶), and a tapped candidate goes into
the text. Backspace takes off a letter while composing, else a character of the text. `text`
is what the citizen has finished; `finish()` ends a composition left open (the letters go in as
typed), `reset()` forgets everything (the screen calls it when the citizen leaves).
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.ime import InputSession
from screens.widgets.common import KButton
from screens.widgets.keyboard import KioskKeyboard, apply_key

__all__ = ["CandidateButton", "KioskKeyboard", "PinyinInput"]

PAGE_SIZE = 6


class CandidateButton(KButton):
    """One candidate of the current page."""

    kid = StringProperty("")


class PinyinInput(BoxLayout):
    """See the module docstring."""

    text = StringProperty("")
    placeholder = StringProperty("")
    max_length = NumericProperty(200)
    preedit = StringProperty("")
    has_prev_page = BooleanProperty(False)
    has_next_page = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        self._ime = InputSession(page_size=PAGE_SIZE)
        super().__init__(**kwargs)

    def on_letter(self, key: str) -> None:
        if key == "backspace" and self._ime.active:
            self._ime.backspace()
        elif key in ("backspace", "clear"):
            self._ime.clear()
            self.text = apply_key(self.text, key, int(self.max_length))
        else:
            self._ime.type(key)
        self._refresh()

    def type_mark(self, mark: str) -> None:
        """A punctuation key: ends an open composition first, as a phone's keyboard does."""
        self._put(self._ime.finish() + mark)
        self._refresh()

    def choose(self, index: int) -> None:
        done = self._ime.choose(index)
        if done is not None:
            self._put(done)
        self._refresh()

    def page(self, step: int) -> None:
        if step > 0:
            self._ime.next_page()
        else:
            self._ime.prev_page()
        self._refresh()

    def finish(self) -> str:
        """The text with any open composition put in as typed; call before using `text`."""
        if self._ime.active:
            self._put(self._ime.finish())
            self._refresh()
        return self.text

    def reset(self) -> None:
        self._ime.clear()
        self.text = ""
        self._refresh()

    def _put(self, typed: str) -> None:
        self.text = (self.text + typed)[: int(self.max_length)]

    def _refresh(self) -> None:
        ime = self._ime
        self.preedit = ime.preedit
        page = ime.page if ime.active else []
        self.has_prev_page = ime.active and ime.has_prev
        self.has_next_page = ime.active and ime.has_next
        box = self.ids.candidates
        box.clear_widgets()
        for index, candidate in enumerate(page):
            button = Factory.CandidateButton(kid=f"candidate_{index}", text=candidate.text)
            button.bind(on_release=lambda _b, i=index: self.choose(i))
            box.add_widget(button)
