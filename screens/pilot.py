"""A remote control for the running app, for UI tests, the tour and benchmarks.

Started only when `kiosk run --pilot SOCKET` asks for it: a Unix socket (mode 0600) that takes
one JSON request per line and answers one JSON line. Requests run on the UI thread between
frames and drive the real app the way a citizen would: touches go in through Kivy's input
dispatch, screenshots are the pixels of the frame just drawn. The client is
`kiosk.pilot_client`.

Commands: ready, state, find, tap, long_press, gesture, advance, screenshot, texts, buttons,
key, request_close, wait_idle.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kivy.base import EventLoop
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.input.motionevent import MotionEvent
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.modalview import ModalView
from kivy.uix.stencilview import StencilView
from kivy.uix.widget import Widget

if TYPE_CHECKING:
    from screens.app import KioskApp

log = logging.getLogger(__name__)

Reply = Callable[[dict[str, Any]], None]
REQUEST_TIMEOUT_S = 60


def _save_frame(path: Path) -> None:
    """Write the frame being drawn to `path` as PNG (from an on_flip handler: before the swap,
    the back buffer holds the finished frame)."""
    from kivy.graphics.opengl import GL_RGB, GL_UNSIGNED_BYTE, glReadPixels
    from PIL import Image

    width, height = Window.size
    pixels = glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE)
    image = Image.frombytes("RGB", (width, height), pixels).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


class PilotTouch(MotionEvent):
    """A finger on the glass at window pixel (x, y), as Kivy's own UI tests make them."""

    def __init__(self, uid: int, x: float, y: float) -> None:
        super().__init__("pilot", uid, self._normalised(x, y), is_touch=True, type_id="touch")

    @staticmethod
    def _normalised(x: float, y: float) -> dict[str, float]:
        return {"x": x / (Window.width - 1.0), "y": y / (Window.height - 1.0)}

    def depack(self, args: dict[str, float]) -> None:
        self.profile = ["pos"]
        self.sx, self.sy = args["x"], args["y"]
        super().depack(args)

    def move_to(self, x: float, y: float) -> None:
        self.move(self._normalised(x, y))


class Pilot:
    def __init__(self, app: KioskApp, socket_path: Path) -> None:
        self._app = app
        self._path = socket_path
        self._server: socket.socket | None = None
        self._next_uid = 10_000

    # transport (pilot thread) -----------------------------------------------------------------

    def start(self) -> None:
        if self._path.exists():
            self._path.unlink()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # Bound under another name and moved into place once listening: a client that sees
        # the path never finds it refusing connections.
        binding = self._path.with_name(self._path.name + ".new")
        binding.unlink(missing_ok=True)
        old_umask = os.umask(0o177)
        try:
            server.bind(str(binding))
        finally:
            os.umask(old_umask)
        server.listen(4)
        os.replace(binding, self._path)
        self._server = server
        threading.Thread(target=self._accept, name="pilot", daemon=True).start()
        log.info("pilot listening", extra={"socket": str(self._path)})

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._path.unlink(missing_ok=True)

    def _accept(self) -> None:
        assert self._server is not None
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as stream:
            for line in stream:
                try:
                    request = json.loads(line)
                    answer = self._on_ui_thread(request)
                except Exception as exc:  # the client gets every failure as an answer
                    answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
                stream.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")
                stream.flush()

    def _on_ui_thread(self, request: dict[str, Any]) -> dict[str, Any]:
        done = threading.Event()
        box: dict[str, Any] = {}

        def reply(answer: dict[str, Any]) -> None:
            box.update(answer)
            box.setdefault("ok", True)
            done.set()

        def run(_dt: float) -> None:
            try:
                handler = getattr(self, "cmd_" + str(request.get("cmd")), None)
                if handler is None:
                    reply({"ok": False, "error": f"unknown command {request.get('cmd')!r}"})
                    return
                handler(reply, **request.get("args", {}))
            except Exception as exc:
                log.exception("pilot command failed")
                reply({"ok": False, "error": f"{type(exc).__name__}: {exc}"})

        Clock.schedule_once(run, 0)
        if not done.wait(REQUEST_TIMEOUT_S):
            return {"ok": False, "error": "timed out waiting for the UI thread"}
        return box

    # helpers (UI thread) ----------------------------------------------------------------------

    def _after_frames(self, frames: int, then: Callable[[], None]) -> None:
        """Run `then` once `frames` more frames have been drawn."""
        remaining = [frames]

        def on_flip(*_: Any) -> None:
            remaining[0] -= 1
            if remaining[0] <= 0:
                Window.unbind(on_flip=on_flip)
                then()
            else:
                Window.canvas.ask_update()

        Window.bind(on_flip=on_flip)
        Window.canvas.ask_update()

    def _settle(self, reply: Reply, answer: dict[str, Any] | None = None) -> None:
        self._after_frames(2, lambda: reply(answer or {}))

    def _visible_roots(self) -> list[Widget]:
        return list(Window.children)  # topmost (an open overlay) first

    def _walk(self) -> Iterator[Widget]:
        for root in self._visible_roots():
            yield from root.walk(restrict=True)

    def _find(self, wid: str) -> Widget | None:
        for root in self._visible_roots():
            for widget in root.walk(restrict=True):
                if getattr(widget, "kid", None) == wid:
                    return widget
                found = _alive(widget.ids.get(wid)) if hasattr(widget, "ids") else None
                if found is not None:
                    return found
        return None

    @staticmethod
    def _shown(widget: Widget) -> bool:
        node: Any = widget
        x, y = widget.to_window(widget.x, widget.y)
        right, top = x + widget.width, y + widget.height
        while node is not Window:
            if node is None or node.opacity <= 0.01:
                return False  # detached from the window, or invisible
            if isinstance(node, StencilView) and node is not widget:  # e.g. a ScrollView
                sx, sy = node.to_window(node.x, node.y)
                if right <= sx or x >= sx + node.width or top <= sy or y >= sy + node.height:
                    return False  # scrolled out of sight
            node = node.parent
        return True

    @staticmethod
    def _rect(widget: Widget) -> dict[str, float]:
        x, y = widget.to_window(widget.x, widget.y)
        return {"x": x, "y": y, "w": widget.width, "h": widget.height}

    def _describe(self, wid: str, widget: Widget) -> dict[str, Any]:
        return {"id": wid, "type": type(widget).__name__, "text": getattr(widget, "text", ""),
                "disabled": bool(widget.disabled), "shown": self._shown(widget),
                "font_size": getattr(widget, "font_size", None),
                "clipped": self._clipped(widget), **self._rect(widget)}

    @staticmethod
    def _clipped(widget: Widget) -> bool:
        """Partly scrolled out of a ScrollView (the rest is reached by scrolling)."""
        x, y = widget.to_window(widget.x, widget.y)
        node = widget.parent
        while node is not None and node is not Window:
            if isinstance(node, StencilView):
                sx, sy = node.to_window(node.x, node.y)
                if x < sx or y < sy or x + widget.width > sx + node.width \
                        or y + widget.height > sy + node.height:
                    return True
            node = node.parent
        return False

    def _touch(self, x: float, y: float) -> PilotTouch:
        self._next_uid += 1
        return PilotTouch(self._next_uid, x, y)

    # commands (UI thread) ---------------------------------------------------------------------

    def cmd_ready(self, reply: Reply) -> None:
        def check() -> None:
            if self._app.home_drawn:
                reply({"screen": self._app.current_screen})
            else:
                self._after_frames(1, check)

        check()

    def cmd_state(self, reply: Reply) -> None:
        app, core = self._app, self._app.core
        session = core.sessions.current
        idle = core.idle.status(app.elderly)
        reply({
            "screen": app.current_screen,
            "language": app.language,
            "elderly": app.elderly,
            "overlays": [type(w).__name__ for w in Window.children if isinstance(w, ModalView)],
            "session": {"active": session is not None,
                        "id": session.id if session else None,
                        "keys": session.keys() if session else []},
            "sessions_ended": dict(core.sessions.ended),
            "idle": {"phase": idle.phase, "remaining_s": idle.remaining_s},
            "window": list(Window.size),
            "theme": {"unit": app.theme.unit, "scale": app.theme.scale,
                      "px_per_mm": app.theme.px_per_mm, "touch_min": app.theme.touch_min,
                      "font_body": app.theme.font_body},
            "pending_tasks": core.runner.pending,
            "ignored_keys": app.lockdown.ignored_keys,
            "refused_closes": app.lockdown.refused_closes,
        })

    def cmd_find(self, reply: Reply, id: str) -> None:
        widget = self._find(id)
        reply({"found": False} if widget is None else {"found": True, **self._describe(id, widget)})

    def cmd_tap(self, reply: Reply, id: str | None = None, x: float | None = None,
                y: float | None = None) -> None:
        if id is not None:
            widget = self._find(id)
            if widget is None or not self._shown(widget) or widget.disabled:
                reply({"ok": False, "error": f"{id!r} is not on screen or cannot be tapped"})
                return
            x, y = widget.to_window(*widget.center)
        assert x is not None and y is not None
        touch = self._touch(x, y)
        EventLoop.post_dispatch_input("begin", touch)
        EventLoop.post_dispatch_input("end", touch)
        self._settle(reply)

    def cmd_long_press(self, reply: Reply, x: float, y: float, seconds: float) -> None:
        touch = self._touch(x, y)
        EventLoop.post_dispatch_input("begin", touch)
        self._app.core.clock.advance(seconds)
        self._app.tick()
        EventLoop.post_dispatch_input("end", touch)
        self._settle(reply)

    def cmd_gesture(self, reply: Reply, paths: list[list[list[float]]]) -> None:
        """Several fingers at once, each following its path of [x, y] points."""
        touches = [self._touch(*path[0]) for path in paths]
        for touch in touches:
            EventLoop.post_dispatch_input("begin", touch)
        for step in range(1, max(len(p) for p in paths)):
            for touch, path in zip(touches, paths, strict=True):
                if step < len(path):
                    touch.move_to(*path[step])
                    EventLoop.post_dispatch_input("update", touch)
        for touch in touches:
            EventLoop.post_dispatch_input("end", touch)
        self._settle(reply)

    def cmd_advance(self, reply: Reply, seconds: float) -> None:
        self._app.core.clock.advance(seconds)
        self._app.tick()
        self._settle(reply)

    def cmd_screenshot(self, reply: Reply, path: str) -> None:
        def grab(*_: Any) -> None:
            Window.unbind(on_flip=grab)
            try:
                _save_frame(Path(path))
            except Exception as exc:
                reply({"ok": False, "error": f"screenshot failed: {exc}"})
                return
            reply({"path": path})

        Window.bind(on_flip=grab)
        Window.canvas.ask_update()

    def cmd_texts(self, reply: Reply) -> None:
        texts = [w.text for w in self._walk()
                 if isinstance(w, Label) and w.text and self._shown(w)]
        reply({"texts": texts})

    def cmd_buttons(self, reply: Reply) -> None:
        found = []
        for root in self._visible_roots():
            names = {}
            for widget in root.walk(restrict=True):
                for name, ref in getattr(widget, "ids", {}).items():
                    alive = _alive(ref)
                    if alive is not None:
                        names[id(alive)] = name
            for widget in root.walk(restrict=True):
                if isinstance(widget, ButtonBehavior) and self._shown(widget):
                    wid = getattr(widget, "kid", "") or names.get(id(widget), "")
                    found.append(self._describe(wid, widget))
        reply({"buttons": found})

    def cmd_key(self, reply: Reply, key: int, modifiers: list[str] | None = None) -> None:
        """A key as the SDL window would dispatch it (for machines without xdotool)."""
        modifiers = modifiers or []
        if not Window.dispatch("on_key_down", key, 0, "", modifiers):
            Window.dispatch("on_keyboard", key, 0, "", modifiers)
        Window.dispatch("on_key_up", key, 0)
        self._settle(reply)

    def cmd_request_close(self, reply: Reply) -> None:
        refused = bool(Window.dispatch("on_request_close"))
        self._settle(reply, {"refused": refused})

    def cmd_wait_idle(self, reply: Reply) -> None:
        def check() -> None:
            if self._app.core.runner.pending == 0:
                self._settle(reply)
            else:
                Clock.schedule_once(lambda _dt: check(), 0.02)

        check()


def _alive(ref: Any) -> Any:
    """The widget behind a kv id (a weak proxy), or None once it has been collected: a screen
    rebuilt since leaves dead ids behind, and walking them must not fail."""
    if ref is None:
        return None
    try:
        return ref.__self__ if hasattr(ref, "__self__") else ref
    except ReferenceError:
        return None
