"""Pieces every service flow uses: the step title, a notice banner, and a grid of choices.

`Notice` says something the citizen must know before going on (the kiosk is offline, the
printer cannot print) in a coloured band with an icon; `ChoiceTile` is a large button with a
title and one or two lines under it, greyed when the choice is not available now.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, OptionProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from screens.widgets.common import KLabel


class FlowTitle(KLabel):
    """The question or the name of the step, large and bold, at the top of a flow's screen."""


class Notice(BoxLayout):
    text = StringProperty("")
    level = OptionProperty("info", options=["info", "warning", "error", "ok"])
    icon = StringProperty("info")


class ChoiceTile(ButtonBehavior, BoxLayout):
    kid = StringProperty("")
    title = StringProperty("")
    detail = StringProperty("")
    note = StringProperty("")
    available = BooleanProperty(True)
    icon = StringProperty("")


class Section(BoxLayout):
    """A part of a screen shown only in some steps of its flow. Hidden, it takes no room and
    no touches: a disabled widget in Kivy swallows the touches that land on it, and the
    children of a collapsed box still lie over the parts that are shown."""

    shown = BooleanProperty(True)

    def on_touch_down(self, touch: Any) -> bool:
        return bool(self.shown and super().on_touch_down(touch))

    def on_touch_move(self, touch: Any) -> bool:
        return bool(self.shown and super().on_touch_move(touch))

    def on_touch_up(self, touch: Any) -> bool:
        return bool(self.shown and super().on_touch_up(touch))
