"""The receipt printer in kiosk terms: print a receipt, say what state the printer is in, close.

    printer = EscposPrinter(parse_device_url("tcp://10.0.0.5:9100"), settings, fonts)
    printer.open()                      # once; USB and TCP links stay open
    printer.status()                    # PrinterStatus, or PrinterOffline
    printer.print_receipt(receipt)      # PrintResult, or PaperOut / CoverOpen / ...

A job goes like this, under one lock (the status poll and a job never interleave):

 1. DLE EOT 1-4: a printer with its cover open, out of paper or in error gets nothing, and
    the caller gets the error, before any number is promised to a citizen.
 2. The job's bytes, in chunks, each with a deadline (the line's time on the wire plus the
    link's `timeout`).
 3. GS r 1, answered only once the printer has printed everything before it: the receipt
    is out. If that answer does not come in time, DLE EOT says why (cover opened, paper ran
    out) and the job fails with `printed=False`.
 4. DLE EOT again, for the state after the job (paper near its end).

Every read and write has a deadline; a printer that does not answer a status query within
`status_timeout` is `PrinterOffline`. A link that fails is closed and opened again on the
next call; nothing is retried behind the caller's back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from drivers.printer.document import Receipt
from drivers.printer.encoder import EncodedReceipt, ReceiptEncoder
from drivers.printer.errors import PrinterError, PrinterOffline
from drivers.printer.glyphs import FontFiles
from drivers.printer.settings import PrinterSettings
from drivers.printer.status import (
    DLE_EOT,
    GS_R_PAPER,
    QUERIES,
    PrinterStatus,
    is_gs_r_byte,
    is_status_byte,
)
from drivers.printer.transports import Transport, make_transport
from drivers.url import DeviceURL

log = logging.getLogger(__name__)

CHUNK = 1024
SLOWEST_PRINT_MM_S = 50          # a tired printer; most print 150-250 mm/s
AUTO_BAUDRATES = (115200, 9600, 38400, 19200, 57600)
MAX_STRAY_BYTES = 2
CHECK_EVERY_S = 0.25             # DLE EOT 2 while waiting for a receipt to come out
STOPPED_BITS = 0x64              # in DLE EOT 2: cover open, stopped at paper end, error


class ReceiptPrinter(Protocol):
    """What the kiosk needs of a receipt printer."""

    description: str

    def open(self) -> None: ...
    def status(self) -> PrinterStatus | None: ...
    def print_receipt(self, receipt: Receipt) -> PrintResult: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class PrintResult:
    kind: str
    bytes_sent: int
    confirmed: bool                  # the printer said the whole receipt is out (GS r)
    status: PrinterStatus | None     # after the job; None when the printer is not asked
    native_lines: int
    raster_lines: int
    seconds: float


class EscposPrinter:
    """An ESC/POS printer on usb://, serial://, tcp:// or file://."""

    def __init__(self, url: DeviceURL, settings: PrinterSettings, fonts: FontFiles | None,
                 *, transport_factory: Callable[[DeviceURL, PrinterSettings], Transport]
                 | None = None) -> None:
        self.url = url
        self.settings = settings
        self.encoder = ReceiptEncoder(settings, fonts)
        self.description = str(url)
        self._factory = transport_factory or _default_transport
        self._transport: Transport | None = None
        self._baudrate = settings.baudrate  # found by probing with baudrate=auto
        self._lock = threading.RLock()

    # the interface ----------------------------------------------------------------------------

    def open(self) -> None:
        with self._lock:
            if self._transport is None:
                self._transport = self._open_transport()

    def close(self) -> None:
        with self._lock:
            transport, self._transport = self._transport, None
            if transport is not None:
                try:
                    transport.close()
                except OSError as exc:
                    log.warning("closing the printer link failed", extra={"error": str(exc)})

    def status(self) -> PrinterStatus | None:
        """The printer's state now, or None when it is not asked (`status=none`)."""
        with self._lock:
            self.open()
            return self._query()

    def print_receipt(self, receipt: Receipt) -> PrintResult:
        encoded = self.encoder.encode(receipt)
        with self._lock:
            self.open()
            started = time.monotonic()
            before = self._query()
            problem = before.problem() if before else None
            if problem is not None:
                raise problem
            try:
                self._send(encoded.data, "while sending the receipt")
                confirmed = self._await_printed(encoded)
                after = self._state_after(confirmed)
            except PrinterError as exc:
                exc.sent = True
                raise
            seconds = time.monotonic() - started
        log.info("receipt printed", extra={"kind": receipt.kind, "bytes": len(encoded.data),
                                           "native_lines": encoded.native_lines,
                                           "raster_lines": encoded.raster_lines,
                                           "confirmed": confirmed, "seconds": round(seconds, 3)})
        return PrintResult(receipt.kind, len(encoded.data), confirmed, after,
                           encoded.native_lines, encoded.raster_lines, seconds)

    # the steps ------------------------------------------------------------------------------

    def _state_after(self, confirmed: bool) -> PrinterStatus | None:
        """The state after a job. Once the printer confirmed the receipt, whatever happens
        next (paper just ran out, the link dropped) is for the next job, not this one."""
        try:
            after = self._query()
        except PrinterError:
            if not confirmed:
                raise
            return None
        problem = after.problem() if after and not confirmed else None
        if problem is not None:
            raise problem
        return after

    @property
    def _asks(self) -> bool:
        return self.settings.status != "none" and bool(self._transport and
                                                        self._transport.readable)

    def _query(self) -> PrinterStatus | None:
        if not self._asks:
            return None
        transport = self._link()
        try:
            transport.drain()
            answers = {}
            for n in QUERIES:
                transport.write(DLE_EOT + bytes([n]), self.settings.write_timeout_s)
                answer = self._reply(is_status_byte, self.settings.status_timeout_s)
                if answer is None:
                    raise PrinterOffline(
                        f"{self.description} did not answer a status query within "
                        f"{self.settings.status_timeout_s:g} s",
                        message_zh=f"打印机在 {self.settings.status_timeout_s:g} 秒内没有应答，"
                                   "请检查电源和连线")
                answers[n] = answer
        except (OSError, TimeoutError) as exc:
            raise self._lost(exc, "while asking its status") from exc
        return PrinterStatus.from_answers(answers)

    def _send(self, data: bytes, during: str) -> None:
        transport = self._link()
        for start in range(0, len(data), CHUNK):
            chunk = data[start:start + CHUNK]
            try:
                transport.write(chunk, self.settings.write_timeout_s + self._wire_s(len(chunk)))
            except TimeoutError as exc:
                raise self._stalled(during) from exc
            except OSError as exc:
                raise self._lost(exc, during) from exc

    def _await_printed(self, encoded: EncodedReceipt) -> bool:
        """Wait for GS r's answer, asking DLE EOT 2 meanwhile so that a cover opened or paper
        run out in the middle of the receipt is known at once, not at the deadline."""
        if not self._asks or self.settings.status != "full":
            return False
        self._send(GS_R_PAPER, "while asking whether the receipt is out")
        wait = (self.settings.status_timeout_s + self._wire_s(len(encoded.data))
                + encoded.height_mm / SLOWEST_PRINT_MM_S)
        transport = self._link()
        deadline = time.monotonic() + wait
        next_check = time.monotonic() + CHECK_EVERY_S
        asked = 0  # DLE EOT 2 sent and not yet answered
        try:
            while (now := time.monotonic()) < deadline:
                data = transport.read(1, max(0.001, min(deadline, next_check) - now))
                if data and is_gs_r_byte(data[0]):
                    if asked:  # collect the answers still due, or the next query reads them
                        self._reply(is_status_byte, self.settings.status_timeout_s)
                    return True
                if data and is_status_byte(data[0]):
                    asked = max(0, asked - 1)
                    if data[0] & STOPPED_BITS:
                        break  # cover open, paper end or an error: the receipt is not coming
                if time.monotonic() >= next_check and asked == 0:
                    transport.write(DLE_EOT + b"\x02", self.settings.write_timeout_s)
                    asked += 1
                    next_check = time.monotonic() + CHECK_EVERY_S
                elif time.monotonic() >= next_check:
                    next_check = time.monotonic() + CHECK_EVERY_S
        except (OSError, TimeoutError) as exc:
            raise self._lost(exc, "while printing") from exc
        raise self._stalled("while printing")

    def _reply(self, accept: Callable[[int], bool], timeout: float) -> int | None:
        """The first byte that `accept`s within `timeout`. A stray byte or two is skipped
        (a late answer to an earlier question); more means this is not an ESC/POS printer
        answering (a wrong port, a web server), which is said plainly."""
        transport = self._link()
        deadline = time.monotonic() + timeout
        strays = 0
        while (left := deadline - time.monotonic()) > 0:
            data = transport.read(1, left)
            if not data:
                continue
            if accept(data[0]):
                return data[0]
            strays += 1
            if strays > MAX_STRAY_BYTES:
                error = PrinterOffline(
                    f"{self.description} answers with bytes that are not an ESC/POS "
                    "printer's status; check the address and port",
                    message_zh="该地址上的设备不像是打印机，请检查地址和端口")
                error.reason = "missing"
                raise error
        return None

    def _stalled(self, during: str) -> PrinterError:
        """The printer stopped taking data or did not finish: ask it why."""
        try:
            status = self._query()
        except PrinterOffline as exc:
            return exc
        problem = status.problem() if status else None
        if problem is not None:
            log.warning("printer stopped %s", during, extra={"reason": problem.reason})
            return problem
        return PrinterError(
            f"{self.description} did not finish the receipt {during}; if this printer does not "
            "support GS r, set status=realtime in its URL",
            message_zh="打印机未确认打印完成，请联系工作人员")

    def _lost(self, exc: BaseException, during: str) -> PrinterOffline:
        self.close()
        return PrinterOffline(f"{self.description}: the link failed {during} ({exc})",
                              message_zh="打印机连接中断，请检查连线")

    def _link(self) -> Transport:
        if self._transport is None:
            raise PrinterOffline(f"{self.description} is not open")
        return self._transport

    def _wire_s(self, size: int) -> float:
        """Seconds `size` bytes take on a serial line (8N1: 10 bits a byte)."""
        baudrate = self._baudrate
        return size * 10 / baudrate if self.url.scheme == "serial" and baudrate else 0.0

    def _open_transport(self) -> Transport:
        if self.url.scheme == "serial" and self.url.param("baudrate") == "auto":
            return self._find_baudrate()
        transport = self._factory(self.url, self.settings)
        _open(transport)
        return transport

    def _find_baudrate(self) -> Transport:
        """Try the usual rates until the printer answers DLE EOT 1."""
        for rate in AUTO_BAUDRATES:
            url = DeviceURL(self.url.raw, self.url.scheme, self.url.target,
                            {**self.url.params, "baudrate": str(rate)})
            transport = self._factory(url, self.settings)
            _open(transport)
            try:
                transport.drain()
                transport.write(DLE_EOT + b"\x01", self.settings.write_timeout_s)
                deadline = time.monotonic() + min(self.settings.status_timeout_s, 0.5)
                while (left := deadline - time.monotonic()) > 0:
                    data = transport.read(1, left)
                    if data and is_status_byte(data[0]):
                        log.info("printer baud rate found", extra={"baudrate": rate})
                        self._baudrate = rate
                        return transport
            except (OSError, TimeoutError):
                pass
            transport.close()
        raise PrinterOffline(f"{self.description} answered at none of the baud rates "
                             f"{', '.join(map(str, AUTO_BAUDRATES))}",
                             message_zh="打印机在常用波特率下均无应答，请检查连线和设置")


def _default_transport(url: DeviceURL, settings: PrinterSettings) -> Transport:
    return make_transport(url, write_timeout=settings.write_timeout_s, flow=settings.flow)


def _open(transport: Transport) -> None:
    """Open, with the library's and the OS's errors turned into `PrinterOffline`."""
    from drivers.printer.escpos_lib import escpos_modules

    escpos_modules()
    from escpos.exceptions import DeviceNotFoundError

    try:
        transport.open()
    except (DeviceNotFoundError, OSError, RuntimeError) as exc:
        why = " ".join(str(exc).split())  # python-escpos's messages span lines
        error = PrinterOffline(f"{transport.description} cannot be opened: {why}",
                               message_zh="找不到打印机，请检查连线和电源")
        error.reason = "missing"
        raise error from exc
