"""What state each device and the platform link are in, for the status bar and monitoring.

Services report into the `HealthBoard` from any thread; the status bar reads a snapshot. A
state is a level (ok, warning, error, unknown) plus a reason code that the screens turn into
words ("缺纸" / "Paper out").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    UNKNOWN = "unknown"


class Role(StrEnum):
    PRINTER = "printer"
    ID_READER = "id_reader"
    CAMERA = "camera"
    PLATFORM = "platform"


@dataclass(frozen=True)
class Health:
    level: Level
    reason: str  # a code such as "ready", "not_checked", "paper_out", "offline"


class HealthBoard:
    """Thread-safe board of the latest `Health` per `Role`, with a change counter."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states = {role: Health(Level.UNKNOWN, "not_checked") for role in Role}
        self.version = 0

    def set(self, role: Role, level: Level, reason: str) -> None:
        with self._lock:
            health = Health(level, reason)
            if self._states[role] != health:
                self._states[role] = health
                self.version += 1

    def get(self, role: Role) -> Health:
        with self._lock:
            return self._states[role]

    def snapshot(self) -> dict[Role, Health]:
        with self._lock:
            return dict(self._states)
