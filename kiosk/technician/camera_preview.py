"""The technician's live camera view: frames with the detected page drawn on them, or QR codes
read where the camera stands.

`CameraPreview` runs on its own thread while the technician screen shows the camera: it holds a
lease on the kiosk's camera (`core.camera`), takes the newest frame, finds the page with the same
detector the citizens' scanning uses (or reads QR codes), draws the outline in, shrinks the
frame for the screen and turns it into the RGB rows, bottom row first, that a texture takes.
The screen polls `take()` from its UI clock and copies the pixels into a texture there; no
device or image work happens on the UI thread.

Frames may show a citizen's papers: nothing is written to disk or logged, and `stop` overwrites
the last picture kept. Decoded QR texts are shown, never logged.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from kiosk.scanning.camera import CameraService
from kiosk.scanning.detect import DocumentDetector
from kiosk.scanning.guidance import Hint
from kiosk.scanning.qr import read_qr
from kiosk.scanning.quality import measure

log = logging.getLogger(__name__)

Mode = Literal["page", "qr"]
DISPLAY_WIDTH = 800         # the preview is shrunk to at most this width before it is shown
OUTLINE_BGR = (60, 200, 40)  # the page's outline, green as on the citizens' scanning screen
MAX_QR_TEXTS = 5
MAX_FPS = 12                # frames looked at per second, at most: the kiosk's CPU is small


@dataclass
class PreviewFrame:
    """One picture for the screen, and what was found in it."""

    number: int                               # counts up, so the screen copies each once
    pixels: bytearray                         # RGB, rows bottom first (a texture's order)
    size: tuple[int, int]                     # of `pixels`: (width, height)
    frame_size: tuple[int, int]               # what the camera gave
    fps: float
    found: bool = False                       # a page outline is drawn
    hint: Hint = Hint.NO_PAGE
    qr_texts: tuple[str, ...] = ()


@dataclass
class PreviewStatus:
    """The preview's state when there is no picture to show."""

    waiting: bool = True                      # opening the camera, no frame yet
    offline_zh: str = ""
    offline_en: str = ""
    qr_texts: list[str] = field(default_factory=list)


def draw_outline(image: np.ndarray, corners: np.ndarray, thickness: int) -> None:
    """The page's outline and its corners, in place."""
    points = np.round(np.asarray(corners, np.float64)).astype(np.int32).reshape(-1, 1, 2)
    cv2.polylines(image, [points], isClosed=True, color=OUTLINE_BGR, thickness=thickness,
                  lineType=cv2.LINE_AA)
    for x, y in points.reshape(-1, 2):
        cv2.circle(image, (int(x), int(y)), thickness * 3, OUTLINE_BGR, -1, cv2.LINE_AA)


def for_texture(image: np.ndarray, max_width: int = DISPLAY_WIDTH) -> tuple[bytearray,
                                                                               tuple[int, int]]:
    """`image` (BGR) shrunk to `max_width` at most, as RGB rows bottom first."""
    h, w = image.shape[:2]
    if w > max_width:
        image = cv2.resize(image, (max_width, round(h * max_width / w)),
                           interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)[::-1]
    return bytearray(np.ascontiguousarray(rgb).tobytes()), (rgb.shape[1], rgb.shape[0])


class CameraPreview:
    """See the module docstring. `start`, `latest` and `stop` may be called from any thread."""

    def __init__(self, cameras: CameraService, mode: Mode = "page", *,
                 max_width: int = DISPLAY_WIDTH) -> None:
        self._cameras = cameras
        self.mode: Mode = mode
        self._max_width = max_width
        self._detector = DocumentDetector()
        self._previous: np.ndarray | None = None
        self._lock = threading.Lock()
        self._latest: PreviewFrame | None = None
        self._qr_texts: list[str] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._number = 0

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="camera-preview",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop without waiting (the thread lets the camera go after the frame in hand)."""
        self._stop.set()
        self._thread = None
        self._forget()

    def join(self, timeout: float = 5.0) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self._previous = None

    def take(self) -> PreviewFrame | None:
        """The newest picture not yet taken, or None. It is the caller's now: overwrite its
        pixels once they are on the screen."""
        with self._lock:
            frame, self._latest = self._latest, None
            return frame

    @property
    def qr_texts(self) -> list[str]:
        """The QR texts read since the preview started, newest first."""
        with self._lock:
            return list(self._qr_texts)

    def status(self) -> PreviewStatus:
        """Whether the camera is still opening, or why it gives no pictures."""
        capture = self._cameras.capture
        error = getattr(capture, "error", None)
        if error is not None and getattr(capture, "state", "") == "offline":
            return PreviewStatus(False, error.message_zh, error.message_en)
        return PreviewStatus()

    # the thread -------------------------------------------------------------------------

    def _run(self) -> None:
        stop = self._stop
        try:
            with self._cameras.acquire() as lease:
                last, shown_at = -1, 0.0
                while not stop.is_set():
                    frame = lease.wait_newer(last, timeout=0.5)
                    if frame is None or stop.is_set():
                        continue
                    last = frame.index
                    if frame.time - shown_at < 1 / MAX_FPS:
                        continue  # the newest frame will do; skip this one
                    shown_at = frame.time
                    try:
                        self._show(frame.image, lease.fps)
                    except Exception:  # one bad frame must not end the preview
                        log.exception("camera preview failed on a frame")
        except Exception:
            log.exception("camera preview stopped")
        finally:
            if stop.is_set():
                self._forget()

    def _show(self, image: np.ndarray, fps: float) -> None:
        h, w = image.shape[:2]
        picture = image.copy()
        found, hint, texts = False, Hint.NO_PAGE, ()
        if self.mode == "page":
            detection = self._detector.detect(image, previous=self._previous)
            self._previous = None if detection is None else detection.corners
            if detection is not None:
                found = True
                hint = measure(image, detection.corners).hint()
                draw_outline(picture, detection.corners, max(2, round(w / 320)))
        else:
            texts = tuple(read_qr(image))
            self._remember(texts)
        pixels, size = for_texture(picture, self._max_width)
        picture[:] = 0
        self._number += 1
        shown = PreviewFrame(self._number, pixels, size, (w, h), fps, found, hint, texts)
        with self._lock:
            old, self._latest = self._latest, shown
        if old is not None:  # never taken: nobody else holds it
            old.pixels[:] = bytes(len(old.pixels))

    def _remember(self, texts: tuple[str, ...]) -> None:
        with self._lock:
            for text in texts:
                if text in self._qr_texts:
                    self._qr_texts.remove(text)
                self._qr_texts.insert(0, text)
            del self._qr_texts[MAX_QR_TEXTS:]

    def _forget(self) -> None:
        with self._lock:
            old, self._latest = self._latest, None
            self._qr_texts.clear()
        if old is not None:
            old.pixels[:] = bytes(len(old.pixels))
