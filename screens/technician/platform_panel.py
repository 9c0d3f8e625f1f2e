"""The technician screen's 平台 panel: the platform's address, this kiosk's id, its key and a
private CA; test the connection and the signature, see the clock skew; save and apply.

Text is typed on the kiosk's own keyboard (the `text` layout with a 大写 key); the key is never
shown, only how many characters have been typed."""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, DictProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from screens.widgets.keyboard import apply_key

FIELDS = ("url", "kiosk_id", "key", "ca")
MAX_LENGTH = {"url": 200, "kiosk_id": 64, "key": 128, "ca": 200}


class PlatformPanel(BoxLayout):
    screen = ObjectProperty(None, allownone=True)
    values = DictProperty({name: "" for name in FIELDS})
    editing = StringProperty("")
    upper = BooleanProperty(False)
    result = StringProperty("")

    @property
    def core(self) -> Any:
        return App.get_running_app().core

    def enter(self) -> None:
        config = self.core.config
        self.values = {"url": config.platform.url, "kiosk_id": config.kiosk.id, "key": "",
                       "ca": str(config.platform.ca_bundle or "")}
        self.editing = ""
        self.result = ""

    def leave(self) -> None:
        self.values = {name: "" for name in FIELDS}  # the typed key goes with the panel
        self.editing = ""

    def shown(self, name: str, values: dict[str, str]) -> str:
        tr = App.get_running_app().tr
        if name == "key":
            if values.get("key"):
                return "●" * min(len(values["key"]), 24) + f"  ({len(values['key'])})"
            configured = self.core.config.platform
            has_key = configured.kiosk_key is not None or configured.kiosk_key_file is not None
            return tr._("已设置（不显示）") if has_key else tr._("未设置")
        return values.get(name, "") or tr._("（空）")

    def edit(self, name: str) -> None:
        self.editing = "" if self.editing == name else name

    def on_key(self, key: str) -> None:
        if not self.editing:
            return
        if len(key) == 1 and self.upper:
            key = key.upper()
        values = dict(self.values)
        values[self.editing] = apply_key(values[self.editing], key, MAX_LENGTH[self.editing])
        self.values = values

    def changes(self) -> dict[str, Any]:
        config = self.core.config
        out: dict[str, Any] = {}
        if self.values["url"] != config.platform.url:
            out["platform.url"] = self.values["url"]
        if self.values["kiosk_id"] != config.kiosk.id:
            out["kiosk.id"] = self.values["kiosk_id"]
        if self.values["key"]:
            out["platform.kiosk_key"] = self.values["key"]
            if config.platform.kiosk_key_file is not None:
                out["platform.kiosk_key_file"] = None  # one or the other
        if self.values["ca"] != str(config.platform.ca_bundle or ""):
            out["platform.ca_bundle"] = self.values["ca"] or None
        return out

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.screen.message = App.get_running_app().tr._("没有改动")
            return
        self.editing = ""
        self.screen.save(changes, on_saved=lambda _result: self._clear_key())

    def _clear_key(self) -> None:
        values = dict(self.values)
        values["key"] = ""
        self.values = values

    # the test ---------------------------------------------------------------------------------

    def test(self) -> None:
        tr = App.get_running_app().tr
        self.result = tr._("正在测试连接……")
        values = dict(self.values)
        self.core.runner.submit(lambda: self._check(values), on_done=self._checked,
                                on_error=self._check_failed)

    def _check(self, values: dict[str, str]) -> Any:
        from kiosk.platform.client import Credentials
        from kiosk.platform.crypto import read_secret_file
        from kiosk.technician.platform_check import check_platform

        core = self.core
        settings = core.config.platform
        if values["url"] == "embedded":
            api = core.platform.service().parts().api
            url, credentials = api.base_url, api.credentials
        else:
            url = values["url"]
            if values["key"]:
                key = values["key"]
            elif settings.kiosk_key is not None:
                key = settings.kiosk_key.get_secret_value()
            elif settings.kiosk_key_file is not None:
                key = read_secret_file(settings.kiosk_key_file)
            else:
                key = ""
            credentials = Credentials(values["kiosk_id"], key.encode())
        return check_platform(url, credentials, ca_bundle=values["ca"] or None,
                              timeout=settings.connect_timeout_s + 2)

    def _checked(self, check: Any) -> None:
        tr = App.get_running_app().tr
        lines = [tr._("连接：正常") if check.reachable else tr._("连接：失败"),
                 tr._("签名：正确") if check.signature_ok else tr._("签名：未通过")]
        if check.clock_skew_s is not None:
            lines.append(tr._("时钟偏差：{seconds}秒").format(seconds=f"{check.clock_skew_s:+.1f}"))
        problems = check.problems_en if App.get_running_app().language == "en" \
            else check.problems_zh
        self.result = "\n".join(lines + problems)

    def _check_failed(self, error: BaseException) -> None:
        self.result = App.get_running_app().tr._("测试未完成：{error}").format(
            error=getattr(error, "message_zh", str(error)))
