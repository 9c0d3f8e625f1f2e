"""When a citizen walks away: the idle timeout, its visible countdown, and when to wipe.

Pure logic over `KioskClock`, so it is the same in the app and in tests. The app shell pokes
it on every touch and asks for the `IdleStatus` a few times a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.clock import KioskClock

COUNTDOWN_S = 10
ELDERLY_FACTOR = 2


@dataclass(frozen=True)
class IdleStatus:
    phase: Literal["disarmed", "active", "countdown", "expired"]
    remaining_s: float = 0.0

    @property
    def seconds_shown(self) -> int:
        """The whole number a countdown shows: 10, 9, ... 1."""
        return max(1, int(self.remaining_s + 0.999))


class IdleWatch:
    """Tracks the last touch; armed only while there is something to time out."""

    def __init__(self, clock: KioskClock, timeout_s: float) -> None:
        self._clock = clock
        self._timeout_s = timeout_s
        self._last_touch = clock.now()
        self._armed = False

    def set_timeout(self, timeout_s: float) -> None:
        """A new timeout from a reloaded configuration; the running countdown follows it."""
        self._timeout_s = timeout_s

    def timeout_s(self, elderly: bool) -> float:
        return self._timeout_s * (ELDERLY_FACTOR if elderly else 1)

    def arm(self) -> None:
        if not self._armed:
            self._armed = True
            self.poke()

    def disarm(self) -> None:
        self._armed = False

    @property
    def armed(self) -> bool:
        return self._armed

    def poke(self) -> None:
        """The citizen did something: start the wait again."""
        self._last_touch = self._clock.now()

    def status(self, elderly: bool) -> IdleStatus:
        if not self._armed:
            return IdleStatus("disarmed")
        remaining = self.timeout_s(elderly) - (self._clock.now() - self._last_touch)
        if remaining <= 0:
            return IdleStatus("expired")
        if remaining <= COUNTDOWN_S:
            return IdleStatus("countdown", remaining)
        return IdleStatus("active", remaining)
