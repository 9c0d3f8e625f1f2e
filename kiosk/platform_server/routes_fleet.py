"""Endpoints for kiosks reporting in (heartbeat, configuration) and for county IT (the
fleet, registering kiosks, pushing configuration and commands, moving the queue)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from kiosk.platform.contract import (
    Command,
    CommandRequest,
    FleetKiosk,
    Heartbeat,
    HeartbeatReply,
    HelpRequest,
    HelpStatus,
    KioskConfigPush,
    KioskRegistration,
    KioskRemoteConfig,
    RegisteredKiosk,
    Ticket,
)
from kiosk.platform_server import cases, fleet, tickets
from kiosk.platform_server.auth import KioskIdentity, administrator, signed_kiosk
from kiosk.platform_server.problems import COMMON_RESPONSES, responses

router = APIRouter(prefix="/api/v1", responses=COMMON_RESPONSES)
admin = APIRouter(prefix="/api/v1/admin", tags=["admin"], dependencies=[Depends(administrator)],
                  responses={**COMMON_RESPONSES, **responses(404)})
Kiosk = Annotated[KioskIdentity, Depends(signed_kiosk)]
Id = Annotated[str, Path(min_length=1, max_length=64)]


@router.post("/kiosk/heartbeat", response_model=HeartbeatReply, tags=["fleet"],
             summary="Report health; get the config version and pending commands")
async def post_heartbeat(request: Request, body: Heartbeat, kiosk: Kiosk) -> HeartbeatReply:
    store = request.app.state.store
    return await store.run(fleet.heartbeat, store, kiosk, body)


@router.get("/kiosk/config", response_model=KioskRemoteConfig, tags=["fleet"],
            summary="The settings the county pushed to this kiosk")
async def get_kiosk_config(request: Request, kiosk: Kiosk) -> KioskRemoteConfig:
    return await request.app.state.store.run(fleet.remote_config, kiosk.kiosk_id)


@admin.get("/kiosks", response_model=list[FleetKiosk], summary="Every kiosk and its alerts")
async def list_kiosks(request: Request) -> list[FleetKiosk]:
    store = request.app.state.store
    return await store.run(fleet.overview, store)


@admin.post("/kiosks", response_model=RegisteredKiosk, status_code=201,
            summary="Register a kiosk (or give it a new key); the key is shown once")
async def register_kiosk(request: Request, body: KioskRegistration) -> RegisteredKiosk:
    store = request.app.state.store
    registered = await store.run(fleet.register, store, body.kiosk_id, body.hall_id, body.name)
    request.app.state.kiosks.forget(body.kiosk_id)
    return registered


@admin.put("/kiosks/{kiosk_id}/config", response_model=KioskRemoteConfig,
           summary="Push settings (section.key → value) to one kiosk")
async def push_config(request: Request, kiosk_id: Id, body: KioskConfigPush
                      ) -> KioskRemoteConfig:
    store = request.app.state.store
    return await store.run(fleet.push_config, store, kiosk_id, body.settings)


@admin.post("/kiosks/{kiosk_id}/commands", response_model=Command, status_code=201,
            summary="Ask one kiosk to reload its config, reprint, or restart")
async def post_command(request: Request, kiosk_id: Id, body: CommandRequest) -> Command:
    store = request.app.state.store
    return await store.run(fleet.queue_command, store, kiosk_id, body.kind)


@admin.post("/categories/{category_id}/call-next", response_model=Ticket | None,
            summary="A counter calls the next ticket of a category (null when none waits)")
async def call_next(request: Request, category_id: Id,
                    window: Annotated[str, Query(max_length=32)] = "1号窗口") -> Ticket | None:
    state = request.app.state
    return await state.store.run(tickets.call_next, state.store, state.book, category_id,
                                 window)


@admin.put("/help-requests/{help_id}/status", response_model=HelpRequest,
           summary="Staff acknowledge or resolve a help request")
async def set_help_status(request: Request, help_id: Id,
                          status: Annotated[HelpStatus, Query()]) -> HelpRequest:
    return await request.app.state.store.run(cases.set_help_status, help_id, status)
