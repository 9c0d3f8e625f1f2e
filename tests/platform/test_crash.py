"""The kiosk killed with SIGKILL at random points, 100 times, while it queues writes and
sends them: after each restart nothing acknowledged to a citizen is lost, nothing arrives
twice, and the database passes `PRAGMA integrity_check`."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time

from sqlalchemy import select

from kiosk.platform.api import PlatformApi
from kiosk.platform.sender import OutboxSender
from kiosk.platform_server import db
from tests.platform import crash_child

KILLS = 100


def test_sigkill_at_random_points_loses_nothing_acknowledged(platform, tmp_path):
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.platform.crash_child"])
    acks = tmp_path / "acks.txt"
    rng = random.Random(3)
    creds = platform.credentials
    for run in range(KILLS):
        child = context.Process(target=crash_child.write_until_killed,
                                args=(str(tmp_path), platform.url, creds.kiosk_id, creds.key,
                                      run, str(acks)))
        child.start()
        time.sleep(rng.uniform(0.03, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        if run % 10 == 9:
            local, _outbox = crash_child.open_outbox(tmp_path)
            assert local.integrity_check() == "ok"
            local.close()

    local, outbox = crash_child.open_outbox(tmp_path)
    assert local.integrity_check() == "ok"
    sender = OutboxSender(outbox, PlatformApi(platform.url, creds), base_delay_s=0.01)
    sender.start()
    deadline = time.monotonic() + 60
    while outbox.stats().depth and time.monotonic() < deadline:
        time.sleep(0.05)
    sender.stop()
    assert outbox.stats().depth == 0 and outbox.stats().dead == 0

    acknowledged = [line for line in acks.read_text().split("\n")[:-1] if line]
    with platform.store.engine.connect() as conn:
        arrived = conn.execute(select(db.help_requests.c.note)).scalars().all()
    assert len(acknowledged) > KILLS  # it really was writing when killed
    assert set(acknowledged) <= set(arrived)
    assert len(arrived) == len(set(arrived))
