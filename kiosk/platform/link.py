"""The state of the link to the platform, for the status bar and monitoring.

The client reports what each request found; this turns it into a `Health` on the board:

    connected       OK       the last request got an answer
    offline         WARNING  unreachable, but the kiosk serves from its cache and blocks
    unreachable     ERROR    unreachable, and nothing cached to serve from
    auth_failed     ERROR    the platform does not accept this kiosk's key
    clock_skew      ERROR    the kiosk's clock is more than five minutes off
    protocol_error  ERROR    the platform answered outside the contract
    tls_error       ERROR    the platform's certificate was not accepted
    connecting      UNKNOWN  starting up (the embedded platform starts off the UI thread)
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.health import HealthBoard, Level, Role

LEVELS = {
    "connected": Level.OK,
    "offline": Level.WARNING,
    "unreachable": Level.ERROR,
    "auth_failed": Level.ERROR,
    "clock_skew": Level.ERROR,
    "protocol_error": Level.ERROR,
    "tls_error": Level.ERROR,
    "connecting": Level.UNKNOWN,
}


class LinkState:
    def __init__(self, health: HealthBoard, can_serve_offline: Callable[[], bool]) -> None:
        self.health = health
        self.can_serve_offline = can_serve_offline
        self._lock = threading.Lock()
        self.state = "connecting"
        self.health.set(Role.PLATFORM, Level.UNKNOWN, "connecting")

    @property
    def online(self) -> bool:
        return self.state == "connected"

    def report(self, state: str) -> None:
        if state == "unreachable" and self.can_serve_offline():
            state = "offline"
        with self._lock:
            self.state = state
        self.health.set(Role.PLATFORM, LEVELS.get(state, Level.ERROR), state)
