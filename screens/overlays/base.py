"""The base of every overlay: it appears and disappears at once.

A fade looks smooth on a phone; on a kiosk an elderly citizen should see the effect of a
touch immediately, and a half-faded panel must never be what a screenshot records.
"""

from __future__ import annotations

from typing import Any

from kivy.uix.modalview import ModalView


class Overlay(ModalView):
    def open(self, *largs: Any, **kwargs: Any) -> None:
        kwargs.setdefault("animation", False)
        super().open(*largs, **kwargs)

    def dismiss(self, *largs: Any, **kwargs: Any) -> None:
        kwargs.setdefault("animation", False)
        super().dismiss(*largs, **kwargs)
