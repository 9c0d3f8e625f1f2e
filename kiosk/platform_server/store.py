"""What every handler shares: the database, the clock, the settings, and small helpers.

`Store.run(fn, ...)` runs `fn(connection, ...)` in one transaction. With SQLite it runs right
on the event loop: SQLite is an in-process, single-writer database whose statements take
microseconds, and hopping to a thread pool would only add to that. Any other database runs in
the thread pool so that a slow query never holds up the other requests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from kiosk.platform_server import db

P = ParamSpec("P")
T = TypeVar("T")

CHINA = timezone(timedelta(hours=8), "CST")


@dataclass
class Settings:
    """How one reference platform is set up."""

    db_url: str
    hall_id: str = "bk-zwzx"
    hall_name: str | None = None          # rename the demo hall (the embedded platform)
    admin_key: str | None = None          # required for /fleet and admin calls off loopback
    public_url: str | None = None        # where the QR codes on tickets point
    tz: timezone = CHINA
    seed_demo: bool = True
    enforce_hours: bool = True            # False: every category open around the clock (demo)
    catalogue_size: int = 0               # extra generated items, for tests and benches


@dataclass
class Store:
    engine: Engine
    settings: Settings
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    pepper: bytes = b""
    _catalogue: Any = None
    _catalogue_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def inline(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self.inline:
            return self.transaction(fn, *args)
        return await run_in_threadpool(self.transaction, fn, *args)

    def transaction(self, fn: Callable[..., T], *args: Any) -> T:
        with self.engine.begin() as conn:
            return fn(conn, *args)

    # time
    def now(self) -> datetime:
        """Now, aware, in UTC."""
        return self.clock()

    def local(self, moment: datetime | None = None) -> datetime:
        return (moment or self.now()).astimezone(self.settings.tz)

    def today(self) -> date:
        return self.local().date()

    def identity_hash(self, id_number: str) -> str:
        """A keyed hash of an ID number: what the platform keeps to find a citizen's records."""
        return hmac.new(self.pepper, id_number.upper().encode(), hashlib.sha256).hexdigest()

    def url(self, path: str) -> str:
        return (self.settings.public_url or "http://127.0.0.1:8700").rstrip("/") + path

    # catalogue snapshot, kept in memory: read on every guide request, written rarely
    def catalogue(self) -> Any:
        from kiosk.platform_server.catalogue_store import load_catalogue

        with self._catalogue_lock:
            if self._catalogue is None:
                with self.engine.connect() as conn:
                    self._catalogue = load_catalogue(conn)
            return self._catalogue

    def forget_catalogue(self) -> None:
        with self._catalogue_lock:
            self._catalogue = None


def utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def new_id(prefix: str = "") -> str:
    return prefix + secrets.token_hex(10)


def load_pepper(conn: Connection) -> bytes:
    row = conn.execute(select(db.meta.c.value).where(db.meta.c.key == "pepper")).first()
    if row is not None:
        return bytes.fromhex(row[0])
    pepper = secrets.token_bytes(32)
    try:
        with conn.begin_nested():
            conn.execute(insert(db.meta).values(key="pepper", value=pepper.hex()))
    except IntegrityError:  # another worker made it first
        row = conn.execute(select(db.meta.c.value).where(db.meta.c.key == "pepper")).one()
        return bytes.fromhex(row[0])
    return pepper


def insert_ignore(conn: Connection, table: Any, values: dict[str, Any]) -> None:
    """Insert a row unless one with the same key is there (SQLite and PostgreSQL)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        try:
            with conn.begin_nested():
                conn.execute(insert(table).values(**values))
        except IntegrityError:
            pass
        return
    conn.execute(dialect_insert(table).values(**values).on_conflict_do_nothing())
