"""The embedded platform: the reference server started in this process on a loopback port,
for `platform.url = "embedded"` (the default configuration, demos, a hall without a county
link yet).

It keeps its SQLite database in `state_dir/platform/embedded.sqlite`, and provisions this
kiosk with a key kept in `state_dir/platform/kiosk.key` (mode 0600), so the kiosk signs its
requests exactly as it would for a county server. Importing FastAPI and SQLAlchemy and
starting uvicorn takes a few hundred milliseconds: this runs on the platform's start-up
thread, never on the UI thread.
"""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path
from typing import Any

from kiosk.platform.client import Credentials
from kiosk.platform.crypto import read_secret_file, write_secret_file


def kiosk_secret(path: Path) -> str:
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            write_secret_file(path, secrets.token_urlsafe(32))
    return read_secret_file(path)


class EmbeddedPlatform:
    def __init__(self, state_dir: Path, kiosk_id: str, hall_name: str | None = None) -> None:
        self.dir = state_dir / "platform"
        self.kiosk_id = kiosk_id
        self.hall_name = hall_name
        self.server: Any = None

    def start(self) -> tuple[str, Credentials]:
        from kiosk.platform_server import fleet
        from kiosk.platform_server.runner import ServerThread
        from kiosk.platform_server.store import Settings

        self.dir.mkdir(parents=True, exist_ok=True)
        secret = kiosk_secret(self.dir / "kiosk.key")
        # A demo hall open around the clock, named as the kiosk's configuration names it.
        settings = Settings(db_url=f"sqlite:///{self.dir / 'embedded.sqlite'}",
                            enforce_hours=False, hall_name=self.hall_name)
        self.server = ServerThread(settings).start()
        store = self.server.store
        store.transaction(fleet.register, store, self.kiosk_id, None, "embedded", secret)
        self.server.app.state.kiosks.forget(self.kiosk_id)
        return self.server.url, Credentials(self.kiosk_id, secret.encode())

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
