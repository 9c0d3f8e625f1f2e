"""The citizen session: the one object that holds anything personal about the citizen at hand.

Screens get personal data (identity card, form fields, scans) only through the current
`CitizenSession`. When the session ends (the citizen goes home, or walks away and the idle
timeout fires) `wipe` overwrites byte buffers and drops every reference; screens forget what
they showed in their `leave` hook, and background results for the ended session are dropped.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import Counter
from typing import Any

from kiosk.clock import KioskClock

log = logging.getLogger(__name__)


class SessionClosed(RuntimeError):
    """Personal data was offered to a session that has already been wiped."""


class CitizenSession:
    """Personal data for one citizen, kept in memory only, wiped when the session ends."""

    def __init__(self, started_at: float) -> None:
        self.id = uuid.uuid4().hex
        self.started_at = started_at
        self._data: dict[str, Any] = {}
        self._closed = False
        self._lock = threading.Lock()

    @property
    def closed(self) -> bool:
        return self._closed

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            if self._closed:
                raise SessionClosed(f"session {self.id} has ended")
            self._data[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        with self._lock:
            return self._data.get(key, default)

    def keys(self) -> list[str]:
        with self._lock:
            return list(self._data)

    def is_empty(self) -> bool:
        with self._lock:
            return not self._data

    def wipe(self) -> None:
        """Overwrite mutable buffers, drop every value and refuse further data."""
        with self._lock:
            for value in self._data.values():
                _overwrite(value)
            self._data.clear()
            self._closed = True


def _overwrite(value: Any) -> None:
    # Immutable str/bytes cannot be overwritten in Python; dropping the last reference is what
    # we can do. Mutable buffers (photos, scans held as bytearray) are zeroed first.
    if isinstance(value, bytearray):
        value[:] = bytes(len(value))
    elif isinstance(value, memoryview) and not value.readonly:
        value[:] = bytes(value.nbytes)
    elif isinstance(value, dict):
        for item in value.values():
            _overwrite(item)
        value.clear()
    elif isinstance(value, list):
        for item in value:
            _overwrite(item)
        value.clear()
    elif callable(getattr(value, "wipe", None)):
        value.wipe()  # an object that holds buffers of its own (an identity card's photo)


class SessionManager:
    """Starts a session when a citizen leaves the home screen and ends it with a reason."""

    def __init__(self, clock: KioskClock) -> None:
        self._clock = clock
        self._current: CitizenSession | None = None
        self.ended = Counter[str]()

    @property
    def current(self) -> CitizenSession | None:
        return self._current

    def begin(self) -> CitizenSession:
        """The current session, starting one if none is running."""
        if self._current is None:
            self._current = CitizenSession(self._clock.now())
            log.info("citizen session started", extra={"session": self._current.id[:8]})
        return self._current

    def end(self, reason: str) -> None:
        """Wipe the current session (if any), counting why it ended."""
        session, self._current = self._current, None
        if session is None:
            return
        session.wipe()
        self.ended[reason] += 1
        duration = round(self._clock.now() - session.started_at, 1)
        log.info("citizen session ended",
                 extra={"session": session.id[:8], "reason": reason, "duration_s": duration})
