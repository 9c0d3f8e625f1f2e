"""A QR scanner that also keeps a small picture of what the camera sees, for the screen.

The screen must not touch the camera nor shrink 720p frames on the UI thread, so the
scanner's own thread makes the preview: a few times a second, from the newest frame only, it
shrinks the frame to `width`, turns it RGB and upside down (OpenGL's rows run bottom-up) and
publishes it as `Preview`; the screen polls `preview` and, when its `index` changed, copies
the bytes into a texture. `camera_ok` turns False when no frame came for `NO_FRAME_S`
(opening a simulated camera renders its clip first, so the screen waits that long before
saying anything is wrong). The last preview is overwritten when the scanner stops: it may
show a citizen's face or phone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanning.camera import CameraService
from kiosk.scanning.live import QrScanner

PREVIEW_WIDTH = 480
PREVIEW_EVERY_S = 0.2
NO_FRAME_S = 20.0


@dataclass(frozen=True)
class Preview:
    pixels: bytearray          # RGB rows, bottom row first
    width: int
    height: int
    index: int


class PreviewQrScanner(QrScanner):
    """`QrScanner` plus `preview`, `frames_seen` and `camera_ok`; see the module docstring."""

    name = "qr-preview-scanner"

    def __init__(self, cameras: CameraService, on_text: Callable[[str], None], *,
                 width: int = PREVIEW_WIDTH, every_s: float = 0.1,
                 preview_every_s: float = PREVIEW_EVERY_S, no_frame_s: float = NO_FRAME_S
                 ) -> None:
        super().__init__(cameras, on_text, every_s=every_s)
        self._width = width
        self._preview_every_s = preview_every_s
        self._no_frame_s = no_frame_s
        self._last_preview = 0.0
        self._last_frame = time.monotonic()
        self._count = 0
        self.preview: Preview | None = None
        self.camera_ok = True

    @property
    def frames_seen(self) -> int:
        return self._count

    def _no_frame(self) -> None:
        if time.monotonic() - self._last_frame > self._no_frame_s:
            self.camera_ok = False

    def _frame(self, image: np.ndarray, at: float) -> None:
        self._last_frame = time.monotonic()
        self.camera_ok = True
        self._count += 1
        if self._last_frame - self._last_preview >= self._preview_every_s:
            self._last_preview = self._last_frame
            self.preview = shrink(image, self._width, self._count)
        super()._frame(image, at)

    def stop_soon(self) -> None:
        """Stop without waiting (for the UI thread): the thread ends after its current frame,
        gives the lease back and blanks the preview on a helper thread."""
        self._stop.set()
        threading.Thread(target=self.stop, name="qr-scanner-stop", daemon=True).start()

    def stop(self, timeout: float = 5.0) -> None:
        super().stop(timeout)
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.pixels[:] = bytes(len(preview.pixels))


def shrink(image: np.ndarray, width: int, index: int) -> Preview:
    """`image` (BGR) at `width` pixels wide, RGB, bottom row first."""
    h, w = image.shape[:2]
    width = min(width, w)
    height = max(1, round(h * width / w))
    small = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)[::-1]
    return Preview(bytearray(np.ascontiguousarray(rgb).tobytes()), width, height, index)
