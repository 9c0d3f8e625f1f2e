"""The hall and its queue: categories with live figures, tickets, offline number blocks and
appointments (预约).

A ticket number is the category's letter and a number counted per category per day (`A023`).
Numbers for use while offline are reserved in blocks per kiosk from the same count, so a
number is never given twice, online or off.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from kiosk.platform.contract.common import ContractModel, IdNumber

__all__ = [
    "Appointment",
    "AppointmentCheckIn",
    "AppointmentLookup",
    "AppointmentStatus",
    "CheckInResult",
    "Hall",
    "HallLevel",
    "OfflineIssue",
    "OpenPeriod",
    "PrintState",
    "PriorityReason",
    "PriorityRule",
    "QueueCategory",
    "Ticket",
    "TicketBlock",
    "TicketBlockRequest",
    "TicketRequest",
    "TicketStatus",
]


HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class HallLevel(StrEnum):
    COUNTY = "county"        # 县级政务服务中心
    TOWNSHIP = "township"    # 乡镇（街道）便民服务中心
    VILLAGE = "village"      # 村（社区）便民服务站


class PriorityReason(StrEnum):
    """Who may use the priority lane (绿色通道)."""

    ELDERLY = "elderly"          # 70 or older, read from the ID card
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    MILITARY = "military"        # 军人、退役军人优先
    APPOINTMENT = "appointment"  # checked in for an appointment


class OpenPeriod(ContractModel):
    weekdays: list[int] = Field(description="ISO weekdays, 1 = Monday … 7 = Sunday")
    start: str = Field(pattern=HHMM, description="local time, HH:MM")
    end: str = Field(pattern=HHMM, description="local time, HH:MM")


class PriorityRule(ContractModel):
    reason: PriorityReason
    name_zh: str
    name_en: str
    rule_zh: str
    rule_en: str
    min_age: int | None = None


class Hall(ContractModel):
    id: str
    name: str
    name_en: str
    level: HallLevel
    address: str
    phone: str
    open_hours: list[OpenPeriod]
    open_now: bool
    notices: list[str] = Field(default_factory=list)
    priority_rules: list[PriorityRule]
    server_time: datetime


class QueueCategory(ContractModel):
    """A business category of the hall's queue, with its live figures."""

    id: str
    letter: str = Field(pattern=r"^[A-Z]$")
    name_zh: str
    name_en: str
    description_zh: str = ""
    description_en: str = ""
    windows: str = Field("", description="where it is served, e.g. 1-4号窗口")
    open_hours: list[OpenPeriod]
    open_now: bool
    waiting: int = Field(ge=0, description="tickets waiting now")
    average_wait_min: int = Field(ge=0, description="recent average wait, minutes")
    counters_open: int = Field(ge=0)
    priority_reasons: list[PriorityReason]
    sort: int = 0


class OfflineIssue(ContractModel):
    """A ticket the kiosk issued from its reserved block while it could not reach the platform."""

    ticket_id: str = Field(pattern=r"^[A-Za-z0-9_-]{8,64}$",
                           description="the id the kiosk gave it; the platform keeps it")
    block_id: str
    number: int = Field(ge=1)
    issued_at: datetime
    printed: bool = True
    superseded_key: str | None = Field(
        None, description="idempotency key of an online attempt whose outcome was unknown; "
                          "the platform cancels that ticket if it made one")


class TicketRequest(ContractModel):
    category_id: str = Field(min_length=1, max_length=64)
    priority_reason: PriorityReason | None = None
    appointment_code: str | None = Field(None, max_length=64)
    id_number: IdNumber | None = Field(None, description="when the citizen read an ID card")
    offline: OfflineIssue | None = None


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class Ticket(ContractModel):
    id: str
    number: str = Field(description="the number as printed, e.g. A023")
    category_id: str
    category_name_zh: str
    category_name_en: str
    hall_name: str
    priority_reason: PriorityReason | None = None
    status: TicketStatus
    people_ahead: int | None = Field(None, ge=0, description="unknown for offline tickets")
    estimated_wait_min: int | None = Field(None, ge=0)
    window: str | None = Field(None, description="the window it was called to")
    issued_at: datetime
    printed: bool
    offline: bool = False
    status_url: str = Field(description="a page to follow the queue, for the ticket's QR code")


class PrintState(ContractModel):
    printed: bool
    reason: str | None = Field(None, max_length=64,
                               description="why not printed: paper_out, cover_open, …")


class TicketBlockRequest(ContractModel):
    category_id: str = Field(min_length=1, max_length=64)
    day: date | None = Field(None, description="the day the numbers are for; today if left out")
    size: int = Field(20, ge=1, le=200)


class TicketBlock(ContractModel):
    id: str
    kiosk_id: str
    category_id: str
    letter: str
    day: date
    first: int = Field(ge=1)
    last: int = Field(ge=1)
    reserved_at: datetime


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    MISSED = "missed"


class Appointment(ContractModel):
    code: str
    category_id: str
    item_id: str | None = None
    item_name: str
    holder_name_masked: str = Field(description="e.g. 张*")
    slot_start: datetime
    slot_end: datetime
    check_in_opens: datetime
    check_in_closes: datetime
    status: AppointmentStatus
    ticket_id: str | None = None


class AppointmentLookup(ContractModel):
    """Today's appointments of the citizen whose ID card was read."""

    id_number: IdNumber


class AppointmentCheckIn(ContractModel):
    """Check in by the QR code's appointment code, by ID card, or both (code and the card
    that should match it)."""

    code: str | None = Field(None, min_length=4, max_length=64)
    id_number: IdNumber | None = None


class CheckInResult(ContractModel):
    appointment: Appointment
    ticket: Ticket
