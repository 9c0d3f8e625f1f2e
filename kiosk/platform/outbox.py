"""The durable outbox: every write for the platform waits here until the platform has
acknowledged it, in the order it was made.

An item is the request to send (method, path, query, content type, body) and its idempotency
key, so a resend after a failure or a crash gets the platform's first answer rather than a
second ticket. Bodies are encrypted (`PayloadCipher`); an acknowledged item is deleted. An
item the platform refuses for good (a 4xx other than auth or rate limits) is moved to
`outbox_dead`, still encrypted, counted and reported, never silently dropped.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.platform.crypto import KeyFileError, PayloadCipher
from kiosk.platform.localdb import LocalDB

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    kind: str
    method: str
    path: str
    query: str
    content_type: str
    idempotency_key: str
    body: bytes
    created_at: float
    attempts: int


@dataclass(frozen=True)
class OutboxStats:
    depth: int
    oldest_age_s: float
    dead: int


class Outbox:
    def __init__(self, db: LocalDB, cipher: PayloadCipher,
                 clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.cipher = cipher
        self.clock = clock
        self.listeners: list[Callable[[], None]] = []  # told when an item is added

    def add(self, conn: sqlite3.Connection, kind: str, method: str, path: str, body: bytes,
            idempotency_key: str, *, query: str = "",
            content_type: str = "application/json") -> int:
        """Queue one write inside the caller's transaction (see `LocalDB.transaction`)."""
        nonce, sealed = self.cipher.seal(body, idempotency_key)
        cursor = conn.execute(
            "INSERT INTO outbox (kind, method, path, query, content_type, idempotency_key, "
            "nonce, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, method, path, query, content_type, idempotency_key, nonce, sealed,
             self.clock()))
        return int(cursor.lastrowid or 0)

    def enqueue(self, kind: str, method: str, path: str, body: bytes, idempotency_key: str,
                *, query: str = "", content_type: str = "application/json") -> int:
        """Queue one write and commit it durably; returns its sequence number."""
        with self.db.transaction() as conn:
            seq = self.add(conn, kind, method, path, body, idempotency_key, query=query,
                           content_type=content_type)
        self.notify()
        return seq

    def notify(self) -> None:
        for listener in self.listeners:
            listener()

    def head(self) -> tuple[OutboxItem | None, float]:
        """The oldest item and when it may be tried (epoch seconds); (None, 0) when empty.

        An item this key cannot open (the key file was replaced) is moved to the dead table
        as `undecryptable`, kept for whoever has the old key, and the queue goes on."""
        while True:
            with self.db.reading() as conn:
                row = conn.execute(
                    "SELECT seq, kind, method, path, query, content_type, idempotency_key, "
                    "nonce, payload, created_at, attempts, next_attempt_at FROM outbox "
                    "ORDER BY seq LIMIT 1").fetchone()
            if row is None:
                return None, 0.0
            try:
                body = self.cipher.open(row[7], row[8], row[6])
            except KeyFileError:
                log.error("outbox item %d cannot be decrypted with this key; set aside", row[0])
                self.refuse(row[0], 0, "undecryptable")
                continue
            return OutboxItem(row[0], row[1], row[2], row[3], row[4], row[5], row[6], body,
                              row[9], row[10]), row[11]

    def acknowledge(self, seq: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM outbox WHERE seq = ?", (seq,))

    def defer(self, seq: int, until: float, error: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, "
                         "last_error = ? WHERE seq = ?", (until, error[:200], seq))

    def retry_now(self) -> None:
        """The link is back: forget the backoff, so waiting items go at once."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET next_attempt_at = 0 WHERE next_attempt_at > 0")
        self.notify()

    def refuse(self, seq: int, status: int, code: str) -> None:
        """Move an item the platform will never accept out of the way, keeping it."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox_dead (seq, kind, method, path, query, content_type, "
                "idempotency_key, nonce, payload, created_at, refused_at, status, code) "
                "SELECT seq, kind, method, path, query, content_type, idempotency_key, nonce, "
                "payload, created_at, ?, ?, ? FROM outbox WHERE seq = ?",
                (self.clock(), status, code, seq))
            conn.execute("DELETE FROM outbox WHERE seq = ?", (seq,))

    def stats(self) -> OutboxStats:
        with self.db.reading() as conn:
            depth, oldest = conn.execute("SELECT count(*), min(created_at) FROM outbox").fetchone()
            dead = conn.execute("SELECT count(*) FROM outbox_dead").fetchone()[0]
        age = max(0.0, self.clock() - oldest) if oldest is not None else 0.0
        return OutboxStats(depth=int(depth), oldest_age_s=age, dead=int(dead))

    def keys(self) -> list[str]:
        with self.db.reading() as conn:
            return [r[0] for r in conn.execute("SELECT idempotency_key FROM outbox ORDER BY seq")]

    def withdraw(self, key: str) -> bool:
        """Take back an item not sent yet (a help request the citizen cancelled offline).
        False when it is gone already: sent, or being sent."""
        with self.db.transaction() as conn:
            return conn.execute("DELETE FROM outbox WHERE idempotency_key = ?",
                                (key,)).rowcount > 0

    def forget_refused(self, key: str) -> None:
        """Drop a refused item whose refusal the citizen was shown (and will redo)."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM outbox_dead WHERE idempotency_key = ?", (key,))

    def retry_dead(self) -> int:
        """Put refused items back in the queue (after a technician fixed the cause)."""
        with self.db.transaction() as conn:
            moved = conn.execute(
                "INSERT INTO outbox (kind, method, path, query, content_type, idempotency_key, "
                "nonce, payload, created_at) SELECT kind, method, path, query, content_type, "
                "idempotency_key, nonce, payload, created_at FROM outbox_dead ORDER BY seq"
            ).rowcount
            conn.execute("DELETE FROM outbox_dead")
        self.notify()
        return moved
