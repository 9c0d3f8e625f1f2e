"""The receipt printer: ESC/POS over USB, serial, TCP or a device file, through python-escpos.

    document.py    the receipt document (text, pairs, rules, space, QR): the printer's vocabulary
    settings.py    the printer's URL parameters (paper width, encoding, font charset, status…)
    text.py        character widths, wrapping, and what the printer's font can show
    glyphs.py      drawing text as dots (raster fallback lines, and the simulator's font)
    encoder.py     a document to ESC/POS bytes
    status.py      DLE EOT answers parsed into a `PrinterStatus`
    transports.py  python-escpos's printer classes with a deadline on every read and write
    driver.py      `EscposPrinter`: the `ReceiptPrinter` interface (status, print, close)
    errors.py      PaperOut, CoverOpen, PrinterOffline, PrinterError
    simulator/     a printer simulator speaking ESC/POS on a TCP port or a pty

Importing this package imports neither python-escpos nor Pillow; the driver loads them when a
printer is opened.
"""

from drivers.printer.document import QR, Align, Pair, Receipt, Separator, Space, Text
from drivers.printer.errors import CoverOpen, PaperOut, PrinterError, PrinterOffline
from drivers.printer.settings import PrinterSettings, printer_settings
from drivers.printer.status import PrinterStatus

__all__ = [
    "QR",
    "Align",
    "CoverOpen",
    "Pair",
    "PaperOut",
    "PrinterError",
    "PrinterOffline",
    "PrinterSettings",
    "PrinterStatus",
    "Receipt",
    "Separator",
    "Space",
    "Text",
    "printer_settings",
]
