"""Every endpoint of the contract, through the kiosk's own client, against the reference
server on loopback; and the OpenAPI document kept in the repository is the one it serves."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import requests

from kiosk.platform.contract import (
    AppointmentCheckIn,
    CommandKind,
    CommandResult,
    EvaluationGrade,
    EvaluationRequest,
    Heartbeat,
    HelpRequestBody,
    PrintState,
    PriorityReason,
    TicketBlockRequest,
    TicketRequest,
)
from kiosk.platform.errors import PlatformRejected
from kiosk.platform_server.app import OPENAPI_FILE
from kiosk.platform_server.demo_data.halls import DEMO_CITIZENS
from tests.platform.helpers import application_request, key

# Every operation in the OpenAPI document, and the test that exercises it.
COVERED = {
    "GET /api/v1/hall", "GET /api/v1/categories", "POST /api/v1/tickets",
    "GET /api/v1/tickets/{ticket_id}", "PUT /api/v1/tickets/{ticket_id}/print-state",
    "POST /api/v1/ticket-blocks", "GET /api/v1/ticket-blocks",
    "GET /api/v1/appointments/{code}", "POST /api/v1/appointments/lookup",
    "POST /api/v1/appointments/check-in", "GET /api/v1/catalogue",
    "GET /api/v1/catalogue/version", "GET /api/v1/guide-categories", "GET /api/v1/items",
    "GET /api/v1/items/{item_id}", "GET /api/v1/bundles", "GET /api/v1/bundles/{bundle_id}",
    "GET /api/v1/forms/{form_id}", "POST /api/v1/attachments", "POST /api/v1/applications",
    "GET /api/v1/applications/{number}", "POST /api/v1/applications/lookup",
    "GET /api/v1/evaluation-reasons", "POST /api/v1/evaluations", "POST /api/v1/help-requests",
    "GET /api/v1/help-requests/{help_id}", "POST /api/v1/help-requests/{help_id}/cancel",
    "POST /api/v1/kiosk/heartbeat",
    "GET /api/v1/kiosk/config", "GET /api/v1/admin/kiosks", "POST /api/v1/admin/kiosks",
    "PUT /api/v1/admin/kiosks/{kiosk_id}/config", "POST /api/v1/admin/kiosks/{kiosk_id}/commands",
    "POST /api/v1/admin/categories/{category_id}/call-next",
    "PUT /api/v1/admin/help-requests/{help_id}/status", "GET /api/v1/health",
}


def test_the_openapi_file_is_what_the_server_serves(platform):
    served = requests.get(platform.url + "/openapi.json", timeout=5).json()
    kept = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    assert served == kept, ("kiosk/platform/openapi.json is out of date: regenerate it with "
                            "`kiosk platform openapi --write`")
    assert kept["openapi"].startswith("3.1")


def test_every_operation_is_covered_by_these_tests():
    document = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    operations = {f"{method.upper()} {path}" for path, item in document["paths"].items()
                  for method in item}
    assert operations == COVERED


def rejected(fn, *args, **kwargs) -> PlatformRejected:
    with pytest.raises(PlatformRejected) as caught:
        fn(*args, **kwargs)
    return caught.value


def test_hall_and_categories(api):
    hall = api.hall()
    assert hall.name == "保康县政务服务中心" and hall.level == "county"
    assert {r.reason for r in hall.priority_rules} >= {"elderly", "disabled", "pregnant"}
    names = [c.name_zh for c in api.categories()]
    for wanted in ("综合受理", "不动产登记", "社保医保", "公积金", "户籍办理", "企业开办", "税务",
                   "帮办代办"):
        assert wanted in names


def test_tickets_are_numbered_per_category_and_report_the_queue(api, platform):
    first = api.issue_ticket(TicketRequest(category_id="bdcdj"), key())
    second = api.issue_ticket(TicketRequest(category_id="bdcdj"), key())
    other = api.issue_ticket(TicketRequest(category_id="sw"), key())
    assert (first.number, second.number, other.number) == ("B001", "B002", "G001")
    assert second.people_ahead == 1 and second.estimated_wait_min > 0
    assert second.status_url.endswith(second.id)
    priority = api.issue_ticket(TicketRequest(category_id="bdcdj",
                                              priority_reason=PriorityReason.ELDERLY), key())
    assert priority.people_ahead == 0
    same_key = key()
    once = api.issue_ticket(TicketRequest(category_id="sw"), same_key)
    assert api.issue_ticket(TicketRequest(category_id="sw"), same_key) == once
    assert rejected(api.issue_ticket, TicketRequest(category_id="zz"), key()).code \
        == "category_not_found"
    conflict = rejected(api.issue_ticket, TicketRequest(category_id="gjj"), same_key)
    assert conflict.code == "idempotency_conflict"
    called = requests.post(f"{platform.url}/api/v1/admin/categories/bdcdj/call-next",
                           params={"window": "7号窗口"}, timeout=5).json()
    assert called["number"] == priority.number and called["window"] == "7号窗口"
    assert api.ticket(first.id).people_ahead == 0
    printed = api.set_print_state(first.id, PrintState(printed=False, reason="paper_out"))
    assert printed.printed is False
    assert api.set_print_state(first.id, PrintState(printed=True)).printed is True
    assert rejected(api.ticket, "t-missing").code == "ticket_not_found"


def test_closed_categories_refuse_tickets(tmp_path):
    from tests.platform.conftest import start_platform

    running = start_platform(tmp_path / "p.sqlite", enforce_hours=True)
    try:
        # 03:00 in the hall's time zone: every category is closed.
        now = running.clock()
        local = now.astimezone(running.store.settings.tz)
        running.clock.offset = timedelta(hours=(27 - local.hour) % 24) - timedelta(
            minutes=local.minute)
        api = running.api()
        assert all(not c.open_now for c in api.categories())
        assert rejected(api.issue_ticket, TicketRequest(category_id="zhsl"), key()).code \
            == "category_closed"
    finally:
        running.server.stop()


def test_offline_blocks_are_reserved_and_reconciled(api):
    block = api.reserve_block(TicketBlockRequest(category_id="hjbl", size=10), key())
    assert block.last - block.first == 9 and block.letter == "E"
    assert block in api.blocks()
    online = api.issue_ticket(TicketRequest(category_id="hjbl"), key())
    assert int(online.number[1:]) > block.last  # the block's numbers are never given online
    from datetime import UTC, datetime

    from kiosk.platform.contract import OfflineIssue

    issue = OfflineIssue(ticket_id="toffline0001", block_id=block.id, number=block.first,
                         issued_at=datetime.now(UTC))
    ticket = api.issue_ticket(TicketRequest(category_id="hjbl", offline=issue), key())
    assert ticket.number == f"E{block.first:03d}" and ticket.offline
    assert ticket.id == "toffline0001"
    reused = issue.model_copy(update={"ticket_id": "toffline0002"})
    assert rejected(api.issue_ticket, TicketRequest(category_id="hjbl", offline=reused),
                    key()).code == "block_number_invalid"
    outside = issue.model_copy(update={"ticket_id": "toffline0003", "number": block.last + 1})
    assert rejected(api.issue_ticket, TicketRequest(category_id="hjbl", offline=outside),
                    key()).code == "block_number_invalid"
    nowhere = issue.model_copy(update={"ticket_id": "toffline0004", "block_id": "b-none"})
    assert rejected(api.issue_ticket, TicketRequest(category_id="hjbl", offline=nowhere),
                    key()).code == "block_not_found"


def at_ten_in_the_morning(platform) -> None:
    """Move the platform's clock to 10:00 hall time and lay today's appointments anew, so the
    test means the same whenever it runs."""
    from kiosk.platform_server.demo_data import _appointments

    local = platform.clock().astimezone(platform.store.settings.tz)
    platform.clock.offset = timedelta(hours=10 - local.hour, minutes=-local.minute)
    platform.store.transaction(_appointments, platform.store)


def test_appointments_every_outcome(api, platform):
    at_ten_in_the_morning(platform)
    zhang, li, wang = (n for _, n in DEMO_CITIZENS)
    assert api.appointment("YY20000001").holder_name_masked.startswith("张*")
    assert rejected(api.appointment, "YY99999999").code == "appointment_not_found"
    assert {a.code for a in api.appointments_of(li)} == {"YY20000002", "YY20000004"}
    # someone else's: the code with another citizen's card
    assert rejected(api.check_in, AppointmentCheckIn(code="YY20000001", id_number=li),
                    key()).code == "appointment_not_yours"
    assert rejected(api.check_in, AppointmentCheckIn(code="YY20000002"), key()).code \
        == "appointment_too_early"
    assert rejected(api.check_in, AppointmentCheckIn(code="YY20000003"), key()).code \
        == "appointment_too_late"
    result = api.check_in(AppointmentCheckIn(code="YY20000001", id_number=zhang), key())
    assert result.appointment.status == "checked_in"
    assert result.ticket.priority_reason == "appointment" and result.ticket.number[0] == "B"
    assert rejected(api.check_in, AppointmentCheckIn(code="YY20000001"), key()).code \
        == "appointment_used"
    by_card = api.check_in(AppointmentCheckIn(id_number=li), key())  # the one open now
    assert by_card.appointment.code == "YY20000004"
    assert rejected(api.check_in, AppointmentCheckIn(id_number=wang), key()).code \
        == "appointment_too_late"
    assert rejected(api.check_in, AppointmentCheckIn(id_number="110101199003070011"),
                    key()).code == "appointment_not_found"


def test_catalogue(api):
    catalogue, etag = api.catalogue()
    assert len(catalogue.items) >= 30 and etag
    assert api.catalogue(etag) == (None, etag)
    assert api.catalogue_version().version == catalogue.version
    assert {b.life_event for b in catalogue.bundles} >= {"砍树子", "修房子", "生孩子", "开店子",
                                                        "就业", "就医", "就学"}
    forms = {f.id: f for f in catalogue.forms}
    assert sum(1 for f in forms.values() if f.item_id) >= 5
    assert sum(1 for f in forms.values() if f.bundle_id) >= 2
    used = {field.type for f in forms.values() for s in f.sections for field in s.fields}
    assert used >= {"text", "number", "date", "choice", "id_number", "phone", "address",
                    "signature", "consent"}
    assert any(f.prefill == "id_number" for s in forms["f-birth-reg"].sections
               for f in s.fields)
    for item in catalogue.items:
        guide = item.guide
        assert guide.materials and guide.place.window and guide.legal_limit_days >= \
            guide.promised_limit_days
    assert {c.id for c in api.guide_categories()} >= {"hj", "bdc", "sb", "qy"}
    page = api.items(q="户口")
    assert page.total >= 2 and all("户口" in i.name or "户口" in "".join(i.keywords)
                                   for i in page.items)
    assert api.items(category_id="bdc", page_size=2).total == 4
    assert api.item("hj-csdj").guide.materials[0].name == "出生医学证明"
    assert rejected(api.item, "nope").code == "item_not_found"
    assert len(api.bundles()) == 7 and api.bundle("yjs-kaidian").form_id == "f-bundle-shop"
    assert rejected(api.bundle, "nope").code == "bundle_not_found"
    assert api.form("f-pension").version == 2
    assert rejected(api.form, "nope").code == "form_not_found"


def test_attachments_applications_and_their_status(api):
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 2000
    page = api.upload_attachment("id_card", 1, "image/jpeg", jpeg, key())
    assert page.content_type == "image/jpeg" and page.size == len(jpeg)
    assert rejected(api.upload_attachment, "id_card", 1, "image/jpeg", b"GIF89a....", key()
                    ).code == "attachment_bad_type"
    assert rejected(api.upload_attachment, "id_card", 1, "application/pdf", jpeg, key()
                    ).code == "attachment_bad_type"
    too_big = b"%PDF-" + b"0" * (8 * 1024 * 1024)
    assert rejected(api.upload_attachment, "id_card", 1, "application/pdf", too_big, key()
                    ).code == "attachment_too_large"
    request = application_request(attachment_ids=[page.id])
    app = api.submit_application(request, key())
    assert app.number.startswith("BK") and app.applicant_name_masked.startswith("张*")
    assert app.history[0].status == "submitted" and app.promised_by
    assert api.application(app.number) == app
    assert [a.number for a in api.applications_of(DEMO_CITIZENS[0][1])] == [app.number]
    bad = application_request(fields={"phone": "12345", "grade": "7"})
    problem = rejected(api.submit_application, bad, key())
    assert problem.code == "form_invalid"
    assert {d.field for d in problem.details} >= {"phone", "grade"}
    missing_page = application_request(attachment_ids=["att-nope"])
    assert rejected(api.submit_application, missing_page, key()).code == "attachment_not_found"
    old = application_request(form_version=1)
    assert rejected(api.submit_application, old, key()).code == "form_version_outdated"
    assert rejected(api.application, "BK0-0").code == "application_not_found"


def test_evaluations_once_per_service_and_reasons_for_low_grades(api):
    ticket = api.issue_ticket(TicketRequest(category_id="zhsl"), key())
    reasons = {r.code for r in api.evaluation_reasons()}
    assert "wait_long" in reasons
    low = EvaluationRequest(ticket_id=ticket.id, grade=EvaluationGrade.DISSATISFIED)
    assert rejected(api.evaluate, low, key()).code == "evaluation_reason_required"
    done = api.evaluate(low.model_copy(update={"reasons": ["wait_long"]}), key())
    assert done.grade == "dissatisfied"
    again = EvaluationRequest(ticket_id=ticket.id, grade=EvaluationGrade.VERY_SATISFIED)
    assert rejected(api.evaluate, again, key()).code == "evaluation_exists"
    nowhere = EvaluationRequest(ticket_id="t-none", grade=EvaluationGrade.SATISFIED)
    assert rejected(api.evaluate, nowhere, key()).code == "evaluation_target_not_found"


def test_help_requests(api, platform):
    help_request = api.ask_for_help(HelpRequestBody(kind="elderly", screen="home"), key())
    assert help_request.status == "open" and "工作人员" in help_request.message_zh
    requests.put(f"{platform.url}/api/v1/admin/help-requests/{help_request.id}/status",
                 params={"status": "acknowledged"}, timeout=5).raise_for_status()
    assert api.help_request(help_request.id).status == "acknowledged"
    assert rejected(api.help_request, "h-none").code == "help_request_not_found"
    # The citizen cancels: an open or acknowledged call ends; help given stays given.
    api.send("POST", f"/api/v1/help-requests/{help_request.id}/cancel",
             idempotency_key=key())
    assert api.help_request(help_request.id).status == "cancelled"
    done = api.ask_for_help(HelpRequestBody(kind="general", screen="ticket"), key())
    requests.put(f"{platform.url}/api/v1/admin/help-requests/{done.id}/status",
                 params={"status": "resolved"}, timeout=5).raise_for_status()
    api.send("POST", f"/api/v1/help-requests/{done.id}/cancel", idempotency_key=key())
    assert api.help_request(done.id).status == "resolved"


def test_heartbeat_commands_config_and_the_fleet(api, platform):
    from datetime import UTC, datetime

    base = f"{platform.url}/api/v1/admin/kiosks"
    kiosk_id = platform.credentials.kiosk_id
    requests.put(f"{base}/{kiosk_id}/config", json={"settings": {"kiosk.idle_timeout_s": 90}},
                 timeout=5).raise_for_status()
    command = requests.post(f"{base}/{kiosk_id}/commands",
                            json={"kind": CommandKind.REPRINT_LAST_TICKET}, timeout=5).json()
    beat = Heartbeat(sent_at=datetime.now(UTC), app_version="0.1", uptime_s=60,
                     devices={"printer": {"level": "warning", "reason": "paper_low"}},
                     outbox_depth=3)
    reply = api.heartbeat(beat)
    assert reply.config_version == 1 and [c.id for c in reply.commands] == [command["id"]]
    assert api.remote_config().settings == {"kiosk.idle_timeout_s": 90}
    result = CommandResult(id=command["id"], ok=True)
    done = beat.model_copy(update={"completed_commands": [result]})
    assert api.heartbeat(done).commands == []
    fleet = requests.get(base, timeout=5).json()
    ours = next(k for k in fleet if k["kiosk_id"] == kiosk_id)
    assert ours["outbox_depth"] == 3
    assert "paper_low" in {a["code"] for a in ours["alerts"]}
    added = requests.post(base, json={"kiosk_id": "BK-NEW-002", "name": "东侧"}, timeout=5)
    assert added.status_code == 201 and len(added.json()["secret_key"]) >= 32
    page = requests.get(platform.url + "/fleet", timeout=5).text
    assert "BK-NEW-002" in page and "从未收到心跳" in page and "打印纸将用尽" in page
    assert requests.get(platform.url + "/api/v1/health", timeout=5).json()["status"] == "ok"


def test_every_error_has_the_one_shape(platform):
    for method, path in (("GET", "/nowhere"), ("DELETE", "/api/v1/hall"),
                         ("GET", "/api/v1/hall")):
        response = requests.request(method, platform.url + path, timeout=5)
        body = response.json()
        assert response.status_code >= 400
        assert set(body) == {"code", "message_zh", "message_en", "details"}
