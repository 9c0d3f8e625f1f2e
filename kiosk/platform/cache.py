"""What the kiosk keeps from the platform to serve while offline: the catalogue (items,
guides, bundles, forms), the hall, queue categories and evaluation reasons. Nothing personal
is cached; entries are the platform's JSON as it came, with its ETag."""

from __future__ import annotations

import time
from dataclasses import dataclass

from kiosk.platform.localdb import LocalDB


@dataclass(frozen=True)
class CacheEntry:
    body: bytes
    etag: str | None
    fetched_at: float

    @property
    def age_s(self) -> float:
        return max(0.0, time.time() - self.fetched_at)


class PlatformCache:
    def __init__(self, db: LocalDB) -> None:
        self.db = db

    def put(self, key: str, body: bytes, etag: str | None = None) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO cache (key, etag, body, fetched_at) "
                         "VALUES (?, ?, ?, ?)", (key, etag, body, time.time()))

    def touch(self, key: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE cache SET fetched_at = ? WHERE key = ?", (time.time(), key))

    def get(self, key: str) -> CacheEntry | None:
        with self.db.reading() as conn:
            row = conn.execute("SELECT body, etag, fetched_at FROM cache WHERE key = ?",
                               (key,)).fetchone()
        return None if row is None else CacheEntry(bytes(row[0]), row[1], row[2])
