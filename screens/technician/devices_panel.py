"""The technician screen's 设备 panel: what is attached, one device per role, its settings, a
test of each where it stands, and save and apply.

A device discovery cannot see (a network printer, `tcp://10.0.0.5:9100`; a video file played
as the camera) is typed on the kiosk's keyboard with 输入地址; like every setting it is checked
when saved, and refused with the reason when wrong."""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.factory import Factory
from kivy.properties import (
    BooleanProperty,
    DictProperty,
    ListProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout

from kiosk.masking import mask_id_number, mask_name
from kiosk.technician import urls
from screens.widgets.keyboard import apply_key

ROLES = ("printer", "id_reader", "camera")
MAX_URL_LENGTH = 300


class DevicesPanel(BoxLayout):
    screen = ObjectProperty(None, allownone=True)
    draft = DictProperty({})          # role → URL as edited, not yet saved
    found_text = StringProperty("")
    results = DictProperty({"printer": "", "id_reader": "", "camera": ""})
    found = ListProperty([])
    editing = StringProperty("")      # the role whose URL is being typed
    upper = BooleanProperty(False)

    @property
    def core(self) -> Any:
        return App.get_running_app().core

    def enter(self) -> None:
        devices = self.core.config.devices
        self.draft = {"printer": devices.printer, "id_reader": devices.id_reader,
                      "camera": devices.camera}
        self.scan()

    def leave(self) -> None:
        self.results = {role: "" for role in ROLES}
        self.type_url("")

    # typing a URL -----------------------------------------------------------------------------

    def type_url(self, role: str) -> None:
        """Show the keyboard for `role`'s URL (again: hide it; "": hide it)."""
        role = "" if role == self.editing else role
        self.editing = role
        keys = self.ids.url_keys
        keys.clear_widgets()
        if role:
            caps = Factory.UrlCaps(text=self._caps_text())
            caps.bind(on_release=lambda *_: setattr(self, "upper", not self.upper))
            keys.add_widget(caps)
            keyboard = Factory.KioskKeyboard(layout="text")
            keyboard.bind(on_key=lambda _keyboard, key: self.on_key(key))
            keys.add_widget(keyboard)

    def _caps_text(self) -> str:
        tr = App.get_running_app().tr
        return tr._("小写") if self.upper else tr._("大写")

    def on_upper(self, *_: Any) -> None:
        for widget in self.ids.url_keys.children:
            if getattr(widget, "kid", "") == "url_caps":
                widget.text = self._caps_text()

    def on_key(self, key: str) -> None:
        if not self.editing:
            return
        if len(key) == 1 and self.upper:
            key = key.upper()
        self._set(self.editing, apply_key(self.draft[self.editing], key, MAX_URL_LENGTH))

    # discovery --------------------------------------------------------------------------------

    def scan(self) -> None:
        from kiosk.technician.devices import discover

        tr = App.get_running_app().tr
        self.found_text = tr._("正在查找设备……")
        self.core.runner.submit(discover, on_done=self._found, on_error=self._scan_failed)

    def _found(self, found: list[Any]) -> None:
        self.found = found
        tr = App.get_running_app().tr
        real = [d for d in found if d.kind != "simulator"]
        if not real:
            self.found_text = tr._("未发现串口、USB 打印机或摄像头（可用模拟设备）")
            return
        lines = [f"{d.path}  {d.usb_id}  {self._role_words(d)} — {d.likely}" for d in real]
        self.found_text = "\n".join(lines)

    @staticmethod
    def _role_words(device: Any) -> str:
        """What the device likely is, in the screen's language (the make stays as found)."""
        tr = App.get_running_app().tr
        if device.kind == "camera":
            return tr._("摄像头")
        return {"printer": tr._("可能是打印机"), "id_reader": tr._("可能是读卡器")}.get(
            device.role, tr._("串口，接的设备未知"))

    def _scan_failed(self, error: BaseException) -> None:
        self.found_text = App.get_running_app().tr._("查找设备失败：{error}").format(error=error)

    def next_device(self, role: str) -> None:
        """The next device that could fill `role` (discovered ones, then the simulator)."""
        self.type_url("")
        from kiosk.technician.devices import candidates

        options = [d.url for d in candidates(list(self.found), role)]
        if not options:
            return
        current = self.draft[role]
        index = next((i for i, url in enumerate(options) if urls.same_device(url, current)), -1)
        self._set(role, options[(index + 1) % len(options)])

    # settings ---------------------------------------------------------------------------------

    def cycle(self, role: str, what: str) -> None:
        url = self.draft[role]
        if what == "paper":
            url = urls.with_param(url, "paper",
                                  urls.next_of(urls.PRINTER_PAPER, urls.param(url, "paper", "80")))
        elif what == "encoding":
            url = urls.with_param(url, "encoding", urls.next_of(
                urls.PRINTER_ENCODINGS, urls.param(url, "encoding", "gb18030")))
        elif what == "baudrate":
            options = urls.PRINTER_BAUDRATES if role == "printer" else urls.READER_BAUDRATES
            url = urls.with_param(url, "baudrate", urls.next_of(
                options, urls.param(url, "baudrate", options[0])))
        elif what == "size":
            url = urls.with_camera_size(url, urls.next_of(urls.CAMERA_SIZES,
                                                          urls.camera_size(url)))
        self._set(role, url)

    def _set(self, role: str, url: str) -> None:
        draft = dict(self.draft)
        draft[role] = url
        self.draft = draft

    def setting(self, role: str, what: str) -> str:
        url = self.draft.get(role, "")
        if what == "size":
            return urls.camera_size(url)
        default = {"paper": "80", "encoding": "gb18030",
                   "baudrate": "115200" if role == "printer" else "auto"}[what]
        return urls.param(url, what, default)

    def save(self) -> None:
        self.type_url("")
        devices = self.core.config.devices
        saved = {"printer": devices.printer, "id_reader": devices.id_reader,
                 "camera": devices.camera}
        changes = {f"devices.{role}": url for role, url in self.draft.items()
                   if url != saved[role]}
        if not changes:
            self.screen.message = App.get_running_app().tr._("没有改动")
            return
        self.screen.save(changes)

    # tests in place ---------------------------------------------------------------------------

    def test(self, role: str) -> None:
        tr = App.get_running_app().tr
        if self.draft[role] != getattr(self.core.config.devices, role):
            self._result(role, tr._("请先保存，再测试新设置"))
            return
        if role == "printer":
            self._result(role, tr._("正在打印测试页……"))
            self.core.runner.submit(self._print_test_page, on_done=lambda m: self._result(
                role, m), on_error=lambda e: self._failed(role, e))
        elif role == "id_reader":
            self._result(role, tr._("请在读卡器上放一张证件（20秒内）"))
            self.core.runner.submit(self._wait_for_card, on_done=lambda m: self._result(
                role, m), on_error=lambda e: self._failed(role, e))
        else:
            self._result(role, tr._("正在测试摄像头……"))
            self.core.runner.submit(self._check_camera, on_done=lambda m: self._result(
                role, m), on_error=lambda e: self._failed(role, e))

    def live(self, mode: str) -> None:
        """The camera's live view (`page`: the page outlined; `qr`: codes read)."""
        if self.draft["camera"] != self.core.config.devices.camera:
            self._result("camera", App.get_running_app().tr._("请先保存，再测试新设置"))
            return
        self.screen.open_camera(mode)

    def _print_test_page(self) -> str:
        from kiosk.technician.checks import print_test_page

        zh, en = print_test_page(self.core)
        return self.screen.words(zh, en)

    def _check_camera(self) -> str:
        from kiosk.scanning.check import check_camera

        result = check_camera(self.core.config.devices.camera)
        return self.screen.words(result.message_zh, result.message_en)

    def _wait_for_card(self) -> str:
        from kiosk.technician.checks import wait_for_card

        card = wait_for_card(self.core, timeout=20)
        if card is None:
            tr = App.get_running_app().tr
            return tr._("20秒内没有读到证件")
        # Masked, and gone from the screen when the panel closes; never logged.
        name = mask_name(card.name or "")
        return f"{card.type_name}  {name}  {mask_id_number(card.id_number)}"

    def _result(self, role: str, text: str) -> None:
        results = dict(self.results)
        results[role] = text
        self.results = results

    def _failed(self, role: str, error: BaseException) -> None:
        zh = getattr(error, "message_zh", str(error))
        en = getattr(error, "message_en", str(error))
        self._result(role, self.screen.words(zh, en))
