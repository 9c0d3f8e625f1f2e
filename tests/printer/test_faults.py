"""The classic failures of queue systems, over TCP and over a pty: no ticket promised when the
printer cannot print, no ticket counted when it came out torn, no kiosk hanging on a silent
printer."""

from __future__ import annotations

import socket
import threading

import pytest

from drivers.printer.errors import CoverOpen, PaperOut, PrinterError, PrinterOffline
from drivers.printer.settings import PrinterSettings
from kiosk.printing.demo import demo_receipts
from tests.printer.conftest import STATUS_TIMEOUT, Sim, finishes


@pytest.fixture
def ticket():
    return demo_receipts(PrinterSettings())["ticket"]


def test_paper_out_before_a_job_raises_paper_out_and_sends_nothing(sim: Sim, ticket):
    printer = sim.printer()
    sim.control.set(paper="out")
    before = sim.control.state()

    with pytest.raises(PaperOut) as caught:
        printer.print_receipt(ticket)

    after = sim.control.state()
    assert not caught.value.sent and not caught.value.printed
    assert after["job_bytes"] == before["job_bytes"]  # only real-time status queries went out
    assert after["receipts"] == before["receipts"]
    assert "缺纸" in caught.value.message("zh_CN")


def test_cover_open_before_a_job_raises_cover_open(sim: Sim, ticket):
    printer = sim.printer()
    sim.control.set(cover="open")
    with pytest.raises(CoverOpen) as caught:
        printer.print_receipt(ticket)
    assert not caught.value.sent
    assert printer.status().reason == "cover_open"


def test_cover_opened_mid_job_is_reported_and_the_job_not_counted_as_printed(sim: Sim, ticket):
    printer = sim.printer()
    before = sim.control.state()["receipts"]
    sim.control.arm(300, cover="open")   # after 300 bytes of the ticket have been printed

    with pytest.raises(CoverOpen) as caught:
        finishes(lambda: printer.print_receipt(ticket))

    assert caught.value.sent and not caught.value.printed
    assert sim.control.state()["receipts"] == before   # nothing was cut
    sim.control.set(cover="closed")                     # the rest comes out, marked torn
    assert sim.receipts(before + 1)[-1]["interrupted"]


def test_paper_running_out_mid_job_is_reported(sim: Sim, ticket):
    printer = sim.printer()
    sim.control.arm(200, paper="out")
    with pytest.raises(PaperOut) as caught:
        finishes(lambda: printer.print_receipt(ticket))
    assert caught.value.sent and not caught.value.printed


def test_a_silent_printer_is_offline_within_the_timeout_and_nothing_hangs(sim: Sim, ticket):
    printer = sim.printer()
    sim.control.set(answer=False)

    with pytest.raises(PrinterOffline) as caught:
        finishes(printer.status, within=STATUS_TIMEOUT * 4 + 10)
    with pytest.raises(PrinterOffline):
        finishes(lambda: printer.print_receipt(ticket), within=STATUS_TIMEOUT * 4 + 10)

    assert f"{STATUS_TIMEOUT:g} s" in caught.value.message_en
    sim.control.set(answer=True)
    assert printer.status().can_print  # it recovers by itself once the printer answers


def test_paper_near_its_end_still_prints_and_says_so(sim: Sim, ticket):
    printer = sim.printer()
    sim.control.set(paper="near_end")
    result = printer.print_receipt(ticket)
    assert result.confirmed and result.status.paper_near_end
    assert result.status.reason == "paper_low"


def test_a_cutter_jam_is_a_printer_error_in_words(sim: Sim):
    printer = sim.printer()
    sim.control.set(error="cutter")
    status = printer.status()
    assert status.cutter_error and not status.can_print
    assert status.problem().message("zh_CN") == "打印机切刀卡纸，请联系工作人员"


def test_something_that_is_not_a_printer_is_said_to_be_no_printer(printer_fonts):
    """A wrong port (here: something that answers every byte with text) is not a printer."""
    from drivers.printer.driver import EscposPrinter
    from drivers.printer.settings import printer_settings
    from drivers.url import parse_device_url

    server = socket.create_server(("127.0.0.1", 0))

    def chatter() -> None:
        conn, _ = server.accept()
        with conn:
            while conn.recv(64):
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

    threading.Thread(target=chatter, daemon=True).start()
    port = server.getsockname()[1]
    url = parse_device_url(f"tcp://127.0.0.1:{port}?status_timeout=0.5", None,
                           {"status_timeout"})
    printer = EscposPrinter(url, printer_settings(url), printer_fonts)
    try:
        with pytest.raises(PrinterOffline) as caught:
            finishes(printer.status)
        assert "not an ESC/POS printer" in caught.value.message_en
    finally:
        printer.close()
        server.close()


def test_a_printer_that_is_not_there_is_missing_at_once(printer_fonts):
    from drivers.printer.driver import EscposPrinter
    from drivers.printer.settings import printer_settings
    from drivers.url import parse_device_url

    free = socket.create_server(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    for text in (f"tcp://127.0.0.1:{port}", "serial:///dev/ttyNOSUCH?baudrate=9600",
                 "file:///dev/usb/lp99", "usb://0x0416:0x5011"):
        url = parse_device_url(text, None, ())
        printer = EscposPrinter(url, printer_settings(url), printer_fonts)
        with pytest.raises(PrinterError) as caught:
            finishes(printer.status)
        assert isinstance(caught.value, PrinterOffline) and caught.value.reason == "missing"
        assert "\n" not in caught.value.message_en


def test_a_serial_printer_at_an_unknown_speed_is_found(sim_pty: Sim, ticket):
    printer = sim_pty.printer(baudrate="auto")
    assert printer.status().can_print
    assert printer.print_receipt(ticket).confirmed


def test_a_device_file_is_written_and_read_without_blocking(sim_pty: Sim, ticket, printer_fonts):
    """file:// on a character device (here the simulator's pty, as /dev/usb/lp0 would be):
    non-blocking writes and reads with deadlines, status asked both ways."""
    from drivers.printer.driver import EscposPrinter
    from drivers.printer.settings import printer_settings
    from drivers.url import parse_device_url

    path = sim_pty.address.removeprefix("serial://")
    url = parse_device_url(f"file://{path}?status_timeout=0.5", None, {"status_timeout"})
    printer = EscposPrinter(url, printer_settings(url), printer_fonts)
    try:
        before = sim_pty.control.state()["receipts"]
        assert finishes(lambda: printer.print_receipt(ticket)).confirmed
        assert sim_pty.receipts(before + 1)[-1]["lines"][0] == "保康县政务服务中心"
        sim_pty.control.set(paper="out")
        with pytest.raises(PaperOut):
            finishes(lambda: printer.print_receipt(ticket))
    finally:
        printer.close()
