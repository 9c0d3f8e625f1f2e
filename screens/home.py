"""The home (attract) screen: one big tile per citizen service.

Six services in normal mode; in elderly mode four larger tiles per page with plain 上一页 /
更多服务 buttons. A service whose screens are not built yet opens the 暂未开放 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.utils import get_color_from_hex

from kiosk.i18n import N_
from screens.base import KioskScreen
from screens.theme import colour
from screens.widgets.fit import TextBlock, fitting_scale

# Tiles per page and columns, by (landscape, elderly). Elderly mode shows fewer, larger tiles.
GRID = {
    (False, False): (6, 2),
    (False, True): (4, 2),
    (True, False): (6, 3),
    (True, True): (3, 3),  # a landscape screen is short: one row, titles only
}


@dataclass(frozen=True)
class Service:
    key: str
    title: str
    subtitle: str
    icon: str
    colour: str
    screen: str  # the first screen of the service's flow


SERVICES = (
    Service("ticket", "取号", "排队取号 · 70岁以上老人优先", "ticket", "#1565C0", "ticket"),
    Service("checkin", "预约签到", "网上预约 · 扫码或刷身份证签到", "checkin", "#00897B",
            "checkin"),
    Service("guide", "办事指南", "查事项、看材料、打印告知单", "guide", "#3949AB", "guide"),
    Service("form", "填单", "刷身份证 · 自动填写申请表", "form", "#2E7D32", "form"),
    Service("progress", "办件查询", "查看办件进度", "progress", "#EF6C00", "progress"),
    Service("evaluation", "好差评", "为我们的服务打分", "evaluation", "#C62828", "evaluation"),
)


SUBTITLE_GIVES_WAY_BELOW = 0.85


class ServiceTile(ButtonBehavior, BoxLayout):
    """A large tile: coloured icon, the service's name and one line on what it is for."""

    kid = StringProperty("")
    horizontal = BooleanProperty(False)  # icon beside the words, for short landscape tiles
    show_subtitle = BooleanProperty(True)
    title = StringProperty("")
    subtitle = StringProperty("")
    icon = StringProperty("")
    tile_colour = ListProperty(colour("primary"))

    def on_kv_post(self, base_widget: Any) -> None:
        self._fit_trigger = Clock.create_trigger(self._fit, -1)
        self.bind(size=self._fit_trigger, show_subtitle=self._fit_trigger,
                  horizontal=self._fit_trigger)
        self.ids.title.bind(text=self._fit_trigger)  # also follows a change of language
        App.get_running_app().theme.bind(font_title=self._fit_trigger,
                                         font_small=self._fit_trigger)
        self._fit()

    def _fit(self, *_: Any) -> None:
        """Title and subtitle at full size if they fit; else the subtitle gives way first."""
        app = App.get_running_app()
        theme = app.theme
        title, subtitle, badge = self.ids.title, self.ids.subtitle, self.ids.badge
        inner_h = self.height - self.padding[1] - self.padding[3]
        width = self.ids.words.width
        height = inner_h if self.horizontal else inner_h - badge.badge_size - self.spacing
        text = app.tr._(self.subtitle) if self.show_subtitle else ""
        blocks = [TextBlock(title.text, theme.font_title, bold=True),
                  TextBlock(text, theme.font_small)]
        scale = fitting_scale(blocks, width, height, self.ids.words.spacing)
        if scale < SUBTITLE_GIVES_WAY_BELOW and text:
            text = ""  # the name of the service matters more than its description
            scale = fitting_scale(blocks[:1], width, height)
        subtitle.text = text
        title.font_size = theme.font_title * scale
        subtitle.font_size = theme.font_small * scale


class HomeScreen(KioskScreen):
    page = NumericProperty(0)
    pages = NumericProperty(1)

    def on_kv_post(self, base_widget: Any) -> None:
        # The tiles are made when the screen is entered, and again when the layout must change.
        self.app.bind(elderly=self._layout)
        self.app.theme.bind(landscape=self._layout)

    def enter(self, **params: Any) -> None:
        self.page = 0
        self._layout()

    def spoken_prompt(self) -> str:
        return N_("您好！请选择要办理的业务。需要帮助，请点下方的帮办。")

    def grid_shape(self) -> tuple[int, int]:
        """(tiles per page, columns) for the current orientation and mode."""
        return GRID[(bool(self.app.theme.landscape), bool(self.app.elderly))]

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + step))
        self._layout()

    def _layout(self, *_: Any) -> None:
        per_page, columns = self.grid_shape()
        self.pages = -(-len(SERVICES) // per_page)
        self.page = min(self.page, self.pages - 1)
        grid = self.ids.grid
        grid.cols = columns
        grid.clear_widgets()
        landscape, elderly = bool(self.app.theme.landscape), bool(self.app.elderly)
        for service in SERVICES[self.page * per_page:(self.page + 1) * per_page]:
            tile = Factory.ServiceTile(
                kid=f"tile_{service.key}", horizontal=landscape and not elderly,
                show_subtitle=not (landscape and elderly),
                title=service.title, subtitle=service.subtitle,
                icon=service.icon, tile_colour=get_color_from_hex(service.colour),
            )
            tile.bind(on_release=lambda _tile, s=service: self.app.open_service(s.key, s.screen))
            grid.add_widget(tile)
