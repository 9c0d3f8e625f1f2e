"""Live language switching for .kv rules: `text: app.tr._("取号")` follows the language.

Kivy's kv compiler binds a rule to `tr._` through `fbind`, so the translator records those
callbacks and calls them again when the language changes; callbacks whose widgets have gone
are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.event import Observable

from kiosk.i18n import translate


class Translator(Observable):
    """`_` translates from Chinese into the current language; `switch` re-runs bound rules."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self._observers: dict[int, tuple[Callable[..., Any], tuple[Any, ...]]] = {}
        self._next_uid = 1

    def _(self, text: str) -> str:
        return translate(self.language, text)

    def fbind(self, name: str, func: Callable[..., Any], *largs: Any, **kwargs: Any) -> Any:
        if name != "_":
            return super().fbind(name, func, *largs, **kwargs)
        uid = self._next_uid
        self._next_uid += 1
        self._observers[uid] = (func, largs)
        return uid

    def funbind(self, name: str, func: Callable[..., Any], *largs: Any, **kwargs: Any) -> Any:
        if name != "_":
            return super().funbind(name, func, *largs, **kwargs)
        for uid, (bound, bound_args) in list(self._observers.items()):
            if bound is func and bound_args == largs:
                del self._observers[uid]
        return None

    def unbind_uid(self, name: str, uid: int) -> Any:
        if name != "_":
            return super().unbind_uid(name, uid)
        self._observers.pop(uid, None)
        return None

    def switch(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        for uid, (func, largs) in list(self._observers.items()):
            try:
                func(*largs, None, None)
            except ReferenceError:  # the widget this rule belonged to is gone
                self._observers.pop(uid, None)
