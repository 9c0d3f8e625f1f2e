"""The hall and its queue categories as the platform knows them, with live figures.

Categories change rarely, so they are read once and kept; the figures (waiting, average wait)
come from the day's counters each time.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, select

from kiosk.platform.contract import Hall, OpenPeriod, PriorityReason, PriorityRule, QueueCategory
from kiosk.platform_server import db
from kiosk.platform_server.store import Store

PRIORITY_RULES = [
    PriorityRule(reason=PriorityReason.ELDERLY, name_zh="老年人", name_en="Elderly",
                 rule_zh="年满70周岁，凭身份证自动识别", min_age=70,
                 rule_en="70 or older, recognised from the ID card"),
    PriorityRule(reason=PriorityReason.DISABLED, name_zh="残疾人", name_en="Disabled",
                 rule_zh="持残疾人证", rule_en="With a disability certificate"),
    PriorityRule(reason=PriorityReason.PREGNANT, name_zh="孕妇", name_en="Pregnant",
                 rule_zh="孕期妇女", rule_en="Pregnant women"),
    PriorityRule(reason=PriorityReason.MILITARY, name_zh="军人", name_en="Military",
                 rule_zh="现役军人、退役军人凭证件", rule_en="Service members and veterans"),
    PriorityRule(reason=PriorityReason.APPOINTMENT, name_zh="预约", name_en="Appointment",
                 rule_zh="网上预约并按时签到", rule_en="Booked online and checked in on time"),
]


def periods(raw: list[dict[str, Any]]) -> list[OpenPeriod]:
    return [OpenPeriod.model_validate(p) for p in raw]


def is_open(open_hours: list[OpenPeriod], moment: datetime) -> bool:
    weekday, now = moment.isoweekday(), moment.strftime("%H:%M")
    return any(weekday in p.weekdays and p.start <= now < p.end for p in open_hours)


class QueueBook:
    """The hall's categories, kept in memory; figures per day from the counters."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._categories: dict[str, dict[str, Any]] | None = None
        self._hall: dict[str, Any] | None = None

    def load(self, conn: Connection) -> None:
        hall_id = self.store.settings.hall_id
        rows = conn.execute(select(db.queue_categories)
                            .where(db.queue_categories.c.hall_id == hall_id)
                            .order_by(db.queue_categories.c.sort)).mappings().all()
        cats = {}
        for row in rows:
            cat = dict(row)
            cat["open_hours_parsed"] = periods(cat["open_hours"])
            cat["priority_set"] = frozenset(cat["priority_reasons"])
            cats[cat["id"]] = cat
        self._categories = cats
        hall = conn.execute(select(db.halls).where(db.halls.c.id == hall_id)).mappings().first()
        self._hall = dict(hall) if hall else None

    def category(self, conn: Connection, category_id: str) -> dict[str, Any] | None:
        if self._categories is None:
            self.load(conn)
        assert self._categories is not None
        return self._categories.get(category_id)

    def categories(self, conn: Connection) -> list[dict[str, Any]]:
        if self._categories is None:
            self.load(conn)
        assert self._categories is not None
        return list(self._categories.values())

    def hall_row(self, conn: Connection) -> dict[str, Any]:
        if self._hall is None:
            self.load(conn)
        assert self._hall is not None
        return self._hall

    def open_now(self, open_hours: list[OpenPeriod]) -> bool:
        if not self.store.settings.enforce_hours:
            return True
        return is_open(open_hours, self.store.local())

    def hall(self, conn: Connection) -> Hall:
        row = self.hall_row(conn)
        hours = periods(row["open_hours"])
        return Hall(id=row["id"], name=row["name"], name_en=row["name_en"], level=row["level"],
                    address=row["address"], phone=row["phone"], open_hours=hours,
                    open_now=self.open_now(hours), notices=row["notices"],
                    priority_rules=PRIORITY_RULES, server_time=self.store.now())

    def figures(self, conn: Connection, day: date) -> dict[str, int]:
        counters = db.ticket_counters
        rows = conn.execute(select(counters.c.category_id, counters.c.waiting)
                            .where(counters.c.day == day)).all()
        return {row.category_id: row.waiting for row in rows}

    def estimated_wait(self, cat: dict[str, Any], people_ahead: int) -> int:
        counters = max(1, cat["counters_open"])
        return (people_ahead * cat["service_min"] + counters - 1) // counters

    def queue_category(self, cat: dict[str, Any], waiting: int) -> QueueCategory:
        return QueueCategory(
            id=cat["id"], letter=cat["letter"], name_zh=cat["name_zh"], name_en=cat["name_en"],
            description_zh=cat["description_zh"], description_en=cat["description_en"],
            windows=cat["windows"], open_hours=cat["open_hours_parsed"],
            open_now=self.open_now(cat["open_hours_parsed"]), waiting=waiting,
            average_wait_min=self.estimated_wait(cat, waiting), counters_open=cat["counters_open"],
            priority_reasons=sorted(cat["priority_set"]), sort=cat["sort"])

    def listing(self, conn: Connection) -> list[QueueCategory]:
        waiting = self.figures(conn, self.store.today())
        return [self.queue_category(cat, waiting.get(cat["id"], 0))
                for cat in self.categories(conn)]


def day_start(day: date, store: Store) -> datetime:
    return datetime.combine(day, time(0), store.settings.tz)
