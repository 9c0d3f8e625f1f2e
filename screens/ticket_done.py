"""取号, the last step: the number, large, and what to do next; also when the print failed.

The ticket is issued and printed on a worker thread (`kiosk.services.ticketing`) while the
screen says so. The number is shown whatever happened to the paper; when the paper did not
come out, the citizen is told to show the number to staff (the platform already knows it is
unprinted). A category already given a number in this session shows that number again rather
than issuing a second one.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from kiosk.i18n import N_
from kiosk.masking import mask_name
from kiosk.platform.contract import PriorityReason
from kiosk.services.hours import format_windows
from kiosk.services.ticketing import PRIORITY_WORDS, Citizen, TicketOutcome
from screens.base import KioskScreen
from screens.errors import error_words
from screens.ticket import ticket_desk

TICKETS_KEY = "tickets"  # in the session: category id -> TicketOutcome

NOT_PRINTED = N_("凭条没有打印出来（{reason}）。请记下您的号码，到窗口出示给工作人员。")
NO_NUMBER = N_("没有取到号：{reason}。请到窗口取号，或点「帮办」请工作人员协助。")


class TicketDoneScreen(KioskScreen):
    phase = OptionProperty("working", options=["working", "done", "failed"])
    number = StringProperty("")
    category_name = StringProperty("")
    priority = BooleanProperty(False)
    priority_words = StringProperty("")
    queue_text = StringProperty("")
    where_text = StringProperty("")
    holder = StringProperty("")
    notice = StringProperty("")
    notice_level = StringProperty("ok")

    def spoken_prompt(self) -> str:
        return N_("正在为您取号，请稍候。")

    def enter(self, **params: Any) -> None:
        self.phase, self.number, self.notice = "working", "", ""
        self.priority, self.priority_words, self.holder = False, "", ""
        self.queue_text = self.where_text = ""
        self.category_name = params.get("category_name", "")
        self._outcome: TicketOutcome | None = None
        session = self.core.sessions.begin()
        issued: dict[str, TicketOutcome] = session.get(TICKETS_KEY) or {}
        checked_in = params.get("checked_in")
        category_id = params.get("category_id", "")
        citizen, reason = self._citizen_and_priority(params)
        if checked_in is None and category_id in issued:
            self._show(issued[category_id])  # the same citizen asked again: the same number
            return
        desk = ticket_desk(self.core)
        if checked_in is not None:
            work = lambda: desk.print_checked_in(checked_in, citizen=citizen)  # noqa: E731
        else:
            work = lambda: desk.take(category_id, citizen=citizen,  # noqa: E731
                                     priority=reason)
        self.run_background(work, self._issued, self._failed)

    def _citizen_and_priority(self, params: dict[str, Any]
                              ) -> tuple[Citizen | None, PriorityReason | None]:
        reason = params.get("priority")
        reason = PriorityReason(reason) if reason else None
        card = self.core.identity.current_card() if params.get("use_card") else None
        if card is None:
            return None, reason
        if reason is None and self.core.identity.priority(card):
            reason = PriorityReason.ELDERLY
        return Citizen(card.name or "", card.id_number), reason

    def leave(self) -> None:
        self.holder = ""
        self._outcome = None

    def _issued(self, outcome: TicketOutcome) -> None:
        self.core.metrics.ticket_issued(outcome.ticket.category_id, offline=outcome.offline)
        session = self.core.sessions.current
        if session is not None:
            issued = dict(session.get(TICKETS_KEY) or {})
            issued[outcome.ticket.category_id] = outcome
            session.put(TICKETS_KEY, issued)
        self._show(outcome)
        self.app.speak(N_("取号成功，请取走凭条，留意叫号。") if outcome.printed
                       else N_("凭条没有打印出来，请记下屏幕上的号码，到窗口出示给工作人员。"))

    def _show(self, outcome: TicketOutcome) -> None:
        tr, language = self.app.tr, self.app.language
        ticket = outcome.ticket
        self._outcome = outcome
        self.phase = "done"
        self.number = ticket.number
        self.category_name = ticket.category_name_zh if language.startswith("zh") \
            else ticket.category_name_en
        self.priority = ticket.priority_reason is not None
        self.priority_words = tr._(PRIORITY_WORDS.get(ticket.priority_reason, "")) \
            if ticket.priority_reason else ""
        if ticket.people_ahead is not None:
            self.queue_text = tr._("前面还有 {ahead} 人，预计等候约 {minutes} 分钟").format(
                ahead=ticket.people_ahead, minutes=ticket.estimated_wait_min or 0)
        else:
            self.queue_text = tr._("本机暂时离线，排队人数暂不显示；号码有效，请留意叫号。")
        windows = format_windows(outcome.windows, language)
        self.where_text = (tr._("请在等候区留意叫号，到 {windows} 办理").format(windows=windows)
                           if windows else tr._("请在等候区留意叫号"))
        card = self.core.identity.current_card()
        self.holder = mask_name(card.name) if card is not None and card.name else ""
        if outcome.printed:
            self.notice_level = "ok"
            self.notice = tr._("请取走凭条。")
        else:
            reason = outcome.print_error.message(language) if outcome.print_error else ""
            self.notice_level = "error"
            self.notice = tr._(NOT_PRINTED
                               ).format(reason=reason.rstrip("。."))

    def _failed(self, error: BaseException) -> None:
        language = self.app.language
        message = error_words(error, language)
        self.phase = "failed"
        self.notice_level = "error"
        self.notice = self.app.tr._(NO_NUMBER
                                    ).format(reason=message)

    def evaluate(self) -> None:
        ticket = self._outcome.ticket if self._outcome is not None else None
        self.app.go("evaluation", ticket_id=ticket.id if ticket is not None else None)
