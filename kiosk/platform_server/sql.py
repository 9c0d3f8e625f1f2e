"""The statements on the hot path (signature nonces, idempotency, ticket numbers), written
once as portable SQL that SQLite (3.35+) and PostgreSQL both run.

Building and compiling a SQLAlchemy expression per request costs more than the database work
itself; these are written once, and on SQLite run straight on the driver (`execute`). Typed
bind parameters keep dates and times stored exactly as the Core tables store them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Date, DateTime, bindparam, text
from sqlalchemy.sql.elements import TextClause

NONCE_INSERT = text(
    "INSERT INTO nonces (kiosk_id, nonce, seen_at) VALUES (:kiosk_id, :nonce, :seen_at) "
    "ON CONFLICT DO NOTHING")

IDEMPOTENCY_SELECT = text(
    "SELECT request_hash, status_code, body FROM idempotency "
    "WHERE kiosk_id = :kiosk_id AND key = :key")

IDEMPOTENCY_INSERT = text(
    "INSERT INTO idempotency (kiosk_id, key, request_hash, status_code, body, created_at) "
    "VALUES (:kiosk_id, :key, :request_hash, :status_code, :body, :created_at)"
).bindparams(bindparam("created_at", type_=DateTime))

COUNTER_ENSURE = text(
    "INSERT INTO ticket_counters (category_id, day, next_number, waiting, priority_waiting) "
    "VALUES (:category_id, :day, :first, 0, 0) ON CONFLICT DO NOTHING"
).bindparams(bindparam("day", type_=Date))

COUNTER_TAKE = text(
    "UPDATE ticket_counters SET next_number = next_number + :by, waiting = waiting + :waiting, "
    "priority_waiting = priority_waiting + :priority WHERE category_id = :category_id "
    "AND day = :day RETURNING next_number, waiting, priority_waiting"
).bindparams(bindparam("day", type_=Date))

TICKET_INSERT = text(
    "INSERT INTO tickets (id, kiosk_id, category_id, day, number, display, priority_reason, "
    "appointment_code, identity_hash, issued_at, status, printed, offline, people_ahead, "
    "estimated_wait_min, idempotency_key) VALUES (:id, :kiosk_id, :category_id, :day, :number, "
    ":display, :priority_reason, :appointment_code, :identity_hash, :issued_at, :status, "
    ":printed, :offline, :people_ahead, :estimated_wait_min, :idempotency_key)"
).bindparams(bindparam("day", type_=Date), bindparam("issued_at", type_=DateTime))


_PLAIN = (str, int, float, type(None))


def _driver_value(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def execute(conn: Connection, statement: TextClause, params: dict[str, Any]) -> Any:
    """Run a hot-path statement. SQLite's driver takes the same `:name` parameters, so there
    it runs straight on the driver connection, inside the same transaction; other databases
    go through SQLAlchemy. Rows are read by position."""
    if conn.dialect.name == "sqlite":
        driver = conn.connection.driver_connection
        assert driver is not None
        return driver.execute(statement.text, {k: _driver_value(v) for k, v in params.items()})
    return conn.execute(statement, params)


@contextmanager
def savepoint(conn: Connection) -> Iterator[None]:
    """A nested transaction: undone if the block raises, kept in the transaction if not."""
    if conn.dialect.name != "sqlite":
        with conn.begin_nested():
            yield
        return
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute("SAVEPOINT work")
    try:
        yield
    except BaseException:
        driver.execute("ROLLBACK TO work")
        driver.execute("RELEASE work")
        raise
    driver.execute("RELEASE work")
