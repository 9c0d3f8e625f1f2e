"""The technician screen's live camera view: what the camera sees, with the page it finds
outlined (as the citizens' scanning will find it), or the QR codes it reads, in words.

Opened from the 设备 panel's 实时画面 and 读二维码. The frames come from
`kiosk.technician.camera_preview.CameraPreview`, which reads the camera and draws on its own
thread; this panel only copies the newest picture into a texture on the UI clock. The camera
is the one saved in the configuration (its resolution included), so a saved change of size
shows here at once. Leaving the panel lets the camera go and blanks the picture.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.graphics.texture import Texture
from kivy.properties import ObjectProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.scanning.guidance import PHRASES
from kiosk.technician import urls

POLL_S = 1 / 20
WAIT_BEFORE_SAYING_S = 4.0  # a camera takes a moment to open; say nothing before this


class CameraPanel(BoxLayout):
    screen = ObjectProperty(None, allownone=True)
    mode = OptionProperty("page", options=["page", "qr"])
    info = StringProperty("")
    url = StringProperty("")
    qr_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._preview: Any = None
        self._event: Any = None
        self._texture: Texture | None = None
        self._waited = 0.0

    @property
    def core(self) -> Any:
        return App.get_running_app().core

    def enter(self) -> None:
        from kiosk.technician.camera_preview import CameraPreview

        if self._preview is not None:  # shown again while shown
            self.leave()
        tr = App.get_running_app().tr
        self.info = tr._("正在打开摄像头……")
        self.qr_text = self._qr_words([]) if self.mode == "qr" else ""
        self._waited = 0.0
        self.url = self.core.camera.url
        self._preview = CameraPreview(self.core.camera, self.mode)
        self._preview.start()  # a thread: the camera opens and is read there
        self._event = Clock.schedule_interval(self._poll, POLL_S)

    def leave(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None
        if self._preview is not None:
            self._preview.stop()
            self._preview = None
        texture, self._texture = self._texture, None
        if texture is not None:  # the picture may show a citizen's papers
            texture.blit_buffer(bytes(texture.width * texture.height * 3), colorfmt="rgb",
                                bufferfmt="ubyte")
        self.ids.camera_image.texture = None
        self.info = ""
        self.qr_text = ""

    def on_mode(self, _panel: Any, mode: str) -> None:
        if self._preview is not None:
            self._preview.set_mode(mode)
            self.qr_text = self._qr_words(self._preview.qr_texts) if mode == "qr" else ""

    # the picture ------------------------------------------------------------------------

    def _poll(self, dt: float) -> None:
        preview = self._preview
        if preview is None:
            return
        frame = preview.take()
        if frame is None:
            self._waited += dt
            if self._waited >= WAIT_BEFORE_SAYING_S:
                self._say_why_no_picture(preview.status())
            return
        self._waited = 0.0
        texture = self._texture
        if texture is None or tuple(texture.size) != frame.size:
            texture = Texture.create(size=frame.size, colorfmt="rgb")
            self._texture = texture
        texture.blit_buffer(bytes(frame.pixels), colorfmt="rgb", bufferfmt="ubyte")
        frame.pixels[:] = bytes(len(frame.pixels))
        image = self.ids.camera_image
        image.texture = None  # a texture filled in place is not noticed otherwise
        image.texture = texture
        self.info = self._describe(frame)
        if self.mode == "qr":
            self.qr_text = self._qr_words(preview.qr_texts)

    def _describe(self, frame: Any) -> str:
        tr = App.get_running_app().tr
        width, height = frame.frame_size
        line = tr._("画面 {width}×{height}，每秒 {fps} 帧").format(
            width=width, height=height, fps=f"{frame.fps:.0f}")
        url = self.core.camera.url
        if urls.param(url, "width") and urls.param(url, "height"):
            wanted = urls.camera_size(url).replace("x", "×")
            if wanted != f"{width}×{height}":
                line += tr._("（设置为 {size}，摄像头不支持）").format(size=wanted)
        if self.mode == "qr":
            return line
        if frame.found:
            found = tr._("已找到材料（绿框）：{hint}").format(hint=tr._(PHRASES[frame.hint]))
        else:
            found = tr._("未找到材料：请把一页纸放在镜头下方")
        return f"{line}\n{found}"

    def _qr_words(self, texts: list[str]) -> str:
        tr = App.get_running_app().tr
        if not texts:
            return tr._("请把二维码对准镜头")
        return tr._("读到的二维码：") + "\n" + "\n".join(texts)

    def _say_why_no_picture(self, status: Any) -> None:
        tr = App.get_running_app().tr
        if status.offline_zh:
            self.info = tr._("摄像头没有画面：{reason}").format(
                reason=self.screen.words(status.offline_zh, status.offline_en))
        else:
            self.info = tr._("摄像头还没有画面，请稍候或检查连线")
