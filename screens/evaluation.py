"""好差评: five grades for a ticket or an application; reasons for the two low grades.

Reached from the done screen of a service (with its ticket or application), or from home,
where the citizen names what they evaluate: the application number on the numeric pad, their
ID card (their applications are listed), or the QR on their ticket (its status link names the
ticket) or on their 受理回执 (its progress link names the application), shown to the camera;
the platform is asked that the ticket or application exists before the grades are offered.
A low grade asks for reasons (the platform's list) and offers an optional comment typed
with the pinyin input method. One evaluation per ticket or application (the
platform refuses a second, and the screen says it was already given); offline it waits in the
outbox and the thanks say so.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, OptionProperty, StringProperty

import kiosk.ime
from kiosk.i18n import N_
from kiosk.platform.contract import EvaluationGrade, EvaluationRequest
from kiosk.platform.errors import PlatformRejected, PlatformUnavailable
from kiosk.services.qr_payloads import (
    ApplicationRef,
    AppointmentCode,
    TicketRef,
    Unreadable,
    parse_qr,
)
from kiosk.services.references import application_number_from_digits
from screens.base import KioskScreen
from screens.errors import error_words
from screens.widgets.common import KButton
from screens.widgets.keyboard import apply_key
from screens.widgets.pinyin_input import PinyinInput

__all__ = ["EvaluationScreen", "PinyinInput", "ReasonChip"]  # widgets its layout uses

GRADES = (
    (EvaluationGrade.VERY_SATISFIED, N_("非常满意")),
    (EvaluationGrade.SATISFIED, N_("满意")),
    (EvaluationGrade.BASICALLY_SATISFIED, N_("基本满意")),
    (EvaluationGrade.DISSATISFIED, N_("不满意")),
    (EvaluationGrade.VERY_DISSATISFIED, N_("非常不满意")),
)
LOW = {EvaluationGrade.DISSATISFIED, EvaluationGrade.VERY_DISSATISFIED}
DIGITS = 13  # BK + 8-digit date + 5-digit serial: the citizen types the 13 digits

NUMBER_HINT = N_("办件编号是受理回执上 BK 后面的 13 位数字，请核对后重新输入。")

# What a QR that names no ticket or application is; then what to do instead (QR_NEXT_STEP).
WRONG_QR = {
    AppointmentCode: N_("这是预约二维码，签到请回首页选预约签到。"),
    Unreadable: N_("二维码没有读清楚，请把凭条放平、拿稳后再扫一次。"),
}
NOT_OURS_QR = N_("这个二维码不是本大厅凭条或回执上的。")
QR_NEXT_STEP = N_("请扫描排队凭条或受理回执上的二维码，或输入办件编号。")
NOT_FOUND_QR = N_("没有查到这张凭条或回执，可能不是本县政务服务中心开具的。")


class ReasonChip(KButton):
    """A reason for a low grade; tapped on and off."""

    code = StringProperty("")
    kid = StringProperty("")
    chosen = BooleanProperty(False)


class EvaluationScreen(KioskScreen):
    phase = OptionProperty("identify", options=["identify", "scan", "checking", "grade",
                                                "reasons", "comment", "sending", "thanks",
                                                "refused"])
    typed = StringProperty("")
    message = StringProperty("")
    target_text = StringProperty("")
    target_kind = OptionProperty("application", options=["application", "ticket"])
    chosen_reasons = ListProperty([])
    reasons_text = StringProperty("")   # the reasons chosen, shown above the comment

    def spoken_prompt(self) -> str:
        return N_("请为我们的服务打分。")

    def enter(self, **params: Any) -> None:
        self._ticket_id = params.get("ticket_id")
        self._application = params.get("application_number")
        self._grade: EvaluationGrade | None = None
        self._reasons: list[Any] = []
        self.chosen_reasons = []
        self.ids.comment.reset()
        self.typed = self.message = ""
        self.target_kind = "application"
        if self._ticket_id or self._application:
            self.target_text = self._application or ""
            self.phase = "grade"
        else:
            self.target_text = ""
            self.phase = "identify"

    def leave(self) -> None:
        self.ids.qr.stop()
        self.typed = self.target_text = ""
        self.ids.comment.reset()  # what the citizen wrote goes with them
        self.ids.applications.clear_widgets()

    def on_phase(self, _screen: Any, phase: str) -> None:
        if phase != "scan":
            self.ids.qr.stop()  # the camera is given back as soon as the step is left

    # the QR on a ticket or a 受理回执 ----------------------------------------------------------

    def scan(self) -> None:
        if self.phase != "identify":
            return
        self.phase, self.message = "scan", ""
        self.ids.applications.clear_widgets()
        self.ids.qr.start()

    def type_number(self) -> None:
        self.phase, self.message = "identify", ""

    def use_qr(self, text: str) -> None:
        if self.phase != "scan":
            return
        payload = parse_qr(text)
        platform = self.core.platform
        if isinstance(payload, TicketRef):
            ticket_id = payload.ticket_id
            self.phase, self.message = "checking", ""
            self.run_background(lambda: platform.ticket(ticket_id),
                                lambda ticket: self._target_ticket(ticket.id, ticket.number),
                                lambda error: self._qr_target_failed(
                                    error, lambda: self._target_ticket(ticket_id, "")))
        elif isinstance(payload, ApplicationRef):
            number = payload.number
            self.phase, self.message = "checking", ""
            self.run_background(lambda: platform.application(number),
                                lambda _application: self._choose(number),
                                lambda error: self._qr_target_failed(
                                    error, lambda: self._choose(number)))
        else:
            self.message = self._sentences(WRONG_QR.get(type(payload), NOT_OURS_QR),
                                           QR_NEXT_STEP)

    def _target_ticket(self, ticket_id: str, number: str) -> None:
        self._ticket_id, self._application = ticket_id, None
        self.target_kind, self.target_text = "ticket", number
        self.message = ""
        self.phase = "grade"

    def _qr_target_failed(self, error: BaseException, offline: Any) -> None:
        if isinstance(error, PlatformUnavailable):
            offline()  # cannot be checked now: the evaluation waits in the outbox anyway
            return
        self.phase = "scan"
        self.ids.qr.start()
        if isinstance(error, PlatformRejected) and error.status == 404:
            self.message = self._sentences(NOT_FOUND_QR, N_("请核对后再扫，或到窗口咨询。"))
        else:
            reason = error_words(error, self.app.language)
            self.message = self._sentences(N_("没能查询这张凭条或回执。"),
                                           N_("请稍后再试，或输入办件编号。")) + f" ({reason})"

    def _sentences(self, *texts: str) -> str:
        space = "" if self.app.language.startswith("zh") else " "
        return space.join(self.app.tr._(text) for text in texts)

    # naming what is evaluated ----------------------------------------------------------------

    def on_key(self, key: str) -> None:
        self.typed = apply_key(self.typed, key, DIGITS)
        self.message = ""

    def use_number(self) -> None:
        number = application_number_from_digits(self.typed)
        if number is None:
            self.message = self.app.tr._(NUMBER_HINT)
            return
        self._application, self.target_text = number, number
        self.phase = "grade"

    def on_identity(self, event: Any) -> None:
        if event.card is None or self.phase not in ("identify", "scan"):
            return
        self.phase = "identify"
        id_number = event.card.id_number
        self.message = self.app.tr._("正在查询您的办件…")
        self.run_background(lambda: self.core.platform.applications_of(id_number),
                            self._list_applications, self._explain)

    def _list_applications(self, applications: list[Any]) -> None:
        box = self.ids.applications
        box.clear_widgets()
        if not applications:
            self.message = self.app.tr._("没有查到您的办件。您可以输入受理回执上的办件编号。")
            return
        self.message = self.app.tr._("请选择要评价的办件：")
        for application in applications[:4]:
            tile = Factory.ChoiceTile(kid=f"application_{application.number}",
                                      title=application.title, detail=application.number)
            tile.bind(on_release=lambda _t, a=application: self._choose(a.number))
            box.add_widget(tile)

    def _choose(self, number: str) -> None:
        self._application, self.target_text = number, number
        self.target_kind = "application"
        self.message = ""
        self.ids.applications.clear_widgets()
        self.phase = "grade"

    # grading --------------------------------------------------------------------------------

    def grade(self, value: str) -> None:
        if self.phase != "grade":
            return
        self._grade = EvaluationGrade(value)
        if self._grade in LOW:
            self.phase = "reasons"
            self.run_background(kiosk.ime.preload)  # the dictionary, before a comment is typed
            self.run_background(self.core.platform.evaluation_reasons, self._show_reasons,
                                lambda _e: self._show_reasons([]))
        else:
            self._send()

    def _show_reasons(self, reasons: list[Any]) -> None:
        self._reasons = reasons
        box = self.ids.reasons
        box.clear_widgets()
        english = not self.app.language.startswith("zh")
        for reason in reasons:
            button = Factory.ReasonChip(kid=f"reason_{reason.code}",
                                        text=reason.name_en if english else reason.name_zh,
                                        code=reason.code)
            button.bind(on_release=lambda b: self._toggle(b))
            box.add_widget(button)

    def _toggle(self, chip: Any) -> None:
        chosen = list(self.chosen_reasons)
        if chip.code in chosen:
            chosen.remove(chip.code)
        else:
            chosen.append(chip.code)
        self.chosen_reasons = chosen
        chip.chosen = chip.code in chosen
        self.message = ""

    def open_comment(self) -> None:
        names = {reason.code: (reason.name_zh, reason.name_en) for reason in self._reasons}
        english = not self.app.language.startswith("zh")
        chosen = [names.get(code, (code, code))[1 if english else 0]
                  for code in self.chosen_reasons]
        self.reasons_text = self.app.tr._("原因：{reasons}").format(
            reasons=("; " if english else "、").join(chosen)) if chosen else ""
        self.message = ""
        self.phase = "comment"

    def send_low(self) -> None:
        if not self.chosen_reasons:
            self.message = self.app.tr._("请至少选择一个原因，帮助我们改进。")
            self.phase = "reasons"
            return
        self._send()

    def _send(self) -> None:
        request = EvaluationRequest(ticket_id=self._ticket_id,
                                    application_number=None if self._ticket_id
                                    else self._application,
                                    grade=self._grade, reasons=list(self.chosen_reasons),
                                    comment=self.ids.comment.finish().strip()
                                    if self._grade in LOW else "")
        self.phase = "sending"
        self.message = ""
        self.run_background(lambda: self.core.platform.evaluate(request), self._sent,
                            self._explain)

    def _sent(self, submission: Any) -> None:
        if self._grade is not None:
            self.core.metrics.evaluation(self._grade.value)
        self.phase = "thanks"
        self.message = "" if submission.sent else self.app.tr._(
            "本机暂时连不上政务平台，您的评价已保存，连上后自动送出。")
        self.app.speak(N_("感谢您的评价！"))

    def _explain(self, error: BaseException) -> None:
        language = self.app.language
        if isinstance(error, PlatformRejected) and error.code == "evaluation_exists":
            self.phase = "refused"
            self.message = self.app.tr._("这次服务已经评价过了，每次服务只能评价一次。谢谢您！")
            return
        if isinstance(error, PlatformRejected) and error.code == "evaluation_target_not_found":
            self.phase = "identify"
            self.message = self.app.tr._("没有找到这个办件，请核对办件编号。")
            return
        text = error_words(error, language)
        if self.phase == "sending":
            self.phase = "grade"
        self.message = self.app.tr._("评价没有送出：{reason}。请稍后再试。").format(reason=text)
