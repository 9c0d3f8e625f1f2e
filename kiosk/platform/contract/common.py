"""What every part of the contract shares: the one error shape and its codes, and base models.

Every refusal the platform makes has the same body:

    {"code": "appointment_too_early", "message_zh": "……", "message_en": "…", "details": [...]}

`code` is for programs (the kiosk decides what to show by it), the two messages are for people.
`details` lists field-level problems for form validation.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "IDEMPOTENCY_KEY_PATTERN",
    "ContractModel",
    "ErrorBody",
    "ErrorCode",
    "FieldProblem",
    "IdNumber",
    "IdempotencyKey",
    "Level",
    "LocalText",
    "Phone",
    "Timestamped",
]

IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"

IdempotencyKey = Annotated[str, StringConstraints(pattern=IDEMPOTENCY_KEY_PATTERN)]
# A resident ID number (GB 11643: 17 digits and a check character) or another card's number.
IdNumber = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{6,20}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9-]{5,20}$")]


class ContractModel(BaseModel):
    """Base of every contract model. Unknown fields are ignored, so a kiosk keeps working
    against a newer platform that adds fields."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class LocalText(ContractModel):
    """A text in Chinese and English."""

    zh: str
    en: str = ""


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    UNKNOWN = "unknown"


class ErrorCode(StrEnum):
    # authentication (401) and permissions (403)
    AUTH_MISSING = "auth_missing"
    AUTH_UNKNOWN_KIOSK = "auth_unknown_kiosk"
    AUTH_BAD_SIGNATURE = "auth_bad_signature"
    AUTH_STALE_TIMESTAMP = "auth_stale_timestamp"
    AUTH_REPLAYED_NONCE = "auth_replayed_nonce"
    AUTH_KIOSK_DISABLED = "auth_kiosk_disabled"
    ADMIN_KEY_REQUIRED = "admin_key_required"
    # the request itself
    INVALID_REQUEST = "invalid_request"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    INTERNAL_ERROR = "internal_error"
    # queue
    CATEGORY_NOT_FOUND = "category_not_found"
    CATEGORY_CLOSED = "category_closed"
    PRIORITY_NOT_ALLOWED = "priority_not_allowed"
    TICKET_NOT_FOUND = "ticket_not_found"
    BLOCK_NOT_FOUND = "block_not_found"
    BLOCK_NUMBER_INVALID = "block_number_invalid"
    # appointments
    APPOINTMENT_NOT_FOUND = "appointment_not_found"
    APPOINTMENT_TOO_EARLY = "appointment_too_early"
    APPOINTMENT_TOO_LATE = "appointment_too_late"
    APPOINTMENT_USED = "appointment_used"
    APPOINTMENT_CANCELLED = "appointment_cancelled"
    APPOINTMENT_NOT_YOURS = "appointment_not_yours"
    APPOINTMENT_OTHER_HALL = "appointment_other_hall"
    # catalogue
    ITEM_NOT_FOUND = "item_not_found"
    BUNDLE_NOT_FOUND = "bundle_not_found"
    FORM_NOT_FOUND = "form_not_found"
    FORM_VERSION_OUTDATED = "form_version_outdated"
    # cases
    ATTACHMENT_TOO_LARGE = "attachment_too_large"
    ATTACHMENT_BAD_TYPE = "attachment_bad_type"
    ATTACHMENT_NOT_FOUND = "attachment_not_found"
    FORM_INVALID = "form_invalid"
    APPLICATION_NOT_FOUND = "application_not_found"
    EVALUATION_EXISTS = "evaluation_exists"
    EVALUATION_REASON_REQUIRED = "evaluation_reason_required"
    EVALUATION_TARGET_NOT_FOUND = "evaluation_target_not_found"
    HELP_REQUEST_NOT_FOUND = "help_request_not_found"
    KIOSK_NOT_FOUND = "kiosk_not_found"


class FieldProblem(ContractModel):
    """One form field that is wrong, and why."""

    field: str
    code: str = Field(description="required, too_long, pattern, check_digit, range, choice, …")
    message_zh: str
    message_en: str


class ErrorBody(ContractModel):
    """The platform's one error shape."""

    code: str = Field(description="a machine code from ErrorCode; new codes may appear")
    message_zh: str
    message_en: str
    details: list[FieldProblem] = Field(default_factory=list)


class Timestamped(ContractModel):
    server_time: datetime
