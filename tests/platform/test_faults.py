"""1,000 mixed writes through a proxy that delays, resets, answers 503, swallows requests and
flaps: every one arrives at the platform exactly once, in order."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from kiosk.platform.api import PlatformApi
from kiosk.platform.blocks import OfflineNumbers
from kiosk.platform.contract import (
    EvaluationRequest,
    HelpRequestBody,
    OfflineIssue,
    PrintState,
    TicketBlockRequest,
    TicketRequest,
)
from kiosk.platform.crypto import PayloadCipher
from kiosk.platform.localdb import LocalDB
from kiosk.platform.outbox import Outbox
from kiosk.platform.sender import OutboxSender
from kiosk.platform_server import db
from tests.platform.faultproxy import FaultProxy, mixed_faults
from tests.platform.helpers import key

TICKETS, HELP, PAGES = 250, 200, 150  # + 250 print states + 150 evaluations = 1,000 writes


def count(platform, table, *where) -> int:
    with platform.store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_a_thousand_writes_through_outages_arrive_exactly_once(platform, tmp_path):
    rng = random.Random(7)
    proxy = FaultProxy((platform.server.host, platform.server.port), mixed_faults(rng, {
        "pass": 70, "delay": 10, "reset_before": 6, "reset_after": 8, "http_503": 5,
        "blackhole": 1}), delay_s=0.02)
    api = PlatformApi(proxy.url, platform.credentials, connect_timeout=0.5, read_timeout=0.4,
                      retries=0)
    local = LocalDB(tmp_path / "kiosk.sqlite")
    outbox = Outbox(local, PayloadCipher(b"k" * 32))
    numbers = OfflineNumbers(local)
    direct = platform.api()
    blocks = [direct.reserve_block(TicketBlockRequest(category_id="zhsl", size=200), key()),
              direct.reserve_block(TicketBlockRequest(category_id="zhsl", size=50), key())]
    numbers.keep(blocks)
    sender = OutboxSender(outbox, api, base_delay_s=0.005, max_delay_s=0.1)
    sender.start()

    def flapper() -> None:  # two short outages while the writes go on
        for _ in range(2):
            time.sleep(0.8)
            proxy.flap(0.4)

    threading.Thread(target=flapper, daemon=True).start()
    today = blocks[0].day
    written: list[str] = []
    for i in range(TICKETS):
        ticket_id = f"tfault{i:06d}"
        with local.transaction() as conn:
            number = numbers.take(conn, "zhsl", today)
            assert number is not None
            issue = OfflineIssue(ticket_id=ticket_id, block_id=number.block_id,
                                 number=number.number, issued_at=datetime.now(UTC),
                                 printed=False)
            body = TicketRequest(category_id="zhsl", offline=issue)
            outbox.add(conn, "ticket", "POST", "/api/v1/tickets",
                       body.model_dump_json(exclude_none=True).encode(), key())
        outbox.enqueue("print_state", "PUT", f"/api/v1/tickets/{ticket_id}/print-state",
                       PrintState(printed=True).model_dump_json().encode(), key())
        written += ["ticket", "print_state"]
        if i < HELP:
            note = f"help-{i}"
            outbox.enqueue("help_request", "POST", "/api/v1/help-requests",
                           HelpRequestBody(note=note).model_dump_json().encode(), key())
            written.append("help")
        if i < PAGES:
            outbox.enqueue("evaluation", "POST", "/api/v1/evaluations",
                           EvaluationRequest(ticket_id=ticket_id, grade="satisfied")
                           .model_dump_json(exclude_none=True).encode(), key())
            page = b"\xff\xd8\xff" + f"page {i}".encode() * 20
            outbox.enqueue("attachment", "POST", "/api/v1/attachments", page, key(),
                           query=f"kind=id_card&page={1 + i % 5}", content_type="image/jpeg")
            written += ["evaluation", "attachment"]
    assert len(written) == 1000
    deadline = time.monotonic() + 120
    while outbox.stats().depth and time.monotonic() < deadline:
        time.sleep(0.1)
    sender.stop()
    proxy.close()
    stats = outbox.stats()
    assert (stats.depth, stats.dead) == (0, 0)
    assert sum(proxy.counts[f] for f in ("reset_after", "reset_before", "http_503")) > 50
    assert count(platform, db.tickets, db.tickets.c.kiosk_id == platform.credentials.kiosk_id,
                 db.tickets.c.offline.is_(True)) == TICKETS
    assert count(platform, db.tickets, db.tickets.c.printed.is_(True)) == TICKETS
    assert count(platform, db.help_requests) == HELP
    with platform.store.engine.connect() as conn:
        notes = conn.execute(select(db.help_requests.c.note)).scalars().all()
        numbers_seen = conn.execute(select(db.tickets.c.number)).scalars().all()
    assert sorted(notes) == sorted(f"help-{i}" for i in range(HELP))
    assert len(set(numbers_seen)) == len(numbers_seen) == TICKETS
    assert count(platform, db.evaluations) == PAGES
    assert count(platform, db.attachments) == PAGES
