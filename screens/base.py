"""The base of every screen: enter and leave hooks, and the only road to background work.

`enter(**params)` runs just before a screen is shown, with the parameters of the navigation;
`leave()` runs after it is hidden and must forget anything personal the screen was showing.
Work that touches a device or the network goes through `run_background`, never inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from kivy.app import App
from kivy.uix.screenmanager import Screen

from kiosk.background import Task

if TYPE_CHECKING:
    from kiosk.bootstrap import Core
    from screens.app import KioskApp

T = TypeVar("T")


class KioskScreen(Screen):
    """A screen of the kiosk. Subclasses override `enter` and `leave`."""

    def enter(self, **params: Any) -> None:
        """Called with the navigation's parameters just before the screen shows."""

    def leave(self) -> None:
        """Called after the screen is hidden; drop any personal data shown."""

    def spoken_prompt(self) -> str:
        """What to say when the screen appears (in Chinese, translated when spoken); never
        personal data. Empty for no prompt."""
        return ""

    @property
    def app(self) -> KioskApp:
        return App.get_running_app()  # type: ignore[return-value]

    @property
    def core(self) -> Core:
        return self.app.core

    def run_background(self, fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
                       on_error: Callable[[BaseException], None] | None = None) -> Task:
        """Run `fn` off the UI thread; the callbacks run on it, unless the session ended."""
        return self.core.runner.submit(fn, on_done=on_done, on_error=on_error,
                                       session=self.core.sessions.current)
