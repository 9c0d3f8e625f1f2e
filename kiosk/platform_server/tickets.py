"""Ticket numbers: issued online, reserved in blocks for offline use, reconciled when offline
tickets arrive, and moved along by the hall's counters.

A number is `letter + count`, counted per category per day in `ticket_counters`. Issuing one
is a single `UPDATE … RETURNING` on that row inside the request's transaction, which the
database serialises, so two kiosks can never get the same number. A block reserves a run of
numbers from the same count for one kiosk.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from kiosk.platform.contract import (
    ErrorCode,
    PriorityReason,
    Ticket,
    TicketBlock,
    TicketBlockRequest,
    TicketRequest,
    TicketStatus,
)
from kiosk.platform_server import db, sql
from kiosk.platform_server.auth import KioskIdentity
from kiosk.platform_server.hall import QueueBook
from kiosk.platform_server.problems import ApiError
from kiosk.platform_server.store import Store, aware, insert_ignore, new_id, utc_naive

counters = db.ticket_counters
tickets = db.tickets


def display(letter: str, number: int) -> str:
    return f"{letter}{number:03d}"


def _advance(conn: Connection, category_id: str, day: date, by: int, priority: bool
             ) -> tuple[int, int, int]:
    """Take `by` numbers; the first of them, and how many wait (all, priority) before."""
    params = {"category_id": category_id, "day": day, "by": by,
              "waiting": 1 if by == 1 else 0, "priority": 1 if by == 1 and priority else 0}
    row = sql.execute(conn, sql.COUNTER_TAKE, params).fetchone()
    if row is None:  # the day's first number in this category
        sql.execute(conn, sql.COUNTER_ENSURE, {"category_id": category_id, "day": day,
                                               "first": 1})
        row = sql.execute(conn, sql.COUNTER_TAKE, params).fetchone()
    next_number, waiting, priority_waiting = row
    first = next_number - by
    if by != 1:
        return first, waiting, priority_waiting
    return first, waiting - 1, priority_waiting - (1 if priority else 0)


def ticket_model(store: Store, book: QueueBook, conn: Connection, row: Any,
                 people_ahead: int | None = None) -> Ticket:
    cat = book.category(conn, row.category_id)
    assert cat is not None
    return Ticket(
        id=row.id, number=row.display, category_id=row.category_id,
        category_name_zh=cat["name_zh"], category_name_en=cat["name_en"],
        hall_name=book.hall_row(conn)["name"], priority_reason=row.priority_reason,
        status=row.status, people_ahead=people_ahead, window=row.window,
        estimated_wait_min=None if people_ahead is None else book.estimated_wait(cat,
                                                                                 people_ahead),
        issued_at=aware(row.issued_at), printed=row.printed, offline=row.offline,
        status_url=store.url(f"/q/{row.id}"))


def _category(conn: Connection, book: QueueBook, category_id: str,
              priority: PriorityReason | None) -> dict[str, Any]:
    cat = book.category(conn, category_id)
    if cat is None:
        raise ApiError(404, ErrorCode.CATEGORY_NOT_FOUND)
    if priority is not None and priority not in cat["priority_set"]:
        raise ApiError(422, ErrorCode.PRIORITY_NOT_ALLOWED)
    return cat


def issue(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity,
          request: TicketRequest, key: str) -> Ticket:
    if request.offline is not None:
        return _reconcile_offline(conn, store, book, kiosk, request, key)
    cat = _category(conn, book, request.category_id, request.priority_reason)
    if not book.open_now(cat["open_hours_parsed"]):
        raise ApiError(409, ErrorCode.CATEGORY_CLOSED)
    return _issue_online(conn, store, book, kiosk, cat, request.priority_reason,
                         request.appointment_code,
                         store.identity_hash(request.id_number) if request.id_number else None,
                         key)


def _issue_online(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity,
                  cat: dict[str, Any], priority: PriorityReason | None,
                  appointment_code: str | None, identity_hash: str | None, key: str | None
                  ) -> Ticket:
    day = store.today()
    number, waiting, priority_waiting = _advance(conn, cat["id"], day, 1, priority is not None)
    ahead = priority_waiting if priority is not None else waiting
    now = utc_naive(store.now())
    ticket_id = new_id("t")
    text = display(cat["letter"], number)
    sql.execute(conn, sql.TICKET_INSERT, {
        "id": ticket_id, "kiosk_id": kiosk.kiosk_id, "category_id": cat["id"], "day": day,
        "number": number, "display": text, "priority_reason": priority,
        "appointment_code": appointment_code, "identity_hash": identity_hash, "issued_at": now,
        "status": TicketStatus.WAITING.value, "printed": False, "offline": False,
        "people_ahead": ahead, "estimated_wait_min": book.estimated_wait(cat, ahead),
        "idempotency_key": key})
    # Built from values the platform itself just made: no need to validate them again.
    return Ticket.model_construct(
        id=ticket_id, number=text, category_id=cat["id"], category_name_zh=cat["name_zh"],
        category_name_en=cat["name_en"], hall_name=book.hall_row(conn)["name"],
        priority_reason=priority, status=TicketStatus.WAITING, people_ahead=ahead,
        estimated_wait_min=book.estimated_wait(cat, ahead), issued_at=aware(now), printed=False,
        status_url=store.url(f"/q/{ticket_id}"))


def _reconcile_offline(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity,
                       request: TicketRequest, key: str) -> Ticket:
    """Record a ticket the kiosk issued offline from its block (the number is already given)."""
    offline = request.offline
    assert offline is not None
    cat = _category(conn, book, request.category_id, request.priority_reason)
    existing = conn.execute(select(tickets).where(tickets.c.id == offline.ticket_id)).first()
    if existing is not None:
        if existing.kiosk_id != kiosk.kiosk_id or existing.number != offline.number:
            raise ApiError(409, ErrorCode.BLOCK_NUMBER_INVALID)
        return ticket_model(store, book, conn, existing)
    block = conn.execute(select(db.ticket_blocks).where(
        db.ticket_blocks.c.id == offline.block_id)).first()
    if block is None or block.kiosk_id != kiosk.kiosk_id:
        raise ApiError(404, ErrorCode.BLOCK_NOT_FOUND)
    if block.category_id != cat["id"] or not block.first <= offline.number <= block.last:
        raise ApiError(409, ErrorCode.BLOCK_NUMBER_INVALID)
    taken = conn.execute(select(tickets.c.id).where(
        tickets.c.category_id == cat["id"], tickets.c.day == block.day,
        tickets.c.number == offline.number)).first()
    if taken is not None:
        raise ApiError(409, ErrorCode.BLOCK_NUMBER_INVALID)
    if offline.superseded_key:
        _cancel_superseded(conn, kiosk, offline.superseded_key)
    priority = request.priority_reason
    insert_ignore(conn, counters, {"category_id": cat["id"], "day": block.day,
                                   "next_number": block.last + 1, "waiting": 0,
                                   "priority_waiting": 0})
    bump: dict[str, Any] = {"waiting": counters.c.waiting + 1}
    if priority is not None:
        bump["priority_waiting"] = counters.c.priority_waiting + 1
    conn.execute(update(counters).where(counters.c.category_id == cat["id"],
                                        counters.c.day == block.day).values(**bump))
    conn.execute(update(db.ticket_blocks).where(db.ticket_blocks.c.id == block.id)
                 .values(used=db.ticket_blocks.c.used + 1))
    conn.execute(tickets.insert().values(
        id=offline.ticket_id, kiosk_id=kiosk.kiosk_id, category_id=cat["id"], day=block.day,
        number=offline.number, display=display(cat["letter"], offline.number),
        priority_reason=priority, appointment_code=request.appointment_code,
        identity_hash=store.identity_hash(request.id_number) if request.id_number else None,
        issued_at=utc_naive(offline.issued_at), status=TicketStatus.WAITING,
        printed=offline.printed, offline=True, block_id=block.id, idempotency_key=key))
    row = conn.execute(select(tickets).where(tickets.c.id == offline.ticket_id)).one()
    return ticket_model(store, book, conn, row, people_ahead=people_ahead(conn, row))


def _cancel_superseded(conn: Connection, kiosk: KioskIdentity, key: str) -> None:
    row = conn.execute(select(tickets).where(tickets.c.kiosk_id == kiosk.kiosk_id,
                                             tickets.c.idempotency_key == key,
                                             tickets.c.status == TicketStatus.WAITING)).first()
    if row is None:
        return
    conn.execute(update(tickets).where(tickets.c.id == row.id)
                 .values(status=TicketStatus.CANCELLED))
    bump: dict[str, Any] = {"waiting": counters.c.waiting - 1}
    if row.priority_reason:
        bump["priority_waiting"] = counters.c.priority_waiting - 1
    conn.execute(update(counters).where(counters.c.category_id == row.category_id,
                                        counters.c.day == row.day).values(**bump))


def people_ahead(conn: Connection, row: Any) -> int | None:
    if row.status != TicketStatus.WAITING:
        return None
    query = select(func.count()).select_from(tickets).where(
        tickets.c.category_id == row.category_id, tickets.c.day == row.day,
        tickets.c.status == TicketStatus.WAITING, tickets.c.number < row.number)
    if row.priority_reason:
        query = query.where(tickets.c.priority_reason.is_not(None))
    return int(conn.execute(query).scalar_one())


def find(conn: Connection, ticket_id: str) -> Any:
    row = conn.execute(select(tickets).where(tickets.c.id == ticket_id)).first()
    if row is None:
        raise ApiError(404, ErrorCode.TICKET_NOT_FOUND)
    return row


def status(conn: Connection, store: Store, book: QueueBook, ticket_id: str) -> Ticket:
    row = find(conn, ticket_id)
    return ticket_model(store, book, conn, row, people_ahead=people_ahead(conn, row))


def set_printed(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity,
                ticket_id: str, printed: bool, reason: str | None) -> Ticket:
    row = find(conn, ticket_id)
    if row.kiosk_id != kiosk.kiosk_id:
        raise ApiError(404, ErrorCode.TICKET_NOT_FOUND)
    conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                 .values(printed=printed, print_reason=None if printed else reason))
    return status(conn, store, book, ticket_id)


def reserve_block(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity,
                  request: TicketBlockRequest) -> TicketBlock:
    cat = _category(conn, book, request.category_id, None)
    today = store.today()
    day = request.day or today
    if not today <= day <= date.fromordinal(today.toordinal() + 7):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "号段只能预留今天起七天内的。",
                       "Blocks can be reserved for today and the next seven days only.")
    first, _waiting, _priority = _advance(conn, cat["id"], day, request.size, False)
    block = TicketBlock(id=new_id("b"), kiosk_id=kiosk.kiosk_id, category_id=cat["id"],
                        letter=cat["letter"], day=day, first=first,
                        last=first + request.size - 1, reserved_at=store.now())
    conn.execute(db.ticket_blocks.insert().values(
        id=block.id, kiosk_id=block.kiosk_id, category_id=block.category_id, day=day,
        first=block.first, last=block.last, reserved_at=utc_naive(block.reserved_at), used=0))
    return block


def blocks_of(conn: Connection, store: Store, book: QueueBook, kiosk: KioskIdentity
              ) -> list[TicketBlock]:
    rows = conn.execute(select(db.ticket_blocks).where(
        db.ticket_blocks.c.kiosk_id == kiosk.kiosk_id,
        db.ticket_blocks.c.day >= store.today()).order_by(db.ticket_blocks.c.day,
                                                           db.ticket_blocks.c.first)).all()
    out = []
    for row in rows:
        cat = book.category(conn, row.category_id)
        out.append(TicketBlock(id=row.id, kiosk_id=row.kiosk_id, category_id=row.category_id,
                               letter=cat["letter"] if cat else "?", day=row.day,
                               first=row.first, last=row.last,
                               reserved_at=aware(row.reserved_at) or datetime.min))
    return out


def call_next(conn: Connection, store: Store, book: QueueBook, category_id: str,
              window: str) -> Ticket | None:
    """A counter calls the next ticket: priority tickets first, then by number."""
    _category(conn, book, category_id, None)
    day = store.today()
    conn.execute(update(tickets).where(tickets.c.category_id == category_id,
                                       tickets.c.day == day,
                                       tickets.c.status == TicketStatus.CALLED)
                 .values(status=TicketStatus.DONE))
    row = conn.execute(select(tickets).where(
        tickets.c.category_id == category_id, tickets.c.day == day,
        tickets.c.status == TicketStatus.WAITING)
        .order_by(tickets.c.priority_reason.is_(None), tickets.c.number).limit(1)).first()
    if row is None:
        return None
    conn.execute(update(tickets).where(tickets.c.id == row.id)
                 .values(status=TicketStatus.CALLED, window=window))
    bump: dict[str, Any] = {"waiting": counters.c.waiting - 1}
    if row.priority_reason:
        bump["priority_waiting"] = counters.c.priority_waiting - 1
    conn.execute(update(counters).where(counters.c.category_id == category_id,
                                        counters.c.day == day).values(**bump))
    return status(conn, store, book, row.id)
