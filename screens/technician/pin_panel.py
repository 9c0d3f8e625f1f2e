"""The technician screen's 维护密码 panel: change the technician PIN on the kiosk itself.

The old PIN, then the new one twice, on the kiosk's number pad. The new PIN is checked first
(`kiosk.pin.new_pin_problem`: 4 to 12 digits, the same twice, not the old one, not one digit
repeated or a run); then the old PIN is checked off the UI thread by the same guard as the
prompt, so a wrong old PIN counts towards its lockout, and five in a row close the technician
screen. The new PIN's salted scrypt hash is written like every setting (`TechnicianScreen.save`:
validated, atomic) and used at once. Each attempt and the change are logged; the PINs never.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, DictProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from screens.widgets.keyboard import apply_key

log = logging.getLogger(__name__)

FIELDS = ("old", "new", "again")
MAX_DIGITS = 12


class PinPanel(BoxLayout):
    screen = ObjectProperty(None, allownone=True)
    values = DictProperty({name: "" for name in FIELDS})
    editing = StringProperty("old")
    message = StringProperty("")
    failed = BooleanProperty(False)   # the message is a refusal (red), not a success
    busy = BooleanProperty(False)

    @property
    def core(self) -> Any:
        return App.get_running_app().core

    def enter(self) -> None:
        self._wipe()
        self.message = ""

    def leave(self) -> None:
        self._wipe()
        self.message = ""

    def _wipe(self) -> None:
        self.values = {name: "" for name in FIELDS}
        self.editing = "old"

    def dots(self, name: str, values: dict[str, str]) -> str:
        typed = values.get(name, "")
        return "●" * len(typed) if typed else App.get_running_app().tr._("（点此输入）")

    def edit(self, name: str) -> None:
        self.editing = name

    def on_key(self, key: str) -> None:
        if self.busy or (not key.isdigit() and key not in ("backspace", "clear")):
            return
        values = dict(self.values)
        values[self.editing] = apply_key(values[self.editing], key, MAX_DIGITS)
        self.values = values
        self.message = ""

    # changing ---------------------------------------------------------------------------

    def change(self) -> None:
        from kiosk.pin import new_pin_problem

        if self.busy:
            return
        tr = App.get_running_app().tr
        old, new, again = (self.values[name] for name in FIELDS)
        if not old:
            self._refuse(tr._("请输入原密码。"), "old")
            return
        problem = new_pin_problem(new, again, old)
        if problem is not None:
            log.info("new technician PIN refused", extra={"reason": problem[1]})
            self._refuse(self.screen.words(*problem), "again" if new and again else "new")
            return
        self.busy = True
        self.message = tr._("正在核对原密码……")
        self.core.runner.submit(lambda: self._check_and_hash(old, new), on_done=self._checked,
                                on_error=self._failed)

    def _check_and_hash(self, old: str, new: str) -> Any:
        """On a worker: scrypt is slow on purpose."""
        from kiosk.pin import hash_pin

        result = self.core.pin.check(old)
        return (result, hash_pin(new) if result.outcome == "ok" else None)

    def _checked(self, outcome: Any) -> None:
        result, encoded = outcome
        app: Any = App.get_running_app()
        tr = app.tr
        self._wipe()
        if result.outcome == "locked":
            self.busy = False
            log.warning("technician screen closed: old PIN wrong too many times")
            app.go_home("technician")
            return
        if result.outcome != "ok":
            self.busy = False
            self._refuse(tr._("原密码不正确，还可尝试{n}次。").format(n=result.attempts_left),
                         "old")
            return
        self.message = tr._("正在保存……")
        self.screen.save({"technician.pin_hash": encoded}, on_saved=self._saved,
                         on_failed=self._not_saved)

    def _saved(self, _result: Any) -> None:
        self.busy = False
        self.failed = False
        log.warning("technician PIN changed", extra={"by": "technician screen"})
        self.message = App.get_running_app().tr._("维护密码已修改，下次进入维护模式请用新密码。")
        self.screen.message = ""

    def _not_saved(self, _error: BaseException) -> None:
        self.busy = False
        self._refuse(App.get_running_app().tr._("维护密码未修改。"), "old")

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        log.error("checking the technician PIN failed: %s", type(error).__name__)
        self._wipe()
        self._refuse(App.get_running_app().tr._("无法验证，请重试"), "old")

    def _refuse(self, text: str, field: str) -> None:
        self.failed = True
        self.message = text
        self.editing = field
