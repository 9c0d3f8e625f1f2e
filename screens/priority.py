"""绿色通道 without an ID card: the citizen says why, staff come and confirm, then the number.

A help request goes to the platform with the reason; the screen shows that staff have been
told, then that they are on their way, and when a member of staff confirms (resolves the
request on their console) the priority number is issued. While waiting the citizen can cancel
(the request is withdrawn) or take an ordinary number instead. Offline, nobody can be called
through the platform: the screen says to raise a hand to staff.
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import OptionProperty, StringProperty

from kiosk.i18n import N_
from kiosk.platform.contract import HelpKind, HelpRequestBody, HelpStatus, PriorityReason
from screens.base import KioskScreen

POLL_S = 3.0
WAIT_AT_MOST_S = 600.0  # the idle timeout is held off this long while staff are coming

REASONS = (
    (PriorityReason.ELDERLY, N_("70 周岁以上老年人"), HelpKind.ELDERLY),
    (PriorityReason.DISABLED, N_("残疾人"), HelpKind.DISABLED),
    (PriorityReason.PREGNANT, N_("孕妇"), HelpKind.GENERAL),
    (PriorityReason.MILITARY, N_("军人、退役军人"), HelpKind.GENERAL),
)


class PriorityScreen(KioskScreen):
    phase = OptionProperty("choose", options=["choose", "waiting", "offline"])
    status_text = StringProperty("")
    category_name = StringProperty("")

    def spoken_prompt(self) -> str:
        return N_("请选择优先办理的原因，工作人员会前来确认。")

    def enter(self, **params: Any) -> None:
        self._params = {"category_id": params["category_id"],
                        "category_name": params.get("category_name", "")}
        self.category_name = self._params["category_name"]
        self.phase, self.status_text = "choose", ""
        self._submission: Any = None
        self._reason: PriorityReason | None = None
        self._poll_event: Any = None
        self._waited = 0.0
        self._confirmed = False

    def leave(self) -> None:
        self._stop_polling()
        if self._submission is not None and not self._confirmed:
            self._cancel_request()

    def choose(self, reason_value: str) -> None:
        if self.phase != "choose":
            return
        reason, _words, kind = next(r for r in REASONS if r[0].value == reason_value)
        self._reason = reason
        self.phase = "waiting"
        self.status_text = self.app.tr._("正在通知工作人员…")
        body = HelpRequestBody(kind=kind, screen="priority",
                               note=f"绿色通道确认：{reason.value}")
        self.run_background(lambda: self.core.platform.ask_for_help(body), self._asked,
                            self._not_asked)

    def _asked(self, submission: Any) -> None:
        self._submission = submission
        if not submission.sent:
            self.phase = "offline"
            return
        self._status(submission.result)
        self._poll_event = Clock.schedule_interval(self._poll, POLL_S)

    def _not_asked(self, _error: BaseException) -> None:
        self.phase = "offline"

    def _poll(self, dt: float) -> None:
        self._waited += dt
        if self._waited < WAIT_AT_MOST_S:
            self.app.activity()  # waiting for staff is not being idle
        help_id = self._submission.result.id
        self.run_background(lambda: self.core.platform.help_request(help_id), self._status,
                            lambda _e: None)  # a missed poll is tried again at the next one

    def _status(self, request: Any) -> None:
        language = self.app.language
        self.status_text = request.message_zh if language.startswith("zh") \
            else request.message_en
        if request.status == HelpStatus.RESOLVED and not self._confirmed:
            self._confirmed = True
            self._stop_polling()
            self.app.go("ticket_done", priority=self._reason.value if self._reason else None,
                        use_card=True, **self._params)
        elif request.status == HelpStatus.CANCELLED:
            self._stop_polling()
            self._submission = None
            self.phase = "choose"

    def _stop_polling(self) -> None:
        if self._poll_event is not None:
            self._poll_event.cancel()
            self._poll_event = None

    def _cancel_request(self) -> None:
        submission, self._submission = self._submission, None
        platform = self.core.platform
        # Not tied to the session: the cancellation must reach staff even after a wipe.
        self.core.runner.submit(lambda: platform.cancel_help(submission))

    def cancel(self) -> None:
        """Back to the choice of how to take a number; staff are told not to come."""
        self._stop_polling()
        if self._submission is not None:
            self._cancel_request()
        self.app.go("ticket_identify", **self._params)

    def ordinary_number(self) -> None:
        self._stop_polling()
        if self._submission is not None:
            self._cancel_request()
        self.app.go("ticket_done", use_card=True, **self._params)
