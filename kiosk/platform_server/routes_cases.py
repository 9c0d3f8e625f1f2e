"""Endpoints for attachments, applications, evaluations and help requests."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request

from kiosk.platform.contract import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    Application,
    ApplicationLookup,
    ApplicationRequest,
    Attachment,
    Evaluation,
    EvaluationReason,
    EvaluationRequest,
    HelpRequest,
    HelpRequestBody,
)
from kiosk.platform_server import cases
from kiosk.platform_server.auth import KioskIdentity, signed_kiosk, signed_kiosk_for_write
from kiosk.platform_server.idempotency import IdempotencyHeader, idempotent
from kiosk.platform_server.problems import COMMON_RESPONSES, responses

router = APIRouter(prefix="/api/v1", responses=COMMON_RESPONSES, tags=["cases"])
Kiosk = Annotated[KioskIdentity, Depends(signed_kiosk)]
# Writes through `idempotent`: the nonce is recorded in the write's own transaction.
WritingKiosk = Annotated[KioskIdentity, Depends(signed_kiosk_for_write)]
Id = Annotated[str, Path(min_length=1, max_length=64)]

UPLOAD_BODY = {"requestBody": {"required": True, "content": {
    kind: {"schema": {"type": "string", "format": "binary", "maxLength": ATTACHMENT_MAX_BYTES}}
    for kind in ATTACHMENT_TYPES}}}


@router.post("/attachments", response_model=Attachment, status_code=201,
             summary="Upload one scanned page: the raw bytes of a JPEG or a PDF",
             description=f"At most {ATTACHMENT_MAX_BYTES} bytes; Content-Type image/jpeg or "
                         "application/pdf, matching the bytes. The attachment's id is "
                         "'att' + the first 24 hex digits of SHA-256(kiosk id + ':' + "
                         "Idempotency-Key), so a kiosk knows it before the upload.",
             openapi_extra=UPLOAD_BODY, responses=responses(409, 413, 415))
async def post_attachment(request: Request, kiosk: WritingKiosk, key: IdempotencyHeader,
                          kind: Annotated[str, Query(pattern=r"^[a-z][a-z0-9_]{0,63}$")],
                          page: Annotated[int, Query(ge=1, le=50)] = 1,
                          content_type: Annotated[str, Header(alias="Content-Type")] = ""
                          ) -> object:
    store = request.app.state.store
    data = await request.body()
    return await idempotent(request, kiosk, key, lambda conn: cases.store_attachment(
        conn, store, kiosk, key, kind, page, content_type, data), status=201)


@router.post("/applications", response_model=Application, status_code=201,
             summary="Submit an application (办件) with its form and attachments",
             responses=responses(404, 409))
async def post_application(request: Request, body: ApplicationRequest, kiosk: WritingKiosk,
                           key: IdempotencyHeader) -> object:
    store = request.app.state.store
    snap = store.catalogue()
    return await idempotent(request, kiosk, key, lambda conn: cases.submit_application(
        conn, store, snap, kiosk, body), status=201)


@router.get("/applications/{number}", response_model=Application, responses=responses(404),
            summary="An application's status and history, by its number")
async def get_application(request: Request, number: Id, _kiosk: Kiosk) -> Application:
    store = request.app.state.store
    return await store.run(cases.find_application, store, number)


@router.post("/applications/lookup", response_model=list[Application],
             summary="The applications of the citizen whose ID card was read")
async def lookup_applications(request: Request, body: ApplicationLookup,
                              _kiosk: Kiosk) -> list[Application]:
    store = request.app.state.store
    return await store.run(cases.applications_of, store, body.id_number)


@router.get("/evaluation-reasons", response_model=list[EvaluationReason],
            summary="Why a citizen is not satisfied: the reasons to choose from")
async def get_evaluation_reasons(_kiosk: Kiosk) -> list[EvaluationReason]:
    return cases.EVALUATION_REASONS


@router.post("/evaluations", response_model=Evaluation, status_code=201,
             summary="好差评: one per ticket or application; low grades need a reason",
             responses=responses(404, 409))
async def post_evaluation(request: Request, body: EvaluationRequest, kiosk: WritingKiosk,
                          key: IdempotencyHeader) -> object:
    store = request.app.state.store
    return await idempotent(request, kiosk, key, lambda conn: cases.evaluate(
        conn, store, kiosk, body), status=201)


@router.post("/help-requests", response_model=HelpRequest, status_code=201,
             summary="帮办: call a member of staff to this kiosk", responses=responses(409))
async def post_help_request(request: Request, body: HelpRequestBody, kiosk: WritingKiosk,
                            key: IdempotencyHeader) -> object:
    store = request.app.state.store
    return await idempotent(request, kiosk, key, lambda conn: cases.ask_for_help(
        conn, store, kiosk, body), status=201)


@router.post("/help-requests/{help_id}/cancel", response_model=HelpRequest,
             responses=responses(404, 409),
             summary="The citizen no longer needs the help asked for")
async def cancel_help_request(request: Request, help_id: Id, kiosk: WritingKiosk,
                              key: IdempotencyHeader) -> object:
    return await idempotent(request, kiosk, key, lambda conn: cases.cancel_help(
        conn, kiosk, help_id))


@router.get("/help-requests/{help_id}", response_model=HelpRequest, responses=responses(404),
            summary="Whether staff are on their way")
async def get_help_request(request: Request, help_id: Id, kiosk: Kiosk) -> HelpRequest:
    return await request.app.state.store.run(cases.find_help, kiosk, help_id)
