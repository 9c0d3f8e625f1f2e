"""The simulated printer's mechanism: sensors, a receive buffer, real-time status answers.

Like a real ESC/POS printer:

- Bytes arriving are scanned at once for DLE EOT n, which is answered immediately, even while
  the printer is stopped (that is what real-time means), then queued in the receive buffer.
- The buffer is printed by a worker thread while the printer can print: cover closed, paper
  in, no error. Otherwise the bytes wait; they are printed when the cause goes away, and the
  receipt that was cut short is marked `interrupted`.
- A printer that does not answer (`answer=False`: hung, or switched off behind a network
  adapter) takes bytes and does nothing at all.

The state can be changed at any time (`set_state`), or armed to change after the next N bytes
have been printed (`arm`), which is how a test opens the cover in the middle of a receipt.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from drivers.printer.simulator.interpreter import Interpreter
from drivers.printer.simulator.paper import Paper, ReceiptRecord

log = logging.getLogger(__name__)

PAPER_STATES = ("ok", "near_end", "out")
COVER_STATES = ("closed", "open")
ERROR_STATES = ("none", "cutter", "unrecoverable", "overheat")


@dataclass
class SensorState:
    paper: str = "ok"
    cover: str = "closed"
    answer: bool = True
    error: str = "none"

    @property
    def can_print(self) -> bool:
        return (self.answer and self.paper != "out" and self.cover == "closed"
                and self.error == "none")

    def status_byte(self, query: int) -> int:
        """The answer to DLE EOT `query`."""
        stopped = self.paper == "out" or self.cover == "open" or self.error != "none"
        value = 0x12
        if query == 1:
            value |= 0x08 if stopped else 0
        elif query == 2:
            value |= (0x04 if self.cover == "open" else 0) | (0x20 if self.paper == "out" else 0)
            value |= 0x40 if self.error != "none" else 0
        elif query == 3:
            value |= {"cutter": 0x08, "unrecoverable": 0x20, "overheat": 0x40}.get(self.error, 0)
        elif query == 4:
            value |= (0x0C if self.paper != "ok" else 0) | (0x60 if self.paper == "out" else 0)
        return value

    def gs_r_byte(self) -> int:
        return (0x03 if self.paper != "ok" else 0) | (0x0C if self.paper == "out" else 0)


def checked_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` to the sensor state, or ValueError saying what is allowed."""
    allowed = {"paper": PAPER_STATES, "cover": COVER_STATES, "error": ERROR_STATES,
               "answer": (True, False)}
    for key, value in changes.items():
        if key not in allowed:
            raise ValueError(f"unknown state \"{key}\"; use {', '.join(allowed)}")
        if value not in allowed[key]:
            raise ValueError(f"{key} cannot be {value!r}; use {allowed[key]}")
    return changes


class PrinterMachine:
    """The printer between its transport (bytes in, replies out) and its paper."""

    def __init__(self, paper: Paper, *, encoding: str = "gb18030",
                 charset: str = "gb2312") -> None:
        self.paper = paper
        self.state = SensorState()
        self.reply_to: Callable[[bytes], None] | None = None
        self.job_bytes = 0          # bytes received that were not real-time commands
        self.status_queries = 0
        self._buffer = bytearray()
        self._armed: tuple[int, dict[str, Any]] | None = None
        self._processed = 0
        self._rt = 0                # real-time scanner: 0, saw DLE, saw DLE EOT
        self._cond = threading.Condition()
        self._stopping = False
        self.interpreter = Interpreter(paper, self._reply, encoding=encoding, charset=charset,
                                       paper_status=lambda: self.state.gs_r_byte())
        self._worker = threading.Thread(target=self._print_loop, name="printer-sim", daemon=True)

    def start(self) -> None:
        self._worker.start()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._worker.join(timeout=5)

    # bytes from the host --------------------------------------------------------------------

    def receive(self, data: bytes) -> None:
        with self._cond:
            if not self.state.answer:
                return  # a hung printer: nothing answered, nothing printed
            realtime = self._scan_realtime(data)
            self.job_bytes += len(data) - 3 * realtime
            self._buffer += data
            self._cond.notify_all()

    def _scan_realtime(self, data: bytes) -> int:
        found = 0
        for value in data:
            if self._rt == 2:
                self._rt = 0
                if 1 <= value <= 4:
                    found += 1
                    self.status_queries += 1
                    self._reply(bytes([self.state.status_byte(value)]))
                    continue
            if self._rt == 1 and value == 0x04:
                self._rt = 2
            else:
                self._rt = 1 if value == 0x10 else 0
        return found

    def _reply(self, data: bytes) -> None:
        reply = self.reply_to
        if reply is None:
            return
        try:
            reply(data)
        except OSError as exc:
            log.info("reply not delivered: %s", exc)

    # the print head ---------------------------------------------------------------------------

    def _print_loop(self) -> None:
        while True:
            with self._cond:
                while not self._stopping and not (self._buffer and self.state.can_print):
                    self._cond.wait()
                if self._stopping:
                    return
                take = len(self._buffer)
                if self._armed is not None:
                    take = max(1, min(take, self._armed[0] - self._processed))
                chunk = bytes(self._buffer[:take])
                del self._buffer[:take]
            try:
                self.interpreter.feed(chunk)
            except Exception:  # a simulator must survive any bytes
                log.exception("the simulator could not interpret some bytes")
            with self._cond:
                self._processed += len(chunk)
                if self._armed is not None and self._processed >= self._armed[0]:
                    changes, self._armed = self._armed[1], None
                    self._apply(changes)

    # control ----------------------------------------------------------------------------------

    def set_state(self, **changes: Any) -> SensorState:
        with self._cond:
            self._apply(checked_changes(changes))
            return SensorState(**asdict(self.state))

    def arm(self, after_bytes: int, changes: dict[str, Any]) -> None:
        """Change the state once `after_bytes` more bytes have been printed."""
        with self._cond:
            self._armed = (self._processed + max(1, after_bytes), checked_changes(changes))

    def _apply(self, changes: dict[str, Any]) -> None:
        was_printing = self.state.can_print
        for key, value in changes.items():
            setattr(self.state, key, value)
        if was_printing and not self.state.can_print:
            self.paper.interrupt()
        log.info("printer state changed", extra={"state": asdict(self.state)})
        self._cond.notify_all()

    def snapshot(self) -> dict[str, Any]:
        with self._cond:
            return {**asdict(self.state), "job_bytes": self.job_bytes,
                    "status_queries": self.status_queries, "waiting_bytes": len(self._buffer),
                    "receipts": len(self.paper.receipts)}

    def wait_receipts(self, count: int, timeout: float) -> list[ReceiptRecord]:
        deadline = time.monotonic() + timeout
        with self.paper.changed:
            while self.paper.total < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.paper.changed.wait(left)
            return list(self.paper.receipts)
