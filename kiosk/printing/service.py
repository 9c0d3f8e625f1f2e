"""The kiosk's printer: one device from the configuration, its state on the health board,
and the jobs the citizen flows give it.

    core.printer.check_ready()          before promising a ticket: raises PaperOut, …
    core.printer.print_receipt(receipt) from a worker thread (never the UI thread)

`start()` (from `Core.start`) opens the device on the service's own thread and then asks the
idle printer its state every `poll` seconds, so the status bar shows 缺纸 or 仓盖打开 before a
citizen meets it. A `sim://` printer is the simulator started as a child program on a loopback
port (`kiosk.printing.simulator_process`), driven by the same driver as a network printer.
USB and TCP links are opened once and kept open; a link that fails is opened again at the
next poll or job.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.printer.document import Receipt
from drivers.printer.errors import PrinterError, PrinterOffline
from drivers.printer.glyphs import FontFiles
from drivers.printer.settings import PrinterSettings, printer_settings
from drivers.printer.status import PrinterStatus
from drivers.url import parse_device_url
from kiosk.fonts import FontSet
from kiosk.health import HealthBoard, Level, Role

if TYPE_CHECKING:
    from drivers.printer.driver import EscposPrinter, PrintResult
    from kiosk.printing.simulator_process import SimulatorProcess

log = logging.getLogger(__name__)

PRINTER_SCHEMES = ("usb", "serial", "tcp", "file", "sim")
_LEVELS = {"ready": Level.OK, "simulated": Level.OK, "paper_low": Level.WARNING,
           "no_status": Level.UNKNOWN}


@dataclass
class PrintCounts:
    printed: int = 0
    failed: int = 0
    refused: int = 0      # not started: the printer could not print


class PrinterService:
    def __init__(self, url: str, *, fonts: FontSet | FontFiles, health: HealthBoard,
                 sim_dir: Path) -> None:
        from kiosk.config.models import PRINTER_PARAMS

        self.url = parse_device_url(url, PRINTER_SCHEMES, PRINTER_PARAMS)
        self.settings: PrinterSettings = printer_settings(self.url)
        # Without a separate bold face, bold is drawn by thickening the regular one.
        self.fonts = FontFiles(fonts.regular, fonts.bold if fonts.bold != fonts.regular else None)
        self.health = health
        self.sim_dir = sim_dir
        self.counts = PrintCounts()
        self._count_lock = threading.Lock()
        self.last_status: PrinterStatus | None = None
        # The last queue ticket printed, for the platform's "reprint the last ticket" command
        # (a ticket carries no personal data: number, category, time, QR of its status page).
        self.last_ticket: Receipt | None = None
        self.metrics: Any = None  # core.metrics, to count receipts printed
        self.simulator: SimulatorProcess | None = None
        self._printer: EscposPrinter | None = None
        self._open_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def simulated(self) -> bool:
        return self.url.scheme == "sim"

    # life -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the printer and watch it, on a thread of its own. Does not block."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="printer", daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.settings.status_timeout_s * 4 + 5)
        with self._open_lock:
            if self._printer is not None:
                self._printer.close()
                self._printer = None
            if self.simulator is not None:
                self.simulator.stop()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                self.status()
            except PrinterError:
                pass  # reported on the health board; asked again at the next poll
            except Exception:
                log.exception("the printer poll failed")
            self._stop.wait(self.settings.poll_s)

    # asking and printing --------------------------------------------------------------------

    def status(self) -> PrinterStatus | None:
        """Ask the printer now; the answer goes on the health board. Raises PrinterOffline."""
        try:
            status = self._device().status()
        except PrinterError as exc:
            self._report_error(exc)
            raise
        self._report(status)
        return status

    def check_ready(self) -> PrinterStatus | None:
        """The printer's state, or the error a job would meet now (nothing is printed)."""
        status = self.status()
        problem = status.problem() if status else None
        if problem is not None:
            raise problem
        return status

    def print_receipt(self, receipt: Receipt) -> PrintResult:
        """Print `receipt`; blocks for as long as the printer takes, within its timeouts."""
        try:
            result = self._device().print_receipt(receipt)
        except PrinterError as exc:
            with self._count_lock:
                if not exc.sent:
                    self.counts.refused += 1
                else:
                    self.counts.failed += 1
            self._report_error(exc)
            log.warning("receipt not printed", extra={"kind": receipt.kind,
                                                      "reason": exc.reason})
            raise
        with self._count_lock:
            self.counts.printed += 1
        if receipt.kind == "ticket":
            self.last_ticket = receipt
        if self.metrics is not None:
            self.metrics.receipt_printed(receipt.kind)
        if result.status is not None or self.settings.status == "none":
            self._report(result.status)  # else the next poll says what state it is in now
        return result

    def reprint_last_ticket(self) -> PrintResult:
        """Print the last queue ticket again (a citizen's ticket jammed or was torn)."""
        if self.last_ticket is None:
            raise LookupError("no queue ticket has been printed since the kiosk started")
        return self.print_receipt(self.last_ticket)

    # the device -----------------------------------------------------------------------------

    def _device(self) -> EscposPrinter:
        with self._open_lock:
            if self._stop.is_set():
                raise PrinterOffline("the kiosk is shutting down")
            if self._printer is None:
                try:
                    self._printer = self._open()
                except PrinterError:
                    raise
                except Exception as exc:  # a library's own error while opening: offline
                    log.exception("the printer could not be opened")
                    raise PrinterOffline(f"the printer could not be opened: {exc}") from exc
            return self._printer

    def _open(self) -> EscposPrinter:
        from drivers.printer.driver import EscposPrinter

        url = self.url
        if self.simulated:
            url = parse_device_url(self._simulator_address(), ("tcp",), ())
        printer = EscposPrinter(url, self.settings, self.fonts)
        printer.description = str(self.url)
        printer.open()
        log.info("printer opened", extra={"printer": str(self.url)})
        return printer

    def _simulator_address(self) -> str:
        from kiosk.printing.simulator_process import SimulatorProcess

        if self.simulator is None:
            self.simulator = SimulatorProcess(self.settings, self.fonts, self.sim_dir)
        if not self.simulator.alive:
            self.simulator.start()
        return self.simulator.listen

    # health -----------------------------------------------------------------------------------

    def _report(self, status: PrinterStatus | None) -> None:
        self.last_status = status
        if status is None:
            reason = "no_status"
        else:
            reason = status.reason
            if reason == "ready" and self.simulated:
                reason = "simulated"
        self._set_health(_LEVELS.get(reason, Level.ERROR), reason)

    def _report_error(self, exc: PrinterError) -> None:
        self._set_health(Level.ERROR, exc.reason)
        if isinstance(exc, PrinterOffline) and self.simulator is not None \
                and not self.simulator.alive:
            with self._open_lock:  # the simulator died: start a new one at the next call
                if self._printer is not None:
                    self._printer.close()
                    self._printer = None

    def _set_health(self, level: Level, reason: str) -> None:
        if self.health.get(Role.PRINTER).reason != reason:
            log.info("printer state", extra={"reason": reason, "level": level.value})
        self.health.set(Role.PRINTER, level, reason)
