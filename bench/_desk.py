"""What bench/ticket.py and bench/form.py share: a county platform on loopback, a kiosk core
built by the kiosk's own bootstrap against it, and timing of one method of a service.

Imported by those scripts after they have put the repository (not bench/) on sys.path.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from kiosk.bootstrap import build_core
from kiosk.config import load_config

REPO = Path(__file__).resolve().parents[1]
KIOSK_ID = "BK-BENCH-001"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_platform(folder: Path) -> tuple[Any, str]:
    """The reference platform on SQLite in `folder`, serving on loopback; its kiosk key."""
    from kiosk.platform_server import fleet
    from kiosk.platform_server.runner import ServerThread
    from kiosk.platform_server.store import Settings

    server = ServerThread(Settings(db_url=f"sqlite:///{folder / 'county.sqlite'}",
                                   enforce_hours=False))
    server.start()
    registered = server.store.transaction(fleet.register, server.store, KIOSK_ID, None, "bench")
    return server, registered.secret_key


def build(folder: Path, url: str, key: str, *overrides: str) -> Any:
    """A kiosk core on the default configuration, pointed at the platform at `url`, with its
    printer (the simulator) and platform link started."""
    config = load_config(REPO / "config" / "kiosk.toml", [
        f'kiosk.state_dir="{folder / "state"}"', f'kiosk.id="{KIOSK_ID}"',
        f'platform.url="{url}"', f'platform.kiosk_key="{key}"', *overrides,
        'speech.mode="off"', 'devices.id_reader="sim://"'])
    core = build_core(config, deliver=lambda fn: fn())
    core.printer.start()
    core.platform.start()
    return core


class Timed:
    """Wraps the platform and printer the desk uses, to time their parts apart."""

    def __init__(self, target: Any, method: str, into: list[float]) -> None:
        self._target, self._method, self._into = target, method, into

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if name != self._method:
            return attribute

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                self._into.append((time.perf_counter() - start) * 1000)
        return timed
