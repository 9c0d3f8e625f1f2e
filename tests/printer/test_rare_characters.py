"""生僻字 in names, lines of punctuation only, and ¥: printed right on a GB 2312 printer, over
TCP and over a pty, never as `?`."""

from __future__ import annotations

from PIL import Image, ImageChops

from drivers.printer.document import Receipt, Text
from drivers.printer.glyphs import GlyphPainter, to_bitmap
from tests.printer.conftest import Sim

LINES = ["申请人：王珺", "刘䶮", "𠇔", "——……「」《》。，！", "收费：¥80.00", "堃 喆 赟 镕"]


def test_rare_characters_go_as_pictures_of_themselves(sim: Sim, printer_fonts):
    printer = sim.printer()                 # charset=gb2312, the default
    before = sim.control.state()["receipts"]
    printer.print_receipt(Receipt("names", [Text(line) for line in LINES]))
    printer.close()
    record = sim.receipts(before + 1)[-1]

    picture = "[image 576x30]"
    assert record["lines"] == [picture, picture, picture, "——……「」《》。，！", picture, picture]
    assert record["missing_glyphs"] == 0
    paper = Image.open(sim.png(record)).convert("L")
    painter = GlyphPainter(printer_fonts)
    for index, line in enumerate(LINES):  # each line is exactly that text in the CJK font
        drawn = to_bitmap(painter.line(painter.text_cells(line), 576)).convert("L")
        printed = paper.crop((0, index * 30, 576, index * 30 + 30))
        assert ImageChops.difference(printed, drawn).getbbox() is None, line


def test_claiming_a_bigger_font_than_the_printer_has_shows_on_paper(sim: Sim):
    """charset=gbk on a GB 2312 printer: the simulator prints an empty box, as a real one
    prints junk, so the technician's test page shows the mistake."""
    printer = sim.printer(charset="gbk")
    before = sim.control.state()["receipts"]
    printer.print_receipt(Receipt("names", [Text("申请人：王珺")]))
    printer.close()
    record = sim.receipts(before + 1)[-1]
    assert record["lines"] == ["申请人：王\ufffd"] and record["missing_glyphs"] == 1
