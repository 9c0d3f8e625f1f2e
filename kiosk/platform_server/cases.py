"""Attachments, applications, evaluations and help requests: the platform's side of what
citizens hand in at the kiosk."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from kiosk.masking import mask_name
from kiosk.platform.contract import (
    ATTACHMENT_MAX_BYTES,
    Application,
    ApplicationRequest,
    ApplicationStatus,
    Attachment,
    ErrorCode,
    Evaluation,
    EvaluationGrade,
    EvaluationReason,
    EvaluationRequest,
    HelpRequest,
    HelpRequestBody,
    HelpStatus,
    StatusEntry,
    attachment_id,
)
from kiosk.platform_server import db
from kiosk.platform_server.auth import KioskIdentity
from kiosk.platform_server.catalogue_store import CatalogueSnapshot
from kiosk.platform_server.form_check import check_form
from kiosk.platform_server.problems import ApiError
from kiosk.platform_server.store import Store, aware, insert_ignore, new_id, utc_naive

LOW_GRADES = {EvaluationGrade.DISSATISFIED, EvaluationGrade.VERY_DISSATISFIED}
EVALUATION_REASONS = [
    EvaluationReason(code="wait_long", name_zh="等候时间长", name_en="Waited too long"),
    EvaluationReason(code="attitude", name_zh="服务态度不好", name_en="Unfriendly staff"),
    EvaluationReason(code="materials_unclear", name_zh="材料要求不清楚",
                     name_en="Unclear about documents"),
    EvaluationReason(code="many_visits", name_zh="多次跑腿", name_en="Had to come back"),
    EvaluationReason(code="slow", name_zh="办理时间长", name_en="Took too long"),
    EvaluationReason(code="system_fault", name_zh="系统或设备故障",
                     name_en="System or device fault"),
    EvaluationReason(code="other", name_zh="其他", name_en="Other"),
]
REASON_CODES = {r.code for r in EVALUATION_REASONS}


def sniff_type(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def store_attachment(conn: Connection, store: Store, kiosk: KioskIdentity, key: str, kind: str,
                     page: int, declared: str, data: bytes) -> Attachment:
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ApiError(413, ErrorCode.ATTACHMENT_TOO_LARGE)
    actual = sniff_type(data)
    if actual is None or declared.split(";")[0].strip().lower() != actual:
        raise ApiError(415, ErrorCode.ATTACHMENT_BAD_TYPE)
    attachment = Attachment(id=attachment_id(kiosk.kiosk_id, key), kind=kind, page=page,
                            content_type=actual, size=len(data),
                            sha256=hashlib.sha256(data).hexdigest(), uploaded_at=store.now())
    conn.execute(db.attachments.insert().values(
        id=attachment.id, kiosk_id=kiosk.kiosk_id, kind=kind, page=page, content_type=actual,
        size=len(data), sha256=attachment.sha256, data=data,
        uploaded_at=utc_naive(attachment.uploaded_at)))
    return attachment


def add_working_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.isoweekday() <= 5:
            days -= 1
    return current


def _next_application_number(conn: Connection, store: Store) -> str:
    counters, day = db.ticket_counters, store.today()
    key = "__applications__"
    insert_ignore(conn, counters, {"category_id": key, "day": day, "next_number": 1,
                                   "waiting": 0, "priority_waiting": 0})
    number = conn.execute(update(counters).where(counters.c.category_id == key,
                                                 counters.c.day == day)
                          .values(next_number=counters.c.next_number + 1)
                          .returning(counters.c.next_number)).scalar_one() - 1
    return f"BK{day:%Y%m%d}-{number:05d}"


def application_model(store: Store, row: Any) -> Application:
    return Application(
        number=row.number, item_id=row.item_id, bundle_id=row.bundle_id, title=row.title,
        applicant_name_masked=mask_name(row.applicant_name), status=row.status,
        history=[StatusEntry.model_validate(h) for h in row.history],
        submitted_at=aware(row.submitted_at), promised_by=row.promised_by,
        status_url=store.url(f"/a/{row.number}"), local_reference=row.local_reference)


def submit_application(conn: Connection, store: Store, catalogue: CatalogueSnapshot,
                       kiosk: KioskIdentity, request: ApplicationRequest) -> Application:
    form = catalogue.forms.get(request.form_id)
    if form is None:
        raise ApiError(404, ErrorCode.FORM_NOT_FOUND)
    if request.form_version != form.version:
        raise ApiError(409, ErrorCode.FORM_VERSION_OUTDATED)
    if request.bundle_id:
        target = catalogue.bundles.get(request.bundle_id)
        if target is None:
            raise ApiError(404, ErrorCode.BUNDLE_NOT_FOUND)
        title, promised = target.name, target.promised_limit_days
    else:
        item = catalogue.items.get(request.item_id or form.item_id or "")
        if item is None:
            raise ApiError(404, ErrorCode.ITEM_NOT_FOUND)
        title, promised = item.name, item.guide.promised_limit_days
    problems = check_form(form, request.fields, store.today())
    if problems:
        raise ApiError(422, ErrorCode.FORM_INVALID, details=problems)
    if request.attachment_ids:
        found = set(conn.execute(select(db.attachments.c.id).where(
            db.attachments.c.id.in_(request.attachment_ids),
            db.attachments.c.kiosk_id == kiosk.kiosk_id)).scalars())
        if found != set(request.attachment_ids):
            raise ApiError(404, ErrorCode.ATTACHMENT_NOT_FOUND)
    if request.local_reference:
        # Filed already under this kiosk's offline reference (sent again under another key):
        # the same application, never a second one.
        known = conn.execute(select(db.applications.c.number).where(
            db.applications.c.local_reference == request.local_reference,
            db.applications.c.kiosk_id == kiosk.kiosk_id)).scalar()
        if known is not None:
            return find_application(conn, store, known)
        if not request.local_reference.startswith(kiosk.kiosk_id + "-"):
            raise ApiError(422, ErrorCode.INVALID_REQUEST, "本地编号不属于这台终端。",
                           "The local reference does not belong to this kiosk.")
    now = store.now()
    number = _next_application_number(conn, store)
    history = [StatusEntry(status=ApplicationStatus.SUBMITTED, at=now, note_zh="自助终端提交",
                           note_en="Submitted at a kiosk").model_dump(mode="json")]
    conn.execute(db.applications.insert().values(
        number=number, kiosk_id=kiosk.kiosk_id, item_id=request.item_id or form.item_id,
        bundle_id=request.bundle_id, form_id=form.id, title=title,
        applicant_name=request.applicant.name,
        identity_hash=store.identity_hash(request.applicant.id_number), fields=request.fields,
        attachment_ids=request.attachment_ids, ticket_id=request.ticket_id,
        status=ApplicationStatus.SUBMITTED, history=history, submitted_at=utc_naive(now),
        promised_by=add_working_days(store.today(), promised),
        local_reference=request.local_reference))
    return find_application(conn, store, number)


def find_application(conn: Connection, store: Store, number: str) -> Application:
    """By its number, or by the local reference a kiosk printed for it while offline."""
    table = db.applications
    row = conn.execute(select(table).where(table.c.number == number)).first()
    if row is None:
        row = conn.execute(select(table).where(table.c.local_reference == number)).first()
    if row is None:
        raise ApiError(404, ErrorCode.APPLICATION_NOT_FOUND)
    return application_model(store, row)


def applications_of(conn: Connection, store: Store, id_number: str) -> list[Application]:
    rows = conn.execute(select(db.applications).where(
        db.applications.c.identity_hash == store.identity_hash(id_number))
        .order_by(db.applications.c.submitted_at.desc()).limit(50)).all()
    return [application_model(store, row) for row in rows]


def evaluate(conn: Connection, store: Store, kiosk: KioskIdentity, request: EvaluationRequest
             ) -> Evaluation:
    if bool(request.ticket_id) == bool(request.application_number):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "请指定一张号票或一个办件。",
                       "Name either a ticket or an application.")
    if request.ticket_id:
        exists = conn.execute(select(db.tickets.c.id).where(
            db.tickets.c.id == request.ticket_id)).first()
        target = f"ticket:{request.ticket_id}"
    else:
        exists = conn.execute(select(db.applications.c.number).where(
            db.applications.c.number == request.application_number)).first()
        target = f"application:{request.application_number}"
    if exists is None:
        raise ApiError(404, ErrorCode.EVALUATION_TARGET_NOT_FOUND)
    if request.grade in LOW_GRADES and not request.reasons:
        raise ApiError(422, ErrorCode.EVALUATION_REASON_REQUIRED)
    if any(r not in REASON_CODES for r in request.reasons):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "评价原因不在列表中。",
                       "A reason is not one of the listed reasons.")
    if conn.execute(select(db.evaluations.c.id).where(
            db.evaluations.c.target == target)).first() is not None:
        raise ApiError(409, ErrorCode.EVALUATION_EXISTS)
    evaluation = Evaluation(id=new_id("ev"), ticket_id=request.ticket_id,
                            application_number=request.application_number, grade=request.grade,
                            reasons=request.reasons, created_at=store.now())
    conn.execute(db.evaluations.insert().values(
        id=evaluation.id, kiosk_id=kiosk.kiosk_id, target=target, grade=request.grade,
        reasons=request.reasons, comment=request.comment,
        created_at=utc_naive(evaluation.created_at)))
    return evaluation


HELP_MESSAGES = {
    HelpStatus.OPEN: ("已通知工作人员，请在原地稍候。", "Staff have been told; please wait here."),
    HelpStatus.ACKNOWLEDGED: ("工作人员正在赶来。", "A member of staff is on the way."),
    HelpStatus.RESOLVED: ("帮办已完成。", "Help has been given."),
    HelpStatus.CANCELLED: ("已取消呼叫。", "The call for help was cancelled."),
}


def help_model(row: Any) -> HelpRequest:
    zh, en = HELP_MESSAGES[HelpStatus(row.status)]
    return HelpRequest(id=row.id, kind=row.kind, status=row.status,
                       created_at=aware(row.created_at), message_zh=zh, message_en=en)


def ask_for_help(conn: Connection, store: Store, kiosk: KioskIdentity, body: HelpRequestBody
                 ) -> HelpRequest:
    help_id = new_id("h")
    conn.execute(db.help_requests.insert().values(
        id=help_id, kiosk_id=kiosk.kiosk_id, kind=body.kind, screen=body.screen, note=body.note,
        status=HelpStatus.OPEN, created_at=utc_naive(store.now())))
    return find_help(conn, kiosk, help_id)


def find_help(conn: Connection, kiosk: KioskIdentity | None, help_id: str) -> HelpRequest:
    row = conn.execute(select(db.help_requests).where(db.help_requests.c.id == help_id)).first()
    if row is None or (kiosk is not None and row.kiosk_id != kiosk.kiosk_id):
        raise ApiError(404, ErrorCode.HELP_REQUEST_NOT_FOUND)
    return help_model(row)


def cancel_help(conn: Connection, kiosk: KioskIdentity, help_id: str) -> HelpRequest:
    """The citizen cancels; help already given stays given."""
    current = find_help(conn, kiosk, help_id)
    if current.status in (HelpStatus.OPEN, HelpStatus.ACKNOWLEDGED):
        conn.execute(update(db.help_requests).where(db.help_requests.c.id == help_id)
                     .values(status=HelpStatus.CANCELLED))
    return find_help(conn, kiosk, help_id)


def set_help_status(conn: Connection, help_id: str, status: HelpStatus) -> HelpRequest:
    find_help(conn, None, help_id)
    conn.execute(update(db.help_requests).where(db.help_requests.c.id == help_id)
                 .values(status=status))
    return find_help(conn, None, help_id)
