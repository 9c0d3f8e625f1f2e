"""The platform's one error shape, and the exception handlers that give every failure it.

Handlers raise `ApiError(status, code)`; its Chinese and English sentences come from
`MESSAGES` unless the handler gives its own. FastAPI's own errors (validation, 404, 405) and
anything unexpected are turned into the same shape, so a kiosk never sees another.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.platform.contract import ErrorBody, ErrorCode, FieldProblem

log = logging.getLogger(__name__)

C = ErrorCode
MESSAGES: dict[str, tuple[str, str]] = {
    C.AUTH_MISSING: ("请求缺少终端签名。", "The request is not signed."),
    C.AUTH_UNKNOWN_KIOSK: ("平台不认识这台终端。", "This kiosk is not registered."),
    C.AUTH_BAD_SIGNATURE: ("终端签名不正确。", "The request signature is wrong."),
    C.AUTH_STALE_TIMESTAMP: ("终端时间与平台相差超过五分钟。",
                             "The kiosk's clock is more than five minutes off."),
    C.AUTH_REPLAYED_NONCE: ("重复的请求已被拒绝。", "A replayed request was refused."),
    C.AUTH_KIOSK_DISABLED: ("这台终端已被停用。", "This kiosk has been disabled."),
    C.ADMIN_KEY_REQUIRED: ("需要管理密钥。", "An administrator key is required."),
    C.INVALID_REQUEST: ("请求内容有误。", "The request is malformed."),
    C.NOT_FOUND: ("没有这个地址。", "There is nothing at this address."),
    C.METHOD_NOT_ALLOWED: ("不支持这种请求方式。", "This method is not allowed here."),
    C.IDEMPOTENCY_CONFLICT: ("同一请求编号用于了不同的内容。",
                             "This idempotency key was used for a different request."),
    C.INTERNAL_ERROR: ("平台内部错误，请稍后再试。",
                       "Internal error on the platform; please try again later."),
    C.CATEGORY_NOT_FOUND: ("没有这个业务类别。", "There is no such queue category."),
    C.CATEGORY_CLOSED: ("该业务现在不在办理时间内。", "This category is not open now."),
    C.PRIORITY_NOT_ALLOWED: ("该业务不设这种优先通道。",
                             "This category has no such priority lane."),
    C.TICKET_NOT_FOUND: ("没有找到这张号票。", "No such ticket."),
    C.BLOCK_NOT_FOUND: ("没有找到这段离线号码。", "No such offline number block."),
    C.BLOCK_NUMBER_INVALID: ("离线号码不在本终端预留的号段内或已被使用。",
                             "The offline number is outside this kiosk's block or used."),
    C.APPOINTMENT_NOT_FOUND: ("没有找到预约。", "No appointment was found."),
    C.APPOINTMENT_TOO_EARLY: ("还没到签到时间。", "It is too early to check in."),
    C.APPOINTMENT_TOO_LATE: ("已过签到时间。", "It is too late to check in."),
    C.APPOINTMENT_USED: ("这个预约已经签到过了。", "This appointment is already checked in."),
    C.APPOINTMENT_CANCELLED: ("这个预约已取消。", "This appointment was cancelled."),
    C.APPOINTMENT_NOT_YOURS: ("预约与身份证不符。",
                              "The appointment belongs to someone else."),
    C.APPOINTMENT_OTHER_HALL: ("这个预约不在本大厅办理。",
                               "This appointment is for another hall."),
    C.ITEM_NOT_FOUND: ("没有找到这个事项。", "No such service item."),
    C.BUNDLE_NOT_FOUND: ("没有找到这件“一件事”。", "No such life-event bundle."),
    C.FORM_NOT_FOUND: ("没有找到这张表单。", "No such form."),
    C.FORM_VERSION_OUTDATED: ("表单已更新，请重新填写。",
                              "The form has changed; please fill it in again."),
    C.ATTACHMENT_TOO_LARGE: ("扫描件太大。", "The scanned page is too large."),
    C.ATTACHMENT_BAD_TYPE: ("扫描件只能是JPEG图片或PDF文件。",
                            "A scanned page must be a JPEG image or a PDF."),
    C.ATTACHMENT_NOT_FOUND: ("没有找到扫描件。", "An attachment was not found."),
    C.FORM_INVALID: ("表单有填写错误。", "Some form fields are wrong."),
    C.APPLICATION_NOT_FOUND: ("没有找到这个办件。", "No such application."),
    C.EVALUATION_EXISTS: ("这次服务已经评价过了。", "This service has already been rated."),
    C.EVALUATION_REASON_REQUIRED: ("请选择不满意的原因。",
                                   "Please choose why you are not satisfied."),
    C.EVALUATION_TARGET_NOT_FOUND: ("没有找到要评价的号票或办件。",
                                    "The ticket or application to rate was not found."),
    C.HELP_REQUEST_NOT_FOUND: ("没有找到这个帮办请求。", "No such help request."),
    C.KIOSK_NOT_FOUND: ("没有这台终端。", "No such kiosk."),
}


class ApiError(Exception):
    """Raised by handlers: answered with `status` and the error shape."""

    def __init__(self, status: int, code: str, message_zh: str | None = None,
                 message_en: str | None = None, details: list[FieldProblem] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        zh, en = MESSAGES.get(code, ("请求被拒绝。", "The request was refused."))
        self.status = status
        self.body = ErrorBody(code=code, message_zh=message_zh or zh, message_en=message_en or en,
                              details=details or [])
        self.headers = headers
        super().__init__(f"{status} {code}")


def error_response(status: int, body: ErrorBody, headers: dict[str, str] | None = None
                   ) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _validation_problems(errors: list[dict[str, Any]]) -> list[FieldProblem]:
    problems = []
    for err in errors[:20]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        problems.append(FieldProblem(field=where, code=str(err.get("type", "invalid")),
                                     message_zh=f"{where}：内容有误", message_en=f"{where}: "
                                     f"{err.get('msg', 'invalid')}"))
    return problems


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.body, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        err = ApiError(422, C.INVALID_REQUEST, details=_validation_problems(list(exc.errors())))
        return error_response(422, err.body)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: C.NOT_FOUND, 405: C.METHOD_NOT_ALLOWED}.get(exc.status_code,
                                                               C.INVALID_REQUEST)
        return error_response(exc.status_code, ApiError(exc.status_code, code).body,
                              getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, ApiError(500, C.INTERNAL_ERROR).body)


# The error answers every kiosk endpoint may give, for the OpenAPI document.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "the body is not valid JSON"},
    401: {"model": ErrorBody, "description": "not signed, unknown kiosk, bad signature, "
                                             "stale timestamp or replayed nonce"},
    422: {"model": ErrorBody, "description": "the request does not follow the contract"},
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses one endpoint adds to the common ones."""
    return {status: {"model": ErrorBody} for status in statuses}
