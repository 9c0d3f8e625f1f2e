"""Pieces every service flow uses: the step title, a notice banner, and a grid of choices.

`Notice` says something the citizen must know before going on (the kiosk is offline, the
printer cannot print) in a coloured band with an icon; `ChoiceTile` is a large button with a
title and one or two lines under it, greyed when the choice is not available now.
"""

from __future__ import annotations

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
