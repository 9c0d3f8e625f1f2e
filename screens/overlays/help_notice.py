"""帮办: the help button calls a member of staff to this kiosk, and says that they are coming.

Opening it sends a help request to the platform with the screen the citizen is on; the panel
shows the platform's word on it (told, on the way) as staff acknowledge it, and 取消呼叫
withdraws it. When the platform cannot be reached the request waits in the outbox and the
panel says to raise a hand as well, so nobody waits for a call that has not gone out.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import OptionProperty, StringProperty

from kiosk.platform.contract import HelpKind, HelpRequestBody, HelpStatus
from screens.overlays.base import Overlay

POLL_S = 3.0


class HelpNotice(Overlay):
    phase = OptionProperty("calling", options=["calling", "called", "queued", "failed"])
    status_text = StringProperty("")

    def on_open(self) -> None:
        app = App.get_running_app()
        self._app = app
        self._submission: Any = None
        self._poll_event: Any = None
        self.phase, self.status_text = "calling", ""
        kind = HelpKind.ELDERLY if app.elderly else HelpKind.GENERAL
        body = HelpRequestBody(kind=kind, screen=app.current_screen or "home")
        platform = app.core.platform
        # Not tied to the citizen's session: the call must go out even if it ends meanwhile.
        app.core.runner.submit(lambda: platform.ask_for_help(body), on_done=self._asked,
                               on_error=self._not_asked)

    def _asked(self, submission: Any) -> None:
        self._submission = submission
        if self._app is None:  # closed before the answer came: withdraw the call
            self._withdraw()
            return
        if not submission.sent:
            self.phase = "queued"
            return
        self.phase = "called"
        self._show(submission.result)
        self._poll_event = Clock.schedule_interval(self._poll, POLL_S)

    def _not_asked(self, _error: BaseException) -> None:
        self.phase = "failed"

    def _poll(self, _dt: float) -> None:
        app = self._app
        if app is None or self._submission is None:
            return
        app.activity()  # waiting for staff is not being idle
        help_id = self._submission.result.id
        app.core.runner.submit(lambda: app.core.platform.help_request(help_id),
                               on_done=self._show, on_error=lambda _e: None)

    def _show(self, request: Any) -> None:
        app = self._app
        if app is None:
            return
        self.status_text = request.message_zh if app.language.startswith("zh") \
            else request.message_en
        if request.status in (HelpStatus.RESOLVED, HelpStatus.CANCELLED):
            self._stop_polling()

    def _stop_polling(self) -> None:
        if self._poll_event is not None:
            self._poll_event.cancel()
            self._poll_event = None

    def cancel_call(self) -> None:
        """Withdraw the call; staff are told they are not needed after all."""
        self._withdraw()
        self.dismiss()

    def _withdraw(self) -> None:
        submission, self._submission = self._submission, None
        if submission is not None:
            platform = App.get_running_app().core.platform
            App.get_running_app().core.runner.submit(lambda: platform.cancel_help(submission))

    def on_dismiss(self) -> None:
        # Closing the panel (知道了) keeps the call; staff still come.
        self._stop_polling()
        self._app = None
