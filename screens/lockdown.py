"""Keeping the kiosk in front of the citizen: keys, window close, stray touches, and the
technician's way out.

- Every key is swallowed (Escape, Alt+F4, Ctrl+C, F-keys): a kiosk has no keyboard for
  citizens, and a stray USB keyboard must not do anything.
- A window-close request is refused (unless the demo allows it in a desktop window).
- One finger at a time: a second finger, a palm, a right click or a scroll wheel is ignored,
  so leaning on the screen cannot press two buttons or start a gesture.
- Every touch counts as activity for the idle timeout; a touch while the idle countdown shows
  only answers the countdown and never reaches the button under it.
- Holding the top-left corner for `HOLD_S` seconds opens the technician PIN prompt.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kivy.core.window import WindowBase
    from kivy.input.motionevent import MotionEvent

    from screens.app import KioskApp

log = logging.getLogger(__name__)

HOLD_S = 3.0
CORNER_MM = 20.0


class Lockdown:
    def __init__(self, app: KioskApp, *, allow_close: bool) -> None:
        self._app = app
        self._allow_close = allow_close
        self._active: Any = None          # uid of the one touch we follow
        self._swallowed: set[Any] = set()  # touches we ate on the way down
        self._corner_since: float | None = None
        self.ignored_keys = 0
        self.refused_closes = 0

    def install(self, window: WindowBase) -> None:
        window.bind(on_request_close=self._on_request_close, on_key_down=self._on_key,
                    on_keyboard=self._on_key, on_textinput=self._on_text)
        window.fbind("on_touch_down", self._on_touch_down)
        window.fbind("on_touch_move", self._on_touch_move)
        window.fbind("on_touch_up", self._on_touch_up)

    # keys and window ------------------------------------------------------------------------

    def _on_key(self, *_: Any) -> bool:
        self.ignored_keys += 1  # never log which key: it may be part of something typed
        return True

    def _on_text(self, *_: Any) -> bool:
        return True

    def _on_request_close(self, *_: Any, **__: Any) -> bool:
        if self._allow_close:
            return False
        self.refused_closes += 1
        log.warning("window close refused: the kiosk is locked down")
        return True

    # touches ----------------------------------------------------------------------------------

    def _on_touch_down(self, window: WindowBase, touch: MotionEvent) -> bool:
        self._app.activity()
        if self._app.countdown_visible():
            self._app.continue_session()
            self._swallowed.add(touch.uid)
            return True
        if self._is_stray(touch) or (self._active is not None and self._active != touch.uid):
            self._swallowed.add(touch.uid)
            return True
        self._active = touch.uid
        self._corner_since = self._app.core.clock.now() if self._in_corner(window, touch) else None
        return False

    def _on_touch_move(self, window: WindowBase, touch: MotionEvent) -> bool:
        if touch.uid in self._swallowed:
            return True
        if touch.uid == self._active and self._corner_since is not None \
                and not self._in_corner(window, touch):
            self._corner_since = None
        return False

    def _on_touch_up(self, window: WindowBase, touch: MotionEvent) -> bool:
        if touch.uid in self._swallowed:
            self._swallowed.discard(touch.uid)
            return True
        if touch.uid == self._active:
            self._active = None
            self.tick()
            self._corner_since = None
        return False

    def tick(self) -> None:
        """Open the PIN prompt once the corner has been held long enough."""
        if self._corner_since is None:
            return
        if self._app.core.clock.now() - self._corner_since >= HOLD_S:
            self._corner_since = None
            log.info("technician gesture recognised")
            self._app.open_pin_prompt()

    @staticmethod
    def _is_stray(touch: MotionEvent) -> bool:
        # Right and middle clicks, and the scroll wheel, are not fingers.
        return "button" in touch.profile and touch.button not in ("left", None)

    def _in_corner(self, window: WindowBase, touch: MotionEvent) -> bool:
        reach = CORNER_MM * self._app.theme.px_per_mm
        return touch.x <= reach and touch.y >= window.height - reach
