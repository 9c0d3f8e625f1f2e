"""Endpoints for the hall, its queue, tickets, offline number blocks and appointments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from kiosk.platform.contract import (
    Appointment,
    AppointmentCheckIn,
    AppointmentLookup,
    CheckInResult,
    Hall,
    PrintState,
    QueueCategory,
    Ticket,
    TicketBlock,
    TicketBlockRequest,
    TicketRequest,
)
from kiosk.platform_server import appointments, tickets
from kiosk.platform_server.auth import KioskIdentity, signed_kiosk, signed_kiosk_for_write
from kiosk.platform_server.idempotency import IdempotencyHeader, idempotent
from kiosk.platform_server.problems import COMMON_RESPONSES, responses

router = APIRouter(prefix="/api/v1", responses=COMMON_RESPONSES)
Kiosk = Annotated[KioskIdentity, Depends(signed_kiosk)]
# Writes through `idempotent`: the nonce is recorded in the write's own transaction.
WritingKiosk = Annotated[KioskIdentity, Depends(signed_kiosk_for_write)]
Id = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/hall", response_model=Hall, tags=["queue"], summary="The hall this kiosk is in")
async def get_hall(request: Request, _kiosk: Kiosk) -> Hall:
    state = request.app.state
    return await state.store.run(state.book.hall)


@router.get("/categories", response_model=list[QueueCategory], tags=["queue"],
            summary="Queue categories with live figures")
async def get_categories(request: Request, _kiosk: Kiosk) -> list[QueueCategory]:
    state = request.app.state
    return await state.store.run(state.book.listing)


@router.post("/tickets", response_model=Ticket, status_code=201, tags=["queue"],
             summary="Issue a ticket, or record one issued offline from a block",
             responses=responses(404, 409))
async def post_ticket(request: Request, body: TicketRequest, kiosk: WritingKiosk,
                      key: IdempotencyHeader) -> object:
    state = request.app.state
    return await idempotent(request, kiosk, key, lambda conn: tickets.issue(
        conn, state.store, state.book, kiosk, body, key), status=201)


@router.get("/tickets/{ticket_id}", response_model=Ticket, tags=["queue"],
            summary="A ticket's status and place in the queue", responses=responses(404))
async def get_ticket(request: Request, ticket_id: Id, _kiosk: Kiosk) -> Ticket:
    state = request.app.state
    return await state.store.run(tickets.status, state.store, state.book, ticket_id)


@router.put("/tickets/{ticket_id}/print-state", response_model=Ticket, tags=["queue"],
            summary="Mark a ticket printed, or not printed and why", responses=responses(404))
async def put_print_state(request: Request, ticket_id: Id, body: PrintState,
                          kiosk: Kiosk) -> Ticket:
    state = request.app.state
    return await state.store.run(tickets.set_printed, state.store, state.book, kiosk, ticket_id,
                                 body.printed, body.reason)


@router.post("/ticket-blocks", response_model=TicketBlock, status_code=201, tags=["queue"],
             summary="Reserve a block of numbers for this kiosk's offline use",
             responses=responses(404, 409))
async def post_ticket_block(request: Request, body: TicketBlockRequest, kiosk: WritingKiosk,
                            key: IdempotencyHeader) -> object:
    state = request.app.state
    return await idempotent(request, kiosk, key, lambda conn: tickets.reserve_block(
        conn, state.store, state.book, kiosk, body), status=201)


@router.get("/ticket-blocks", response_model=list[TicketBlock], tags=["queue"],
            summary="This kiosk's blocks for today and later")
async def get_ticket_blocks(request: Request, kiosk: Kiosk) -> list[TicketBlock]:
    state = request.app.state
    return await state.store.run(tickets.blocks_of, state.store, state.book, kiosk)


@router.get("/appointments/{code}", response_model=Appointment, tags=["appointments"],
            summary="Look up an appointment by the code in its QR", responses=responses(404, 409))
async def get_appointment(request: Request, code: Id, kiosk: Kiosk) -> Appointment:
    return await request.app.state.store.run(appointments.by_code, kiosk, code)


@router.post("/appointments/lookup", response_model=list[Appointment], tags=["appointments"],
             summary="Today's appointments of the citizen whose ID card was read")
async def lookup_appointments(request: Request, body: AppointmentLookup,
                              kiosk: Kiosk) -> list[Appointment]:
    store = request.app.state.store
    return await store.run(appointments.of_citizen, store, kiosk, body.id_number)


@router.post("/appointments/check-in", response_model=CheckInResult, tags=["appointments"],
             summary="Check in by code, by ID card, or both; gives a ticket",
             responses=responses(403, 404, 409))
async def check_in(request: Request, body: AppointmentCheckIn, kiosk: WritingKiosk,
                   key: IdempotencyHeader) -> object:
    state = request.app.state
    return await idempotent(request, kiosk, key, lambda conn: appointments.check_in(
        conn, state.store, state.book, kiosk, body, key))
