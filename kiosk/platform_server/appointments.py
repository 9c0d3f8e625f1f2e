"""Appointments (预约) made online, looked up and checked in at the kiosk.

Check-in opens `OPENS_BEFORE` before the slot and closes `CLOSES_AFTER` after its start. Each
way it can fail has its own code: not found, too early, too late, already used, cancelled,
someone else's (the code and the ID card do not match), or another hall's. A check-in gives a
ticket in the appointment's category with the appointment priority.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from kiosk.masking import mask_name
from kiosk.platform.contract import (
    Appointment,
    AppointmentCheckIn,
    AppointmentStatus,
    CheckInResult,
    ErrorCode,
    PriorityReason,
)
from kiosk.platform_server import db
from kiosk.platform_server.auth import KioskIdentity
from kiosk.platform_server.hall import QueueBook, day_start
from kiosk.platform_server.problems import ApiError
from kiosk.platform_server.store import Store, aware, utc_naive
from kiosk.platform_server.tickets import _issue_online

OPENS_BEFORE = timedelta(minutes=30)
CLOSES_AFTER = timedelta(minutes=15)
table = db.appointments


def model(row: Any) -> Appointment:
    start, end = aware(row.slot_start), aware(row.slot_end)
    assert start is not None and end is not None
    return Appointment(code=row.code, category_id=row.category_id, item_id=row.item_id,
                       item_name=row.item_name, holder_name_masked=mask_name(row.holder_name),
                       slot_start=start, slot_end=end, check_in_opens=start - OPENS_BEFORE,
                       check_in_closes=start + CLOSES_AFTER, status=row.status,
                       ticket_id=row.ticket_id)


def by_code(conn: Connection, kiosk: KioskIdentity, code: str) -> Appointment:
    row = conn.execute(select(table).where(table.c.code == code)).first()
    if row is None:
        raise ApiError(404, ErrorCode.APPOINTMENT_NOT_FOUND)
    if row.hall_id != kiosk.hall_id:
        raise ApiError(409, ErrorCode.APPOINTMENT_OTHER_HALL)
    return model(row)


def public(conn: Connection, code: str) -> Appointment:
    """The appointment behind the QR on a booking message (`/y/{code}`), for any hall."""
    row = conn.execute(select(table).where(table.c.code == code)).first()
    if row is None:
        raise ApiError(404, ErrorCode.APPOINTMENT_NOT_FOUND)
    return model(row)


def of_citizen(conn: Connection, store: Store, kiosk: KioskIdentity, id_number: str
               ) -> list[Appointment]:
    start = utc_naive(day_start(store.today(), store))
    rows = conn.execute(select(table).where(
        table.c.identity_hash == store.identity_hash(id_number), table.c.hall_id == kiosk.hall_id,
        table.c.slot_start >= start, table.c.slot_start < start + timedelta(days=1))
        .order_by(table.c.slot_start)).all()
    return [model(row) for row in rows]


def _refusal(row: Any, store: Store) -> ApiError | None:
    now = store.now()
    if row.status == AppointmentStatus.CHECKED_IN:
        return ApiError(409, ErrorCode.APPOINTMENT_USED)
    if row.status == AppointmentStatus.CANCELLED:
        return ApiError(409, ErrorCode.APPOINTMENT_CANCELLED)
    start = aware(row.slot_start)
    assert start is not None
    if now < start - OPENS_BEFORE:
        opens = (start - OPENS_BEFORE).astimezone(store.settings.tz).strftime("%H:%M")
        return ApiError(409, ErrorCode.APPOINTMENT_TOO_EARLY,
                        f"还没到签到时间，请在{opens}以后签到。",
                        f"It is too early to check in; check-in opens at {opens}.")
    if now > start + CLOSES_AFTER or row.status == AppointmentStatus.MISSED:
        return ApiError(409, ErrorCode.APPOINTMENT_TOO_LATE)
    return None


def _choose(conn: Connection, store: Store, kiosk: KioskIdentity, request: AppointmentCheckIn
            ) -> Any:
    if request.code:
        row = conn.execute(select(table).where(table.c.code == request.code)).first()
        if row is None:
            raise ApiError(404, ErrorCode.APPOINTMENT_NOT_FOUND)
        if row.hall_id != kiosk.hall_id:
            raise ApiError(409, ErrorCode.APPOINTMENT_OTHER_HALL)
        if request.id_number and store.identity_hash(request.id_number) != row.identity_hash:
            raise ApiError(403, ErrorCode.APPOINTMENT_NOT_YOURS)
        return row
    if not request.id_number:
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "请扫描预约二维码或读取身份证。",
                       "Scan the appointment QR code or read the ID card.")
    start = utc_naive(day_start(store.today(), store))
    rows = conn.execute(select(table).where(
        table.c.identity_hash == store.identity_hash(request.id_number),
        table.c.hall_id == kiosk.hall_id, table.c.slot_start >= start,
        table.c.slot_start < start + timedelta(days=1)).order_by(table.c.slot_start)).all()
    if not rows:
        raise ApiError(404, ErrorCode.APPOINTMENT_NOT_FOUND)
    # The one that can be checked in now; else the one whose refusal says most.
    for row in rows:
        if _refusal(row, store) is None:
            return row
    for wanted in (ErrorCode.APPOINTMENT_TOO_EARLY, ErrorCode.APPOINTMENT_TOO_LATE):
        for row in rows:
            refusal = _refusal(row, store)
            if refusal is not None and refusal.body.code == wanted:
                return row
    return rows[0]


def check_in(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity,
             request: AppointmentCheckIn, key: str) -> CheckInResult:
    row = _choose(conn, store, kiosk, request)
    refusal = _refusal(row, store)
    if refusal is not None:
        raise refusal
    cat = book.category(conn, row.category_id)
    if cat is None:
        raise ApiError(404, ErrorCode.CATEGORY_NOT_FOUND)
    ticket = _issue_online(conn, store, book, kiosk, cat, PriorityReason.APPOINTMENT, row.code,
                           row.identity_hash, key)
    conn.execute(update(table).where(table.c.code == row.code).values(
        status=AppointmentStatus.CHECKED_IN, ticket_id=ticket.id,
        checked_in_at=utc_naive(store.now())))
    updated = conn.execute(select(table).where(table.c.code == row.code)).one()
    return CheckInResult(appointment=model(updated), ticket=ticket)
