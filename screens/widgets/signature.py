"""The signature pad: the citizen writes their name with a finger; the strokes are kept as
points in pad pixels (a `kiosk.forms.Signature`), drawn as they go, and cleared by 重写."""

from __future__ import annotations

from typing import Any

from kivy.graphics import Color, Line
from kivy.properties import ObjectProperty
from kivy.uix.widget import Widget

from kiosk.forms import Signature


class SignaturePad(Widget):
    """Dispatches `on_signed(signature)` after every stroke."""

    signature = ObjectProperty(None, allownone=True)

    __events__ = ("on_signed",)

    def start(self, signature: Signature | None) -> None:
        self.signature = signature if signature is not None else Signature()
        self.signature.width, self.signature.height = int(self.width), int(self.height)
        self._redraw()

    def clear(self) -> None:
        if self.signature is not None:
            self.signature.wipe()
        self._redraw()

    def _point(self, touch: Any) -> tuple[int, int]:
        return int(touch.x - self.x), int(self.top - touch.y)

    def on_touch_down(self, touch: Any) -> bool:
        if not self.collide_point(*touch.pos) or self.signature is None:
            return False
        touch.grab(self)
        self.signature.strokes.append([self._point(touch)])
        self._redraw()
        return True

    def on_touch_move(self, touch: Any) -> bool:
        if touch.grab_current is not self or self.signature is None:
            return False
        if self.collide_point(*touch.pos):
            self.signature.strokes[-1].append(self._point(touch))
            self._redraw()
        return True

    def on_touch_up(self, touch: Any) -> bool:
        if touch.grab_current is not self:
            return False
        touch.ungrab(self)
        self.dispatch("on_signed", self.signature)
        return True

    def on_signed(self, signature: Signature) -> None:
        """Default handler: nothing. The form screen binds to this event."""

    def on_size(self, *_: Any) -> None:
        self._redraw()

    def _redraw(self) -> None:
        self.canvas.after.clear()
        if self.signature is None:
            return
        with self.canvas.after:
            Color(0.1, 0.1, 0.2, 1)
            for stroke in self.signature.strokes:
                points = [v for x, y in stroke for v in (self.x + x, self.top - y)]
                if len(points) >= 4:
                    Line(points=points, width=2.5)
