"""The simulator reads ESC/POS as a printer does: commands split anywhere, unknown commands
skipped, Chinese only in Chinese mode, a missing glyph shown as missing."""

from __future__ import annotations

from drivers.printer.document import QR, Receipt, Text
from drivers.printer.encoder import encode_receipt
from drivers.printer.glyphs import GlyphPainter
from drivers.printer.settings import PrinterSettings
from drivers.printer.simulator.interpreter import Interpreter
from drivers.printer.simulator.paper import MISSING, Paper


def printer(fonts, *, charset="gb2312", replies=None):
    paper = Paper(576, GlyphPainter(fonts), None)
    answers = replies if replies is not None else []
    return paper, Interpreter(paper, answers.append, encoding="gb18030", charset=charset,
                              paper_status=lambda: 0x03)


def test_bytes_split_anywhere_print_the_same(printer_fonts):
    receipt = Receipt("t", [Text("保康县 A023", size=2), QR("https://example.org"),
                            Text("王珺")])
    data = encode_receipt(receipt, PrinterSettings(), printer_fonts).data
    whole, interpreter = printer(printer_fonts)
    interpreter.feed(data)
    pieces, interpreter = printer(printer_fonts)
    for i in range(len(data)):
        interpreter.feed(data[i:i + 1])
    assert pieces.receipts[0].lines == whole.receipts[0].lines
    assert whole.receipts[0].lines[:2] == ["保康县 A023", "[qr https://example.org]"]


def test_unknown_commands_are_logged_and_printing_goes_on(printer_fonts, caplog):
    paper, interpreter = printer(printer_fonts)
    interpreter.feed(b"\x1b@AB\x1bq\x01CD\n\x1dV\x00")
    record = paper.receipts[0]
    assert record.lines == ["ABCD"]
    assert record.unknown_commands and "1B 71" in record.unknown_commands[0]
    assert "unknown command" in caplog.text


def test_chinese_without_chinese_mode_comes_out_garbled(printer_fonts):
    """The classic fault the driver must not commit: GB bytes outside FS & mode."""
    paper, interpreter = printer(printer_fonts)
    interpreter.feed(b"\x1b@" + "取号".encode("gb18030") + b"\n\x1c&"
                     + "取号".encode("gb18030") + b"\n\x1dV\x00")
    garbled, right = paper.receipts[0].lines
    assert garbled != "取号" and right == "取号"


def test_a_code_the_font_lacks_is_shown_missing(printer_fonts):
    paper, interpreter = printer(printer_fonts, charset="gb2312")
    interpreter.feed(b"\x1b@\x1c&" + "王珺".encode("gb18030") + b"\n\x1dV\x00")
    assert paper.receipts[0].lines == [f"王{MISSING}"] and paper.receipts[0].missing_glyphs == 1


def test_gs_r_is_answered_once_everything_before_it_is_printed(printer_fonts):
    replies: list[bytes] = []
    paper, interpreter = printer(printer_fonts, replies=replies)
    interpreter.feed(b"\x1b@hello\n\x1dV\x00\x1dr")
    assert replies == [] and paper.total == 1
    interpreter.feed(b"\x01")
    assert replies == [b"\x03"]
