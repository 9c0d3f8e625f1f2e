"""Forms filled in by the form engine, submitted to the reference platform on loopback through
the kiosk's platform service: three items and a bundle online, and an application kept in the
outbox while offline that arrives later, filed under the local reference its 受理回执 printed,
by which 办件查询 then finds it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.forms import (
    Draft,
    Form,
    NoForm,
    build_requests,
    form_for_bundle,
    form_for_item,
    local_reference,
    new_local_reference,
    receipt_reference,
)
from kiosk.platform.errors import PlatformRejected
from kiosk.platform_server import db
from kiosk.progress import find_by_number, find_by_receipt_qr
from tests.forms.helpers import card, valid_value
from tests.platform.test_offline import make_service, proxy, wait_until  # noqa: F401


@pytest.fixture
def service(platform, proxy, tmp_path):  # noqa: F811
    running = make_service(platform, proxy, tmp_path / "kiosk")
    yield running
    running.stop()


def filled(form: Form, today, card_key: str = "resident") -> Draft:
    draft = Draft(form, today)
    draft.prefill(card(card_key))
    for spec in form.fields():
        if spec.name not in draft.values:
            assert draft.set(spec.name, valid_value(spec, today)) is None, spec.name
    for slot in form.attachments:
        draft.mark_on_paper(slot.kind)
    return draft


def applications(platform):
    """This kiosk's applications (the reference platform also holds demo ones of its own)."""
    kiosk_id = platform.credentials.kiosk_id
    with platform.store.engine.connect() as conn:
        return conn.execute(select(db.applications)
                            .where(db.applications.c.kiosk_id == kiosk_id)).all()


@pytest.mark.parametrize(("item_id", "bundle_id", "form_id"), [
    ("ly-cfxk", None, "f-logging"), ("zj-zjd", None, "f-homestead"),
    ("qy-gtsl", None, "f-getihu"), (None, "yjs-kaidian", "f-bundle-shop")])
def test_items_and_a_bundle_are_submitted_online(service, platform, item_id, bundle_id,
                                                 form_id):
    catalogue = service.catalogue()
    form = (form_for_item(catalogue, item_id) if item_id
            else form_for_bundle(catalogue, bundle_id))
    draft = filled(form, service.today())
    (request,) = build_requests(draft)
    submission = service.submit_application(request)
    assert submission.sent
    number = receipt_reference(platform.credentials.kiosk_id, submission)
    assert number == submission.result.number and number.startswith("BK")
    (row,) = applications(platform)
    assert row.applicant_name == card().name and row.form_id == form_id


def test_a_merged_bundle_is_one_application_per_item(service, platform):
    merged = form_for_bundle(service.catalogue(), "yjs-jiuye")
    assert [s.schema.id for s in merged.sources] == ["f-employment", "f-pension"]
    draft = filled(merged, service.today(), "long_term")
    numbers = [service.submit_application(r).result.number for r in build_requests(draft)]
    rows = applications(platform)
    assert sorted(r.number for r in rows) == sorted(numbers)
    assert {r.bundle_id for r in rows} == {"yjs-jiuye"}
    assert {r.title for r in rows} == {"就业一件事"}


def test_offline_the_application_waits_in_the_outbox_and_arrives_later(service, platform,
                                                                        proxy):  # noqa: F811
    draft = filled(form_for_item(service.catalogue(), "ly-cfxk"), service.today())
    kiosk_id = platform.credentials.kiosk_id
    (request,) = build_requests(draft, local_reference=new_local_reference(kiosk_id))
    proxy.down = True
    submission = service.submit_application(request)
    assert not submission.sent
    reference = receipt_reference(kiosk_id, submission, request)
    assert reference == request.local_reference and reference.startswith(kiosk_id + "-")
    assert receipt_reference(kiosk_id, submission) == local_reference(kiosk_id, submission.key)
    assert applications(platform) == []
    proxy.down = False
    service.refresh_now()
    assert wait_until(lambda: service.outbox_stats().depth == 0)
    (row,) = applications(platform)
    assert row.form_id == "f-logging" and row.fields["species"] == "pine"
    assert row.local_reference == reference
    # 办件查询 by the reference on the receipt (typed, or read from its QR) finds it.
    (found,) = find_by_number(service, reference)
    assert found.number == row.number and found.local_reference == reference
    (by_qr,) = find_by_receipt_qr(service, reference)
    assert by_qr.number == row.number
    # The same application sent again under another key is the same application.
    again = service.submit_application(request)
    assert again.sent and again.result.number == row.number
    assert len(applications(platform)) == 1


def test_a_local_reference_of_another_kiosk_is_refused(service, platform):
    draft = filled(form_for_item(service.catalogue(), "ly-cfxk"), service.today())
    (request,) = build_requests(draft, local_reference=new_local_reference("KSK-OTHER-9"))
    with pytest.raises(PlatformRejected) as refused:
        service.submit_application(request)
    assert refused.value.status == 422
    assert applications(platform) == []


def test_a_bundles_further_applications_get_numbered_references(service):
    merged = form_for_bundle(service.catalogue(), "yjs-jiuye")
    draft = filled(merged, service.today(), "long_term")
    first, second = build_requests(draft, local_reference="BK-1-0123ABCD")
    assert (first.local_reference, second.local_reference) == ("BK-1-0123ABCD",
                                                                "BK-1-0123ABCD-2")


def test_which_form_for_an_item_or_a_bundle(service):
    catalogue = service.catalogue()
    birth = form_for_bundle(catalogue, "yjs-chusheng")
    assert isinstance(birth, Form) and birth.key == "f-bundle-birth@1"
    assert form_for_item(catalogue, "hj-csdj").item_id == "hj-csdj"
    with pytest.raises(NoForm) as caught:
        form_for_item(catalogue, "hj-sfz")  # renewing an ID card: at the window
    assert "窗口" in caught.value.message_zh
    with pytest.raises(NoForm):
        form_for_item(catalogue, "nothing")
    with pytest.raises(NoForm):
        form_for_bundle(catalogue, "yjs-jiuyi")  # no item of it has a form


def test_a_county_database_from_before_local_references_gets_the_column(tmp_path):
    from sqlalchemy import MetaData, Table, inspect

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    old = MetaData()
    Table("applications", old,
          *[c._copy() for c in db.applications.columns if c.name != "local_reference"])
    old.create_all(engine)
    db.create_tables(engine)
    db.create_tables(engine)  # and again: nothing to add the second time
    columns = {c["name"] for c in inspect(engine).get_columns("applications")}
    assert "local_reference" in columns
    engine.dispose()
