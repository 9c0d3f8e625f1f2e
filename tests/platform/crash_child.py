"""The kiosk side of the crash test: queue writes one after another, and note each one the
moment it is acknowledged to the citizen (after its durable commit), while a sender drains
the queue to the platform. The test kills this process with SIGKILL at random moments."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kiosk.platform.api import PlatformApi
from kiosk.platform.client import Credentials
from kiosk.platform.contract import HelpRequestBody
from kiosk.platform.crypto import PayloadCipher
from kiosk.platform.localdb import LocalDB
from kiosk.platform.outbox import Outbox
from kiosk.platform.sender import OutboxSender

OUTBOX_KEY = bytes(range(32))


def open_outbox(folder: Path) -> tuple[LocalDB, Outbox]:
    local = LocalDB(folder / "kiosk.sqlite")
    return local, Outbox(local, PayloadCipher(OUTBOX_KEY))


def write_until_killed(folder: str, url: str, kiosk_id: str, key: bytes, run: int,
                       acks: str) -> None:
    _local, outbox = open_outbox(Path(folder))
    api = PlatformApi(url, Credentials(kiosk_id, key), connect_timeout=1, read_timeout=2,
                      retries=0)
    OutboxSender(outbox, api, base_delay_s=0.01, max_delay_s=0.1).start()
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    i = 0
    while True:
        note = f"r{run}-{i}"
        outbox.enqueue("help_request", "POST", "/api/v1/help-requests",
                       HelpRequestBody(note=note).model_dump_json().encode(),
                       f"crash-{run}-{i:06d}")
        os.write(fd, f"{note}\n".encode())
        i += 1
        time.sleep(0.004)  # a busy hall, not a flood: the sender keeps up between kills
