"""The reference platform's tables, and the engine that holds them.

SQLAlchemy Core, no ORM: the ticket path is the hot one and stays a few plain statements.
Documents that are read whole and rarely written (guides, forms, history) are JSON columns.
Times are stored as naive UTC.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.pool import StaticPool

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

halls = Table(
    "halls", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("name_en", String(128), nullable=False),
    Column("level", String(16), nullable=False),
    Column("address", String(256), nullable=False),
    Column("phone", String(32), nullable=False),
    Column("open_hours", JSON, nullable=False),
    Column("notices", JSON, nullable=False),
)

kiosks = Table(
    "kiosks", metadata,
    Column("id", String(64), primary_key=True),
    Column("hall_id", String(64), nullable=False),
    Column("name", String(64), nullable=False, default=""),
    Column("secret", String(128), nullable=False),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_heartbeat_at", DateTime),
    Column("last_heartbeat", JSON),
    Column("config_version", Integer, nullable=False, default=0),
    Column("config", JSON, nullable=False, default=dict),
    Column("config_updated_at", DateTime),
)

heartbeats = Table(
    "heartbeats", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("outbox_depth", Integer, nullable=False),
    Index("ix_heartbeats_kiosk_at", "kiosk_id", "at"),
)

commands = Table(
    "commands", metadata,
    Column("id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("done_at", DateTime),
    Column("ok", Boolean),
    Column("result", Text),
)

queue_categories = Table(
    "queue_categories", metadata,
    Column("id", String(64), primary_key=True),
    Column("hall_id", String(64), nullable=False, index=True),
    Column("letter", String(1), nullable=False),
    Column("name_zh", String(64), nullable=False),
    Column("name_en", String(64), nullable=False),
    Column("description_zh", Text, nullable=False),
    Column("description_en", Text, nullable=False),
    Column("windows", String(64), nullable=False),
    Column("open_hours", JSON, nullable=False),
    Column("counters_open", Integer, nullable=False),
    Column("service_min", Integer, nullable=False),
    Column("priority_reasons", JSON, nullable=False),
    Column("sort", Integer, nullable=False),
    UniqueConstraint("hall_id", "letter"),
)

# One row per category per day: the next number to give, and how the queue stands.
ticket_counters = Table(
    "ticket_counters", metadata,
    Column("category_id", String(64), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("next_number", Integer, nullable=False),
    Column("waiting", Integer, nullable=False),
    Column("priority_waiting", Integer, nullable=False),
)

tickets = Table(
    "tickets", metadata,
    Column("id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("category_id", String(64), nullable=False),
    Column("day", Date, nullable=False),
    Column("number", Integer, nullable=False),
    Column("display", String(16), nullable=False),
    Column("priority_reason", String(16)),
    Column("appointment_code", String(64)),
    Column("identity_hash", String(64)),
    Column("issued_at", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("window", String(32)),
    Column("printed", Boolean, nullable=False),
    Column("print_reason", String(64)),
    Column("offline", Boolean, nullable=False),
    Column("block_id", String(64)),
    Column("people_ahead", Integer),
    Column("estimated_wait_min", Integer),
    Column("idempotency_key", String(64)),
    UniqueConstraint("category_id", "day", "number", name="uq_ticket_number"),
    Index("ix_tickets_queue", "category_id", "day", "status", "number"),
)

ticket_blocks = Table(
    "ticket_blocks", metadata,
    Column("id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False, index=True),
    Column("category_id", String(64), nullable=False),
    Column("day", Date, nullable=False),
    Column("first", Integer, nullable=False),
    Column("last", Integer, nullable=False),
    Column("reserved_at", DateTime, nullable=False),
    Column("used", Integer, nullable=False, default=0),
)

appointments = Table(
    "appointments", metadata,
    Column("code", String(64), primary_key=True),
    Column("hall_id", String(64), nullable=False),
    Column("category_id", String(64), nullable=False),
    Column("item_id", String(64)),
    Column("item_name", String(128), nullable=False),
    Column("holder_name", String(64), nullable=False),
    Column("identity_hash", String(64), nullable=False, index=True),
    Column("slot_start", DateTime, nullable=False),
    Column("slot_end", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("ticket_id", String(64)),
    Column("checked_in_at", DateTime),
)

catalogue_docs = Table(
    "catalogue_docs", metadata,
    Column("kind", String(16), primary_key=True),   # category, item, bundle, form
    Column("id", String(64), primary_key=True),
    Column("sort", Integer, nullable=False),
    Column("data", JSON, nullable=False),
)

attachments = Table(
    "attachments", metadata,
    Column("id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("page", Integer, nullable=False),
    Column("content_type", String(32), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("uploaded_at", DateTime, nullable=False),
)

applications = Table(
    "applications", metadata,
    Column("number", String(32), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("item_id", String(64)),
    Column("bundle_id", String(64)),
    Column("form_id", String(64), nullable=False),
    Column("title", String(128), nullable=False),
    Column("applicant_name", String(64), nullable=False),
    Column("identity_hash", String(64), nullable=False, index=True),
    Column("fields", JSON, nullable=False),
    Column("attachment_ids", JSON, nullable=False),
    Column("ticket_id", String(64)),
    Column("status", String(16), nullable=False),
    Column("history", JSON, nullable=False),
    Column("submitted_at", DateTime, nullable=False),
    Column("promised_by", Date),
    # The kiosk's offline reference printed on the 受理回执 (issue 8): found like a number.
    Column("local_reference", String(64), unique=True),
)

evaluations = Table(
    "evaluations", metadata,
    Column("id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("target", String(96), nullable=False, unique=True),  # ticket:ID or application:NO
    Column("grade", String(32), nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("comment", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

help_requests = Table(
    "help_requests", metadata,
    Column("id", String(64), primary_key=True),
    Column("kiosk_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("screen", String(64), nullable=False),
    Column("note", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

idempotency = Table(
    "idempotency", metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

nonces = Table(
    "nonces", metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("nonce", String(64), primary_key=True),
    Column("seen_at", Float, nullable=False, index=True),
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with synchronous=NORMAL: a commit survives the process dying; only a power cut can
    # lose the last few, which the kiosks' idempotent resends then repeat.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Transactions are begun explicitly (below), not by the driver on the first write: then a
    # SAVEPOINT nests inside the transaction instead of committing when released.
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: Any) -> None:
    # IMMEDIATE: take the write lock at the start, so two workers never deadlock upgrading.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for `url` (a SQLAlchemy URL). SQLite files get WAL and a busy timeout."""
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            engine = create_engine(url, poolclass=StaticPool,
                                   connect_args={"check_same_thread": False})
        else:
            engine = create_engine(url, connect_args={"check_same_thread": False},
                                   pool_size=8, max_overflow=8)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def create_tables(engine: Engine) -> None:
    metadata.create_all(engine)
    _add_missing_columns(engine)


# Columns added to a table after it first shipped: a county's existing database gets them
# the first time a newer server starts (create_all only makes tables that are missing).
_ADDED_COLUMNS = {"applications": ("local_reference",)}


def _add_missing_columns(engine: Engine) -> None:
    for table_name, names in _ADDED_COLUMNS.items():
        present = {c["name"] for c in inspect(engine).get_columns(table_name)}
        table = metadata.tables[table_name]
        for name in names:
            if name in present:
                continue
            column = table.c[name]
            kind = column.type.compile(dialect=engine.dialect)
            with engine.begin() as conn:
                conn.exec_driver_sql(f"ALTER TABLE {table_name} ADD COLUMN {name} {kind}")
                if column.unique:
                    conn.exec_driver_sql(f"CREATE UNIQUE INDEX IF NOT EXISTS "
                                         f"ix_{table_name}_{name} ON {table_name} ({name})")
