"""Kiosks as county IT manages them: registration, heartbeats, commands, pushed configuration,
and the fleet overview with its alerts."""

from __future__ import annotations

import itertools
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from kiosk.platform.contract import (
    Alert,
    Command,
    CommandKind,
    DeviceState,
    ErrorCode,
    FleetKiosk,
    Heartbeat,
    HeartbeatReply,
    KioskRemoteConfig,
    Level,
    RegisteredKiosk,
)
from kiosk.platform_server import db
from kiosk.platform_server.auth import KioskIdentity
from kiosk.platform_server.problems import ApiError
from kiosk.platform_server.store import Store, aware, new_id, utc_naive

STALE_AFTER = timedelta(minutes=3)
GROWTH_WINDOW = timedelta(minutes=30)
HISTORY_KEEP = timedelta(hours=24)


def register(conn: Connection, store: Store, kiosk_id: str, hall_id: str | None, name: str,
             secret: str | None = None) -> RegisteredKiosk:
    """Add a kiosk (or give an existing one a new key)."""
    hall = hall_id or store.settings.hall_id
    if conn.execute(select(db.halls.c.id).where(db.halls.c.id == hall)).first() is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "没有这个大厅。", "No such hall.")
    secret = secret or secrets.token_urlsafe(32)
    exists = conn.execute(select(db.kiosks.c.id).where(db.kiosks.c.id == kiosk_id)).first()
    if exists:
        conn.execute(update(db.kiosks).where(db.kiosks.c.id == kiosk_id)
                     .values(secret=secret, hall_id=hall, name=name, enabled=True))
    else:
        conn.execute(insert(db.kiosks).values(id=kiosk_id, hall_id=hall, name=name, secret=secret,
                                              enabled=True, created_at=utc_naive(store.now()),
                                              config_version=0, config={}))
    return RegisteredKiosk(kiosk_id=kiosk_id, hall_id=hall, secret_key=secret)


def heartbeat(conn: Connection, store: Store, kiosk: KioskIdentity, beat: Heartbeat
              ) -> HeartbeatReply:
    now = store.now()
    for result in beat.completed_commands:
        conn.execute(update(db.commands).where(db.commands.c.id == result.id,
                                               db.commands.c.kiosk_id == kiosk.kiosk_id,
                                               db.commands.c.done_at.is_(None))
                     .values(done_at=utc_naive(now), ok=result.ok, result=result.message[:500]))
    conn.execute(update(db.kiosks).where(db.kiosks.c.id == kiosk.kiosk_id).values(
        last_heartbeat_at=utc_naive(now), last_heartbeat=beat.model_dump(mode="json")))
    conn.execute(insert(db.heartbeats).values(kiosk_id=kiosk.kiosk_id, at=utc_naive(now),
                                              outbox_depth=beat.outbox_depth))
    conn.execute(delete(db.heartbeats).where(db.heartbeats.c.kiosk_id == kiosk.kiosk_id,
                                             db.heartbeats.c.at < utc_naive(now - HISTORY_KEEP)))
    version = conn.execute(select(db.kiosks.c.config_version)
                           .where(db.kiosks.c.id == kiosk.kiosk_id)).scalar_one()
    pending = conn.execute(select(db.commands).where(db.commands.c.kiosk_id == kiosk.kiosk_id,
                                                     db.commands.c.done_at.is_(None))
                           .order_by(db.commands.c.issued_at)).all()
    return HeartbeatReply(server_time=now, config_version=version,
                          commands=[Command(id=c.id, kind=c.kind, issued_at=aware(c.issued_at))
                                    for c in pending])


def remote_config(conn: Connection, kiosk_id: str) -> KioskRemoteConfig:
    row = conn.execute(select(db.kiosks.c.config_version, db.kiosks.c.config,
                              db.kiosks.c.config_updated_at)
                       .where(db.kiosks.c.id == kiosk_id)).first()
    if row is None:
        raise ApiError(404, ErrorCode.KIOSK_NOT_FOUND)
    return KioskRemoteConfig(version=row.config_version, settings=row.config or {},
                             updated_at=aware(row.config_updated_at))


def push_config(conn: Connection, store: Store, kiosk_id: str, settings: dict[str, Any]
                ) -> KioskRemoteConfig:
    current = remote_config(conn, kiosk_id)
    conn.execute(update(db.kiosks).where(db.kiosks.c.id == kiosk_id).values(
        config=settings, config_version=current.version + 1,
        config_updated_at=utc_naive(store.now())))
    return remote_config(conn, kiosk_id)


def queue_command(conn: Connection, store: Store, kiosk_id: str, kind: CommandKind) -> Command:
    if conn.execute(select(db.kiosks.c.id).where(db.kiosks.c.id == kiosk_id)).first() is None:
        raise ApiError(404, ErrorCode.KIOSK_NOT_FOUND)
    command = Command(id=new_id("cmd"), kind=kind, issued_at=store.now())
    conn.execute(insert(db.commands).values(id=command.id, kiosk_id=kiosk_id, kind=kind,
                                            issued_at=utc_naive(command.issued_at)))
    return command


def _alerts(now: datetime, last_at: datetime | None, beat: dict[str, Any] | None,
            depths: list[int]) -> list[Alert]:
    alerts = []
    if last_at is None:
        return [Alert(code="never_seen", level=Level.WARNING, message_zh="从未收到心跳",
                      message_en="No heartbeat ever received")]
    if now - last_at > STALE_AFTER:
        minutes = int((now - last_at).total_seconds() // 60)
        alerts.append(Alert(code="heartbeat_stale", level=Level.ERROR,
                            message_zh=f"已{minutes}分钟没有心跳",
                            message_en=f"No heartbeat for {minutes} min"))
    for role, state in (beat or {}).get("devices", {}).items():
        reason = state.get("reason", "")
        if reason in ("paper_low", "paper_out"):
            level = Level.WARNING if reason == "paper_low" else Level.ERROR
            low = reason == "paper_low"
            alerts.append(Alert(code=reason, level=level,
                                message_zh="打印纸将用尽" if low else "打印机缺纸",
                                message_en="Paper low" if low else "Paper out"))
        elif role == "platform":
            continue  # the kiosk's view of this very link: the heartbeat got here
        elif reason in ("missing", "offline"):
            alerts.append(Alert(code="device_missing", level=Level.ERROR,
                                message_zh=f"{role} 未连接", message_en=f"{role} missing"))
        elif state.get("level") == Level.ERROR and role != "platform":
            alerts.append(Alert(code="device_error", level=Level.ERROR,
                                message_zh=f"{role} 故障：{reason}",
                                message_en=f"{role} fault: {reason}"))
    if len(depths) >= 3 and all(b > a for a, b in itertools.pairwise(depths)):
        alerts.append(Alert(code="outbox_growing", level=Level.WARNING,
                            message_zh=f"待发送队列在增长（{depths[-1]}）",
                            message_en=f"Outbox growing ({depths[-1]})"))
    if (beat or {}).get("outbox_dead", 0):
        alerts.append(Alert(code="outbox_dead", level=Level.ERROR,
                            message_zh="有被平台拒收的待发送项",
                            message_en="Outbox items refused by the platform"))
    return alerts


def overview(conn: Connection, store: Store) -> list[FleetKiosk]:
    now = store.now()
    hall_names = dict(conn.execute(select(db.halls.c.id, db.halls.c.name)).all())
    since = utc_naive(now - GROWTH_WINDOW)
    depth_rows = conn.execute(select(db.heartbeats.c.kiosk_id, db.heartbeats.c.outbox_depth)
                              .where(db.heartbeats.c.at >= since)
                              .order_by(db.heartbeats.c.kiosk_id, db.heartbeats.c.at)).all()
    depths: dict[str, list[int]] = {}
    for kiosk_id, depth in depth_rows:
        depths.setdefault(kiosk_id, []).append(depth)
    out = []
    for row in conn.execute(select(db.kiosks).order_by(db.kiosks.c.hall_id, db.kiosks.c.id)):
        beat = row.last_heartbeat or {}
        last = aware(row.last_heartbeat_at)
        out.append(FleetKiosk(
            kiosk_id=row.id, hall_id=row.hall_id, hall_name=hall_names.get(row.hall_id, ""),
            name=row.name, enabled=row.enabled, last_heartbeat_at=last,
            app_version=beat.get("app_version", ""), uptime_s=beat.get("uptime_s"),
            devices={k: DeviceState.model_validate(v) for k, v in beat.get("devices", {}).items()},
            outbox_depth=beat.get("outbox_depth", 0),
            outbox_oldest_age_s=beat.get("outbox_oldest_age_s", 0),
            config_version=row.config_version,
            alerts=_alerts(now, last, beat, depths.get(row.id, [])[-6:])))
    return out
