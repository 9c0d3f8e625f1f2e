"""Everything the kiosk is made of, built in one place from a configuration.

The app shell and the tests both call `build_core`, so what runs in the hall is what is tested.
Nothing here runs at import time; nothing here imports Kivy. The shell hands in `deliver`, the
function that runs a callback on the UI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from kiosk.background import BackgroundRunner, Deliver
from kiosk.clock import KioskClock
from kiosk.config import KioskConfig
from kiosk.fonts import FontSet, find_fonts
from kiosk.guide_catalogue import GuideLibrary
from kiosk.health import HealthBoard
from kiosk.identity import IdentityService
from kiosk.idle import IdleWatch
from kiosk.monitoring.metrics import KioskMetrics
from kiosk.monitoring.service import Monitoring
from kiosk.pin import PinGuard
from kiosk.platform.handle import PlatformHandle
from kiosk.printing import PrinterService
from kiosk.reconfigure import ConfigSource
from kiosk.scanning.camera import CameraService
from kiosk.session import SessionManager
from kiosk.speech import Speaker

log = logging.getLogger(__name__)


@dataclass
class Core:
    """The kiosk's services, for the screens to call."""

    config: KioskConfig
    clock: KioskClock
    sessions: SessionManager
    idle: IdleWatch
    health: HealthBoard
    pin: PinGuard
    runner: BackgroundRunner
    fonts: FontSet
    speaker: Speaker
    printer: PrinterService
    platform: PlatformHandle
    identity: IdentityService = field(init=False)  # built on the others, below
    metrics: KioskMetrics = field(init=False)
    monitoring: Monitoring = field(init=False)
    deliver: Deliver = field(init=False)
    # Where the configuration came from, to read it again (None when built from a model).
    source: ConfigSource | None = field(init=False, default=None)
    camera: CameraService = field(init=False)  # opens on demand, not here
    guide: GuideLibrary = field(default_factory=GuideLibrary)  # 办事指南's index, built on use

    def start(self) -> None:
        """Start the services that run on their own threads (device polling, senders).

        Called once by the app shell after the first frame is drawn, and by tests that need a
        running core. Must not block: anything slow happens on the services' own threads.
        """
        self.speaker.start()
        self.printer.start()
        self.platform.start()
        self.identity.start()
        self.monitoring.start()
        self.camera.start()

    def shutdown(self) -> None:
        """Stop what `start` started, wipe the session, and stop the background runner."""
        self.monitoring.stop()
        self.identity.stop()
        self.sessions.end("shutdown")
        self.camera.shutdown()
        self.speaker.shutdown()
        self.printer.close()
        self.runner.shutdown()
        self.platform.stop()


def build_core(config: KioskConfig, *, deliver: Deliver, clock: KioskClock | None = None,
               source: ConfigSource | None = None) -> Core:
    """Build the core for `config`. Raises `FontNotFound` when Chinese cannot be shown."""
    clock = clock or KioskClock()
    metrics = KioskMetrics(config.kiosk.id, config.kiosk.hall_name)
    state_dir = config.kiosk.state_dir
    state_dir.mkdir(parents=True, exist_ok=True)
    fonts = find_fonts(config.kiosk.font, state_dir / "fonts")
    health = HealthBoard()
    core = Core(
        config=config,
        clock=clock,
        sessions=SessionManager(clock),
        idle=IdleWatch(clock, config.kiosk.idle_timeout_s),
        health=health,
        pin=PinGuard(config.technician.pin_hash, clock,
                     state_file=state_dir / "technician-pin.json"),
        runner=BackgroundRunner(deliver),
        fonts=fonts,
        speaker=Speaker(words_per_minute=config.speech.words_per_minute,
                        volume=config.speech.volume, output=config.speech.output),
        printer=PrinterService(config.devices.printer, fonts=fonts, health=health,
                               sim_dir=state_dir / "printer-sim"),
        platform=PlatformHandle(config.platform, state_dir, config.kiosk.id, health,
                                config.kiosk.hall_name, observer=metrics.platform_request),
    )
    core.identity = IdentityService(config.devices.id_reader, health=core.health,
                                    sessions=core.sessions, deliver=deliver, clock=clock)
    core.metrics = metrics
    core.deliver = deliver
    core.source = source
    core.camera = CameraService(config.devices.camera, core.health)
    core.monitoring = Monitoring(core)
    log.info("kiosk core built", extra={"kiosk_id": config.kiosk.id, "font": fonts.regular.name})
    return core
