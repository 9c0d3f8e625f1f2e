"""The last warnings and errors the kiosk logged, for the technician's status page.

A logging handler on the root logger keeps the newest `size` records of WARNING and above in
memory, masked like every other handler's output (`PersonalDataFilter`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass

from kiosk.logs import PersonalDataFilter


@dataclass(frozen=True)
class RecentError:
    at: float
    level: str
    logger: str
    message: str


class RecentErrors(logging.Handler):
    def __init__(self, size: int = 50) -> None:
        super().__init__(logging.WARNING)
        self._items: deque[RecentError] = deque(maxlen=size)
        self._items_lock = threading.Lock()
        self.addFilter(PersonalDataFilter())

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0] if record.getMessage() else ""
        with self._items_lock:
            self._items.append(RecentError(record.created, record.levelname, record.name,
                                           message[:300]))

    def items(self) -> list[RecentError]:
        """Newest first."""
        with self._items_lock:
            return list(reversed(self._items))

    def install(self) -> RecentErrors:
        logging.getLogger().addHandler(self)
        return self

    def uninstall(self) -> None:
        logging.getLogger().removeHandler(self)


def age_words(at: float, now: float | None = None) -> str:
    seconds = max(0, int((now or time.time()) - at))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
