"""Applying a changed configuration to the running kiosk, without a restart where possible.

The technician screen's save, the platform's "reload config" command and settings the county
pushes all end here with a new, already validated `KioskConfig`:

    result = apply_config(core, new_config)   # on a worker thread: devices are reopened
    result.applied          # ["devices.printer", "kiosk.idle_timeout_s"]
    result.needs_restart    # ["kiosk.orientation"]: the window is built once

What can change in place: the devices (the printer and the card reader are closed and opened
again with their new URLs), the platform link (rebuilt), the idle timeout, the PIN, the
heartbeat interval, the log level, and settings the screens read each time they need them
(default language and elderly mode, speech mode). Everything else is saved and takes effect
at the next start; the technician screen offers to restart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.config import KioskConfig, load_config

if TYPE_CHECKING:
    from kiosk.bootstrap import Core

log = logging.getLogger(__name__)

# Read from core.config whenever used: nothing to do but replace core.config.
READ_WHEN_USED = frozenset({
    "kiosk.default_language", "kiosk.elderly_mode_default", "speech.mode",
    "platform.submit_wait_s",
})
HOT = frozenset({
    "devices.printer", "devices.id_reader", "devices.camera", "kiosk.idle_timeout_s",
    "technician.pin_hash",
    "monitoring.heartbeat_interval_s", "logging.level",
}) | READ_WHEN_USED
# Any platform.* key rebuilds the link.
PLATFORM_PREFIX = "platform."


@dataclass(frozen=True)
class ConfigSource:
    """Where the running configuration came from, so it can be read again."""

    path: Path
    overrides: tuple[str, ...] = ()

    def load(self, extra: Sequence[str] = ()) -> KioskConfig:
        return load_config(self.path, [*self.overrides, *extra])


@dataclass
class ApplyResult:
    applied: list[str] = field(default_factory=list)
    needs_restart: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied or self.needs_restart or self.failed)

    def summary(self) -> str:
        parts = []
        if self.applied:
            parts.append("applied: " + ", ".join(self.applied))
        if self.needs_restart:
            parts.append("after a restart: " + ", ".join(self.needs_restart))
        if self.failed:
            parts.append("failed: " + ", ".join(self.failed))
        return "; ".join(parts) or "nothing changed"


def flatten(config: KioskConfig) -> dict[str, Any]:
    """`section.key` → value, secrets compared by their value."""
    out: dict[str, Any] = {}
    for section_name in type(config).model_fields:
        section = getattr(config, section_name)
        for key in type(section).model_fields:
            value = getattr(section, key)
            if hasattr(value, "get_secret_value"):
                value = value.get_secret_value()
            out[f"{section_name}.{key}"] = value
    return out


def differences(old: KioskConfig, new: KioskConfig) -> list[str]:
    before, after = flatten(old), flatten(new)
    return sorted(key for key in after if before.get(key) != after[key])


_apply_lock = threading.Lock()


def apply_config(core: Core, new: KioskConfig) -> ApplyResult:
    """Make the running `core` follow `new`. Blocks (devices reopen): call off the UI thread."""
    with _apply_lock:
        changed = differences(core.config, new)
        result = ApplyResult()
        if not changed:
            return result
        old, core.config = core.config, new
        platform_keys = [k for k in changed if k.startswith(PLATFORM_PREFIX)
                         and k not in READ_WHEN_USED]
        for key in changed:
            if key in HOT:
                try:
                    _apply_one(core, key, new)
                    result.applied.append(key)
                except Exception as exc:
                    log.exception("could not apply %s", key)
                    result.failed.append(f"{key} ({exc})")
            elif key not in platform_keys:
                result.needs_restart.append(key)
        if platform_keys:
            try:
                _rebuild_platform(core, new)
                result.applied.extend(platform_keys)
            except Exception as exc:
                log.exception("could not rebuild the platform link")
                result.failed.extend(f"{k} ({exc})" for k in platform_keys)
        log.warning("configuration applied", extra={"applied": result.applied,
                                                    "needs_restart": result.needs_restart,
                                                    "failed": result.failed,
                                                    "kiosk_id": old.kiosk.id})
        return result


def _apply_one(core: Core, key: str, new: KioskConfig) -> None:
    if key in READ_WHEN_USED:
        return
    if key == "devices.printer":
        _replace_printer(core, new.devices.printer)
    elif key == "devices.id_reader":
        _replace_reader(core, new.devices.id_reader)
    elif key == "devices.camera":
        _replace_camera(core, new.devices.camera)
    elif key == "kiosk.idle_timeout_s":
        core.idle.set_timeout(new.kiosk.idle_timeout_s)
    elif key == "technician.pin_hash":
        core.pin.replace_hash(new.technician.pin_hash)
    elif key == "monitoring.heartbeat_interval_s":
        if core.monitoring.heartbeat is not None:
            core.monitoring.heartbeat.interval_s = new.monitoring.heartbeat_interval_s
    elif key == "logging.level":
        logging.getLogger().setLevel(new.logging.level)


def _replace_printer(core: Core, url: str) -> None:
    from kiosk.printing import PrinterService

    fresh = PrinterService(url, fonts=core.fonts, health=core.health,
                           sim_dir=core.config.kiosk.state_dir / "printer-sim")
    old, core.printer = core.printer, fresh
    old.close()
    fresh.metrics = core.metrics
    fresh.start()


def _replace_camera(core: Core, url: str) -> None:
    from kiosk.scanning.camera import CameraService

    fresh = CameraService(url, core.health)
    old, core.camera = core.camera, fresh
    old.shutdown()
    fresh.start()


def _replace_reader(core: Core, url: str) -> None:
    from kiosk.identity import IdentityService

    old = core.identity
    fresh = IdentityService(url, health=core.health, sessions=core.sessions,
                            deliver=core.deliver, clock=core.clock)
    for listener in old.listeners():
        fresh.listen(listener)
    old.stop()
    core.identity = fresh
    fresh.start()


def _rebuild_platform(core: Core, new: KioskConfig) -> None:
    from kiosk.platform.handle import PlatformHandle

    fresh = PlatformHandle(new.platform, new.kiosk.state_dir, new.kiosk.id, core.health,
                           new.kiosk.hall_name, observer=core.metrics.platform_request)
    old, core.platform = core.platform, fresh
    old.stop()
    fresh.start()


def remote_overrides(settings: dict[str, Any]) -> list[str]:
    """Settings pushed by the platform as `--set` overrides."""
    from kiosk.config.editor import toml_literal

    return [f"{key}={toml_literal(value)}" for key, value in sorted(settings.items())]


def keys_of(overrides: Iterable[str]) -> list[str]:
    return [item.partition("=")[0].strip() for item in overrides]
