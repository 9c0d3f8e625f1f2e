"""Kiosks as county IT sees them: the heartbeat each sends, the commands and configuration the
platform sends back, and the fleet overview.

The heartbeat answer carries the current configuration version and any pending commands; a
kiosk reports the commands it carried out in its next heartbeat.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from kiosk.platform.contract.common import ContractModel, Level

__all__ = [
    "Alert",
    "Command",
    "CommandKind",
    "CommandRequest",
    "CommandResult",
    "DeviceState",
    "FleetKiosk",
    "Heartbeat",
    "HeartbeatReply",
    "KioskConfigPush",
    "KioskRegistration",
    "KioskRemoteConfig",
    "RegisteredKiosk",
]

SettingValue = str | int | float | bool | list[str]


class DeviceState(ContractModel):
    level: Level
    reason: str = Field(description="a reason code, e.g. ready, paper_low, paper_out, missing")
    detail: str = ""


class CommandKind(StrEnum):
    RELOAD_CONFIG = "reload_config"
    REPRINT_LAST_TICKET = "reprint_last_ticket"
    RESTART_APP = "restart_app"


class CommandResult(ContractModel):
    id: str
    ok: bool
    message: str = ""


class Heartbeat(ContractModel):
    sent_at: datetime
    app_version: str
    config_version: int = Field(0, ge=0)
    uptime_s: float = Field(ge=0)
    devices: dict[str, DeviceState] = Field(
        default_factory=dict, description="by role: printer, id_reader, camera, platform")
    counters: dict[str, int] = Field(default_factory=dict,
                                     description="e.g. tickets_printed, forms_submitted")
    versions: dict[str, str] = Field(default_factory=dict, description="component versions")
    outbox_depth: int = Field(0, ge=0)
    outbox_oldest_age_s: float = Field(0, ge=0)
    outbox_dead: int = Field(0, ge=0, description="items the platform refused for good")
    completed_commands: list[CommandResult] = Field(default_factory=list)


class Command(ContractModel):
    id: str
    kind: CommandKind
    issued_at: datetime


class HeartbeatReply(ContractModel):
    server_time: datetime
    config_version: int = Field(ge=0)
    commands: list[Command]


class KioskRemoteConfig(ContractModel):
    """Settings the county pushes to one kiosk, as `section.key` → value (the same keys as
    `kiosk run --set`)."""

    version: int = Field(ge=0)
    settings: dict[str, SettingValue] = Field(default_factory=dict)
    updated_at: datetime | None = None


class KioskConfigPush(ContractModel):
    settings: dict[str, SettingValue]


class CommandRequest(ContractModel):
    kind: CommandKind


class KioskRegistration(ContractModel):
    kiosk_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")
    hall_id: str | None = None
    name: str = Field("", max_length=64)


class RegisteredKiosk(ContractModel):
    kiosk_id: str
    hall_id: str
    secret_key: str = Field(description="shown once; put it in the kiosk's key file")


class Alert(ContractModel):
    code: str = Field(description="heartbeat_stale, paper_low, paper_out, device_missing, "
                                  "device_error, outbox_growing, outbox_dead, never_seen")
    level: Level
    message_zh: str
    message_en: str


class FleetKiosk(ContractModel):
    kiosk_id: str
    hall_id: str
    hall_name: str
    name: str
    enabled: bool
    last_heartbeat_at: datetime | None = None
    app_version: str = ""
    uptime_s: float | None = None
    devices: dict[str, DeviceState] = Field(default_factory=dict)
    outbox_depth: int = 0
    outbox_oldest_age_s: float = 0
    config_version: int = 0
    alerts: list[Alert]
