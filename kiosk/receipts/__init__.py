"""What the kiosk prints: queue tickets, 受理回执, 一次性告知单 and the technician's test page.

The layouts here decide what goes on each receipt, in which order and size, and mask the
personal data on it (`张*`, `420***********042X`). They produce a `Receipt` document, the
printer's own vocabulary (`drivers.printer.document`: text lines with size, weight and
alignment, QR codes, rules, blank space), which lives in drivers/ because that is what the
driver knows how to put on paper; drivers/ cannot import the kiosk, so the layouts, which
know about halls, queues and applications, live up here and hand documents down.

    receipt = ticket_receipt(TicketInfo(...), columns=settings.columns)
    core.printer.print_receipt(receipt)

`columns` is the paper's width in half-width characters (48 on 80 mm, 32 on 58 mm), so a
title can be printed as large as fits on one line.
"""

from kiosk.receipts.acknowledgement import acknowledgement_receipt
from kiosk.receipts.checklist import checklist_receipt
from kiosk.receipts.models import (
    AcknowledgementInfo,
    ChecklistInfo,
    Material,
    TestPageInfo,
    TicketInfo,
)
from kiosk.receipts.test_page import test_page_receipt
from kiosk.receipts.ticket import ticket_receipt

__all__ = [
    "AcknowledgementInfo",
    "ChecklistInfo",
    "Material",
    "TestPageInfo",
    "TicketInfo",
    "acknowledgement_receipt",
    "checklist_receipt",
    "test_page_receipt",
    "ticket_receipt",
]
