"""ESC/POS, byte by byte, onto the simulated paper.

Understood and drawn: ESC @, LF/CR/HT, ESC ! E G - a d J 2 3 t M, GS ! B V v0 ( k (QR),
FS & . ! (Chinese mode in GB18030, GBK or UTF-8), GS r (answered once everything before it is
printed). Recognised and skipped with their parameters: DLE EOT/ENQ/DC4 (real-time commands,
answered by `machine.py` as they arrive), ESC * (column images), GS ( L, GS L/W/H/h/w/k/a/b,
ESC p/c/R/SP/$/{, FS C/S/W. Anything else is logged and recorded on the receipt as unknown,
never fatal: the printer moves on by one byte, as a real one resynchronises.

A command that has not fully arrived waits for the rest; `feed` may be given any slice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from drivers.printer.glyphs import LINE_SPACING, Cell
from drivers.printer.simulator.paper import Paper
from drivers.printer.text import in_font

log = logging.getLogger(__name__)

LF, CR, HT, FF = 0x0A, 0x0D, 0x09, 0x0C
DLE, ESC, FS, GS = 0x10, 0x1B, 0x1C, 0x1D
_ALIGN = {0: "left", 48: "left", 1: "center", 49: "center", 2: "right", 50: "right"}
_CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252",
               17: "cp866", 18: "cp852", 19: "cp858"}
_QR_LEVELS = {48: "L", 49: "M", 50: "Q", 51: "H"}
# ESC and GS commands that take a fixed number of parameter bytes and change nothing drawn.
_ESC_SKIP = {ord("R"): 1, ord(" "): 1, ord("$"): 2, ord("\\"): 2, ord("{"): 1, ord("V"): 1,
             ord("p"): 3, ord("r"): 1, ord("U"): 1, ord("B"): 2, ord("="): 1, ord("%"): 1,
             ord("S"): 0, ord("L"): 0, ord("c"): 2}
_GS_SKIP = {ord("L"): 2, ord("W"): 2, ord("H"): 1, ord("h"): 1, ord("w"): 1, ord("f"): 1,
            ord("a"): 1, ord("b"): 1, ord("P"): 2, ord("I"): 1, ord("/"): 1, ord("E"): 1,
            ord("T"): 1, ord("^"): 3}


class Interpreter:
    """Turns the bytes a printer processes into paper; replies go through `reply`."""

    def __init__(self, paper: Paper, reply: Callable[[bytes], None], *, encoding: str,
                 charset: str, paper_status: Callable[[], int]) -> None:
        self.paper = paper
        self.reply = reply
        self.encoding = encoding
        self.charset = charset
        self.paper_status = paper_status
        self._buffer = bytearray()
        self.reset()

    def reset(self) -> None:
        """ESC @: the power-on state (Chinese mode off, normal text, default spacing)."""
        self.align = "left"
        self.bold = False
        self.underline = False
        self.inverse = False
        self.width = 1
        self.height = 1
        self.chinese = False
        self.code_page = 0
        self.paper.spacing = LINE_SPACING
        self._qr = {"module": 3, "level": "L", "data": b""}

    def feed(self, data: bytes) -> None:
        self._buffer += data
        self.paper.count_bytes(len(data))
        while self._buffer:
            used = self._step(self._buffer)
            if used == 0:
                return  # wait for the rest of the command
            del self._buffer[:used]

    # one command or character --------------------------------------------------------------

    def _step(self, buf: bytearray) -> int:
        first = buf[0]
        if first in (LF, FF):
            self.paper.print_line()
            return 1
        if first == CR:
            return 1
        if first == HT:
            for _ in range(8 - len(self.paper._cells) % 8):
                self.paper.add(self._cell(" "), self.align)
            return 1
        if first == ESC:
            return self._esc(buf)
        if first == GS:
            return self._gs(buf)
        if first == FS:
            return self._fs(buf)
        if first == DLE:
            return self._dle(buf)
        if first < 0x20 or first == 0x7F:
            self._unknown(buf[:1])
            return 1
        return self._character(buf)

    def _character(self, buf: bytearray) -> int:
        first = buf[0]
        if first < 0x80:
            self.paper.add(self._cell(chr(first)), self.align)
            return 1
        if not self.chinese:
            ch = bytes([first]).decode(_CODE_PAGES.get(self.code_page, "cp437"), "replace")
            self.paper.add(self._cell(ch), self.align)
            return 1
        size = self._multibyte_length(buf)
        if size == 0:
            return 0
        raw = bytes(buf[:size])
        codec = {"gbk": "gbk", "utf-8": "utf-8"}.get(self.encoding, "gb18030")
        try:
            ch = raw.decode(codec)
        except UnicodeDecodeError:
            ch = ""
        cell = self._cell(ch or "\ufffd")
        if len(ch) != 1 or not in_font(ch, self.charset):
            cell = Cell("\ufffd", cell.width, cell.height, cell.bold, cell.inverse, missing=True)
        self.paper.add(cell, self.align)
        return size

    def _multibyte_length(self, buf: bytearray) -> int:
        """Bytes in the character starting `buf`, or 0 when it has not all arrived."""
        first = buf[0]
        if self.encoding == "utf-8":
            size = 2 if first < 0xE0 else 3 if first < 0xF0 else 4
        elif self.encoding == "gbk":
            size = 2
        else:
            if len(buf) < 2:
                return 0
            size = 4 if 0x30 <= buf[1] <= 0x39 else 2
        return size if len(buf) >= size else 0

    def _cell(self, ch: str) -> Cell:
        return Cell(ch, self.width, self.height, self.bold, self.inverse, self.underline)

    # ESC ------------------------------------------------------------------------------------

    def _esc(self, buf: bytearray) -> int:
        if len(buf) < 2:
            return 0
        command = buf[1]
        if command == ord("@"):
            self.reset()
            return 2
        if command == ord("2"):
            self.paper.spacing = LINE_SPACING
            return 2
        if command in (ord("i"), ord("m")):  # cut (old forms)
            self._cut("full" if command == ord("i") else "partial")
            return 2
        if command == ord("D"):  # tab stops, up to NUL
            end = buf.find(0, 2)
            return 0 if end < 0 else end + 1
        if command == ord("*"):  # column bit image: m nL nH data
            if len(buf) < 5:
                return 0
            columns = buf[3] + 256 * buf[4]
            size = 5 + columns * (3 if buf[2] in (32, 33) else 1)
            if len(buf) >= size:
                self._unknown(buf[:2], "column image (ESC *) not drawn")
            return size if len(buf) >= size else 0
        if command in _ESC_SKIP:
            size = 2 + _ESC_SKIP[command]
            return size if len(buf) >= size else 0
        if len(buf) < 3:
            return 0
        value = buf[2]
        if command == ord("!"):
            self.bold = bool(value & 0x08)
            self.height = 2 if value & 0x10 else 1
            self.width = 2 if value & 0x20 else 1
            self.underline = bool(value & 0x80)
        elif command in (ord("E"), ord("G")):
            self.bold = bool(value & 1)
        elif command == ord("-"):
            self.underline = value in (1, 2, 49, 50)
        elif command == ord("a"):
            self.align = _ALIGN.get(value, self.align)
        elif command == ord("d"):
            self._feed_lines(value)
        elif command == ord("J"):
            self._feed_dots(value)
        elif command == ord("3"):
            self.paper.spacing = value
        elif command == ord("t"):
            self.code_page = value
        elif command == ord("M"):
            pass  # font A/B: the simulator draws one font
        else:
            self._unknown(buf[:3])
        return 3

    def _feed_lines(self, lines: int) -> None:
        if self.paper.pending:
            self.paper.print_line(extra_dots=max(0, lines - 1) * self.paper.spacing)
        else:
            self.paper.feed(lines * self.paper.spacing)

    def _feed_dots(self, dots: int) -> None:
        if self.paper.pending:
            self.paper.print_line(extra_dots=max(0, dots - self.paper.spacing))
        else:
            self.paper.feed(dots)

    # GS -------------------------------------------------------------------------------------

    def _gs(self, buf: bytearray) -> int:
        if len(buf) < 2:
            return 0
        command = buf[1]
        if command == ord("v"):
            return self._raster(buf)
        if command == ord("("):
            return self._gs_paren(buf)
        if command == ord("V"):
            if len(buf) < 3:
                return 0
            mode = buf[2]
            size = 4 if mode >= 65 else 3
            if len(buf) < size:
                return 0
            if mode >= 65:
                self._feed_dots(buf[3])
            self._cut("partial" if mode in (1, 49, 66, 98, 104) else "full")
            return size
        if command == ord("k"):  # barcode: not drawn
            return self._barcode(buf)
        if command in _GS_SKIP:
            size = 2 + _GS_SKIP[command]
            return size if len(buf) >= size else 0
        if len(buf) < 3:
            return 0
        value = buf[2]
        if command == ord("!"):
            self.width = (value >> 4 & 7) + 1
            self.height = (value & 7) + 1
        elif command == ord("B"):
            self.inverse = bool(value & 1)
        elif command == ord("r"):
            if value in (1, 49):
                self.reply(bytes([self.paper_status()]))
            elif value in (2, 50):
                self.reply(b"\x00")
        else:
            self._unknown(buf[:3])
        return 3

    def _raster(self, buf: bytearray) -> int:
        """GS v 0 m xL xH yL yH d…: a raster bit image, 1 bit a dot, rows of whole bytes."""
        if len(buf) < 8:
            return 0
        row_bytes = buf[4] + 256 * buf[5]
        rows = buf[6] + 256 * buf[7]
        size = 8 + row_bytes * rows
        if len(buf) < size:
            return 0
        from PIL import Image, ImageOps

        bits = Image.frombytes("1", (row_bytes * 8, rows), bytes(buf[8:size]))
        picture = ImageOps.invert(bits.convert("L"))  # a set bit is a black dot
        self.paper.picture(picture, self.align)
        return size

    def _gs_paren(self, buf: bytearray) -> int:
        if len(buf) < 5:
            return 0
        size = 5 + buf[3] + 256 * buf[4]
        if len(buf) < size:
            return 0
        if buf[2] == ord("k") and size >= 7 and buf[5] == 49:
            self._qr_function(buf[6], bytes(buf[7:size]))
        elif buf[2] != ord("k"):
            self._unknown(buf[:3], "graphics (GS ( L / GS ( …) not drawn")
        return size

    def _qr_function(self, function: int, data: bytes) -> None:
        if function == 67 and data:
            self._qr["module"] = max(1, min(16, data[0]))
        elif function == 69 and data:
            self._qr["level"] = _QR_LEVELS.get(data[0], "L")
        elif function == 80:
            self._qr["data"] = data[1:]  # m = 48, then the data
        elif function == 81:
            self._print_qr()

    def _print_qr(self) -> None:
        import qrcode
        from PIL import Image

        data = bytes(self._qr["data"])  # type: ignore[arg-type]
        if not data:
            return
        level = getattr(qrcode.constants, f"ERROR_CORRECT_{self._qr['level']}")
        code = qrcode.QRCode(error_correction=level, border=0, box_size=1)
        code.add_data(data)
        code.make(fit=True)
        symbol = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
        module = int(self._qr["module"])  # type: ignore[call-overload]
        symbol = symbol.resize((symbol.width * module, symbol.height * module),
                               Image.Resampling.NEAREST)
        text = data.decode("utf-8", "replace")
        self.paper.picture(symbol, self.align, label=f"[qr {text}]")

    def _barcode(self, buf: bytearray) -> int:
        if len(buf) < 3:
            return 0
        if buf[2] <= 6:
            end = buf.find(0, 3)
            return 0 if end < 0 else end + 1
        if len(buf) < 4 or len(buf) < 4 + buf[3]:
            return 0
        self._unknown(buf[:3], "barcode not drawn")
        return 4 + buf[3]

    # FS and DLE -------------------------------------------------------------------------------

    def _fs(self, buf: bytearray) -> int:
        if len(buf) < 2:
            return 0
        command = buf[1]
        if command == ord("&"):
            self.chinese = True
            return 2
        if command == ord("."):
            self.chinese = False
            return 2
        sizes = {ord("!"): 3, ord("-"): 3, ord("C"): 3, ord("W"): 3, ord("S"): 4, ord("p"): 4}
        size = sizes.get(command, 2)
        if len(buf) < size:
            return 0
        if command == ord("!"):
            self.underline = bool(buf[2] & 0x80)
        elif command not in sizes:
            self._unknown(buf[:2])
        return size

    def _dle(self, buf: bytearray) -> int:
        if len(buf) < 3:
            return 0
        if buf[1] == 0x14:  # DLE DC4 fn …
            size = {1: 5, 2: 5, 7: 5, 8: 10}.get(buf[2], 3)
            return size if len(buf) >= size else 0
        return 3  # DLE EOT n / DLE ENQ n: answered in real time on arrival

    def _cut(self, mode: str) -> None:
        record = self.paper.cut(mode)
        log.info("receipt cut", extra={"receipt": record.png, "lines": len(record.lines),
                                       "interrupted": record.interrupted})

    def _unknown(self, command: bytes | bytearray, note: str = "unknown command") -> None:
        shown = " ".join(f"{b:02X}" for b in command)
        log.warning("%s: %s", note, shown)
        self.paper.note_unknown(f"{shown} ({note})")
