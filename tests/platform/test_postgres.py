"""The reference platform on PostgreSQL: a throw-away cluster started by the test (Debian's
postgresql package, run as the `postgres` user when the tests run as root), reached over a
Unix socket in a temporary directory, so nothing listens on the network."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.platform.contract import (
    EvaluationGrade,
    EvaluationRequest,
    Heartbeat,
    TicketBlockRequest,
    TicketRequest,
)
from kiosk.platform.errors import PlatformRejected
from tests.platform.conftest import start_platform
from tests.platform.helpers import application_request, key


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is not installed; `make test` installs it (scripts/ensure-env)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:  # only to pick a number: the cluster listens on a socket file
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    pytest.importorskip("psycopg", reason="install the test extras (make test does)")
    bin_dir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="zw-pg-", dir="/tmp"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True,  # noqa: E731
                                      timeout=60)
    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "zw", "--auth=trust", "-E", "UTF8")
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' -p {port} "
        "-c fsync=off", "start")
    try:
        run(str(bin_dir / "createdb"), "-h", str(folder), "-p", str(port), "-U", "zw", "zw")
        yield f"postgresql+psycopg://zw@/zw?host={folder}&port={port}"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                        "-w", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_platform_runs_on_postgresql(postgres_url):
    platform = start_platform(db_url=postgres_url)
    try:
        api = platform.api()
        assert api.hall().name == "保康县政务服务中心"
        same = key()
        first = api.issue_ticket(TicketRequest(category_id="gjj"), same)
        assert api.issue_ticket(TicketRequest(category_id="gjj"), same) == first
        block = api.reserve_block(TicketBlockRequest(category_id="gjj", size=5), key())
        assert block.first == int(first.number[1:]) + 1
        numbers: list[str] = []

        def kiosk(n: int) -> None:
            from kiosk.platform.api import PlatformApi

            own = PlatformApi(platform.url, platform.register(f"BK-PG-{n:03d}"))
            numbers.extend(own.issue_ticket(TicketRequest(category_id="gjj"), key()).number
                           for _ in range(10))

        threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(numbers) == 80 and len(set(numbers)) == 80
        app = api.submit_application(application_request(), key())
        assert api.application(app.number).status == "submitted"
        evaluation = EvaluationRequest(ticket_id=first.id, grade=EvaluationGrade.SATISFIED)
        api.evaluate(evaluation, key())
        with pytest.raises(PlatformRejected) as caught:
            api.evaluate(evaluation, key())
        assert caught.value.code == "evaluation_exists"
        from datetime import UTC, datetime

        reply = api.heartbeat(Heartbeat(sent_at=datetime.now(UTC), app_version="t", uptime_s=1))
        assert reply.commands == []
    finally:
        platform.server.stop()
