"""The technician's PIN prompt, opened by the hidden corner gesture.

The PIN is checked off the UI thread (scrypt is deliberately slow) against the salted hash in
the configuration; five wrong PINs lock the prompt for 15 minutes. The right PIN opens the
technician screen (screens/technician/), whose 退出终端 leaves the kiosk.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from kiosk.pin import PinResult
from screens.overlays.base import Overlay

MAX_DIGITS = 12


class PinPrompt(Overlay):
    digits = StringProperty("")
    message = StringProperty("")
    checking = BooleanProperty(False)

    def press(self, key: str) -> None:
        if self.checking:
            return
        if key == "clear":
            self.digits = ""
        elif key == "back":
            self.digits = self.digits[:-1]
        elif key.isdigit() and len(self.digits) < MAX_DIGITS:
            self.digits += key
        self.message = ""

    def submit(self) -> None:
        if self.checking or not self.digits:
            return
        app: Any = App.get_running_app()
        pin, self.digits = self.digits, ""
        self.checking = True
        app.core.runner.submit(lambda: app.core.pin.check(pin), on_done=self._checked,
                               on_error=self._failed)

    def _checked(self, result: PinResult) -> None:
        self.checking = False
        app: Any = App.get_running_app()
        tr = app.tr
        if result.outcome == "ok":
            self.dismiss()
            app.open_technician()
        elif result.outcome == "locked":
            minutes = max(1, -(-result.locked_for_s // 60))
            self.message = tr._("错误次数过多，已锁定，请{minutes}分钟后再试").format(
                minutes=minutes)
        else:
            self.message = tr._("密码不正确，还可尝试{n}次").format(n=result.attempts_left)

    def _failed(self, error: BaseException) -> None:
        self.checking = False
        self.message = App.get_running_app().tr._("无法验证，请重试")
