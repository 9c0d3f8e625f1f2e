"""A QR code drawn on screen, crisp at any size: one texture pixel per module, scaled up
without smoothing, on a white quiet zone so phones read it off the glass."""

from __future__ import annotations

from typing import Any

from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import StringProperty
from kivy.uix.widget import Widget

QUIET_ZONE = 2  # modules of white around the code (the glass and its frame add more)


def qr_modules(data: str) -> list[list[bool]]:
    """The code's modules, quiet zone included, dark = True."""
    import qrcode  # python-escpos's own QR library; imported when a code is first drawn

    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


class QRCode(Widget):
    """Shows `data` as a QR code, square and centred in the widget."""

    data = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        self._texture: Texture | None = None
        super().__init__(**kwargs)
        self.bind(pos=self._draw, size=self._draw)

    def on_data(self, *_: Any) -> None:
        self._texture = self._make_texture(self.data) if self.data else None
        self._draw()

    @staticmethod
    def _make_texture(data: str) -> Texture:
        modules = qr_modules(data)
        side = len(modules)
        # RGBA keeps every row 4-byte aligned, whatever the code's size. Kivy's texture rows
        # run bottom to top.
        pixels = bytearray()
        for row in reversed(modules):
            for dark in row:
                pixels += b"\x00\x00\x00\xff" if dark else b"\xff\xff\xff\xff"
        texture = Texture.create(size=(side, side), colorfmt="rgba")
        texture.mag_filter = "nearest"
        texture.min_filter = "nearest"
        texture.blit_buffer(bytes(pixels), colorfmt="rgba", bufferfmt="ubyte")
        return texture

    def _draw(self, *_: Any) -> None:
        self.canvas.clear()
        if self._texture is None:
            return
        side = min(self.width, self.height)
        with self.canvas:
            Color(1, 1, 1, 1)
            Rectangle(texture=self._texture, size=(side, side),
                      pos=(self.center_x - side / 2, self.center_y - side / 2))
