"""systemd's notify protocol: READY=1 once the first frame is drawn, WATCHDOG=1 from the UI
thread's tick, STOPPING=1 on the way out.

The pings come from the Kivy main loop itself, so a loop that hangs (a deadlock, a blocking
call on the UI thread) stops them, and systemd (`WatchdogSec=` in config/systemd/zwkiosk.service)
kills the kiosk and starts it again. Outside systemd (`NOTIFY_SOCKET` unset) this does nothing.
The protocol is one datagram per message to the socket systemd names; see sd_notify(3).
"""

from __future__ import annotations

import logging
import os
import socket
import time

log = logging.getLogger(__name__)


class Watchdog:
    def __init__(self, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        self.address = "\0" + address[1:] if address.startswith("@") else address
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        mine = not pid or pid == str(os.getpid())
        # Ping at twice the rate systemd needs, as sd_watchdog_enabled(3) advises.
        self.interval_s = int(usec) / 2e6 if usec.isdigit() and mine else 0.0
        self._last_ping = 0.0
        self.sent: list[str] = []   # what was sent, for `kiosk doctor` and tests

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def notify(self, message: str) -> bool:
        if not self.address:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.connect(self.address)
                sock.sendall(message.encode())
        except OSError as exc:
            log.warning("systemd notify failed: %s", exc)
            return False
        if len(self.sent) < 100:
            self.sent.append(message.split("\n")[0])
        return True

    def ready(self) -> None:
        self.notify("READY=1\nSTATUS=serving citizens")

    def stopping(self) -> None:
        self.notify("STOPPING=1")

    def tick(self, now: float | None = None) -> None:
        """Called from the UI thread's tick; pings when it is time."""
        if not self.interval_s:
            return
        now = time.monotonic() if now is None else now
        if now - self._last_ping >= self.interval_s:
            self._last_ping = now
            self.notify("WATCHDOG=1")
