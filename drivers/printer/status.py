"""The printer's real-time status: DLE EOT 1 to 4 answers, parsed into a `PrinterStatus`.

Each DLE EOT n (10 04 n) is answered at once with one byte, even while the printer is offline
or its buffer is full. Bits 1 and 4 of every answer are 1 and bits 0 and 7 are 0, which is how
an answer is told apart from other bytes (a GS r answer has bit 4 clear).

    n=1 printer     bit 3 offline
    n=2 offline     bit 2 cover open, bit 3 paper fed by the button, bit 5 stopped at paper
                    end, bit 6 an error
    n=3 error       bit 3 autocutter error, bit 5 unrecoverable error, bit 6 automatically
                    recoverable error (an overheated head)
    n=4 paper       bits 2-3 roll near its end, bits 5-6 roll end

GS r 1 (1D 72 01) is not real-time: the printer answers it only once everything before it has
been printed, so it tells the driver a job is out. Its bits 2-3 mean paper end, bits 0-1 near end.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.printer.errors import CoverOpen, PaperOut, PrinterError

DLE_EOT = b"\x10\x04"
GS_R_PAPER = b"\x1dr\x01"
QUERIES = (1, 2, 3, 4)


def is_status_byte(value: int) -> bool:
    """A byte shaped like a DLE EOT answer."""
    return value & 0x93 == 0x12


def is_gs_r_byte(value: int) -> bool:
    """A byte shaped like a GS r answer (bit 4 and bit 7 clear)."""
    return value & 0x90 == 0


@dataclass(frozen=True)
class PrinterStatus:
    online: bool = True
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False
    cutter_error: bool = False
    unrecoverable_error: bool = False
    recoverable_error: bool = False
    feed_button: bool = False

    @classmethod
    def from_answers(cls, answers: dict[int, int]) -> PrinterStatus:
        """Parse the DLE EOT answers by query number (1 to 4)."""
        printer, offline = answers.get(1, 0x12), answers.get(2, 0x12)
        error, paper = answers.get(3, 0x12), answers.get(4, 0x12)
        return cls(
            online=not printer & 0x08,
            cover_open=bool(offline & 0x04),
            feed_button=bool(offline & 0x08),
            paper_out=bool(paper & 0x60) or bool(offline & 0x20),
            paper_near_end=bool(paper & 0x0C),
            cutter_error=bool(error & 0x08),
            unrecoverable_error=bool(error & 0x20),
            recoverable_error=bool(error & 0x40),
        )

    @property
    def can_print(self) -> bool:
        return self.problem() is None

    @property
    def reason(self) -> str:
        """A reason code for the health board and the status bar."""
        problem = self.problem()
        if problem is not None:
            return problem.reason
        return "paper_low" if self.paper_near_end else "ready"

    def problem(self) -> PrinterError | None:
        """The error a job would meet now, or None when the printer can print."""
        if self.cover_open:
            return CoverOpen()
        if self.paper_out:
            return PaperOut()
        if self.cutter_error:
            return PrinterError("The printer's cutter is jammed; please ask a member of staff",
                                message_zh="打印机切刀卡纸，请联系工作人员")
        if self.unrecoverable_error:
            return PrinterError()
        if self.recoverable_error:
            return PrinterError("The print head is too hot; please wait a moment",
                                message_zh="打印头过热，请稍候再试")
        if not self.online:
            return PrinterError("The printer is offline (its feed button may be held down)",
                                message_zh="打印机处于离线状态，请联系工作人员")
        return None

    def words(self) -> tuple[str, str]:
        """The state in a few words, Chinese and English."""
        zh, en = _WORDS[self.reason]
        return zh, en


_WORDS = {
    "ready": ("正常", "ready"),
    "paper_low": ("纸将用尽", "paper low"),
    "paper_out": ("缺纸", "out of paper"),
    "cover_open": ("仓盖打开", "cover open"),
    "error": ("故障", "fault"),
    "offline": ("离线", "offline"),
}


def paper_from_gs_r(value: int) -> tuple[bool, bool]:
    """(near end, out) from a GS r 1 answer."""
    return bool(value & 0x03), bool(value & 0x0C)
