"""HTML pages: the fleet page for county IT, and the public pages behind the QR codes on
tickets (`/q/{ticket}`), receipts (`/a/{number}`) and booking messages (`/y/{code}`, the
appointment QR a citizen shows the kiosk to check in). Plain server-side HTML, no scripts."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from kiosk.platform.contract import FleetKiosk, Level
from kiosk.platform_server import appointments, cases, fleet, tickets
from kiosk.platform_server.auth import administrator
from kiosk.platform_server.problems import ApiError

router = APIRouter(include_in_schema=False)
Id = Annotated[str, Path(min_length=1, max_length=64)]

STYLE = """
body{font-family:"Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em;
text-align:left;vertical-align:top}th{background:#f4f4f4}.ok{color:#1b7f3b}
.warning{color:#b26a00}.error{color:#c62828;font-weight:bold}.unknown{color:#777}
.summary span{margin-right:2em}small{color:#666}
"""


def _page(title: str, body: str, refresh: int | None = None) -> HTMLResponse:
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return HTMLResponse(f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8>{meta}"
                        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
                        f"<body>{body}</body></html>")


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "从未 never"
    seconds = int((now - moment).total_seconds())
    ago = f"{seconds} s" if seconds < 120 else f"{seconds // 60} min"
    return f"{moment.astimezone():%m-%d %H:%M:%S} <small>({ago})</small>"


def _row(kiosk: FleetKiosk, now: datetime) -> str:
    devices = "<br>".join(f'<span class="{escape(s.level)}">{escape(role)}: '
                          f"{escape(s.reason)}</span>" for role, s in kiosk.devices.items())
    alerts = "<br>".join(f'<span class="{escape(a.level)}">{escape(a.message_zh)} · '
                         f"{escape(a.message_en)}</span>" for a in kiosk.alerts)
    uptime = "" if kiosk.uptime_s is None else f"{kiosk.uptime_s / 3600:.1f} h"
    state = "" if kiosk.enabled else ' <span class="error">停用 disabled</span>'
    return (f"<tr><td><b>{escape(kiosk.kiosk_id)}</b>{state}<br><small>{escape(kiosk.name)}"
            f"</small></td><td>{escape(kiosk.hall_name)}</td>"
            f"<td>{_when(kiosk.last_heartbeat_at, now)}</td><td>{devices or '—'}</td>"
            f"<td>{kiosk.outbox_depth}<br><small>{kiosk.outbox_oldest_age_s:.0f} s</small></td>"
            f"<td>{escape(kiosk.app_version)}<br><small>{uptime}</small></td>"
            f"<td>{alerts or '<span class=ok>正常 OK</span>'}</td></tr>")


@router.get("/fleet", dependencies=[Depends(administrator)])
async def fleet_page(request: Request) -> HTMLResponse:
    store = request.app.state.store
    kiosks = await store.run(fleet.overview, store)
    now = store.now()
    errors = sum(any(a.level == Level.ERROR for a in k.alerts) for k in kiosks)
    warnings = sum(bool(k.alerts) for k in kiosks) - errors
    rows = "".join(_row(k, now) for k in kiosks)
    body = (f"<h1>终端运行状态 · Kiosk fleet</h1><p class=summary><span>终端 kiosks: "
            f"{len(kiosks)}</span><span class=error>故障 errors: {errors}</span>"
            f"<span class=warning>提醒 warnings: {warnings}</span>"
            f"<small>{now.astimezone(store.settings.tz):%Y-%m-%d %H:%M:%S}，每30秒刷新</small></p>"
            "<table><tr><th>终端 Kiosk</th><th>大厅 Hall</th><th>最后心跳 Last heartbeat</th>"
            "<th>设备 Devices</th><th>待发送 Outbox</th><th>版本 Version</th>"
            f"<th>告警 Alerts</th></tr>{rows}</table>"
            "<p><small>JSON: /api/v1/admin/kiosks</small></p>")
    return _page("终端运行状态", body, refresh=30)


@router.get("/q/{ticket_id}")
async def ticket_page(request: Request, ticket_id: Id) -> HTMLResponse:
    state = request.app.state
    try:
        ticket = await state.store.run(tickets.status, state.store, state.book, ticket_id)
    except ApiError:
        return _page("号票", "<h1>没有找到这张号票</h1><p>No such ticket.</p>")
    ahead = "—" if ticket.people_ahead is None else str(ticket.people_ahead)
    window = f"<p>请到 <b>{escape(ticket.window)}</b></p>" if ticket.window else ""
    return _page(ticket.number, f"<h1>{escape(ticket.number)}</h1><p>{escape(ticket.hall_name)}"
                 f" · {escape(ticket.category_name_zh)}</p><p>前面还有 {ahead} 人</p>{window}",
                 refresh=20)


@router.get("/a/{number}")
async def application_page(request: Request, number: Id) -> HTMLResponse:
    store = request.app.state.store
    try:
        app = await store.run(cases.find_application, store, number)
    except ApiError:
        return _page("办件", "<h1>没有找到这个办件</h1><p>No such application.</p>")
    history = "".join(f"<li>{h.at.astimezone(store.settings.tz):%Y-%m-%d %H:%M} "
                      f"{escape(h.status)} {escape(h.note_zh)}</li>" for h in app.history)
    return _page(app.number, f"<h1>{escape(app.title)}</h1><p>{escape(app.number)} · "
                 f"{escape(app.applicant_name_masked)}</p><ul>{history}</ul>")


@router.get("/y/{code}")
async def appointment_page(request: Request, code: Id) -> HTMLResponse:
    """What a phone shows when the booking message's QR is opened; the kiosk reads the code
    at the end of the same link to check in (kiosk/services/qr_payloads.py)."""
    store = request.app.state.store
    try:
        appointment = await store.run(appointments.public, code)
    except ApiError:
        return _page("预约", "<h1>没有找到这个预约</h1><p>No such appointment.</p>")
    start = appointment.slot_start.astimezone(store.settings.tz)
    end = appointment.slot_end.astimezone(store.settings.tz)
    return _page(appointment.code, f"<h1>{escape(appointment.item_name)}</h1>"
                 f"<p>预约码 {escape(appointment.code)} · "
                 f"{escape(appointment.holder_name_masked)}</p>"
                 f"<p>{start:%Y-%m-%d %H:%M}-{end:%H:%M}</p>"
                 "<p>到大厅后请在自助终端「预约签到」扫描本页二维码。</p>")
