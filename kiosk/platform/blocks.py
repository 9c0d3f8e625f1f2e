"""Ticket numbers for when the platform cannot be reached: taken from the blocks it reserved
for this kiosk, and queued for the platform in the same transaction.

A number is taken and its ticket queued in one commit, so after a crash either both happened
or neither: a number is never printed twice, and a printed ticket always reaches the platform.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from kiosk.platform.contract import TicketBlock
from kiosk.platform.localdb import LocalDB


@dataclass(frozen=True)
class OfflineNumber:
    block_id: str
    letter: str
    number: int

    @property
    def display(self) -> str:
        return f"{self.letter}{self.number:03d}"


class OfflineNumbers:
    def __init__(self, db: LocalDB) -> None:
        self.db = db

    def keep(self, blocks: list[TicketBlock]) -> None:
        """Remember blocks the platform reserved (ones already known keep their progress)."""
        with self.db.transaction() as conn:
            for block in blocks:
                conn.execute(
                    "INSERT OR IGNORE INTO blocks (id, category_id, letter, day, first, last, "
                    "next) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (block.id, block.category_id, block.letter, block.day.isoformat(),
                     block.first, block.last, block.first))

    def take(self, conn: sqlite3.Connection, category_id: str, day: date) -> OfflineNumber | None:
        """The next free number for `category_id` on `day`, inside the caller's transaction."""
        row = conn.execute(
            "UPDATE blocks SET next = next + 1 WHERE id = (SELECT id FROM blocks WHERE "
            "category_id = ? AND day = ? AND next <= last ORDER BY first LIMIT 1) "
            "RETURNING id, letter, next - 1", (category_id, day.isoformat())).fetchone()
        return None if row is None else OfflineNumber(row[0], row[1], row[2])

    def free(self, day: date) -> dict[str, int]:
        """Free numbers per category for `day`."""
        with self.db.reading() as conn:
            rows = conn.execute("SELECT category_id, sum(last - next + 1) FROM blocks "
                                "WHERE day = ? AND next <= last GROUP BY category_id",
                                (day.isoformat(),)).fetchall()
        return {category: int(count) for category, count in rows}

    def forget_before(self, day: date) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM blocks WHERE day < ?", (day.isoformat(),))
