"""`core.platform`: the kiosk's platform link, cheap to build, started off the UI thread.

Importing the client, the contract models, `requests` and `cryptography` (and, for the
embedded platform, FastAPI and SQLAlchemy) takes a few hundred milliseconds, which the first
frame must not wait for. So `build_core` makes this handle, which imports nothing heavy, and
`Core.start()` (after the first frame) builds the `PlatformService` on a thread.

Attribute access is forwarded to the service, waiting for it if it is still being built:

    core.platform.issue_ticket("zhsl")   # on a worker thread, through the background runner

`ready` tells whether it is built; `service()` returns it (or raises `PlatformUnavailable`).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config.models import PlatformSection
from kiosk.health import HealthBoard, Level, Role

if TYPE_CHECKING:
    from kiosk.platform.service import PlatformService

log = logging.getLogger(__name__)

# The heavy imports wait this long after the first frame, unless something needs the platform
# sooner: the citizen's first touches then do not compete with them for the interpreter.
START_DELAY_S = 1.5


class PlatformHandle:
    def __init__(self, settings: PlatformSection, state_dir: Path, kiosk_id: str,
                 health: HealthBoard, hall_name: str | None = None, *,
                 observer: Any = None) -> None:
        self._args = (settings, state_dir, kiosk_id, health, hall_name)
        self._observer = observer  # told of every request (core.metrics.platform_request)
        self._service: PlatformService | None = None
        self._built = threading.Event()
        self._needed = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        health.set(Role.PLATFORM, Level.UNKNOWN, "connecting")

    @property
    def ready(self) -> bool:
        return self._built.is_set() and self._service is not None

    def start(self) -> None:
        """Build and start the service on a thread; returns at once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._build, name="platform-start",
                                            daemon=True)
            self._thread.start()

    def _build(self) -> None:
        self._needed.wait(START_DELAY_S)
        if self._stopping:  # the kiosk is closing before the platform was ever needed
            self._built.set()
            return
        try:
            from kiosk.platform.service import PlatformService

            service = PlatformService(*self._args, observer=self._observer)
            service.start()
            self._service = service
        except Exception:
            log.exception("the platform link could not be built")
        finally:
            self._built.set()

    def service(self, timeout: float = 20.0) -> PlatformService:
        self._needed.set()
        if self._thread is None:
            self.start()
        if not self._built.wait(timeout) or self._service is None:
            from kiosk.platform.errors import PlatformUnavailable

            raise PlatformUnavailable("The platform link is still starting",
                                      message_zh="正在连接政务平台，请稍候")
        return self._service

    def stop(self) -> None:
        self._stopping = True
        self._needed.set()
        if self._thread is not None:
            self._built.wait(30)
        if self._service is not None:
            self._service.stop()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.service(), name)
