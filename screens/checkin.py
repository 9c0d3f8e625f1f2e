"""预约签到: find the citizen's appointment, show it, and on confirmation give a priority number.

The appointment is found by the ID card placed on the reader (today's appointments at this
hall), by the appointment QR shown to the camera (扫预约码: the code, bare or at the end of
the booking link, see kiosk/services/qr_payloads.py) or by the code typed on the pad (the
digits after YY on the booking message). A QR that is not an appointment's (a ticket's, a
receipt's, anything else) or that cannot be read is said so, with what to do instead. The
screen shows the item, the time and the windows; 确认签到 checks in on the platform, which
issues the priority ticket, printed and shown by the 取号 done screen. Every refusal (too
early, too late, already used, not found, someone else's, another hall's, cancelled) is shown
in the platform's words with the next step: take an ordinary number, or ask at a window.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from kiosk.i18n import N_
from kiosk.platform.errors import PlatformRejected, PlatformUnavailable
from kiosk.services.checkin import (
    Found,
    appointment_code_from_digits,
    describe_slot,
    find_by_card,
    find_by_code,
)
from kiosk.services.hours import format_windows
from kiosk.services.qr_payloads import (
    ApplicationRef,
    AppointmentCode,
    TicketRef,
    Unreadable,
    parse_qr,
)
from screens.base import KioskScreen
from screens.errors import error_words
from screens.widgets.keyboard import apply_key

CODE_DIGITS = 8

CODE_HINT = N_("预约码是预约短信上 YY 后面的 8 位数字，请核对后重新输入。")

# What a QR that is not an appointment's names; then what to do instead (QR_NEXT_STEP).
WRONG_QR = {
    TicketRef: N_("这是排队凭条上的二维码，不是预约码。"),
    ApplicationRef: N_("这是受理回执上的二维码，不是预约码。"),
    Unreadable: N_("二维码没有读清楚，请拿稳手机、调亮屏幕再扫一次。"),
}
NOT_APPOINTMENT_QR = N_("这个二维码不是预约码。")
QR_NEXT_STEP = N_("请扫描预约短信或预约小程序里的预约二维码，或输入预约码。")


class CheckinScreen(KioskScreen):
    phase = OptionProperty("identify", options=["identify", "scan", "looking", "confirm",
                                                "working", "refused"])
    typed = StringProperty("")
    message = StringProperty("")
    item_name = StringProperty("")
    slot_text = StringProperty("")
    windows_text = StringProperty("")
    holder = StringProperty("")
    offer_ticket = BooleanProperty(False)

    def spoken_prompt(self) -> str:
        return N_("请把身份证放在读卡区，扫描预约二维码，或输入预约码。")

    def enter(self, **params: Any) -> None:
        self.phase, self.typed, self.message = "identify", "", ""
        self.item_name = self.slot_text = self.windows_text = self.holder = ""
        self.offer_ticket = False
        self._appointment: Any = None
        self._id_number: str | None = None
        card = self.core.identity.current_card()
        if card is not None:  # placed on the home screen or an earlier step
            self._look_up_by_card(card.id_number)

    def leave(self) -> None:
        self.ids.qr.stop()
        self._appointment, self._id_number = None, None
        self.holder = self.typed = ""

    def on_phase(self, _screen: Any, phase: str) -> None:
        if phase != "scan":
            self.ids.qr.stop()  # the camera is given back as soon as the step is left

    # the appointment QR -----------------------------------------------------------------------

    def scan(self) -> None:
        """扫预约码 (scan the appointment QR): the camera's picture in place of the pad."""
        if self.phase not in ("identify", "refused"):
            return
        self.phase, self.message = "scan", ""
        self.ids.qr.start()

    def type_code(self) -> None:
        self.phase, self.message = "identify", ""

    def use_qr(self, text: str) -> None:
        if self.phase != "scan":
            return
        payload = parse_qr(text)
        if not isinstance(payload, AppointmentCode):
            self.message = self._sentences(WRONG_QR.get(type(payload), NOT_APPOINTMENT_QR),
                                           QR_NEXT_STEP)
            return
        self._look_up_by_code(payload.code)

    # finding the appointment ------------------------------------------------------------------

    def on_identity(self, event: Any) -> None:
        if event.card is not None and self.phase in ("identify", "scan", "refused"):
            self._look_up_by_card(event.card.id_number)

    def _look_up_by_card(self, id_number: str) -> None:
        self._id_number = id_number
        self.phase, self.message = "looking", ""
        platform = self.core.platform
        self.run_background(lambda: find_by_card(platform, id_number), self._found,
                            self._refused)

    def _found(self, found: Found | None) -> None:
        if found is None:
            self._refuse(self.app.tr._("今天没有查到您在本大厅的预约。"), offer_ticket=True)
            return
        self._show(found)

    def on_key(self, key: str) -> None:
        self.typed = apply_key(self.typed, key, CODE_DIGITS)
        self.message = ""

    def use_code(self) -> None:
        code = appointment_code_from_digits(self.typed)
        if code is None:
            self.message = self.app.tr._(CODE_HINT)
            return
        self._look_up_by_code(code)

    def _look_up_by_code(self, code: str) -> None:
        self.phase, self.message = "looking", ""
        platform = self.core.platform
        self.run_background(lambda: find_by_code(platform, code), self._found, self._refused)

    def _show(self, found: Found) -> None:
        appointment = self._appointment = found.appointment
        self.item_name = appointment.item_name
        self.slot_text = describe_slot(appointment, self.app.language)
        self.holder = appointment.holder_name_masked
        self.windows_text = self.app.tr._("办理窗口：{windows}").format(
            windows=format_windows(found.windows, self.app.language)) \
            if found.windows else ""
        self.phase = "confirm"

    # checking in ------------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.phase != "confirm" or self._appointment is None:
            return  # a double tap: one check-in
        self.phase = "working"
        code, id_number = self._appointment.code, self._id_number
        self.run_background(lambda: self.core.platform.check_in(code=code, id_number=id_number),
                            self._checked_in, self._refused)

    def _checked_in(self, result: Any) -> None:
        self.app.go("ticket_done", checked_in=result, use_card=self._id_number is not None,
                    category_id=result.ticket.category_id)

    def _refused(self, error: BaseException) -> None:
        language = self.app.language
        if isinstance(error, PlatformUnavailable):
            self._refuse(self.app.tr._("预约签到需要连接政务平台，本机暂时连不上。请取普通号，或到窗口签到。"),
                         offer_ticket=True)
            return
        text = error_words(error, language)
        code = error.code if isinstance(error, PlatformRejected) else ""
        next_step = {
            "appointment_too_early": N_("您可以稍后再来签到，或先取普通号。"),
            "appointment_too_late": N_("已过签到时间，请取普通号排队办理。"),
            "appointment_used": N_("这个预约已经签到过了，请留意叫号；号码凭条丢失请到窗口咨询。"),
            "appointment_not_found": N_("请核对预约码，或刷身份证查询；也可以取普通号。"),
            "appointment_not_yours": N_("预约码和身份证不是同一个人，请核对后再试。"),
            "appointment_other_hall": N_("这个预约不在本大厅办理，请按预约短信上的地址前往。"),
            "appointment_cancelled": N_("这个预约已经取消，请重新预约或取普通号。"),
        }.get(code, N_("请稍后再试，或到窗口签到。"))
        stop = "。" if language.startswith("zh") else ". "
        self._refuse(f"{text}{stop}{self.app.tr._(next_step)}",
                     offer_ticket=code not in ("appointment_used", "appointment_other_hall"))

    def _sentences(self, *texts: str) -> str:
        space = "" if self.app.language.startswith("zh") else " "
        return space.join(self.app.tr._(text) for text in texts)

    def _refuse(self, message: str, *, offer_ticket: bool) -> None:
        self.phase = "refused"
        self.message = message
        self.offer_ticket = offer_ticket

    def again(self) -> None:
        self.phase, self.typed, self.message, self.offer_ticket = "identify", "", "", False
        self._appointment = None

    def ordinary_ticket(self) -> None:
        self.app.go("ticket")
