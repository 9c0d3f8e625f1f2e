"""The reference platform on a loopback port for each test that needs one, and a signed
client registered with it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.platform.api import PlatformApi
from kiosk.platform.client import Credentials
from kiosk.platform_server import fleet
from kiosk.platform_server.runner import ServerThread
from kiosk.platform_server.store import Settings

KIOSK_ID = "BK-TEST-001"


@dataclass
class ShiftedClock:
    """The platform's clock, movable by tests (appointment windows, stale timestamps)."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class Platform:
    server: ServerThread
    clock: ShiftedClock
    credentials: Credentials

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def store(self):
        return self.server.store

    def api(self, **kwargs) -> PlatformApi:
        kwargs.setdefault("read_timeout", 10.0)
        return PlatformApi(self.url, self.credentials, **kwargs)

    def register(self, kiosk_id: str) -> Credentials:
        reg = self.store.transaction(fleet.register, self.store, kiosk_id, None, "test")
        self.server.app.state.kiosks.forget(kiosk_id)
        return Credentials(kiosk_id, reg.secret_key.encode())


def start_platform(db_path: Path | None = None, *, db_url: str | None = None,
                   **settings) -> Platform:
    clock = ShiftedClock()
    settings.setdefault("enforce_hours", False)
    url = db_url or f"sqlite:///{db_path}"
    server = ServerThread(Settings(db_url=url, **settings), clock=clock)
    server.start()
    reg = server.store.transaction(fleet.register, server.store, KIOSK_ID, None, "test")
    return Platform(server, clock, Credentials(KIOSK_ID, reg.secret_key.encode()))


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    running = start_platform(tmp_path / "platform.sqlite")
    yield running
    running.server.stop()


@pytest.fixture
def api(platform: Platform) -> Iterator[PlatformApi]:
    client = platform.api()
    yield client
    client.close()
