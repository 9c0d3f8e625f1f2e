"""Receipts to ESC/POS bytes: Chinese mode, raster fallback per line, QR, and (with the
simulator's interpreter reading the bytes back) the text a printer makes of them."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.printer.document import QR, Align, Pair, Receipt, Separator, Space, Text
from drivers.printer.encoder import encode_receipt
from drivers.printer.glyphs import GlyphPainter
from drivers.printer.settings import PrinterSettings
from drivers.printer.simulator.interpreter import Interpreter
from drivers.printer.simulator.paper import Paper
from drivers.printer.text import cells

DEFAULT = PrinterSettings()


def read_back(data: bytes, fonts, *, charset="gb2312", encoding="gb18030", dots=576):
    """The journal lines an ESC/POS printer with this font makes of `data` (in process)."""
    paper = Paper(dots, GlyphPainter(fonts), None)
    interpreter = Interpreter(paper, lambda _reply: None, encoding=encoding, charset=charset,
                              paper_status=lambda: 0)
    interpreter.feed(data)
    return paper.receipts[-1]


def test_a_job_initialises_enters_chinese_mode_and_cuts(printer_fonts):
    data = encode_receipt(Receipt("t", [Text("保康县")]), DEFAULT, printer_fonts).data
    assert data.startswith(b"\x1b@\x1b3\x1e\x1c&")
    assert "保康县".encode("gb18030") + b"\n" in data
    assert data.endswith(b"\x1c.\x1bd\x06\x1dV\x00")
    partial = encode_receipt(Receipt("t", []), replace(DEFAULT, cut="partial"), printer_fonts)
    assert partial.data.endswith(b"\x1dV\x01")


def test_only_the_line_the_font_cannot_show_goes_as_a_picture(printer_fonts):
    receipt = Receipt("t", [Text("申请人：王珺"), Text("事项：社保"), Text("——……")])
    encoded = encode_receipt(receipt, DEFAULT, printer_fonts)
    assert encoded.lines == ["[image 576x30]", "事项：社保", "——……"]
    assert b"?" not in encoded.data.split(b"\x1dv0")[0]
    gbk = encode_receipt(receipt, replace(DEFAULT, charset="gbk"), printer_fonts)
    assert gbk.lines == ["申请人：王珺", "事项：社保", "——……"] and gbk.raster_lines == 0


def test_raster_mode_sends_no_text_and_image_qr_sends_no_qr_command(printer_fonts):
    receipt = Receipt("t", [Text("A023", size=4), QR("https://example.org/q")])
    raster = encode_receipt(receipt, replace(DEFAULT, encoding="raster", qr="image"),
                            printer_fonts)
    assert b"\x1c&" not in raster.data and b"\x1d(k" not in raster.data
    assert raster.lines[0] == "[image 576x96]" and raster.lines[1].startswith("[image 576x")
    native = encode_receipt(receipt, DEFAULT, printer_fonts)
    assert native.lines == ["A023", "[qr https://example.org/q]"]
    assert b"\x1d(k" in native.data


def test_styles_are_sent_only_when_they_change(printer_fonts):
    receipt = Receipt("t", [Text("a", bold=True), Text("b", bold=True), Text("c")])
    data = encode_receipt(receipt, DEFAULT, printer_fonts).data
    assert data.count(b"\x1bE\x01") == 1 and data.count(b"\x1bE\x00") == 1


def test_pairs_put_the_value_at_the_right_edge_or_on_a_line_of_its_own(printer_fonts):
    encoded = encode_receipt(Receipt("t", [Pair("前面等候", "5 人"),
                                           Pair("受理部门", "保康县人力资源和社会保障局" * 2)]),
                             DEFAULT, printer_fonts)
    first = encoded.lines[0]
    assert first.startswith("前面等候") and first.endswith("5 人") and cells(first) == 48
    assert encoded.lines[1] == "受理部门" and len(encoded.lines) == 4


def test_the_document_refuses_what_a_printer_cannot_do():
    with pytest.raises(ValueError):
        Text("x", size=9)
    with pytest.raises(ValueError):
        Space(300)
    with pytest.raises(ValueError):
        QR("")


# Text a citizen or a platform might put on a receipt: ASCII, common and rare characters,
# punctuation, currency signs, control characters.
TEXT = st.text(st.sampled_from(list("AZaz09 .-:/#保康县政务服务中心取号，。、；：？！（）「」——……"
                                    "堃珺喆赟䶮𠇔¥￥€·\t\x1b")), max_size=60)
BLOCKS = st.lists(st.one_of(
    st.builds(Text, TEXT, size=st.integers(1, 3), bold=st.booleans(),
              align=st.sampled_from(list(Align)), inverse=st.booleans()),
    st.builds(Pair, TEXT, TEXT),
    st.just(Separator()), st.builds(Space, st.integers(1, 64)),
), max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=BLOCKS, charset=st.sampled_from(["gb2312", "gbk", "gb18030"]),
       encoding=st.sampled_from(["gb18030", "gbk", "utf-8"]))
def test_whatever_the_text_a_printer_reads_back_what_was_sent(blocks, charset, encoding,
                                                              printer_fonts):
    settings_ = replace(DEFAULT, charset=charset, encoding=encoding)
    encoded = encode_receipt(Receipt("fuzz", blocks), settings_, printer_fonts)
    record = read_back(encoded.data, printer_fonts, charset=charset, encoding=encoding)
    assert record.lines == encoded.lines
    assert record.missing_glyphs == 0 and record.unknown_commands == []
    assert b"\x1b@" not in encoded.data[2:]  # data never re-initialises the printer
    assert not re.search(rb"\x10\x04[\x01-\x04]", encoded.data)  # nor asks its status


def test_pictures_never_carry_a_status_query_in_their_bytes():
    """Raster bytes reading 10 04 0n would make the printer answer a status query nobody
    asked mid-job; the encoder whitens one dot to break the sequence."""
    from PIL import Image, ImageOps

    from drivers.printer.encoder import without_realtime_commands

    payload = bytes(8) + b"\x10\x04\x01" + b"\xff" * 3 + b"\x10\x04\x10\x04\x04" + bytes(3)
    ink = Image.frombytes("1", (len(payload) * 8, 1), payload)
    paper = ImageOps.invert(ink.convert("L")).convert("1")
    cleaned = without_realtime_commands(paper)
    sent = ImageOps.invert(cleaned.convert("L")).convert("1").tobytes()
    assert all(not (sent[i] == 0x10 and sent[i + 1] == 0x04 and 1 <= sent[i + 2] <= 4)
               for i in range(len(sent) - 2))
    changed = sum(bin(a ^ b).count("1") for a, b in zip(payload, sent, strict=True))
    assert 1 <= changed <= 3                                    # a dot or so, no more
