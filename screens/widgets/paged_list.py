"""A list of large rows shown a page at a time, with 上一页 / 下一页 buttons under it.

Lists on a kiosk are paged, not scrolled: an elderly finger taps a big button more surely than
it drags, and a page holds only as many rows as fit at the current type size, so elderly mode
shows fewer, larger rows and never shrinks the text. Rows are `ListRow`s: a title, an optional
line under it, an optional badge on the right, and a `kid` the pilot can tap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from screens.theme import colour


@dataclass(frozen=True)
class Row:
    kid: str
    title: str
    subtitle: str = ""
    badge: str = ""
    badge_colour: str = "primary"
    on_tap: Callable[[], None] | None = None


class ListRow(ButtonBehavior, BoxLayout):
    kid = StringProperty("")
    title = StringProperty("")
    subtitle = StringProperty("")
    badge = StringProperty("")
    badge_colour = ListProperty(colour("primary"))


class PagedList(BoxLayout):
    """Rows a page at a time; `show(rows)` replaces them and goes back to the first page."""

    page = NumericProperty(0)
    pages = NumericProperty(1)
    per_page = NumericProperty(1)
    row_height = NumericProperty(100)
    has_rows = BooleanProperty(False)
    empty_text = StringProperty("")
    kid_prefix = StringProperty("list")

    def __init__(self, **kwargs: Any) -> None:
        self._rows: list[Row] = []
        super().__init__(**kwargs)
        self._relayout = Clock.create_trigger(self._layout, -1)

    def on_kv_post(self, base_widget: Any) -> None:
        self.ids.rows.bind(height=self._relayout)
        self.bind(row_height=self._relayout)

    def show(self, rows: list[Row]) -> None:
        self._rows = list(rows)
        self.page = 0
        self.has_rows = bool(self._rows)
        self._layout()

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + step))
        self._layout()

    def _layout(self, *_: Any) -> None:
        area = self.ids.rows
        gap = area.spacing
        self.per_page = max(1, int((area.height + gap) // (self.row_height + gap)))
        self.pages = max(1, -(-len(self._rows) // self.per_page))
        self.page = min(self.page, self.pages - 1)
        area.clear_widgets()
        start = self.page * self.per_page
        for row in self._rows[start:start + self.per_page]:
            widget = Factory.ListRow(kid=row.kid, title=row.title, subtitle=row.subtitle,
                                     badge=row.badge, badge_colour=colour(row.badge_colour),
                                     height=self.row_height)
            if row.on_tap is not None:
                widget.bind(on_release=lambda _w, tap=row.on_tap: tap())
            area.add_widget(widget)
        area.add_widget(Widget())  # takes the room left over, so rows start at the top
