"""`kiosk platform serve`, `add-kiosk` and `openapi` as county IT runs them."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import requests

from kiosk.platform.api import PlatformApi
from kiosk.platform.client import Credentials
from tests.conftest import REPO


def kiosk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=120, **kwargs)


def test_openapi_check_passes_for_the_kept_document():
    result = kiosk("platform", "openapi", "--check")
    assert result.returncode == 0, result.stderr
    assert kiosk("platform", "openapi").stdout.startswith("{")


def test_serve_with_a_registered_kiosk(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'county.sqlite'}"
    added = kiosk("platform", "add-kiosk", "BK-ZWZX-009", "--name", "东侧入口", "--db", db_url)
    assert added.returncode == 0, added.stderr
    secret = added.stdout.strip().splitlines()[-1]
    assert len(secret) >= 32
    assert kiosk("platform", "add-kiosk", "BK-X-001", "--hall", "nowhere", "--db",
                 db_url).returncode == 1
    server = subprocess.Popen([sys.executable, "-m", "kiosk", "platform", "serve", "--db",
                               db_url, "--port", "0", "--log-level", "warning",
                               "--catalogue-size", "2000"],
                              cwd=REPO, text=True, stderr=subprocess.PIPE)
    try:
        assert server.stderr is not None
        port = None
        while port is None:
            line = server.stderr.readline()
            assert line, "the server stopped before listening"
            match = re.search(r"listening on [\d.]+:(\d+)", line)
            port = int(match.group(1)) if match else None
        url = f"http://127.0.0.1:{port}"
        assert requests.get(url + "/openapi.json", timeout=10).json()["openapi"].startswith("3.1")
        api = PlatformApi(url, Credentials("BK-ZWZX-009", secret.encode()))
        assert api.hall().name == "保康县政务服务中心"
        catalogue, _etag = api.catalogue()
        assert len(catalogue.items) >= 2000  # a large catalogue for the guide search
        assert len({item.name for item in catalogue.items}) == len(catalogue.items)
        assert "BK-ZWZX-009" in requests.get(url + "/fleet", timeout=10).text
    finally:
        server.terminate()
        server.wait(20)
    # uvicorn shuts down cleanly, then re-raises the signal so supervisors see why it stopped
    assert server.returncode in (0, -signal.SIGTERM)


def test_serve_explains_a_port_in_use(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kiosk("platform", "serve", "--db", f"sqlite:///{tmp_path / 'p.sqlite'}",
                       "--port", str(port))
    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr


def test_workers_serve_together_and_stop_together(tmp_path):
    db_path = tmp_path / "workers.sqlite"
    server = subprocess.Popen([sys.executable, "-m", "kiosk", "platform", "serve", "--db",
                               f"sqlite:///{db_path}", "--port", "0", "--workers", "2",
                               "--log-level", "warning"],
                              cwd=REPO, text=True, stderr=subprocess.PIPE)
    try:
        assert server.stderr is not None
        match = None
        while match is None:
            line = server.stderr.readline()
            assert line, "the server stopped before listening"
            match = re.search(r"listening on [\d.]+:(\d+)", line)
        url = f"http://127.0.0.1:{match.group(1)}/api/v1/health"
        assert all(requests.get(url, timeout=10).ok for _ in range(10))
    finally:
        server.terminate()
        server.wait(30)
    left = subprocess.run(["pgrep", "-f", str(db_path)], capture_output=True, text=True)
    assert left.stdout.strip() == ""  # no worker outlives the server
