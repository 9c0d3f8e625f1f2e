"""Bytes per queue ticket and the time they take on a serial line, native against all-raster.

The demo ticket (kiosk.receipts.demo) is encoded for an 80 mm printer twice: native (Chinese in
GB18030 through the printer's Chinese mode, the printer's own QR command) and all-raster (every
line a picture drawn with the CJK font, the QR a picture too: what a printer without a Chinese
font needs). `ratio` is raster bytes over native bytes, the baseline being all-raster in this run.

Send times at 9600 and 115200 baud are COMPUTED: bytes × 10 bits (8N1: a start bit, 8 data
bits, a stop bit) / baud. They are not measured over a pty because a pty moves bytes as fast as
the kernel copies them, whatever baud rate is set on it, so its timing says nothing about a
serial line. What is measured: `build_ms` (and `raster_build_ms`), the median time to lay out
and encode a ticket with the encoder a driver keeps; `pty_print_native_s` and
`pty_print_raster_s`, the median time for the real driver to print a ticket on the simulator
over a pty (status queries, the bytes, the wait for the printer's confirmation, the simulator
drawing the receipt), with no baud rate limit.

One JSON line:
    {"native_ticket_bytes": 704, "raster_ticket_bytes": 37000, "ratio": 52.6, "build_ms": 2.1,
     "native_send_9600_s": 0.73, ...}

Target: a native ticket under 1 KB.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not this folder: bench/platform.py would stand in for the standard library's `platform`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

from drivers.printer.encoder import ReceiptEncoder, encode_receipt  # noqa: E402
from drivers.printer.glyphs import FontFiles  # noqa: E402
from drivers.printer.settings import PrinterSettings  # noqa: E402
from kiosk.fonts import find_fonts  # noqa: E402
from kiosk.receipts import ticket_receipt  # noqa: E402
from kiosk.receipts.demo import demo_ticket  # noqa: E402

BUILD_RUNS = 200
PRINT_RUNS = 7
BAUDRATES = (9600, 115200)
TARGET_BYTES = 1024


def wire_s(size: int, baud: int) -> float:
    return size * 10 / baud


def median_ms(build, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def print_over_pty(fonts: FontFiles, settings: PrinterSettings, receipt, runs: int) -> float:
    from drivers.printer.driver import EscposPrinter
    from drivers.printer.settings import printer_settings
    from drivers.url import parse_device_url
    from kiosk.printing.simulator_process import SimulatorProcess

    with tempfile.TemporaryDirectory(prefix="bench-printer-") as out:
        sim = SimulatorProcess(settings, fonts, Path(out), pty=True)
        sim.start()
        try:
            url = parse_device_url(f"{sim.listen}?baudrate=115200", None, ())
            printer = EscposPrinter(url, replace(printer_settings(url),
                                                 encoding=settings.encoding, qr=settings.qr),
                                    fonts)
            printer.open()
            printer.print_receipt(receipt)  # warm: imports, glyph cache
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                result = printer.print_receipt(receipt)
                times.append(time.perf_counter() - started)
                assert result.confirmed
            printer.close()
        finally:
            sim.stop()
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-fonts-") as cache:
        found = find_fonts(None, Path(cache))
        fonts = FontFiles(found.regular, found.bold)
        native = PrinterSettings()
        raster = replace(native, encoding="raster", qr="image")
        receipt = ticket_receipt(demo_ticket())
        native_bytes = len(encode_receipt(receipt, native, fonts).data)
        raster_bytes = len(encode_receipt(receipt, raster, fonts).data)
        # One encoder per printer, as the driver keeps one (its glyph cache stays warm).
        native_encoder, raster_encoder = ReceiptEncoder(native, fonts), ReceiptEncoder(raster,
                                                                                      fonts)
        build_ms = median_ms(lambda: native_encoder.encode(ticket_receipt(demo_ticket())),
                             BUILD_RUNS)
        raster_build_ms = median_ms(lambda: raster_encoder.encode(ticket_receipt(demo_ticket())),
                                    BUILD_RUNS // 10)
        figures = {
            "native_ticket_bytes": native_bytes,
            "raster_ticket_bytes": raster_bytes,
            "ratio": round(raster_bytes / native_bytes, 1),
            "build_ms": round(build_ms, 2),
            "raster_build_ms": round(raster_build_ms, 2),
        }
        for mode, size in (("native", native_bytes), ("raster", raster_bytes)):
            for baud in BAUDRATES:
                figures[f"{mode}_send_{baud}_s"] = round(wire_s(size, baud), 3)
        figures["send_time_method"] = "computed: bytes x 10 bits / baud (8N1)"
        figures["pty_print_native_s"] = round(print_over_pty(fonts, native, receipt,
                                                             PRINT_RUNS), 3)
        figures["pty_print_raster_s"] = round(print_over_pty(fonts, raster, receipt,
                                                             PRINT_RUNS), 3)
        figures["target_native_bytes"] = TARGET_BYTES
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
