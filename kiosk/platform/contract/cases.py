"""What citizens hand in: attachments (scanned pages), applications (办件) with their status
history, 好差评 evaluations and 帮办 help requests.

Attachments are uploaded as the raw bytes of one JPEG page or one PDF; their limits are in
`ATTACHMENT_TYPES` and `ATTACHMENT_MAX_BYTES`.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from kiosk.platform.contract.common import ContractModel, IdNumber, Phone

__all__ = [
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_TYPES",
    "LOCAL_REFERENCE_PATTERN",
    "Applicant",
    "Application",
    "ApplicationLookup",
    "ApplicationRequest",
    "ApplicationStatus",
    "Attachment",
    "Evaluation",
    "EvaluationGrade",
    "EvaluationReason",
    "EvaluationRequest",
    "HelpKind",
    "HelpRequest",
    "HelpRequestBody",
    "HelpStatus",
    "StatusEntry",
    "attachment_id",
]

ATTACHMENT_TYPES = ("image/jpeg", "application/pdf")
ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024


def attachment_id(kiosk_id: str, idempotency_key: str) -> str:
    """An attachment's id, known to the kiosk before the upload arrives: an application queued
    offline can name its attachments before they are sent."""
    digest = hashlib.sha256(f"{kiosk_id}:{idempotency_key}".encode()).hexdigest()
    return "att" + digest[:24]


class Attachment(ContractModel):
    id: str
    kind: str = Field(description="the form's attachment slot, e.g. id_card_front")
    page: int = Field(ge=1)
    content_type: str
    size: int = Field(ge=1)
    sha256: str
    uploaded_at: datetime


# A kiosk's offline reference: its kiosk id, a dash, eight hex digits (KSK-BK-001-3F9A2C7D),
# and for the further applications of a 一件事 a dash and their place (…-3F9A2C7D-2).
LOCAL_REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,40}-[0-9A-F]{8}(-[0-9]{1,2})?$"


class Applicant(ContractModel):
    name: str = Field(min_length=1, max_length=64)
    id_number: IdNumber
    phone: Phone | None = None


class ApplicationRequest(ContractModel):
    item_id: str | None = Field(None, description="the item applied for, or")
    bundle_id: str | None = Field(None, description="the 一件事 bundle applied for")
    form_id: str
    form_version: int = Field(ge=1)
    applicant: Applicant
    fields: dict[str, Any] = Field(description="form field name → value as the form defines")
    attachment_ids: list[str] = Field(default_factory=list, max_length=100)
    ticket_id: str | None = None
    local_reference: str | None = Field(
        None, pattern=LOCAL_REFERENCE_PATTERN, max_length=64,
        description="the reference the kiosk printed on the 受理回执 while the application "
                    "waited in its outbox (offline); the platform files the application under "
                    "it as well, so a lookup by it finds the application once it has arrived")


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"      # 已提交
    ACCEPTED = "accepted"        # 已受理
    IN_REVIEW = "in_review"      # 审查中
    NEED_MORE = "need_more"      # 需补正
    APPROVED = "approved"        # 已办结（准予）
    REJECTED = "rejected"        # 不予受理 / 不予许可
    READY = "ready"              # 待领取
    COLLECTED = "collected"      # 已领取


class StatusEntry(ContractModel):
    status: ApplicationStatus
    at: datetime
    note_zh: str = ""
    note_en: str = ""


class Application(ContractModel):
    number: str = Field(description="the application number on the receipt, e.g. BK20261122-0001")
    item_id: str | None = None
    bundle_id: str | None = None
    title: str
    applicant_name_masked: str
    status: ApplicationStatus
    history: list[StatusEntry]
    submitted_at: datetime
    promised_by: date | None = None
    status_url: str = Field(description="for the receipt's QR code")
    local_reference: str | None = Field(
        None, description="the kiosk's offline reference, when it was submitted with one")


class ApplicationLookup(ContractModel):
    id_number: IdNumber


class EvaluationGrade(StrEnum):
    """五级评价, best first."""

    VERY_SATISFIED = "very_satisfied"            # 非常满意
    SATISFIED = "satisfied"                      # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"                # 不满意
    VERY_DISSATISFIED = "very_dissatisfied"      # 非常不满意


class EvaluationReason(ContractModel):
    code: str
    name_zh: str
    name_en: str


class EvaluationRequest(ContractModel):
    """One evaluation per ticket or per application; the two low grades need a reason."""

    ticket_id: str | None = None
    application_number: str | None = None
    grade: EvaluationGrade
    reasons: list[str] = Field(default_factory=list, max_length=10,
                               description="reason codes; required for the two low grades")
    comment: str = Field("", max_length=500)


class Evaluation(ContractModel):
    id: str
    ticket_id: str | None = None
    application_number: str | None = None
    grade: EvaluationGrade
    reasons: list[str]
    created_at: datetime


class HelpKind(StrEnum):
    GENERAL = "general"    # 需要帮助
    ELDERLY = "elderly"    # 老年人帮办
    DISABLED = "disabled"
    FORM = "form"          # 填表帮办
    DEVICE = "device"      # 设备故障


class HelpRequestBody(ContractModel):
    kind: HelpKind = HelpKind.GENERAL
    screen: str = Field("", max_length=64, description="the screen the citizen was on")
    note: str = Field("", max_length=200)


class HelpStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"  # the citizen no longer needs it


class HelpRequest(ContractModel):
    id: str
    kind: HelpKind
    status: HelpStatus
    created_at: datetime
    message_zh: str
    message_en: str
