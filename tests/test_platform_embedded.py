"""The default configuration's embedded platform: built by the core off the UI thread, the
kiosk provisioned with a key only it can read, and tickets signed like any county server's."""

from __future__ import annotations

import stat
import threading
import time

from kiosk.bootstrap import build_core
from kiosk.config import load_config
from kiosk.health import Level, Role


def test_the_embedded_platform_serves_the_default_kiosk(kiosk_toml, state_dir):
    config = load_config(kiosk_toml, ['kiosk.hall_name="马桥镇尧治河村便民服务站"'])
    core = build_core(config, deliver=lambda callback: callback())
    assert core.health.get(Role.PLATFORM).reason == "connecting"
    assert not core.platform.ready
    started = time.monotonic()
    core.start()
    assert time.monotonic() - started < 0.5  # start() never blocks
    assert threading.current_thread() is threading.main_thread()
    try:
        ticket = core.platform.issue_ticket("zhsl")
        assert ticket.number.startswith("A") and not ticket.offline
        assert ticket.hall_name == "马桥镇尧治河村便民服务站"
        assert core.health.get(Role.PLATFORM).level == Level.OK
        assert core.health.get(Role.PLATFORM).reason == "connected"
        key_file = state_dir / "platform" / "kiosk.key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert core.platform.offline is False
    finally:
        core.shutdown()
