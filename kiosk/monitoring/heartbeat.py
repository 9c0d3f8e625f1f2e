"""The heartbeat: every `monitoring.heartbeat_interval_s` (30 s) the kiosk tells the county
platform how it is (device states, counters, outbox, version, uptime) and carries out what the
answer asks: a new configuration version to fetch and apply, and commands (reload config,
reprint the last ticket, restart the app), whose outcomes go back with the next heartbeat.

It runs on its own thread and never touches the UI thread. A heartbeat that cannot get through
is counted and retried at the next interval; the fleet page's "heartbeat stale" alert and the
`KioskHeartbeatStale` Prometheus alert are how county IT notices.
"""

from __future__ import annotations

import logging
import platform as pyplatform
import threading
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.errors import ConfigError
from kiosk.platform.contract import DeviceState, Heartbeat, HeartbeatReply, Level
from kiosk.platform.errors import PlatformError

if TYPE_CHECKING:
    from kiosk.bootstrap import Core
    from kiosk.monitoring.service import Monitoring

log = logging.getLogger(__name__)

FIRST_BEAT_DELAY_S = 2.0
REPORT_SOON_S = 1.0   # after carrying out commands: report their outcome without waiting 30 s


class HeartbeatSender:
    def __init__(self, core: Core, monitoring: Monitoring, interval_s: float) -> None:
        self.core = core
        self.monitoring = monitoring
        self.interval_s = interval_s
        self.last_ok_at: float | None = None
        self.last_attempt_at: float | None = None
        self.last_error: str = ""
        self.clock_skew_s: float | None = None
        self.sent = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._beat_lock = threading.Lock()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None

    def beat_now(self) -> None:
        """Send the next heartbeat at once (technician screen, tests)."""
        self._wake.set()

    def _run(self) -> None:
        wait = FIRST_BEAT_DELAY_S
        while not self._stop.is_set():
            self._wake.wait(wait)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.beat()
            except Exception:  # never let the heartbeat die
                log.exception("heartbeat failed unexpectedly")
            wait = REPORT_SOON_S if self.monitoring.commands.unreported() else self.interval_s

    # one heartbeat ----------------------------------------------------------------------------

    def build(self) -> Heartbeat:
        core, monitoring = self.core, self.monitoring
        stats = monitoring.outbox_stats()
        devices = {role.value: DeviceState(level=Level(health.level.value), reason=health.reason)
                   for role, health in core.health.snapshot().items()}
        return Heartbeat(
            sent_at=datetime.now(UTC), app_version=__version__,
            config_version=monitoring.remote.version, uptime_s=monitoring.uptime_s(),
            devices=devices, counters=core.metrics.counters(), versions=_versions(),
            outbox_depth=stats.depth if stats else 0,
            outbox_oldest_age_s=stats.oldest_age_s if stats else 0.0,
            outbox_dead=stats.dead if stats else 0,
            completed_commands=monitoring.commands.unreported())

    def beat(self) -> HeartbeatReply | None:
        """Send one heartbeat and act on the answer; None when it did not get through."""
        with self._beat_lock:
            self.last_attempt_at = time.time()
            try:
                api = self.core.platform.service(timeout=self.interval_s).parts(
                    timeout=self.interval_s).api
                beat = self.build()
                reply = api.heartbeat(beat)
            except PlatformError as exc:
                self.last_error = exc.message_en
                self.core.metrics.heartbeat_failed()
                log.info("heartbeat not delivered: %s", exc.message_en)
                return None
            now = time.time()
            self.monitoring.commands.reported(beat.completed_commands)
            self.last_ok_at, self.last_error, self.sent = now, "", self.sent + 1
            self.clock_skew_s = reply.server_time.timestamp() - now
            self.core.metrics.heartbeat_delivered(now)
        if self.monitoring.remote.wanted(reply.config_version):
            self._take_settings(api, reply.config_version)
        for command in reply.commands:
            result = self.monitoring.commands.run(command)
            if result is not None:
                self.core.metrics.command_done(command.kind.value, result.ok)
        return reply

    def _take_settings(self, api: Any, version: int) -> None:
        from kiosk.reconfigure import apply_config, remote_overrides

        remote = self.monitoring.remote
        try:
            pushed = api.remote_config()
        except PlatformError as exc:
            log.info("pushed settings not fetched: %s", exc.message_en)
            return
        source = self.core.source
        if source is None:
            remote.refuse(pushed.version, ["no configuration file to lay the settings over"])
            return
        try:
            config = source.load(remote_overrides(pushed.settings))
        except ConfigError as exc:
            remote.refuse(pushed.version, exc.problems)
            return
        remote.accept(pushed.version, pushed.settings)
        result = apply_config(self.core, config)
        log.warning("settings pushed by the platform applied",
                    extra={"version": pushed.version, "result": result.summary()})


_VERSIONS: dict[str, str] = {}


def _versions() -> dict[str, str]:
    if not _VERSIONS:
        from importlib import metadata

        _VERSIONS["python"] = pyplatform.python_version()
        for name in ("kivy", "pydantic", "pyserial", "python-escpos", "opencv-python-headless"):
            try:
                _VERSIONS[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                _VERSIONS[name] = "not installed"
    return dict(_VERSIONS)
