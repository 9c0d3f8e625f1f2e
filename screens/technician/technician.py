"""The technician screen, opened by the hidden gesture and the right PIN.

Four panels: 设备 (devices found, one per role, their settings, a test of each, save and
apply; the camera's live view with the page outline or the QR codes read, `camera_panel`),
平台 (address, kiosk id, key, CA; test the connection and the signature; clock skew),
状态 (outbox, heartbeat, version, uptime, recent errors; send the outbox now; restart; leave
the kiosk) and 维护密码 (change the PIN, `pin_panel`). Every save is validated and written
atomically (`kiosk.config.editor`) and applied without a restart where possible
(`kiosk.reconfigure`); every entry, save and exit is logged. All device and network work
runs through `run_background`.
"""

from __future__ import annotations

import logging
from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from kiosk.reconfigure import ConfigSource, apply_config, keys_of
from screens.base import KioskScreen
from screens.technician.camera_panel import CameraPanel
from screens.technician.devices_panel import DevicesPanel
from screens.technician.pin_panel import PinPanel
from screens.technician.platform_panel import PlatformPanel
from screens.technician.status_panel import StatusPanel

log = logging.getLogger(__name__)

PANELS = {"devices": DevicesPanel, "platform": PlatformPanel, "status": StatusPanel,
          "pin": PinPanel, "camera": CameraPanel}


class TechnicianScreen(KioskScreen):
    tab = StringProperty("devices")
    message = StringProperty("")
    wide = BooleanProperty(False)   # landscape: the actions share the tabs' row

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._panels: dict[str, Any] = {}
        self._actions: Any = None

    def on_size(self, *_: Any) -> None:
        self.wide = self.width > self.height * 1.2
        if self._actions is None:
            self._actions = self.ids.actions.__self__  # ids are weak: keep the row alive
        actions = self._actions
        target = self.ids.tab_row if self.wide else self.ids.bottom_row
        if actions.parent is not target:
            actions.parent.remove_widget(actions)
            target.add_widget(actions)
        actions.size_hint_x = 1.5 if self.wide else 1

    def enter(self, **params: Any) -> None:
        self.message = ""
        self.show(params.get("tab", "devices"))

    def leave(self) -> None:
        for panel in self._panels.values():
            panel.leave()
        log.info("technician screen closed")

    def _panel(self, tab: str) -> Any:
        if tab not in self._panels:
            panel = PANELS[tab]()
            panel.screen = self
            self._panels[tab] = panel
        return self._panels[tab]

    def show(self, tab: str) -> None:
        body = self.ids.body
        self._panel(tab)
        current = self._panels.get(self.tab)
        if current is not None and current.parent is body and self.tab != tab:
            current.leave()
        body.clear_widgets()
        self.tab = tab
        panel = self._panels[tab]
        body.add_widget(panel)
        panel.enter()

    def open_camera(self, mode: str) -> None:
        """The live camera view, finding pages (`page`) or reading QR codes (`qr`)."""
        if self.tab == "camera":
            self._panels["camera"].mode = mode
            return
        self._panel("camera").mode = mode
        self.show("camera")

    def words(self, zh: str, en: str) -> str:
        """The core's two-language sentences, in the screen's language."""
        return en if self.app.language == "en" else zh

    # saving -----------------------------------------------------------------------------------

    def save(self, changes: dict[str, Any], on_saved: Any = None,
             on_failed: Any = None) -> None:
        """Validate and write `changes` to the configuration file, then apply them."""
        core = self.core
        source = core.source
        if source is None:
            self.message = self.app.tr._("本机不是从配置文件启动的，不能保存")
            return
        self.message = self.app.tr._("正在保存……")

        def work() -> Any:
            from kiosk.config.editor import set_values

            set_values(source.path, changes, who="technician screen")
            # What the technician saved wins over a --set given at start for the same key.
            kept = tuple(o for o, k in zip(source.overrides, keys_of(source.overrides),
                                           strict=True) if k not in changes)
            core.source = ConfigSource(source.path, kept)
            pushed = core.monitoring.remote.settings if core.monitoring.remote else {}
            from kiosk.reconfigure import remote_overrides

            return apply_config(core, core.source.load(remote_overrides(pushed)))

        def done(result: Any) -> None:
            tr = self.app.tr
            if result.needs_restart:
                self.message = tr._("已保存。以下设置重启后生效：{keys}").format(
                    keys="、".join(result.needs_restart))
            elif result.failed:
                self.message = tr._("已保存，但未能应用：{keys}").format(
                    keys="、".join(result.failed))
            else:
                self.message = tr._("已保存并生效")
            if on_saved is not None:
                on_saved(result)

        def failed(error: BaseException) -> None:
            from kiosk.errors import ConfigError

            if isinstance(error, ConfigError):
                problems = "\n".join(error.problems)
                self.message = self.app.tr._("未保存：{problems}").format(problems=problems)
            else:
                log.error("saving settings failed: %s", error)
                self.message = self.app.tr._("未保存：{problems}").format(problems=str(error))
            if on_failed is not None:
                on_failed(error)

        self.core.runner.submit(work, on_done=done, on_error=failed)

    # leaving ----------------------------------------------------------------------------------

    def back_to_service(self) -> None:
        log.info("technician returned the kiosk to citizens")
        self.app.go_home("technician")

    def restart_kiosk(self) -> None:
        self.app.restart("technician screen")

    def leave_kiosk(self) -> None:
        self.app.leave_kiosk()
