"""The kiosk's own SQLite database for the platform link: the outbox, the refused items, the
offline number blocks and the cache, in one file so that taking an offline number and queueing
its ticket commit together.

WAL mode with `synchronous=FULL`: a commit is on disk when `commit` returns, so whatever the
kiosk told a citizen survives the process being killed or the power failing right after.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    nonce BLOB NOT NULL,
    payload BLOB NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS outbox_dead (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    query TEXT NOT NULL,
    content_type TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    nonce BLOB NOT NULL,
    payload BLOB NOT NULL,
    created_at REAL NOT NULL,
    refused_at REAL NOT NULL,
    status INTEGER NOT NULL,
    code TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
    id TEXT PRIMARY KEY,
    category_id TEXT NOT NULL,
    letter TEXT NOT NULL,
    day TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    next INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS blocks_by_category ON blocks (category_id, day);
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    etag TEXT,
    body BLOB NOT NULL,
    fetched_at REAL NOT NULL
);
"""


class LocalDB:
    """One SQLite connection shared by the kiosk's threads, behind a lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                     timeout=30)
        self._lock = threading.RLock()
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.executescript(SCHEMA)
        path.chmod(0o600)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed (durably) when the block ends without an error."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    def integrity_check(self) -> str:
        with self._lock:
            return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
