"""The draft in the citizen's session, its wipe, and the request built from it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clock import KioskClock
from kiosk.forms import (
    Address,
    Form,
    FormInvalid,
    build_request,
    build_requests,
    current_draft,
    discard_draft,
    local_reference,
    open_draft,
    receipt_reference,
)
from kiosk.forms.draft import Draft
from kiosk.platform.contract import FieldType
from kiosk.platform.service import Submission
from kiosk.platform_server.form_check import check_form
from kiosk.session import SessionManager
from tests.forms.helpers import BUNDLE_MODELS, SCHEMAS, TODAY, card, form, signature


def sessions() -> SessionManager:
    return SessionManager(KioskClock())


def filled_logging(draft: Draft) -> Draft:
    draft.prefill(card("resident"))
    for name, value in [("phone", "13871234567"), ("forest_location", "保康县马桥镇尧治河村"),
                        ("species", "fir"), ("volume_m3", "12.5"),
                        ("felling_method", "selective"), ("felling_start", "2026-12-01"),
                        ("consent", True), ("signature", signature())]:
        assert draft.set(name, value) is None, name
    draft.add_scan("id_card", "att-front")
    draft.add_scan("id_card", "att-back")
    draft.mark_on_paper("forest_right")
    return draft


def test_the_draft_survives_walking_between_screens_and_goes_with_the_session():
    manager = sessions()
    session = manager.begin()
    logging = form("f-logging")
    draft = open_draft(session, logging, today=TODAY)
    draft.set("phone", "138712")
    assert open_draft(session, logging, today=TODAY) is draft  # back from another screen
    assert current_draft(session).get("phone") == "138712"
    draft.set("signature", signature())
    sig = draft.values["signature"]
    manager.end("idle")
    assert draft.values == {} and sig.strokes == [] and session.closed
    assert current_draft(manager.current) is None
    assert "138712" not in repr(draft)


def test_another_form_replaces_the_draft_and_discard_wipes_it():
    session = sessions().begin()
    first = open_draft(session, form("f-logging"), today=TODAY)
    first.set("phone", "13871234567")
    second = open_draft(session, form("f-pension"), today=TODAY)
    assert second is not first and first.values == {}
    second.set("phone", "13871234567")
    discard_draft(session)
    assert second.values == {} and current_draft(session) is None


def test_as_the_citizen_types_and_when_they_leave_the_field():
    draft = Draft(form("f-logging"), TODAY)
    assert draft.set("phone", "1387", typing=True) is None
    assert draft.set("phone", "1387").code == "phone"
    assert draft.get("phone") == "1387"  # kept: the citizen fixes it, nothing is lost
    assert draft.set("phone", "", typing=True) is None and "phone" not in draft.values
    assert draft.problem("phone").code == "required"
    assert [p.field for p in draft.problems(section=2)] == ["consent", "signature"]


def test_a_complete_draft_makes_the_request():
    draft = filled_logging(Draft(form("f-logging"), TODAY))
    assert draft.complete
    request = build_request(draft, ticket_id="t-1")
    assert (request.item_id, request.form_id, request.form_version) == ("ly-cfxk",
                                                                        "f-logging", 1)
    assert request.applicant.name == "王建国" and request.applicant.phone == "13871234567"
    assert request.fields["address"] == {"region": "湖北省襄阳市保康县城关镇",
                                         "detail": "光千路18号"}
    assert request.fields["forest_location"] == "保康县马桥镇尧治河村"
    assert request.fields["signature"].startswith("M10 40L15 ")
    assert request.attachment_ids == ["att-front", "att-back"] and request.ticket_id == "t-1"
    assert check_form(SCHEMAS["f-logging"], request.fields, TODAY) == []


def test_nothing_incomplete_or_wrong_is_built_into_a_request():
    draft = filled_logging(Draft(form("f-logging"), TODAY))
    draft.set("volume_m3", "600")
    draft.mark_on_paper("forest_right", False)
    with pytest.raises(FormInvalid) as caught:
        build_requests(draft)
    assert [p.field for p in caught.value.problems] == ["volume_m3", "attachment:forest_right"]
    assert caught.value.message_zh == "还有2项需要填写或改正"


def test_a_bundle_makes_one_request_per_item_form_with_the_shared_answers():
    merged = Form.for_bundle(BUNDLE_MODELS["yjs-jiuye"],
                             [SCHEMAS["f-employment"], SCHEMAS["f-pension"]])
    draft = Draft(merged, TODAY)
    draft.prefill(card("long_term"))
    for name, value in [("phone", "13971234567"), ("status", "unemployed"),
                        ("education", "high"), ("grade", "500"),
                        ("bank_account", "6217000012345678"), ("consent", True),
                        ("signature", signature())]:
        assert draft.set(name, value) is None
    draft.add_scan("id_card", "att-1")
    employment, pension = build_requests(draft)
    assert employment.bundle_id == pension.bundle_id == "yjs-jiuye"
    assert (employment.item_id, pension.item_id) == ("jy-djz", "sb-yljj")
    assert employment.fields["name"] == pension.fields["name"] == "刘桂兰"
    assert "grade" not in employment.fields and "status" not in pension.fields
    assert employment.attachment_ids == pension.attachment_ids == ["att-1"]
    assert check_form(SCHEMAS["f-employment"], employment.fields, TODAY) == []
    assert check_form(SCHEMAS["f-pension"], pension.fields, TODAY) == []
    with pytest.raises(ValueError, match="build_requests"):
        build_request(draft)


def test_the_receipt_reference_online_and_offline():
    offline = Submission("key-abc-123", False)
    reference = receipt_reference("BK-001", offline)
    assert reference == local_reference("BK-001", "key-abc-123")
    assert reference.startswith("BK-001-") and len(reference) == len("BK-001-") + 8

    class Answer:
        number = "BK20261122-00001"

    assert receipt_reference("BK-001", Submission("k", True, Answer())) == "BK20261122-00001"


def _value_for(kind: FieldType) -> st.SearchStrategy[Any]:
    text = st.text(alphabet="张王李保康县镇村0123456789-aX ", max_size=40)
    return {
        FieldType.TEXT: text,
        FieldType.NUMBER: st.one_of(st.decimals(allow_nan=True, places=2).map(str), text),
        FieldType.DATE: st.one_of(st.dates(date(2000, 1, 1), date(2030, 1, 1)).map(str), text),
        FieldType.CHOICE: st.sampled_from(["male", "female", "fir", "500", "yes", "x", ""]),
        FieldType.ID_NUMBER: st.one_of(st.just(card().id_number), text),
        FieldType.PHONE: st.one_of(st.just("13871234567"), st.just("0710-5812345"), text),
        FieldType.ADDRESS: st.one_of(text, st.builds(Address, st.just("420626"),
                                                     st.sampled_from(["", "湖北省保康县"]), text)),
        FieldType.SIGNATURE: st.one_of(st.just(signature()), st.just(signature(2)), text),
        FieldType.CONSENT: st.booleans(),
    }[kind]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SCHEMAS)), st.data())
def test_whatever_the_kiosk_builds_the_platform_accepts(form_id, data):
    schema = SCHEMAS[form_id]
    draft = Draft(Form.from_schema(schema), TODAY)
    if data.draw(st.booleans()):
        draft.prefill(card("resident"))
    for spec in draft.form.fields():
        if data.draw(st.booleans()):
            draft.set(spec.name, data.draw(_value_for(spec.type)))
    for slot in schema.attachments:
        draft.mark_on_paper(slot.kind)
    try:
        requests = build_requests(draft, applicant={"name": "王建国",
                                                    "id_number": card().id_number})
    except FormInvalid as invalid:
        assert invalid.problems
        return
    for request in requests:
        assert check_form(schema, request.fields, TODAY) == []


@pytest.mark.parametrize("form_id", sorted(SCHEMAS))
def test_every_demo_form_filled_in_builds_a_request_the_platform_accepts(form_id):
    from tests.forms.helpers import valid_value

    schema = SCHEMAS[form_id]
    draft = Draft(Form.from_schema(schema), TODAY)
    for spec in draft.form.fields():
        assert draft.set(spec.name, valid_value(spec)) is None, spec.name
    for slot in schema.attachments:
        draft.add_scan(slot.kind, f"att-{slot.kind}")
    (request,) = build_requests(draft)
    assert check_form(schema, request.fields, TODAY) == []
    assert request.applicant.id_number == card().id_number
