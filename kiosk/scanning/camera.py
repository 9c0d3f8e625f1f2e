"""The kiosk's camera: opened when a citizen scans, idle otherwise, its state on the board.

The camera stays closed while nobody scans: no light on the camera, no CPU spent decoding
frames. A scanning screen `acquire`s a lease; the first lease opens the camera and starts the
capture thread; when the last lease is given back, the camera closes after a short linger (so
that going from one page to the next does not reopen it).

While idle, the service checks cheaply every half minute that the device is there (its
/dev/video node, its source files) without opening it, and says so on the health board:
`ready` (or `simulated` for sim://), `missing` when the device is gone, `offline` when opening
or reading it fails. `start` (from `Core.start`) makes one real test (open, one frame, close)
on its own thread, so a broken camera shows on the status bar before a citizen needs it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from types import TracebackType

from drivers.camera import Camera, CaptureThread, Frame, open_camera
from drivers.camera.capture import OFFLINE, RUNNING
from drivers.errors import DeviceError
from kiosk.health import HealthBoard, Level, Role

log = logging.getLogger(__name__)

LINGER_S = 3.0
CHECK_INTERVAL_S = 30.0


class CameraLease:
    """A scanning screen's hold on the camera; give it back with `release` (or `with`)."""

    def __init__(self, service: CameraService) -> None:
        self._service = service
        self._released = False

    def wait_newer(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        capture = self._service.capture
        return None if capture is None else capture.wait_newer(after, timeout)

    @property
    def fps(self) -> float:
        capture = self._service.capture
        return 0.0 if capture is None else capture.fps

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._service._release()

    def __enter__(self) -> CameraLease:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


class CameraService:
    """See the module docstring. Thread-safe."""

    def __init__(self, url: str, health: HealthBoard, *,
                 make_camera: Callable[[], Camera] | None = None, linger_s: float = LINGER_S,
                 check_interval_s: float = CHECK_INTERVAL_S) -> None:
        self.url = url
        self._health = health
        self._make_camera = make_camera or (lambda: open_camera(url))
        self.simulated = url.startswith("sim:")
        self._linger_s = linger_s
        self._check_interval_s = check_interval_s
        self._lock = threading.Lock()
        self._leases = 0
        self._closer: threading.Timer | None = None
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self.capture: CaptureThread | None = None

    # The board ---------------------------------------------------------------------------

    def _report_ok(self) -> None:
        self._health.set(Role.CAMERA, Level.OK, "simulated" if self.simulated else "ready")

    def _report_error(self, reason: str, error: DeviceError | None) -> None:
        self._health.set(Role.CAMERA, Level.ERROR, reason)
        if error is not None:
            log.warning("camera %s", reason, extra={"error": error.message_en})

    def _on_capture_state(self, state: str, error: DeviceError | None) -> None:
        if state == RUNNING:
            self._report_ok()
        elif state == OFFLINE:
            self._report_error("offline", error)

    # Starting and checking ---------------------------------------------------------------

    def start(self) -> None:
        """Test the camera once and keep an eye on it, on a thread of its own."""
        if self._watcher is not None:
            return
        self._watcher = threading.Thread(target=self._watch, name="camera-watch", daemon=True)
        self._watcher.start()

    def check(self) -> bool:
        """Open the camera, take one frame, close it; report and return whether it worked.

        The simulator needs no test (and rendering its scene would cost seconds of CPU just as
        the kiosk starts): it is reported as simulated.
        """
        if self.simulated:
            self._report_ok()
            return True
        try:
            camera = self._make_camera()
            with camera:
                camera.read()
        except DeviceError as exc:
            self._report_error("missing" if not self._present() else "offline", exc)
            return False
        self._report_ok()
        return True

    def _present(self) -> bool:
        try:
            return self._make_camera().present()
        except DeviceError:
            return False

    def _watch(self) -> None:
        self.check()
        while not self._stop.wait(self._check_interval_s):
            with self._lock:
                busy = self.capture is not None
            if busy:
                continue  # the capture thread reports for itself
            if self._present():
                if self._health.get(Role.CAMERA).reason == "missing":
                    self.check()
            else:
                self._report_error("missing", None)

    # Leases ------------------------------------------------------------------------------

    def acquire(self) -> CameraLease:
        """A lease on a running camera (opening it, on the capture thread, if needed)."""
        with self._lock:
            self._leases += 1
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            if self.capture is None:
                self.capture = CaptureThread(self._make_camera, on_state=self._on_capture_state)
                self.capture.start()
        return CameraLease(self)

    def _release(self) -> None:
        with self._lock:
            self._leases -= 1
            if self._leases > 0 or self.capture is None:
                return
            self._closer = threading.Timer(self._linger_s, self._close_if_unused)
            self._closer.daemon = True
            self._closer.start()

    def _close_if_unused(self) -> None:
        with self._lock:
            if self._leases > 0 or self.capture is None:
                return
            capture, self.capture = self.capture, None
            self._closer = None
        capture.stop()
        if self._health.get(Role.CAMERA).level is Level.OK:
            self._report_ok()

    @property
    def in_use(self) -> bool:
        with self._lock:
            return self.capture is not None

    def shutdown(self) -> None:
        """Stop watching, close the camera now, whoever holds a lease."""
        self._stop.set()
        with self._lock:
            if self._closer is not None:
                self._closer.cancel()
            capture, self.capture = self.capture, None
            self._leases = 0
        if capture is not None:
            capture.stop()
        if self._watcher is not None:
            self._watcher.join(5)
            self._watcher = None
