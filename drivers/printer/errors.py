"""The printer's error types, each with a sentence for the citizen's screen and the technician.

    DeviceError                      (drivers.errors)
    ├── DeviceOffline
    │   └── PrinterOffline           no answer within the status timeout, unplugged, unreachable
    └── PrinterError                 the printer answered but cannot print (cutter, head, ...)
        ├── PaperOut                 the roll is empty
        ├── CoverOpen                the paper cover is open
        └── PrinterOffline           (also a PrinterError: `except PrinterError` catches all four)

`sent` says whether any of the job reached the printer (False when the state check before the
job refused it: nothing was printed, nothing needs tearing off); `printed` whether it came out
whole, which is never assumed: a ticket that may be torn or blank is not counted as handed out.
"""

from __future__ import annotations

from drivers.errors import DeviceError, DeviceOffline


class PrinterError(DeviceError):
    """The printer cannot print: a cutter jam, an overheated head, an unrecoverable fault."""

    default_zh = "打印机故障，请联系工作人员"
    default_en = "The printer has a fault; please ask a member of staff"
    reason = "error"

    def __init__(self, message_en: str | None = None, *, message_zh: str | None = None,
                 sent: bool = False, printed: bool = False) -> None:
        super().__init__(message_en, message_zh=message_zh)
        self.sent = sent
        self.printed = printed


class PaperOut(PrinterError):
    default_zh = "打印机缺纸，请联系工作人员"
    default_en = "The printer is out of paper; please ask a member of staff"
    reason = "paper_out"


class CoverOpen(PrinterError):
    default_zh = "打印机仓盖未关好，请联系工作人员"
    default_en = "The printer cover is open; please ask a member of staff"
    reason = "cover_open"


class PrinterOffline(PrinterError, DeviceOffline):
    default_zh = "打印机未连接或无响应，请联系工作人员"
    default_en = "The printer is not connected or does not answer; please ask a member of staff"
    reason = "offline"
