"""办件查询: a citizen's applications and where each one has got to.

Three ways in: place the ID card on the reader (here, or at the home screen before choosing
the service), type the application number from the 受理回执 on the numeric pad, or hold the
受理回执's QR code under the camera (the `QrView` every citizen screen scans with: the
camera's picture, an aim square, hints; a flow that has decoded a receipt's QR elsewhere can
open `app.go("progress", qr=TEXT)`). All
end in the same lookup (`kiosk.progress`), run off the UI thread.

One application opens at once; several are listed, newest first. Each shows its steps with
their times in plain words and what the citizen does next. Not found, no applications for the
card, the platform unreachable: each has its own words and a way on. What is shown goes when
the screen is left; the card's number is never shown (names come masked from the platform).
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.i18n import N_
from kiosk.identity import IdentityEvent
from kiosk.progress import (
    NUMBER_DIGITS,
    Progress,
    ProgressProblem,
    day_words,
    digits_shown,
    find_by_card,
    find_by_number,
    find_by_receipt_qr,
    number_from_digits,
    number_from_receipt_qr,
    progress_of,
    when_words,
)
from screens.base import KioskScreen
from screens.widgets.keyboard import KioskKeyboard, apply_key
from screens.widgets.paged_list import PagedList, Row
from screens.widgets.qr_view import QrView

__all__ = ["KioskKeyboard", "PagedList", "ProgressScreen", "QrView"]  # widgets its layout uses

PROMPT = N_("查办件进度：请把身份证放在读卡区，或者输入受理回执上的编号。")
SEARCHING_CARD = N_("正在查询您名下的办件……")
SEARCHING_NUMBER = N_("正在查询这个办件……")
INCOMPLETE = N_("受理编号是13位数字，请输完再查。")
SCAN_TITLE = N_("请把受理回执上的二维码对准摄像头")
SCAN_ADVICE = N_("二维码在回执下方。放平、别挡住，看到结果就可以拿开。")
NOT_A_RECEIPT = N_("这不是受理回执上的二维码，请换回执上的二维码。")


class ProgressView(BoxLayout):
    screen = ObjectProperty(None, rebind=True)  # the ProgressScreen showing this view


class ProgressChooseView(ProgressView):
    """Place the card, or type the number."""


class ProgressNumberView(ProgressView):
    """The numeric pad for the application number."""


class ProgressScanView(ProgressView):
    """The camera's picture: hold the 受理回执's QR code under it."""

    advice = StringProperty(SCAN_ADVICE)  # msgid
    wrong_code = BooleanProperty(False)   # the last code seen was not a receipt's


class ProgressMessageView(ProgressView):
    """Searching…, or what went wrong and what to do next."""

    title = StringProperty("")          # msgid
    advice = StringProperty("")         # msgid
    busy = BooleanProperty(False)
    offer_number = BooleanProperty(False)


class ProgressListView(ProgressView):
    """The card holder's applications."""


class ProgressDetailView(ProgressView):
    """One application: its state, what to do next, its steps."""

    title = StringProperty("")
    number = StringProperty("")
    applicant = StringProperty("")
    status_words = StringProperty("")   # msgid
    next_step = StringProperty("")      # msgid
    promised = StringProperty("")
    tone = StringProperty("primary")    # colour of the state: ok, warning, error, primary
    steps = ObjectProperty([])


class ProgressScreen(KioskScreen):
    digits = StringProperty("")
    number_hint = StringProperty("")    # msgid: why the number cannot be looked up yet

    def __init__(self, **kwargs: Any) -> None:
        self._views: dict[str, Any] = {}
        self._found: list[Progress] = []
        self._shown: Progress | None = None
        self._mode = "choose"
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget: Any) -> None:
        self.core.identity.listen(self._on_identity)
        self.app.bind(language=lambda *_: self._refresh())

    def spoken_prompt(self) -> str:
        return PROMPT

    # entering and leaving --------------------------------------------------------------------

    def enter(self, **params: Any) -> None:
        self._forget()
        if params.get("qr"):
            self.find_by_qr(str(params["qr"]))
        elif self.core.identity.current_card() is not None:
            self.find_by_card()  # the card was placed at the home screen
        else:
            self._show("choose")

    def leave(self) -> None:
        self._forget()
        self._show("choose")

    def _forget(self) -> None:
        self._stop_scanning()
        self._found = []
        self._shown = None
        self.digits = ""
        self.number_hint = ""
        for view in self._views.values():
            if isinstance(view, ProgressDetailView):
                view.steps = []
            if isinstance(view, ProgressListView):
                view.ids.applications.show([])

    def _on_identity(self, event: IdentityEvent) -> None:
        if event.card is not None and self.app.current_screen == self.name:
            self.find_by_card()

    # views -----------------------------------------------------------------------------------

    def _view(self, name: str) -> Any:
        if name not in self._views:
            self._views[name] = getattr(Factory, name)(screen=self)
        return self._views[name]

    def _show(self, mode: str) -> Any:
        if mode != "scan":
            self._stop_scanning()
        self._mode = mode
        names = {"choose": "ProgressChooseView", "number": "ProgressNumberView",
                 "scan": "ProgressScanView", "message": "ProgressMessageView",
                 "list": "ProgressListView",
                 "detail": "ProgressDetailView"}
        view = self._view(names[mode])
        body = self.ids.body
        if view.parent is not body:
            body.clear_widgets()
            body.add_widget(view)
        return view

    def _refresh(self) -> None:
        """Words that are not msgids (times, dates) follow the language."""
        if self._mode == "list":
            self._fill_list()
        elif self._mode == "detail" and self._shown is not None:
            self._fill_detail(self._shown)

    def choose(self) -> None:
        self._forget()
        self._show("choose")

    def use_pad(self) -> None:
        self.digits = ""
        self.number_hint = ""
        self._show("number")

    def back(self) -> None:
        if self._mode == "detail" and len(self._found) > 1:
            self._show("list")
            self._fill_list()
        else:
            self.choose()

    # the three ways in -----------------------------------------------------------------------

    def on_key(self, key: str) -> None:
        self.digits = apply_key(self.digits, key, NUMBER_DIGITS)
        self.number_hint = ""

    def shown_number(self, digits: str) -> str:
        return digits_shown(digits)

    def search_number(self) -> None:
        number = number_from_digits(self.digits)
        if number is None:
            self.number_hint = INCOMPLETE
            return
        self._busy(SEARCHING_NUMBER)
        platform = self.core.platform
        self.run_background(lambda: find_by_number(platform, number),
                            on_done=self._found_these, on_error=self._failed)

    def scan_receipt(self) -> None:
        """Show the camera until a 受理回执's QR is read (or the citizen goes another way)."""
        view = self._show("scan")
        view.advice, view.wrong_code = SCAN_ADVICE, False
        view.ids.qr.start()  # the camera opens on the scanner's own thread

    def use_qr(self, text: str) -> None:
        """A code the camera read while the scan view was up (on the UI thread)."""
        if self._mode != "scan":
            return
        if number_from_receipt_qr(text) is None:
            view = self._view("ProgressScanView")
            view.advice, view.wrong_code = NOT_A_RECEIPT, True
            return  # keep looking: a ticket's or a phone's code was in view
        self._stop_scanning()
        self.find_by_qr(text)

    def _stop_scanning(self) -> None:
        if "ProgressScanView" in self._views:
            self._views["ProgressScanView"].ids.qr.stop()  # the camera is given back

    def find_by_qr(self, text: str) -> None:
        """A 受理回执's QR text (from the camera, or from another flow): the number path."""
        self._busy(SEARCHING_NUMBER)
        platform = self.core.platform
        self.run_background(lambda: find_by_receipt_qr(platform, text),
                            on_done=self._found_these, on_error=self._failed)

    def find_by_card(self) -> None:
        card = self.core.identity.current_card()
        if card is None:
            self._show("choose")
            return
        id_number = card.id_number  # to the platform only; never shown, never logged
        self._busy(SEARCHING_CARD)
        platform = self.core.platform
        self.run_background(lambda: find_by_card(platform, id_number),
                            on_done=self._found_these, on_error=self._failed)

    def _busy(self, words: str) -> None:
        view = self._show("message")
        view.busy, view.title, view.advice, view.offer_number = True, words, "", False

    # answers ---------------------------------------------------------------------------------

    def _found_these(self, applications: list[Any]) -> None:
        self._found = [progress_of(a) for a in applications]
        if len(self._found) == 1:
            self.open_detail(0)
        else:
            self._show("list")
            self._fill_list()

    def _failed(self, error: BaseException) -> None:
        problem = error if isinstance(error, ProgressProblem) else ProgressProblem("broken")
        view = self._show("message")
        view.busy = False
        view.title, view.advice = problem.words.title, problem.words.advice
        view.offer_number = problem.kind in ("not_found", "none_for_card", "not_a_receipt")

    def _fill_list(self) -> None:
        tr, language, today = self.app.tr._, self.app.language, self.core.clock.wall().date()
        rows = [Row(f"application_{index}", item.title,
                    tr("受理编号 {number} · {when}提交").format(
                        number=item.number,
                        when=when_words(item.submitted_at, language, today)),
                    tr(item.words), _tone(item), on_tap=lambda i=index: self.open_detail(i))
                for index, item in enumerate(self._found)]
        self._view("ProgressListView").ids.applications.show(rows)

    def open_detail(self, index: int) -> None:
        self._shown = self._found[index]
        self._show("detail")
        self._fill_detail(self._shown)

    def _fill_detail(self, item: Progress) -> None:
        tr, language, today = self.app.tr._, self.app.language, self.core.clock.wall().date()
        view = self._view("ProgressDetailView")
        view.title, view.number, view.applicant = item.title, item.number, item.applicant
        view.status_words, view.next_step, view.tone = item.words, item.next_step, _tone(item)
        view.promised = ""
        if item.promised_by is not None and not item.finished:
            view.promised = tr("承诺 {date} 前办结").format(
                date=day_words(item.promised_by, language, today))
        steps = view.ids.steps
        steps.clear_widgets()
        last = len(item.steps) - 1
        for index, step in enumerate(reversed(item.steps)):  # newest first
            line = Factory.ProgressStep()
            line.words = tr(step.words)
            line.when = when_words(step.at, language, today)
            line.note = step.note(language)
            line.current = index == 0
            line.last = index == last
            steps.add_widget(line)
        view.ids.detail_scroll.scroll_y = 1


def _tone(item: Progress) -> str:
    if item.status.value == "rejected":
        return "error"
    if item.action_needed:
        return "warning"
    return "ok" if item.finished else "primary"
