"""Print every receipt layout with demo data, for the tour (`kiosk demo --tour DIR`).

The receipts go through the real driver to the configured printer, which in a demo is the
simulator (`sim://`), and each one's PNG is copied into DIR as `receipt-KIND.png`. Issue by
issue the citizen flows will print these themselves; until then the tour prints them here.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from drivers.printer.document import Receipt
from drivers.printer.settings import PrinterSettings
from kiosk import __version__
from kiosk.config import KioskConfig
from kiosk.fonts import find_fonts
from kiosk.health import HealthBoard
from kiosk.printing.service import PrinterService
from kiosk.receipts import (
    acknowledgement_receipt,
    checklist_receipt,
    test_page_receipt,
    ticket_receipt,
)
from kiosk.receipts.demo import demo_acknowledgement, demo_checklist, demo_test_page, demo_ticket
from kiosk.receipts.test_page import describe_printer


def demo_receipts(settings: PrinterSettings, *, printer_url: str = "sim://",
                  kiosk_id: str = "BK-ZWZX-001", state: str = "正常") -> dict[str, Receipt]:
    """The four layouts with demo data, as the printer's settings want them."""
    columns = settings.columns
    page = demo_test_page(printer_url=printer_url, state=state, kiosk_id=kiosk_id,
                          settings=describe_printer(settings), version=__version__)
    return {
        "ticket": ticket_receipt(demo_ticket(), columns=columns),
        "acknowledgement": acknowledgement_receipt(demo_acknowledgement(), columns=columns),
        "checklist": checklist_receipt(demo_checklist(), columns=columns),
        "test_page": test_page_receipt(page, columns=columns),
    }


def print_demo_receipts(config: KioskConfig, out_dir: Path) -> list[dict[str, str]]:
    """Print the four layouts on the (simulated) printer; `[{"kind", "png"}]` in `out_dir`."""
    fonts = find_fonts(config.kiosk.font, config.kiosk.state_dir / "fonts")
    printed: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-receipts-") as scratch:
        service = PrinterService(config.devices.printer, fonts=fonts, health=HealthBoard(),
                                 sim_dir=Path(scratch))
        if not service.simulated:
            raise ValueError("the tour prints on the printer simulator (devices.printer = sim://)")
        try:
            status = service.check_ready()
            state = status.words()[0] if status else "不查询"
            for index, (kind, receipt) in enumerate(
                    demo_receipts(service.settings, printer_url=str(service.url),
                                  kiosk_id=config.kiosk.id, state=state).items(), start=1):
                service.print_receipt(receipt)
                assert service.simulator is not None
                record = service.simulator.control.receipts(wait_for=index, timeout=30)[-1]
                png = f"receipt-{kind.replace('_', '-')}.png"
                shutil.copyfile(Path(scratch) / record["png"], out_dir / png)
                printed.append({"kind": kind, "png": png})
        finally:
            service.close()
    return printed
