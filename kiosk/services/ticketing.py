"""取号: issue a queue number and put it on paper, so that no number is left that nobody holds.

    desk = TicketDesk(core.platform, core.printer, hall_name=...)
    outcome = desk.take(category_id, citizen=...)        # on a worker thread

The order matters. The printer is asked first: a kiosk that cannot print does not take a
number from the queue at all (the citizen is told why and sent to a window). Then the number
is issued (online, or from this kiosk's reserved block when the platform is unreachable), then
printed. If the print fails after all, the platform is told the ticket is unprinted (through
the outbox, so it is never lost) and the outcome carries the number, for the screen to show
large with the advice to show it to staff.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from drivers.printer.errors import PrinterError
from kiosk.platform.contract import CheckInResult, PriorityReason, Ticket
from kiosk.receipts.models import TicketInfo
from kiosk.receipts.ticket import ticket_receipt

log = logging.getLogger(__name__)

# What the ticket says after 绿色通道 when the platform's hall has no wording of its own.
PRIORITY_WORDS = {
    PriorityReason.ELDERLY: "70 岁以上老年人",
    PriorityReason.DISABLED: "残疾人",
    PriorityReason.PREGNANT: "孕妇",
    PriorityReason.MILITARY: "军人、退役军人",
    PriorityReason.APPOINTMENT: "预约",
}


class _Platform(Protocol):
    def issue_ticket(self, category_id: str, *, priority_reason: PriorityReason | None = None,
                     appointment_code: str | None = None,
                     id_number: str | None = None) -> Ticket: ...

    def mark_printed(self, ticket_id: str, printed: bool, reason: str | None = None) -> None: ...

    def cached_categories(self) -> list[Any]: ...


class _Printer(Protocol):
    def check_ready(self) -> Any: ...

    def print_receipt(self, receipt: Any) -> Any: ...


@dataclass(frozen=True)
class Citizen:
    """Who is taking the number, when they identified (kept in the session, never logged)."""

    name: str
    id_number: str


@dataclass(frozen=True)
class TicketOutcome:
    ticket: Ticket
    printed: bool
    print_error: PrinterError | None = None  # why the paper did not come out
    windows: str = ""

    @property
    def offline(self) -> bool:
        return self.ticket.offline


class TicketDesk:
    def __init__(self, platform: _Platform, printer: _Printer, *, hall_name: str) -> None:
        self._platform = platform
        self._printer = printer
        self._hall_name = hall_name

    def printer_problem(self) -> PrinterError | None:
        """Why a ticket cannot be printed now, or None. Asks the printer (blocking)."""
        try:
            self._printer.check_ready()
        except PrinterError as exc:
            return exc
        return None

    def take(self, category_id: str, *, citizen: Citizen | None = None,
             priority: PriorityReason | None = None,
             appointment_code: str | None = None) -> TicketOutcome:
        """Issue a number and print it. Raises `PrinterError` before issuing when the printer
        cannot print, and the platform's errors when no number can be had at all."""
        self._printer.check_ready()
        ticket = self._platform.issue_ticket(
            category_id, priority_reason=priority, appointment_code=appointment_code,
            id_number=citizen.id_number if citizen else None)
        return self.print_ticket(ticket, citizen=citizen)

    def print_checked_in(self, result: CheckInResult, *, citizen: Citizen | None = None
                         ) -> TicketOutcome:
        """Print the priority ticket an appointment check-in gave (already issued)."""
        return self.print_ticket(result.ticket, citizen=citizen)

    def print_ticket(self, ticket: Ticket, *, citizen: Citizen | None = None) -> TicketOutcome:
        windows = self._windows(ticket.category_id)
        receipt = ticket_receipt(TicketInfo(
            hall_name=ticket.hall_name or self._hall_name,
            category=ticket.category_name_zh, number=ticket.number,
            waiting_ahead=ticket.people_ahead, issued_at=ticket.issued_at,
            follow_url=ticket.status_url, estimated_wait_min=ticket.estimated_wait_min,
            name=citizen.name if citizen else None,
            priority=PRIORITY_WORDS.get(ticket.priority_reason) if ticket.priority_reason
            else None,
            windows=windows or None))
        try:
            self._printer.print_receipt(receipt)
        except PrinterError as exc:
            # The number exists: the platform learns it is unprinted (staff can call it or
            # reprint it) and the citizen sees it on screen.
            self._platform.mark_printed(ticket.id, False, reason=exc.reason)
            log.warning("ticket issued but not printed",
                        extra={"number": ticket.number, "reason": exc.reason})
            return TicketOutcome(ticket, printed=False, print_error=exc, windows=windows)
        self._platform.mark_printed(ticket.id, True)
        log.info("ticket printed", extra={"number": ticket.number,
                                          "offline": ticket.offline})
        return TicketOutcome(ticket, printed=True, windows=windows)

    def _windows(self, category_id: str) -> str:
        try:
            categories = self._platform.cached_categories()
        except Exception:  # the cache is a nicety on the ticket, never a reason to fail it
            return ""
        for category in categories:
            if category.id == category_id:
                return str(category.windows)
        return ""
