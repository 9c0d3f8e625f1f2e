"""The kiosk working without the platform: offline tickets from reserved blocks, the cache,
the encrypted outbox, and everything arriving once the link is back."""

from __future__ import annotations

import stat
import time

import pytest
from sqlalchemy import select

from kiosk.config.models import PlatformSection
from kiosk.health import HealthBoard, Level, Role
from kiosk.platform.contract import EvaluationGrade, EvaluationRequest, HelpRequestBody
from kiosk.platform.errors import PlatformRejected
from kiosk.platform.service import PlatformService
from kiosk.platform_server import db
from tests.platform.faultproxy import FaultProxy
from tests.platform.helpers import application_request


def wait_until(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def proxy(platform):
    running = FaultProxy((platform.server.host, platform.server.port))
    yield running
    running.close()


def make_service(platform, proxy, state_dir, health=None) -> PlatformService:
    settings = PlatformSection(url=proxy.url, connect_timeout_s=0.5, read_timeout_s=1.0,
                               retries=1, kiosk_key=platform.credentials.key.decode(),
                               offline_block_size=10, submit_wait_s=5)
    service = PlatformService(settings, state_dir, platform.credentials.kiosk_id,
                              health or HealthBoard())
    service.start()
    service.parts()
    return service


@pytest.fixture
def service(platform, proxy, tmp_path):
    running = make_service(platform, proxy, tmp_path / "kiosk")
    assert wait_until(lambda: running.parts().numbers.free(running.today()).get("zhsl"))
    yield running
    running.stop()


def server_rows(platform, table, *where):
    with platform.store.engine.connect() as conn:
        return conn.execute(select(table).where(*where)).all()


def test_online_tickets_and_submissions(service):
    ticket = service.issue_ticket("zhsl")
    assert not ticket.offline and ticket.number == "A011"  # A001-A010: the offline block
    assert service.link.state == "connected"
    sent = service.ask_for_help(HelpRequestBody(kind="form", screen="form"))
    assert sent.sent and sent.result.status == "open"


def test_offline_tickets_come_from_the_block_and_arrive_later(service, platform, proxy):
    health = service.link.health
    proxy.down = True
    tickets = [service.issue_ticket("zhsl") for _ in range(3)]
    assert all(t.offline for t in tickets)
    assert health.get(Role.PLATFORM).reason == "offline"
    assert health.get(Role.PLATFORM).level == Level.WARNING
    numbers = [int(t.number[1:]) for t in tickets]
    assert numbers == sorted(set(numbers)) and tickets[0].category_name_zh == "综合受理"
    for ticket in tickets:
        service.mark_printed(ticket.id, True)
    assert service.outbox_stats().depth == 6
    proxy.down = False
    service.refresh_now()
    assert wait_until(lambda: service.outbox_stats().depth == 0)
    rows = server_rows(platform, db.tickets, db.tickets.c.offline.is_(True))
    assert sorted(r.number for r in rows) == numbers
    assert all(r.printed for r in rows)
    assert wait_until(lambda: service.link.state == "connected")


def test_a_kiosk_that_starts_offline_serves_from_its_cache(service, platform, proxy, tmp_path):
    catalogue = service.catalogue()
    service.stop()
    proxy.down = True
    health = HealthBoard()
    again = make_service(platform, proxy, tmp_path / "kiosk", health)
    try:
        assert wait_until(lambda: health.get(Role.PLATFORM).reason == "offline")
        assert again.catalogue().version == catalogue.version
        assert next(c.id for c in again.categories()) == "zhsl"
        assert again.hall().name == "保康县政务服务中心"
        assert again.issue_ticket("sw").offline
        queued = again.ask_for_help(HelpRequestBody())
        assert not queued.sent
    finally:
        again.stop()


def test_the_outbox_is_encrypted_at_rest_and_emptied_once_acknowledged(service, proxy,
                                                                       tmp_path):
    proxy.down = True
    request = application_request()
    id_number = request.applicant.id_number
    queued = service.submit_application(request)
    assert not queued.sent
    folder = tmp_path / "kiosk" / "platform"
    raw = b"".join(p.read_bytes() for p in folder.glob("kiosk.sqlite*"))
    assert id_number.encode() not in raw and "张建国".encode() not in raw
    assert b"13871234567" not in raw
    assert stat.S_IMODE((folder / "outbox.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "kiosk.sqlite").stat().st_mode) == 0o600
    proxy.down = False
    service.refresh_now()
    assert wait_until(lambda: service.outbox_stats().depth == 0)
    with service.parts().db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_a_refusal_is_told_to_the_citizen_present(service):
    with pytest.raises(PlatformRejected) as caught:
        service.evaluate(EvaluationRequest(ticket_id="t-none", grade=EvaluationGrade.SATISFIED))
    assert caught.value.code == "evaluation_target_not_found"
    assert service.outbox_stats().dead == 0


def test_a_queued_write_refused_later_is_kept_apart_not_lost(service, proxy):
    proxy.down = True
    queued = service.evaluate(EvaluationRequest(ticket_id="t-none",
                                                grade=EvaluationGrade.SATISFIED))
    assert not queued.sent
    service.ask_for_help(HelpRequestBody(note="after the refused one"))
    proxy.down = False
    service.refresh_now()
    assert wait_until(lambda: service.outbox_stats().depth == 0)
    assert service.outbox_stats().dead == 1


def test_attachments_named_before_upload_reach_a_queued_application(service, platform, proxy):
    proxy.down = True
    page = service.upload_attachment("id_card", 1, "image/jpeg", b"\xff\xd8\xff" + b"1" * 500)
    assert not page.sent and page.result.startswith("att")
    service.submit_application(application_request(attachment_ids=[page.result]))
    proxy.down = False
    service.refresh_now()
    assert wait_until(lambda: service.outbox_stats().depth == 0)
    assert service.outbox_stats().dead == 0
    # (the demo citizens' applications are there too: this kiosk's is the one to look at)
    rows = server_rows(platform, db.applications,
                       db.applications.c.kiosk_id == platform.credentials.kiosk_id)
    assert rows[0].attachment_ids == [page.result]


def test_personal_data_never_reaches_the_logs(service, proxy, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    request = application_request()
    proxy.down = True
    service.submit_application(request)
    service.issue_ticket("zhsl", id_number=request.applicant.id_number)
    proxy.down = False
    service.refresh_now()
    assert wait_until(lambda: service.outbox_stats().depth == 0)
    service.submit_application(request)
    text = caplog.text
    assert request.applicant.id_number not in text and "张建国" not in text
    assert "13871234567" not in text


def test_a_refused_kiosk_key_still_gives_the_citizen_a_number(service, platform):
    from kiosk.platform_server import fleet

    store = platform.store
    store.transaction(fleet.register, store, platform.credentials.kiosk_id, None, "new key")
    platform.server.app.state.kiosks.forget(platform.credentials.kiosk_id)
    ticket = service.issue_ticket("zhsl")
    assert ticket.offline
    assert service.link.health.get(Role.PLATFORM).reason == "auth_failed"
    assert service.outbox_stats().depth == 1  # kept until a technician fixes the key
