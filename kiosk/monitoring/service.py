"""`core.monitoring`: the metrics endpoint, the heartbeat, platform commands, pushed settings,
the systemd watchdog and the recent errors, started and stopped with the core.

Like the platform link, the parts that import much (prometheus_client, the platform contract,
tomlkit) are built on a thread of their own a moment after the first frame, so the kiosk's
start-up does not wait for them. `commands`, `remote` and `heartbeat` are None until then;
`ready` waits for them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.monitoring.recent import RecentErrors
from kiosk.monitoring.watchdog import Watchdog

if TYPE_CHECKING:
    from kiosk.bootstrap import Core
    from kiosk.monitoring.commands import CommandRunner
    from kiosk.monitoring.exporter import MetricsExporter
    from kiosk.monitoring.heartbeat import HeartbeatSender
    from kiosk.monitoring.remote import RemoteSettings

log = logging.getLogger(__name__)

START_DELAY_S = 1.0


class Monitoring:
    def __init__(self, core: Core) -> None:
        self.core = core
        self.started_at = time.time()
        self._started_mono = time.monotonic()
        self.watchdog = Watchdog()
        self.recent = RecentErrors()
        self.exporter: MetricsExporter | None = None
        self.commands: CommandRunner | None = None
        self.remote: RemoteSettings | None = None
        self.heartbeat: HeartbeatSender | None = None
        self._restart: Callable[[], None] | None = None
        self._built = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        core.metrics.bind(health=core.health, idle_wipes=lambda: core.sessions.ended["idle"],
                          outbox=self.outbox_stats)
        core.printer.metrics = core.metrics

    # life -------------------------------------------------------------------------------------

    def start(self, delay_s: float = START_DELAY_S) -> None:
        self.recent.install()
        if self._thread is None:
            self._thread = threading.Thread(target=self._build, args=(delay_s,),
                                            name="monitoring-start", daemon=True)
            self._thread.start()

    def _build(self, delay_s: float) -> None:
        try:
            if self._stopping.wait(delay_s):
                return
            from kiosk.monitoring.commands import CommandRunner
            from kiosk.monitoring.exporter import MetricsExporter
            from kiosk.monitoring.heartbeat import HeartbeatSender
            from kiosk.monitoring.remote import RemoteSettings, remote_settings_file
            from kiosk.platform.contract import CommandKind

            config = self.core.config
            state_dir = config.kiosk.state_dir
            self.core.metrics.realize()
            self.remote = RemoteSettings(remote_settings_file(state_dir))
            commands = CommandRunner(state_dir / "monitoring" / "commands.json")
            commands.handle(CommandKind.RELOAD_CONFIG, self.reload_config)
            commands.handle(CommandKind.REPRINT_LAST_TICKET, self._reprint)
            if self._restart is not None:
                commands.handle(CommandKind.RESTART_APP, self._restart_handler)
            self.commands = commands
            self.exporter = MetricsExporter(self.core.metrics, config.monitoring.metrics_listen,
                                            state_dir)
            if config.monitoring.metrics_enabled and not self._stopping.is_set():
                self.exporter.start()
            self.heartbeat = HeartbeatSender(self.core, self,
                                             config.monitoring.heartbeat_interval_s)
            if not self._stopping.is_set():
                self.heartbeat.start()
        except Exception:
            log.exception("monitoring could not start")
        finally:
            self._built.set()

    def ready(self, timeout: float = 20.0) -> bool:
        return self._built.wait(timeout) and self.heartbeat is not None

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._built.wait(15)
        if self.heartbeat is not None:
            self.heartbeat.stop()
        if self.exporter is not None:
            self.exporter.stop()
        self.recent.uninstall()
        self.watchdog.stopping()

    # what the technician screen and the heartbeat read ---------------------------------------

    def uptime_s(self) -> float:
        return time.monotonic() - self._started_mono

    def outbox_stats(self) -> Any | None:
        """The outbox's depth, oldest age and refused items; None while the link starts."""
        platform = self.core.platform
        if not platform.ready:
            return None
        try:
            return platform.service(timeout=0.1).outbox_stats()
        except Exception as exc:
            log.debug("outbox not readable: %s", exc)
            return None

    # command handlers -------------------------------------------------------------------------

    def reload_config(self) -> str:
        """Read the configuration file again (with pushed settings) and apply it."""
        from kiosk.reconfigure import apply_config, remote_overrides

        source = self.core.source
        if source is None:
            raise RuntimeError("this kiosk process was not started from a configuration file")
        pushed = self.remote.settings if self.remote is not None else {}
        config = source.load(remote_overrides(pushed))  # ConfigError: refused, in words
        return apply_config(self.core, config).summary()

    def _reprint(self) -> str:
        self.core.printer.reprint_last_ticket()
        return "last ticket reprinted"

    def on_restart(self, restart: Callable[[], None]) -> None:
        """The app shell says how to restart (a clean stop, then a fresh process)."""
        self._restart = restart
        if self.commands is not None:
            from kiosk.platform.contract import CommandKind

            self.commands.handle(CommandKind.RESTART_APP, self._restart_handler)

    def _restart_handler(self) -> str:
        assert self._restart is not None
        self._restart()
        return "restarting"
