"""DLE EOT answers as a printer sends them, parsed into states and errors."""

from __future__ import annotations

from drivers.printer.errors import CoverOpen, PaperOut, PrinterError, PrinterOffline
from drivers.printer.status import PrinterStatus, is_gs_r_byte, is_status_byte, paper_from_gs_r

READY = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}


def test_a_ready_printer():
    status = PrinterStatus.from_answers(READY)
    assert status.can_print and status.reason == "ready" and status.words() == ("正常", "ready")


def test_cover_open_paper_out_near_end_and_errors():
    cover = PrinterStatus.from_answers({**READY, 1: 0x1A, 2: 0x16})
    assert cover.cover_open and not cover.online and isinstance(cover.problem(), CoverOpen)
    out = PrinterStatus.from_answers({**READY, 1: 0x1A, 2: 0x32, 4: 0x7E})
    assert out.paper_out and isinstance(out.problem(), PaperOut) and out.reason == "paper_out"
    low = PrinterStatus.from_answers({**READY, 4: 0x1E})
    assert low.paper_near_end and low.can_print and low.reason == "paper_low"
    cutter = PrinterStatus.from_answers({**READY, 1: 0x1A, 2: 0x52, 3: 0x1A})
    assert cutter.cutter_error and type(cutter.problem()) is PrinterError
    hot = PrinterStatus.from_answers({**READY, 3: 0x52})
    assert "过热" in hot.problem().message_zh


def test_answers_are_told_apart_from_other_bytes():
    assert all(is_status_byte(b) for b in (0x12, 0x16, 0x1A, 0x7E, 0x32))
    assert not any(is_status_byte(b) for b in (0x00, 0x03, 0x0C, 0x0F, 0x48))
    assert is_gs_r_byte(0x00) and is_gs_r_byte(0x0F) and not is_gs_r_byte(0x12)
    assert paper_from_gs_r(0x03) == (True, False) and paper_from_gs_r(0x0F) == (True, True)


def test_every_error_has_chinese_and_english_and_offline_is_both_kinds():
    for error in (PaperOut(), CoverOpen(), PrinterOffline(), PrinterError()):
        assert error.message("zh_CN") and error.message("en") and error.reason
    from drivers.errors import DeviceOffline

    assert isinstance(PrinterOffline(), DeviceOffline) and isinstance(PrinterOffline(),
                                                                      PrinterError)
