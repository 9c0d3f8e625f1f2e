"""The kiosk's sense of time, in one place so tests and the tour can move it forward.

Idle timeouts, the PIN lockout and the status bar's clock read this rather than `time`, so a
test can say "60 seconds pass" and watch the real app react, without waiting or patching.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime


class KioskClock:
    """Monotonic and wall-clock time plus an offset that only `advance` changes."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        """Monotonic seconds, for measuring durations."""
        return time.monotonic() + self._offset

    def wall(self) -> datetime:
        """Local wall-clock time, for showing and stamping."""
        return datetime.fromtimestamp(time.time() + self._offset)

    def advance(self, seconds: float) -> None:
        """Move time forward by `seconds` (tests, tours and benchmarks only)."""
        if seconds < 0:
            raise ValueError("time does not go backwards")
        with self._lock:
            self._offset += seconds
