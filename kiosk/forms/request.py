"""From a finished draft to what `core.platform.submit_application` takes.

    requests = build_requests(draft, ticket_id=ticket.id,    # one per platform form
                              local_reference=new_local_reference(kiosk_id))
    submission = core.platform.submit_application(requests[0])   (on a worker thread)
    reference = receipt_reference(kiosk_id, submission, requests[0])

Nothing wrong gets through: `build_requests` checks every field and every required material
again and raises `FormInvalid` (with the problems, in the citizen's words) instead of building
a request from a draft that is not complete. A bundle merged from several items' forms gives
one request per item form, each with that form's own field names and materials.

Offline, `submit_application` keeps the request in the encrypted outbox and returns a
`Submission` that is not `sent`; the citizen's 受理回执 then carries `receipt_reference`: the
request's local reference, which the platform files the application under when it arrives
(`ApplicationRequest.local_reference`), so 办件查询 by it finds the application afterwards; the
outbox's idempotency key makes sure the same application is never made twice.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from pydantic import ValidationError

from kiosk.forms.draft import Draft
from kiosk.forms.messages import Problem, problem
from kiosk.forms.values import wire_value
from kiosk.platform.contract import Applicant, ApplicationRequest

APPLICANT_FIELDS = {"name": "name", "id_number": "id_number", "phone": "phone"}


class FormInvalid(ValueError):
    """The draft cannot be submitted yet; `problems` says what to fix, field by field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.message_zh = f"还有{len(problems)}项需要填写或改正"
        self.message_en = f"{len(problems)} fields still need attention"
        super().__init__(self.message_en + ": " + ", ".join(p.field for p in problems))


def build_requests(draft: Draft, *, ticket_id: str | None = None,
                   applicant: dict[str, str] | None = None,
                   local_reference: str | None = None) -> list[ApplicationRequest]:
    """The application(s) for the draft, or `FormInvalid`. `applicant` supplies name,
    id_number and phone for a form that does not ask them (normally the ID card's).
    `local_reference` (from `new_local_reference`) goes with the first application, and with
    `-2`, `-3`… after it with the further ones of a 一件事: the platform files each under it,
    so the reference on an offline 受理回执 finds the application once it has arrived."""
    problems = draft.problems() + draft.missing_materials()
    if problems:
        raise FormInvalid(problems)
    person = _applicant(draft, applicant or {})
    requests = []
    for source in draft.form.sources:
        fields: dict[str, Any] = {}
        for name in source.field_names:
            value = draft.values.get(name)
            if value is not None:
                fields[name] = wire_value(value)
        kinds = [slot.kind for slot in source.schema.attachments]
        attachment_ids = [a for kind in kinds for a in draft.scans.get(kind, [])]
        requests.append(ApplicationRequest(
            item_id=source.item_id, bundle_id=source.bundle_id, form_id=source.schema.id,
            form_version=source.schema.version, applicant=person, fields=fields,
            attachment_ids=attachment_ids, ticket_id=ticket_id,
            local_reference=_nth_reference(local_reference, len(requests))))
    return requests


def _nth_reference(reference: str | None, index: int) -> str | None:
    if reference is None or index == 0:
        return reference
    return f"{reference}-{index + 1}"


def build_request(draft: Draft, *, ticket_id: str | None = None,
                  applicant: dict[str, str] | None = None) -> ApplicationRequest:
    """The one application for a draft of a single platform form."""
    requests = build_requests(draft, ticket_id=ticket_id, applicant=applicant)
    if len(requests) != 1:
        raise ValueError(f"{draft.form.key} makes {len(requests)} applications: "
                         "use build_requests")
    return requests[0]


def _applicant(draft: Draft, given: dict[str, str]) -> Applicant:
    data = {key: given[key] for key in APPLICANT_FIELDS if given.get(key)}
    for key, name in APPLICANT_FIELDS.items():
        value = draft.values.get(name)
        if draft.form.has_field(name) and isinstance(value, str) and value:
            data[key] = value
    try:
        return Applicant(**data)
    except ValidationError as exc:
        missing = [problem(str(error["loc"][0]), "required", "required")
                   for error in exc.errors() if error["loc"]]
        raise FormInvalid(missing) from None


def local_reference(kiosk_id: str, idempotency_key: str) -> str:
    """A reference for an application still in the outbox: the kiosk and a digest of the key
    it will be sent with, e.g. `KSK-BK-001-3F9A2C7D`. Stable, so a reprint says the same."""
    digest = hashlib.sha256(f"{kiosk_id}:{idempotency_key}".encode()).hexdigest()[:8]
    return f"{kiosk_id}-{digest.upper()}"


def new_local_reference(kiosk_id: str) -> str:
    """A fresh local reference for an application about to be submitted (see
    `build_requests`)."""
    return local_reference(kiosk_id, uuid.uuid4().hex)


def receipt_reference(kiosk_id: str, submission: Any,
                      request: ApplicationRequest | None = None) -> str:
    """The application number when the platform has answered, else the local reference: the
    one `request` carries (which the platform honours), or one made from the outbox key."""
    result = getattr(submission, "result", None)
    if getattr(submission, "sent", False) and getattr(result, "number", None):
        return str(result.number)
    if request is not None and request.local_reference:
        return request.local_reference
    return local_reference(kiosk_id, submission.key)
