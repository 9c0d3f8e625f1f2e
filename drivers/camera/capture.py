"""The capture thread: reads the camera continuously and keeps only the newest frame.

A camera delivers frames at its own pace whether anyone wants them or not; a reader that
falls behind must get the newest picture, not a queue of old ones (a citizen moves the page
and the screen must follow at once). So one thread reads, replaces the newest frame, counts
frames per second, and, when the camera disappears (unplugged, another program took it, its
source vanished), closes it, reports `offline` and tries again with a growing pause until it
returns. Readers `wait_newer` than the last frame they saw, from any thread.

When stopped, the last frame is overwritten: it may show a citizen's document.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from drivers.camera.base import Camera, Frame
from drivers.errors import DeviceError

log = logging.getLogger(__name__)

StateListener = Callable[[str, DeviceError | None], None]
STARTING, RUNNING, OFFLINE, STOPPED = "starting", "running", "offline", "stopped"


class CaptureThread:
    """Reads `make_camera()`'s frames on its own thread; see the module's docstring."""

    def __init__(self, make_camera: Callable[[], Camera], *,
                 on_state: StateListener | None = None, retry_first_s: float = 0.5,
                 retry_max_s: float = 5.0, name: str = "camera-capture") -> None:
        self._make_camera = make_camera
        self._on_state = on_state
        self._retry = (retry_first_s, retry_max_s)
        self._name = name
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._latest: Frame | None = None
        self._times: deque[float] = deque(maxlen=64)
        self._index = 0
        self.state = STOPPED
        self.error: DeviceError | None = None

    # The reading side --------------------------------------------------------------------

    def latest(self) -> Frame | None:
        with self._cond:
            return self._latest

    def wait_newer(self, after: int = -1, timeout: float = 1.0) -> Frame | None:
        """The newest frame with an index above `after`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._latest is None or self._latest.index <= after:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stop.is_set():
                    return None
                self._cond.wait(remaining)
            return self._latest

    @property
    def fps(self) -> float:
        """Frames per second over the last second or so (0 when none came)."""
        with self._cond:
            times = [t for t in self._times if t > time.monotonic() - 2.0]
        if len(times) < 2:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0]) if times[-1] > times[0] else 0.0

    # The running side --------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading, close the camera and overwrite the last frame."""
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        with self._cond:
            if self._latest is not None:
                self._latest.image.fill(0)
            self._latest = None
            self._times.clear()
        self._set_state(STOPPED, None)

    def _set_state(self, state: str, error: DeviceError | None) -> None:
        changed = state != self.state
        self.state, self.error = state, error
        if changed:
            log.info("camera %s", state, extra={"reason": error.message_en if error else ""})
            if self._on_state is not None:
                try:
                    self._on_state(state, error)
                except Exception:  # a listener's bug must not stop the camera
                    log.exception("camera state listener failed")

    def _run(self) -> None:
        pause = self._retry[0]
        self._set_state(STARTING, None)
        while not self._stop.is_set():
            camera = self._make_camera()
            try:
                camera.open()
                self._set_state(RUNNING, None)
                pause = self._retry[0]
                while not self._stop.is_set():
                    image = camera.read()
                    now = time.monotonic()
                    with self._cond:
                        self._index += 1
                        self._latest = Frame(image, self._index, now)
                        self._times.append(now)
                        self._cond.notify_all()
            except DeviceError as exc:
                self._set_state(OFFLINE, exc)
            except Exception as exc:  # OpenCV can raise cv2.error from a broken driver
                self._set_state(OFFLINE, DeviceError(f"camera failed: {exc}",
                                                     message_zh="摄像头故障"))
            finally:
                camera.close()
            if self._stop.wait(pause):
                break
            pause = min(self._retry[1], pause * 2)
