"""取号, step one: the business categories with how many wait and for how long.

The categories come from the platform (or its cache when offline) on a worker thread, and the
printer is asked at the same time: while it cannot print, no category can be chosen and the
screen says why and where else to go (the hall's other services stay on the home screen). A
closed category is greyed with its opening hours. The first tap on a category goes on; taps
that follow it before the next screen shows are ignored, so a double tap is one ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty

from drivers.printer.errors import PrinterError
from kiosk.i18n import N_
from kiosk.services.hours import format_hours, format_windows
from kiosk.services.ticketing import TicketDesk
from screens.base import KioskScreen
from screens.errors import error_words

CANNOT_ISSUE = N_("暂时不能取号：{reason}。请到窗口取号，或点「帮办」请工作人员协助。")


@dataclass(frozen=True)
class Availability:
    categories: list[Any]
    offline: bool
    printer_problem: PrinterError | None


def ticket_desk(core: Any) -> TicketDesk:
    return TicketDesk(core.platform, core.printer, hall_name=core.config.kiosk.hall_name)


def category_name(category: Any, language: str) -> str:
    return str(category.name_zh if language.startswith("zh") else category.name_en)


class TicketScreen(KioskScreen):
    loading = BooleanProperty(True)
    notice = StringProperty("")
    notice_level = StringProperty("info")
    blocked = BooleanProperty(False)   # the printer cannot print: nothing to choose

    def on_kv_post(self, base_widget: Any) -> None:
        self.app.bind(language=self._redraw)

    def spoken_prompt(self) -> str:
        return N_("请选择要办理的业务类别。")

    def enter(self, **params: Any) -> None:
        self._chosen = False
        self._availability: Availability | None = None
        self.loading, self.blocked, self.notice = True, False, ""
        self.ids.categories.clear_widgets()
        self.run_background(self._load, self._show, self._failed)

    def _load(self) -> Availability:
        core = self.core
        categories = core.platform.categories()
        return Availability(categories, core.platform.offline,
                            ticket_desk(core).printer_problem())

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        language = self.app.language
        message = error_words(error, language)
        self.notice_level = "error"
        self.notice = self.app.tr._(CANNOT_ISSUE
                                    ).format(reason=message)

    def _show(self, availability: Availability) -> None:
        self.loading = False
        self._availability = availability
        self._redraw()

    def _redraw(self, *_: Any) -> None:
        availability = self._availability
        if availability is None:
            return
        tr, language = self.app.tr, self.app.language
        problem = availability.printer_problem
        self.blocked = problem is not None
        if problem is not None:
            self.notice_level = "error"
            self.notice = tr._("暂停取号：{reason}。您可以到窗口取号；本机的其他业务仍可办理。"
                               ).format(reason=problem.message(language).rstrip("。."))
        elif availability.offline:
            self.notice_level = "warning"
            self.notice = tr._("本机暂时连不上政务平台，号码照常发放，排队人数暂不显示。")
        else:
            self.notice = ""
        grid = self.ids.categories
        grid.clear_widgets()
        for category in sorted(availability.categories, key=lambda c: c.sort):
            open_now = bool(category.open_now) and not self.blocked
            if category.open_now:
                detail = tr._("等候 {waiting} 人 · 约 {minutes} 分钟").format(
                    waiting=category.waiting, minutes=category.average_wait_min)
                if availability.offline:
                    detail = tr._("约 {minutes} 分钟").format(minutes=category.average_wait_min)
                note = format_windows(category.windows, language)
            else:
                detail = tr._("已停止取号")
                note = tr._("开放时间：{hours}").format(
                    hours=format_hours(category.open_hours, language))
            tile = Factory.ChoiceTile(kid=f"category_{category.id}",
                                      title=category_name(category, language),
                                      detail=detail, note=note, available=open_now)
            tile.bind(on_release=lambda _t, c=category: self.choose(c))
            grid.add_widget(tile)

    def choose(self, category: Any) -> None:
        if self._chosen or self.blocked or not category.open_now:
            return  # a second tap of a double tap, or a greyed tile
        self._chosen = True
        card = self.core.identity.current_card()
        target = "ticket_done" if card is not None else "ticket_identify"
        self.app.go(target, category_id=category.id,
                    category_name=category_name(category, self.app.language),
                    use_card=card is not None)
