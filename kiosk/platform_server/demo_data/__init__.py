"""Demo data a county would recognise, written into an empty platform database.

`seed(conn, settings)` adds the halls, queue categories, catalogue (37 items, the 四子三就
bundles, nine forms), demo citizens' appointments for today, their applications at every
stage (办件查询), and optionally a generated catalogue of `catalogue_size` more items. It
does nothing when the halls are already there, except refreshing today's appointments and the
demo applications.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, delete, func, insert, select, update

from kiosk.platform_server import db
from kiosk.platform_server.demo_data.applications import DEMO_KIOSK, demo_rows
from kiosk.platform_server.demo_data.bundles import BUNDLES, bundles_of_items
from kiosk.platform_server.demo_data.forms import FORMS
from kiosk.platform_server.demo_data.generated import GENERATED_CATEGORY, generated_items
from kiosk.platform_server.demo_data.halls import (
    APPOINTMENTS,
    DEMO_CITIZENS,
    HALLS,
    QUEUE_CATEGORIES,
)
from kiosk.platform_server.demo_data.items import GUIDE_CATEGORIES, item_documents
from kiosk.platform_server.store import Store, utc_naive


def seed(conn: Connection, store: Store) -> None:
    if conn.execute(select(func.count()).select_from(db.halls)).scalar_one() == 0:
        conn.execute(insert(db.halls), HALLS)
        conn.execute(insert(db.queue_categories), QUEUE_CATEGORIES)
        _catalogue(conn)
    _generated(conn, store.settings.catalogue_size)
    _appointments(conn, store)
    _applications(conn, store)
    if store.settings.hall_name:
        conn.execute(update(db.halls).where(db.halls.c.id == store.settings.hall_id)
                     .values(name=store.settings.hall_name))


def _catalogue(conn: Connection) -> None:
    windows = {c["id"]: c["windows"] for c in QUEUE_CATEGORIES}
    docs = [("category", c["id"], c["sort"], c) for c in GUIDE_CATEGORIES]
    items = item_documents(windows, bundles_of_items())
    docs += [("item", i["id"], n, i) for n, i in enumerate(items)]
    docs += [("bundle", b["id"], n, b) for n, b in enumerate(BUNDLES)]
    docs += [("form", f["id"], n, f) for n, f in enumerate(FORMS)]
    conn.execute(insert(db.catalogue_docs),
                 [{"kind": k, "id": i, "sort": s, "data": d} for k, i, s, d in docs])


def _generated(conn: Connection, size: int) -> None:
    """Grow the generated part of the catalogue to `size` items (never shrinks it)."""
    if size <= 0:
        return
    table = db.catalogue_docs
    have = conn.execute(select(func.count()).select_from(table).where(
        table.c.kind == "item", table.c.id.like("g%"))).scalar_one()
    if have >= size:
        return
    if have == 0:
        conn.execute(insert(table).values(kind="category", id="gen",
                                          sort=GENERATED_CATEGORY["sort"],
                                          data=GENERATED_CATEGORY))
    rows = [{"kind": "item", "id": i["id"], "sort": 1000 + n, "data": i}
            for n, i in enumerate(generated_items(size)) if n >= have]
    conn.execute(insert(table), rows)


def _appointments(conn: Connection, store: Store) -> None:
    """Today's appointments, placed relative to now so every check-in case can be shown."""
    now = store.now().replace(second=0, microsecond=0)
    codes = [code for code, *_ in APPOINTMENTS]
    conn.execute(delete(db.appointments).where(db.appointments.c.code.in_(codes)))
    rows = []
    for code, who, category, item_id, item_name, minutes in APPOINTMENTS:
        name, id_number = DEMO_CITIZENS[who]
        start = now + timedelta(minutes=minutes)
        rows.append({"code": code, "hall_id": "bk-zwzx", "category_id": category,
                     "item_id": item_id, "item_name": item_name, "holder_name": name,
                     "identity_hash": store.identity_hash(id_number),
                     "slot_start": utc_naive(start),
                     "slot_end": utc_naive(start + timedelta(minutes=30)),
                     "status": "booked", "ticket_id": None, "checked_in_at": None})
    conn.execute(insert(db.appointments), rows)


def _applications(conn: Connection, store: Store) -> None:
    """The demo citizens' applications, dated relative to today (rewritten at every start)."""
    conn.execute(delete(db.applications).where(db.applications.c.kiosk_id == DEMO_KIOSK))
    conn.execute(insert(db.applications),
                 demo_rows(store.today(), store.settings.tz, store.identity_hash))
