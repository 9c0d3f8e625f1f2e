"""An item's page in the 办事指南: what to bring, what it costs, how long it takes, where to
go, whether it can be done online (a QR code to the online service), and a button that prints
the 一次性告知单 to take home.

The page scrolls, and has large 上翻 / 下翻 buttons for fingers that do not drag. Printing
goes through `core.printer` on a worker thread; a printer without paper, with its cover open
or not answering is explained in plain words with what to do instead.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from drivers.printer.errors import CoverOpen, PaperOut, PrinterError, PrinterOffline
from kiosk.guide_facts import (
    checklist_info,
    fee_lines,
    item_title,
    legal_limit,
    material_amounts,
    material_remarks,
    online_words,
    place_lines,
    promised_limit,
    visits_words,
)
from kiosk.i18n import N_
from kiosk.platform.contract import ServiceItem
from kiosk.receipts import checklist_receipt
from screens.base import KioskScreen
from screens.widgets.qr import QRCode

__all__ = ["GuideItemScreen", "QRCode"]  # QRCode: known to the layout's rules

PROMPT = N_(
    "这是这项业务的办事指南：要带的材料、收费、时限和办理地点。点「打印告知单」可以带走。"
)
PRINTING = N_("正在打印告知单，请稍候……")
PRINTED = N_("告知单已打印，请从下方出纸口取走。")
# Why the 告知单 did not come out, and what to do instead.
PRINT_PROBLEMS: list[tuple[type[PrinterError], str]] = [
    (PaperOut, N_(
        "打印机没有纸了，告知单没有打出来。请用手机拍下本页，或到综合受理窗口领取纸质告知单。"
    )),
    (CoverOpen, N_(
        "打印机的盖子没有关好，告知单没有打出来。请点「帮办」请工作人员处理，或用手机拍下本页。"
    )),
    (PrinterOffline, N_(
        "打印机没有响应，告知单没有打出来。请用手机拍下本页，或到综合受理窗口咨询。"
    )),
    (PrinterError, N_(
        "打印机出了故障，告知单没有打出来。请用手机拍下本页，或点「帮办」请工作人员协助。"
    )),
]


def print_problem_words(error: BaseException) -> str:
    for kind, words in PRINT_PROBLEMS:
        if isinstance(error, kind):
            return words
    return PRINT_PROBLEMS[-1][1]


class GuideSection(BoxLayout):
    """A white card on the item page: a heading and lines of text (and perhaps a QR code)."""

    title = StringProperty("")
    kid = StringProperty("")

    def add_line(self, text: str, *, bold: bool = False, indent: bool = False,
                 muted: bool = False) -> None:
        line = Factory.GuideLine()  # a kv class: its own properties exist once it is built
        line.text, line.bold, line.indent, line.muted = text, bold, indent, muted
        self.ids.lines.add_widget(line)

    def add_qr(self, url: str) -> None:
        code = Factory.GuideQR()
        code.url = url
        self.ids.lines.add_widget(code)


class GuideItemScreen(KioskScreen):
    title = StringProperty("")
    department = StringProperty("")
    online_url = StringProperty("")
    print_message = StringProperty("")   # msgid
    print_failed = BooleanProperty(False)
    printing = BooleanProperty(False)
    can_apply = BooleanProperty(False)   # the item has a form to fill in here (填单)

    def __init__(self, **kwargs: Any) -> None:
        self._item: ServiceItem | None = None
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget: Any) -> None:
        self.app.bind(language=lambda *_: self._fill())
        self.on_can_apply(self, self.can_apply)

    def spoken_prompt(self) -> str:
        return PROMPT

    def enter(self, **params: Any) -> None:
        guide = self.core.guide.ready
        self._item = guide.item(params.get("item_id", "")) if guide else None
        self.print_message = ""
        self.print_failed = False
        self.printing = False
        self.can_apply = bool(self._item is not None and self._item.form_id)
        self._fill()
        self.ids.scroll.scroll_y = 1

    def leave(self) -> None:
        self.print_message = ""

    def back(self) -> None:
        self.app.go("guide", back=True)

    def on_can_apply(self, _screen: Any, can_apply: bool) -> None:
        # Only an item with a form has the button: out of the tree otherwise, not just hidden.
        button = self.ids.item_apply.__self__
        row = getattr(self, "_apply_row", None) or button.parent
        self._apply_row = row
        if can_apply and button.parent is None:
            row.add_widget(button, index=1)
        elif not can_apply and button.parent is not None:
            row.remove_widget(button)

    def apply_here(self) -> None:
        """填单 for this item, straight to its form (the session and its card go along)."""
        if self._item is not None and self._item.form_id:
            self.app.go("form", item_id=self._item.id)

    # the page --------------------------------------------------------------------------------

    def _fill(self) -> None:
        item, language, tr = self._item, self.app.language, self.app.tr._
        sections = self.ids.sections
        sections.clear_widgets()
        if item is None:
            self.title = tr("没有找到这个事项")
            self.department = ""
            self.online_url = ""
            return
        guide = item.guide
        self.title = item_title(item, language)
        self.department = item.department
        self.online_url = guide.online_url if guide.online_available else ""

        materials = Factory.GuideSection(title=tr("申请材料（共 {n} 项）").format(
            n=len(guide.materials)), kid="section_materials")
        for number, material in enumerate(guide.materials, start=1):
            materials.add_line(f"{number}. {material.name}", bold=True)
            materials.add_line(material_amounts(material, language), indent=True)
            remarks = material_remarks(material, language)
            if remarks:
                materials.add_line(remarks, indent=True, muted=True)
        sections.add_widget(materials)

        fees = Factory.GuideSection(title=tr("收费"), kid="section_fees")
        for line in fee_lines(guide, language):
            fees.add_line(line)
        sections.add_widget(fees)

        limits = Factory.GuideSection(title=tr("办理时限"), kid="section_limits")
        limits.add_line(tr("法定时限：{limit}").format(limit=legal_limit(guide, language)))
        limits.add_line(tr("承诺时限：{limit}").format(limit=promised_limit(guide, language)),
                        bold=True)
        limits.add_line(visits_words(guide, language))
        sections.add_widget(limits)

        place = Factory.GuideSection(title=tr("办理地点"), kid="section_place")
        for line in place_lines(guide.place, language):
            place.add_line(line)
        sections.add_widget(place)

        online = Factory.GuideSection(title=tr("网上办理"), kid="section_online")
        online.add_line(online_words(guide, language))
        if self.online_url:
            online.add_qr(self.online_url)
        sections.add_widget(online)

        if guide.conditions:
            conditions = Factory.GuideSection(title=tr("受理条件"), kid="section_conditions")
            for line in guide.conditions:
                conditions.add_line(line)
            sections.add_widget(conditions)

    def scroll(self, pages: float) -> None:
        """Move the page by `pages` screenfuls (negative: back up)."""
        view = self.ids.scroll
        hidden = view.children[0].height - view.height if view.children else 0
        if hidden > 0:
            view.scroll_y = max(0.0, min(1.0, view.scroll_y - pages * view.height / hidden))

    # printing --------------------------------------------------------------------------------

    def print_checklist(self) -> None:
        item = self._item
        if item is None or self.printing:
            return  # a second tap while the first prints does not print twice
        self.printing = True
        self.print_failed = False
        self.print_message = PRINTING
        info = checklist_info(item, self.core.config.kiosk.hall_name, self.core.clock.wall())
        printer = self.core.printer

        def job() -> None:
            printer.print_receipt(checklist_receipt(info, columns=printer.settings.columns))

        self.run_background(job, on_done=lambda _r: self._printed(),
                            on_error=self._print_failed)

    def _printed(self) -> None:
        self.printing = False
        self.print_message = PRINTED

    def _print_failed(self, error: BaseException) -> None:
        self.printing = False
        self.print_failed = True
        self.print_message = print_problem_words(error)
