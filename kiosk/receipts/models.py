"""What each receipt is made from. Names and ID numbers arrive whole and are masked by the
layouts when printed; nothing here is stored or logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class TicketInfo:
    hall_name: str
    category: str                     # the business category chosen, e.g. 社保医保
    number: str                       # the queue number, e.g. A023
    waiting_ahead: int | None         # unknown for a number issued offline
    issued_at: datetime
    follow_url: str                   # the QR: follow the queue on a phone
    estimated_wait_min: int | None = None
    name: str | None = None           # the citizen's name when identified (printed masked)
    priority: str | None = None       # why the 绿色通道: 70 岁以上老年人, 残疾人, 孕妇…
    windows: str | None = None        # where the number is called, e.g. 3-5 号窗口


@dataclass(frozen=True)
class Material:
    """One material of an application: 原件 (original), 复印件 (copy) or 电子件 (scan)."""

    name: str
    form: str = "原件"
    copies: int = 1
    note: str | None = None


@dataclass(frozen=True)
class AcknowledgementInfo:
    """A 受理回执: the application was received and will be decided by a date."""

    hall_name: str
    application_no: str
    item_name: str
    department: str
    applicant_name: str
    applicant_id_number: str
    accepted_at: datetime
    promised_days: int                # working days
    promised_date: date
    progress_url: str
    materials: tuple[Material, ...] = ()
    window: str | None = None
    phone: str | None = None
    note: str | None = None           # e.g. offline: the application waits to be sent


@dataclass(frozen=True)
class ChecklistInfo:
    """An 一次性告知单: everything a citizen must bring for one service item."""

    hall_name: str
    item_name: str
    department: str
    place: str
    legal_days: int | None
    promised_days: int | None
    fee: str
    materials: tuple[Material, ...]
    guide_url: str                    # the QR: the item online; "" prints none
    printed_at: datetime
    ways: str | None = None           # 窗口办理、网上办理、帮办代办…
    notes: tuple[str, ...] = ()
    phone: str | None = None


@dataclass(frozen=True)
class TestPageInfo:
    """The technician's test page: who this kiosk is, how its printer is set, its state."""

    kiosk_id: str
    hall_name: str
    version: str
    printed_at: datetime
    printer_url: str
    printer_settings: tuple[tuple[str, str], ...]   # (label, value) lines
    printer_state: str                               # in words, e.g. 正常
    devices: tuple[tuple[str, str], ...] = field(default_factory=tuple)
