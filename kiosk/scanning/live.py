"""Scanning while a citizen holds pages or a phone under the camera.

`DocumentScanner` runs on its own thread while a scanning screen is open: it takes the newest
frame, follows the page, measures it, says what to do (`ScanView`, for the screen to draw),
and when the page has held still and passed the checks it flattens, cleans and stores the
full-resolution frame in the citizen's session (`store`). `QrScanner` does the same for QR
codes and calls back once per new text. Neither touches the UI: the screen polls `view` (or
gets `on_view`, which it must hand to the UI thread itself) and stops the scanner in `leave`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kiosk.scanning.autocapture import AutoCapture
from kiosk.scanning.camera import CameraService
from kiosk.scanning.cleanup import Mode, clean
from kiosk.scanning.detect import DocumentDetector
from kiosk.scanning.guidance import Hint
from kiosk.scanning.output import encode_jpeg
from kiosk.scanning.qr import read_qr
from kiosk.scanning.quality import Quality, measure
from kiosk.scanning.rectify import rectify
from kiosk.scanning.store import TooManyPages, add_page
from kiosk.session import SessionClosed, SessionManager

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanView:
    """What the scanning screen shows for the newest frame."""

    hint: Hint
    progress: float                          # 0..1 of the hold before the picture is taken
    corners: np.ndarray | None = None        # the page, in the frame's pixels
    frame_size: tuple[int, int] = (0, 0)
    quality: Quality | None = None
    pages: int = 0                           # pages stored in this session so far
    camera_ok: bool = True


def capture_page(frame: np.ndarray, corners: np.ndarray, mode: Mode | str = Mode.COLOUR
                 ) -> tuple[bytearray, str, tuple[int, int]]:
    """The page at `corners` in `frame` flattened, cleaned and JPEG-encoded: (jpeg, kind,
    (width, height))."""
    flat = rectify(frame, corners)
    scan = clean(flat.image, mode)
    jpeg = encode_jpeg(scan, size_mm=flat.size_mm)
    return jpeg, flat.kind, (scan.shape[1], scan.shape[0])


class _Worker:
    """A thread that takes the newest frames from a camera lease until stopped."""

    name = "scanner"

    def __init__(self, cameras: CameraService) -> None:
        self._cameras = cameras
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def stop_soon(self) -> None:
        """Stop without waiting (for the UI thread): the thread ends after its current frame
        and gives the lease back; the joining happens on a helper thread."""
        self._stop.set()
        threading.Thread(target=self.stop, name=f"{self.name}-stop", daemon=True).start()

    def _run(self) -> None:
        with self._cameras.acquire() as lease:
            last = -1
            while not self._stop.is_set():
                frame = lease.wait_newer(last, timeout=0.5)
                if frame is None:
                    self._no_frame()
                    continue
                last = frame.index
                try:
                    self._frame(frame.image, frame.time)
                except Exception:  # one bad frame must not end the scanning
                    log.exception("%s failed on a frame", self.name)

    def _no_frame(self) -> None:
        pass

    def _frame(self, image: np.ndarray, at: float) -> None:
        raise NotImplementedError


class DocumentScanner(_Worker):
    """Guides the citizen and captures pages into the current session; see the module."""

    name = "document-scanner"

    def __init__(self, cameras: CameraService, sessions: SessionManager, *,
                 mode: Mode | str = Mode.COLOUR,
                 on_view: Callable[[ScanView], None] | None = None,
                 on_page: Callable[[int], None] | None = None) -> None:
        super().__init__(cameras)
        self._sessions = sessions
        self.mode = Mode(mode)
        self._on_view = on_view
        self._on_page = on_page
        self._detector = DocumentDetector()
        self._auto = AutoCapture()
        self._previous: np.ndarray | None = None
        self._pages = 0
        self.view = ScanView(Hint.NO_PAGE, 0.0)

    def _publish(self, view: ScanView) -> None:
        self.view = view
        if self._on_view is not None:
            self._on_view(view)

    def _no_frame(self) -> None:
        self._publish(ScanView(Hint.NO_PAGE, 0.0, pages=self._pages, camera_ok=False))

    def _frame(self, image: np.ndarray, at: float) -> None:
        h, w = image.shape[:2]
        found = self._detector.detect(image, previous=self._previous)
        corners = None if found is None else found.corners
        self._previous = corners
        quality = None if corners is None else measure(image, corners)
        hint = Hint.NO_PAGE if quality is None else quality.hint()
        step = self._auto.feed(at, corners, hint, float(np.hypot(w, h)))
        if step.captured and corners is not None:
            self._store(image, corners)
        self._publish(ScanView(step.hint, step.progress, corners, (w, h), quality, self._pages))

    def _store(self, image: np.ndarray, corners: np.ndarray) -> None:
        session = self._sessions.current
        if session is None or session.closed:
            return  # the citizen has gone: the picture is not kept
        jpeg, kind, (width, height) = capture_page(image, corners, self.mode)
        try:
            self._pages = add_page(session, jpeg, kind=kind, mode=self.mode.value, width=width,
                                   height=height)
        except (SessionClosed, TooManyPages):
            jpeg[:] = bytes(len(jpeg))
            return
        if self._on_page is not None:
            self._on_page(self._pages)


class QrScanner(_Worker):
    """Reads QR codes from the camera and calls `on_text` once for each new text."""

    name = "qr-scanner"

    def __init__(self, cameras: CameraService, on_text: Callable[[str], None], *,
                 every_s: float = 0.1) -> None:
        super().__init__(cameras)
        self._on_text = on_text
        self._every_s = every_s
        self._seen: set[str] = set()
        self._last = 0.0

    def _frame(self, image: np.ndarray, at: float) -> None:
        if at - self._last < self._every_s:
            return
        self._last = time.monotonic()
        for text in read_qr(image):
            if text not in self._seen:
                self._seen.add(text)
                self._on_text(text)
