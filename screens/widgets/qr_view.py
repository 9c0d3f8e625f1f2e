"""The QR scanning part of a screen: what the camera sees, a frame to aim at, and a hint.

    QrView:                       # in a .kv layout
        id: qr
        on_qr: root.use_qr(args[1])

    self.ids.qr.start()           # when the scanning step shows
    self.ids.qr.stop()            # in `leave`, and when the step is left

`start` begins a `PreviewQrScanner` on its own thread (its lease opens the camera); the view
polls it a few times a second on the UI thread and copies only its newest small preview into
a texture, so no camera I/O, decoding or shrinking happens here. A decoded text is handed to
the UI thread and fired as `on_qr`, once per text; the screen decides what it names
(kiosk/services/qr_payloads.py). `stop` gives the lease back without waiting (joining the
scanner would hold the UI up to half a second) and blanks the preview; it also happens by
itself when the citizen's session ends or the view leaves the window.

A camera that is missing, broken or gives no frames is said in plain words (`camera_ok`
False), and the screen keeps its other ways (the ID card, the keypad) open. When the camera
works but no code is read for `SLOW_S` seconds, the hint turns to what usually helps.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.graphics.texture import Texture
from kivy.properties import BooleanProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.health import Level, Role
from kiosk.i18n import N_
from kiosk.scanning.preview import PreviewQrScanner

POLL_S = 0.2
SLOW_S = 12.0

AIM = N_("请将二维码对准摄像头")
STARTING = N_("正在打开摄像头…")
SLOW = N_("还没有读到二维码。")
SLOW_HELP = N_("请调亮手机屏幕，让二维码完整地在框内，离摄像头二三十厘米，保持不动。")
NO_CAMERA = N_("摄像头暂时不能使用。")


class QrView(BoxLayout):
    """See the module docstring. `hint` is the sentence shown under the picture (already in
    the citizen's language); `state` is idle, starting, scanning or no_camera."""

    state = OptionProperty("idle", options=["idle", "starting", "scanning", "no_camera"])
    hint = StringProperty("")
    alternative = StringProperty("")    # what else to do, said with NO_CAMERA, e.g. 请输入预约码。
    camera_ok = BooleanProperty(True)
    texture = ObjectProperty(None, allownone=True)

    __events__ = ("on_qr",)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._scanner: PreviewQrScanner | None = None
        self._poll: Any = None
        self._shown_index = -1
        self._started_at = 0.0
        self._generation = 0

    def on_qr(self, text: str) -> None:
        """Fired on the UI thread with each newly decoded text."""

    @property
    def active(self) -> bool:
        return self._scanner is not None

    # starting and stopping -------------------------------------------------------------------

    def start(self) -> None:
        if self._scanner is not None:
            return
        app = App.get_running_app()
        core = app.core
        self._generation += 1
        self._shown_index = -1
        self.texture = None
        self._session = core.sessions.current
        if core.health.get(Role.CAMERA).level is Level.ERROR:
            self._say_no_camera()
            return
        generation = self._generation
        scanner = PreviewQrScanner(core.camera, lambda text: self._decoded(generation, text))
        self._scanner = scanner
        scanner.start()
        self.state, self.camera_ok = "starting", True
        self.hint = app.tr._(STARTING)
        self._started_at = Clock.get_boottime()
        self._poll = Clock.schedule_interval(self._refresh, POLL_S)

    def stop(self) -> None:
        self._generation += 1
        if self._poll is not None:
            self._poll.cancel()
            self._poll = None
        scanner, self._scanner = self._scanner, None
        if scanner is not None:
            scanner.stop_soon()
        self.texture = None
        self.state = "idle"
        self.hint = ""

    def on_parent(self, _widget: Any, parent: Any) -> None:
        if parent is None:
            self.stop()

    # on the UI thread, a few times a second --------------------------------------------------

    def _refresh(self, _dt: float) -> None:
        scanner = self._scanner
        if scanner is None:
            return
        app = App.get_running_app()
        session = app.core.sessions.current
        if session is None or session is not self._session:
            self.stop()  # the session ended (idle wipe, home): the camera is given back
            return
        failed = app.core.health.get(Role.CAMERA).level is Level.ERROR and \
            scanner.frames_seen == 0
        if not scanner.camera_ok or failed:
            self.stop()
            self._say_no_camera()
            return
        preview = scanner.preview
        if preview is not None and preview.index != self._shown_index:
            self._show(preview)
        if self.state == "scanning" and Clock.get_boottime() - self._started_at > SLOW_S:
            space = "" if app.language.startswith("zh") else " "
            self.hint = app.tr._(SLOW) + space + app.tr._(SLOW_HELP)

    def _show(self, preview: Any) -> None:
        texture = self.texture
        if texture is None or tuple(texture.size) != (preview.width, preview.height):
            texture = Texture.create(size=(preview.width, preview.height), colorfmt="rgb")
        texture.blit_buffer(bytes(preview.pixels), colorfmt="rgb", bufferfmt="ubyte")
        self._shown_index = preview.index
        self.texture = texture
        self.canvas.ask_update()
        if self.state == "starting":
            self.state = "scanning"
            self.hint = App.get_running_app().tr._(AIM)
            self._started_at = Clock.get_boottime()

    def _say_no_camera(self) -> None:
        self.state, self.camera_ok = "no_camera", False
        app = App.get_running_app()
        space = "" if app.language.startswith("zh") else " "
        self.hint = app.tr._(NO_CAMERA) + (space + app.tr._(self.alternative)
                                           if self.alternative else "")

    # from the scanner's thread ---------------------------------------------------------------

    def _decoded(self, generation: int, text: str) -> None:
        Clock.schedule_once(lambda _dt: self._deliver(generation, text), 0)

    def _deliver(self, generation: int, text: str) -> None:
        if generation != self._generation or self._scanner is None:
            return  # stopped meanwhile: the text belongs to a step that is gone
        self._started_at = Clock.get_boottime()
        if self.state == "scanning":
            self.hint = App.get_running_app().tr._(AIM)
        self.dispatch("on_qr", text)
