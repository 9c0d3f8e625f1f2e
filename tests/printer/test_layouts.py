"""Every receipt layout, printed by the real driver on the simulator over TCP and over a pty:
the pictures match reviewed references, the text the simulator decoded is the text sent, and
personal data is masked on paper."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.printer.encoder import encode_receipt
from drivers.printer.settings import PrinterSettings, printer_settings
from drivers.url import parse_device_url
from kiosk.printing.demo import demo_receipts
from kiosk.receipts import ticket_receipt
from kiosk.receipts.demo import DEMO_PEOPLE, demo_ticket
from tests.printer.conftest import Sim, _start
from tests.printer.images import assert_matches_reference

KINDS = ("ticket", "acknowledgement", "checklist", "test_page")


def print_and_fetch(sim: Sim, receipt, **params: str) -> tuple[dict, list[str]]:
    """Print `receipt` through the real driver; the simulator's journal of it, and the lines
    the encoder says it sent."""
    printer = sim.printer(**params)
    before = sim.control.state()["receipts"]
    try:
        result = printer.print_receipt(receipt)
    finally:
        printer.close()  # a printer serves one connection at a time
    record = sim.receipts(before + 1)[-1]
    assert result.confirmed and not record["interrupted"]
    return record, encode_receipt(receipt, printer.settings, sim.fonts).lines


@pytest.mark.parametrize("kind", KINDS)
def test_each_layout_prints_as_reviewed(sim: Sim, kind, tmp_path):
    receipt = demo_receipts(PrinterSettings())[kind]

    record, sent = print_and_fetch(sim, receipt)

    assert record["lines"] == sent                     # the text decoded is the text sent
    assert record["missing_glyphs"] == 0 and record["unknown_commands"] == []
    assert record["width"] == 576
    assert_matches_reference(sim.png(record), kind, tmp_path)
    qr = next(line for line in sent if line.startswith("[qr "))
    assert decode_qr(sim.png(record)) == qr[4:-1]      # a phone can read the printed QR


def decode_qr(png) -> str:
    import cv2

    image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    image = cv2.copyMakeBorder(image, 16, 16, 16, 16, cv2.BORDER_CONSTANT, value=255)
    return cv2.QRCodeDetector().detectAndDecode(image)[0]


@pytest.fixture(scope="module")
def sim_58(tmp_path_factory, printer_fonts) -> Iterator[Sim]:
    yield from _start(tmp_path_factory, printer_fonts, pty=False, url="sim://?paper=58")


def test_the_ticket_fits_58mm_paper(sim_58, tmp_path):
    settings = printer_settings(parse_device_url("sim://?paper=58"))
    receipt = ticket_receipt(demo_ticket(), columns=settings.columns)

    record, sent = print_and_fetch(sim_58, receipt, paper="58")

    assert record["lines"] == sent and record["width"] == 384
    assert "保康县政务服务中心" in sent  # the title shrank to fit one line instead of wrapping
    assert_matches_reference(sim_58.png(record), "ticket-58", tmp_path)


def test_personal_data_is_masked_on_paper(sim_tcp):
    receipts = demo_receipts(PrinterSettings())
    for kind in ("ticket", "acknowledgement"):
        record, _ = print_and_fetch(sim_tcp, receipts[kind])
        text = "\n".join(record["lines"])
        for name, number in DEMO_PEOPLE.items():
            assert name not in text and number not in text, kind
        if kind == "acknowledgement":
            assert "王*" in text and "420***********1028" in text
        else:
            assert "张**" in text


def test_a_native_ticket_is_under_a_kilobyte(printer_fonts):
    encoded = encode_receipt(ticket_receipt(demo_ticket()), PrinterSettings(), printer_fonts)
    assert len(encoded.data) < 1024
    assert encoded.raster_lines == 0 and encoded.native_lines > 10
