"""Trying each device where it stands: the printer's state, the card reader's SAM, each with
what to do about a failure in words (`kiosk doctor`, the technician screen's test buttons).

Every function blocks (it talks to the device): call it from a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRINTER_FIX = {
    "paper_out": ("缺纸：请装入新纸卷", "out of paper: load a new paper roll"),
    "paper_low": ("纸将用尽：请准备新纸卷", "paper nearly out: have a new roll ready"),
    "cover_open": ("仓盖打开：请合上打印机仓盖", "cover open: close the printer's cover"),
    "offline": ("打印机无应答：请检查电源和连线", "no answer: check the printer's power and cable"),
    "missing": ("找不到打印机：请检查连线和地址（kiosk devices 列出已连接的设备）",
                "printer not found: check the cable and the URL (kiosk devices lists what is "
                "attached) and the udev rule"),
    "error": ("打印机故障：打开仓盖清理卡纸，关机再开", "printer fault (cutter jam, hot head): "
              "open the cover, clear the paper, switch it off and on"),
}


@dataclass(frozen=True)
class DeviceCheck:
    ok: bool
    warning: bool
    reason: str
    message_zh: str
    message_en: str


def check_printer(url: str, *, fonts: Any, sim_dir: Path) -> DeviceCheck:
    """Open the printer at `url` and ask its state (nothing is printed)."""
    from drivers.printer.errors import PrinterError
    from kiosk.health import HealthBoard
    from kiosk.printing import PrinterService

    service = PrinterService(url, fonts=fonts, health=HealthBoard(), sim_dir=sim_dir)
    try:
        status = service.check_ready()
    except PrinterError as exc:
        zh, en = PRINTER_FIX.get(exc.reason, (exc.message_zh, exc.message_en))
        return DeviceCheck(False, False, exc.reason, zh, en)
    finally:
        service.close()
    if status is None:
        return DeviceCheck(True, True, "no_status", "打印机不回报状态（status=none）",
                           "the printer does not report its state (status=none)")
    if status.reason == "paper_low":
        zh, en = PRINTER_FIX["paper_low"]
        return DeviceCheck(True, True, "paper_low", zh, en)
    zh, en = status.words()
    return DeviceCheck(True, False, status.reason, f"打印机{zh}", f"printer {en}")


def check_reader(url: str) -> DeviceCheck:
    """Open the ID card reader at `url` and check its SAM (no card needed)."""
    from drivers.errors import DeviceError, DeviceOffline
    from drivers.idreader.errors import ReaderMissing, SamStatusError
    from drivers.idreader.reader import CardReader

    reader = CardReader(url)
    try:
        reader.connect()
        sam = reader.sam_id or "?"
        return DeviceCheck(True, False, "ready", f"读卡器正常，安全模块 {sam}",
                           f"reader ready, SAM {sam}")
    except ReaderMissing as exc:
        return DeviceCheck(False, False, "missing",
                           "找不到读卡器：请检查连线和端口（kiosk devices）",
                           f"reader not found: {exc.message_en}; check the cable and the port "
                           "(kiosk devices)")
    except SamStatusError as exc:
        return DeviceCheck(False, False, "sam_fault", f"读卡器安全模块故障：{exc.message_zh}",
                           f"the reader's SAM failed: {exc.message_en}; call the reader's "
                           "supplier")
    except DeviceOffline as exc:
        return DeviceCheck(False, False, "offline",
                           "读卡器无应答：请检查电源、连线和波特率（可设 baudrate=auto）",
                           f"reader does not answer: {exc.message_en}; check power, cable and "
                           "baud rate (baudrate=auto finds it)")
    except DeviceError as exc:
        return DeviceCheck(False, False, "error", f"读卡器出错：{exc.message_zh}",
                           f"reader error: {exc.message_en}")
    finally:
        reader.stop()


def print_test_page(core: Any) -> tuple[str, str]:
    """Print the test page on the kiosk's own printer; (Chinese, English) of what happened.
    Raises the printer's error (PaperOut, ...) with its sentences."""
    from datetime import datetime

    from kiosk import __version__
    from kiosk.receipts import TestPageInfo, test_page_receipt
    from kiosk.receipts.test_page import describe_printer

    printer = core.printer
    config = core.config
    status = printer.check_ready()
    state_zh = status.words()[0] if status else "不查询"
    info = TestPageInfo(
        kiosk_id=config.kiosk.id, hall_name=config.kiosk.hall_name, version=__version__,
        printed_at=datetime.now().replace(second=0, microsecond=0),
        printer_url=config.devices.printer, printer_settings=describe_printer(printer.settings),
        printer_state=state_zh,
        devices=(("读卡器", config.devices.id_reader), ("摄像头", config.devices.camera),
                 ("政务平台", config.platform.url)))
    result = printer.print_receipt(test_page_receipt(info, columns=printer.settings.columns))
    after = result.status or status
    zh, en = after.words() if after else ("已打印", "printed")
    return f"测试页已打印，打印机{zh}", f"test page printed; printer {en}"


def wait_for_card(core: Any, timeout: float) -> Any | None:
    """The next card read by the kiosk's own reader within `timeout` seconds, or None."""
    import threading

    arrived = threading.Event()
    cards: list[Any] = []

    def listener(event: Any) -> None:
        if event.card is not None:
            cards.append(event.card)
            arrived.set()

    identity = core.identity
    identity.listen(listener)
    try:
        arrived.wait(timeout)
    finally:
        identity.unlisten(listener)
    return cards[0] if cards else None
