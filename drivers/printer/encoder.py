"""A receipt document to ESC/POS bytes, built with python-escpos's command methods.

    ESC @              initialise
    ESC 3 30           30 dots from line to line (so pictures and text lines match)
    FS &               Chinese mode (unless the printer has no Chinese: encoding=raster)
    ESC a / GS ! / ESC E / GS B   alignment, size, bold, inverse, sent only when they change
    text bytes LF      a line in GB18030, GBK or UTF-8, wrapped here to the paper's width
    GS v 0             a line the printer's font cannot show, drawn with the CJK font
    GS ( k             QR code (model 2, level M), or a picture of one with qr=image
    ESC J n            blank paper
    FS .  ESC d 6  GS V   leave Chinese mode, feed past the cutter, cut

python-escpos's `text()` cannot be used for Chinese: its "magic encoding" only knows
single-byte code pages and prints `?` for the rest, so text bytes are sent with `_raw`.
`EncodedReceipt.lines` is what a printer should make of the bytes, line by line (text, or
`[image WxH]`, or `[qr DATA]`): the simulator's journal must say the same.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from drivers.printer.document import QR, Pair, Receipt, Separator, Space, Text
from drivers.printer.escpos_lib import escpos_modules, kiosk_profile
from drivers.printer.glyphs import CELL_H, LINE_SPACING, FontFiles, GlyphPainter
from drivers.printer.settings import PrinterSettings
from drivers.printer.text import cells, native_bytes, wrap

CUT_FEED_LINES = 6
QR_QUIET_MODULES = 2


@dataclass
class EncodedReceipt:
    data: bytes
    lines: list[str] = field(default_factory=list)
    height_dots: int = 0
    native_lines: int = 0
    raster_lines: int = 0

    @property
    def height_mm(self) -> float:
        return self.height_dots / 8


@dataclass
class _Style:
    align: str = "left"
    size: int = 1
    bold: bool = False
    inverse: bool = False


class ReceiptEncoder:
    """Encodes receipts for one printer's settings. Needs the CJK font only for raster lines."""

    def __init__(self, settings: PrinterSettings, fonts: FontFiles | None) -> None:
        self.settings = settings
        self.fonts = fonts
        self._painter: GlyphPainter | None = None
        self._lock = threading.Lock()

    @property
    def painter(self) -> GlyphPainter:
        if self._painter is None:
            if self.fonts is None:
                raise ValueError("a line needs drawing but no CJK font was given to the encoder")
            self._painter = GlyphPainter(self.fonts)
        return self._painter

    def encode(self, receipt: Receipt) -> EncodedReceipt:
        with self._lock:  # one job at a time: the job's state lives on the encoder
            return self._encode(receipt)

    def _encode(self, receipt: Receipt) -> EncodedReceipt:
        printer_module, _constants = escpos_modules()
        self._out = printer_module.Dummy(profile=kiosk_profile(self.settings.dots))
        self._style = _Style()
        self._result = EncodedReceipt(b"")
        out = self._out
        out.hw("INIT")
        out.line_spacing(LINE_SPACING, divisor=180)
        chinese = self.settings.encoding != "raster"
        if chinese:
            out._raw(b"\x1c&")
        for block in receipt.blocks:
            self._block(block)
        self._set(_Style())
        if chinese:
            out._raw(b"\x1c.")
        out.cut(mode="PART" if self.settings.cut == "partial" else "FULL")
        self._result.height_dots += CUT_FEED_LINES * LINE_SPACING
        self._result.data = out.output
        return self._result

    # blocks --------------------------------------------------------------------------------

    def _block(self, block: Any) -> None:
        if isinstance(block, Text):
            style = _Style(block.align.value, block.size, block.bold, block.inverse)
            for line in wrap(block.text, self.settings.columns // block.size, block.hanging):
                self._line(line, style)
        elif isinstance(block, Pair):
            self._pair(block)
        elif isinstance(block, Separator):
            self._line(block.char[:1] * self.settings.columns, _Style())
        elif isinstance(block, Space):
            self._out._raw(b"\x1bJ" + bytes([block.dots]))
            self._result.height_dots += block.dots
        elif isinstance(block, QR):
            self._qr(block)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"cannot print {block!r}")

    def _pair(self, pair: Pair) -> None:
        width = self.settings.columns
        label, value = wrap(pair.label, width), wrap(pair.value, width)
        style = _Style(bold=pair.bold)
        gap = width - cells(label[-1]) - cells(value[0])
        if len(value) == 1 and gap >= 1:
            for line in label[:-1]:
                self._line(line, style)
            self._line(label[-1] + " " * gap + value[0], style)
            return
        for line in label:
            self._line(line, style)
        for line in value:
            self._line(line, _Style("right", bold=pair.bold))

    def _line(self, line: str, style: _Style) -> None:
        data = native_bytes(line, self.settings.encoding, self.settings.charset)
        height = max(LINE_SPACING, CELL_H * style.size)
        self._result.height_dots += height
        if data is not None:
            self._set(style)
            self._out._raw(data + b"\n")
            self._result.lines.append(line.rstrip())
            self._result.native_lines += 1
            return
        painter = self.painter
        picture = painter.line(painter.text_cells(line, size=style.size, bold=style.bold,
                                                  inverse=style.inverse),
                               self.settings.dots, style.align)
        self._image(picture)
        self._result.raster_lines += 1

    def _qr(self, qr: QR) -> None:
        import qrcode

        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(qr.data)
        modules = code.best_fit() * 4 + 17  # the size alone: no need to draw the symbol
        module = max(1, min(qr.module, self.settings.dots // (modules + 2 * QR_QUIET_MODULES)))
        if self.settings.qr == "native":
            _printer, constants = escpos_modules()
            self._set(_Style(align="center"))
            self._out.qr(qr.data, ec=constants.QR_ECLEVEL_M, size=module, native=True)
            self._result.lines.append(f"[qr {qr.data}]")
            self._result.height_dots += modules * module
            return
        from PIL import Image

        code.make(fit=True)
        symbol = code.make_image(fill_color="black", back_color="white").get_image()
        symbol = symbol.convert("L").resize((modules * module,) * 2, Image.Resampling.NEAREST)
        picture = Image.new("L", (self.settings.dots, symbol.height), 255)
        picture.paste(symbol, ((self.settings.dots - symbol.width) // 2, 0))
        self._image(picture)
        self._result.height_dots += picture.height

    def _image(self, picture: Any) -> None:
        """A full-width picture (GS v 0), so the printer's alignment cannot move it."""
        from drivers.printer.glyphs import to_bitmap

        self._out.image(without_realtime_commands(to_bitmap(picture)), impl="bitImageRaster")
        self._result.lines.append(f"[image {picture.width}x{picture.height}]")

    def _set(self, style: _Style) -> None:
        """Send only what changed since the last line (python-escpos `set()` sends what it
        is given)."""
        now, changes = self._style, {}
        if style.align != now.align:
            changes["align"] = style.align
        if style.bold != now.bold:
            changes["bold"] = style.bold
        if style.inverse != now.inverse:
            changes["invert"] = style.inverse
        if style.size != now.size:
            changes.update(custom_size=True, width=style.size, height=style.size)
        if changes:
            self._out.set(**changes)
        self._style = style


def encode_receipt(receipt: Receipt, settings: PrinterSettings,
                   fonts: FontFiles | None) -> EncodedReceipt:
    return ReceiptEncoder(settings, fonts).encode(receipt)


_REALTIME = re.compile(rb"\x10\x04[\x01-\x04]")


def without_realtime_commands(bitmap: Any) -> Any:
    """`bitmap` (1-bit, white paper) with no DLE EOT n hidden in its raster bytes.

    A printer scans every byte it receives for DLE EOT and answers at once, even inside a
    picture; such an answer in the middle of a job would look like a status reply. Where the
    bytes a picture is sent as happen to read 10 04 0n, one dot of the 04 is left white.
    """
    from PIL import Image, ImageOps

    ink = ImageOps.invert(bitmap.convert("L")).convert("1")  # as python-escpos sends it
    data = ink.tobytes()
    if not _REALTIME.search(data):
        return bitmap
    cleaned = _REALTIME.sub(lambda m: b"\x10\x00" + m.group()[2:], data)
    while _REALTIME.search(cleaned):  # 10 04 10 04 01: the first fix may make a second
        cleaned = _REALTIME.sub(lambda m: b"\x10\x00" + m.group()[2:], cleaned)
    return ImageOps.invert(Image.frombytes("1", ink.size, cleaned).convert("L")).convert("1")
