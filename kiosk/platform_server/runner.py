"""Serving the reference platform: in the foreground (`kiosk platform serve`), or in a thread
on a loopback port (the embedded platform and tests).

The listening socket is bound before uvicorn starts, so port 0 gives a free ephemeral port
whose number is known at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import uvicorn

from kiosk.platform_server.app import create_app
from kiosk.platform_server.store import Settings

log = logging.getLogger(__name__)


TLS = tuple[Path, Path]  # certificate chain (PEM), private key (PEM)


def _config(app: object, log_level: str, tls: TLS | None = None) -> uvicorn.Config:
    config = uvicorn.Config(app, log_level=log_level, access_log=False, loop="uvloop",
                            http="httptools", lifespan="off", timeout_keep_alive=30,
                            timeout_graceful_shutdown=5,
                            log_config=None,
                            ssl_certfile=str(tls[0]) if tls else None,
                            ssl_keyfile=str(tls[1]) if tls else None)
    return config


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve_forever(settings: Settings, host: str, port: int, log_level: str = "info",
                  workers: int = 1, tls: TLS | None = None) -> None:
    """Serve until SIGTERM or SIGINT. With `workers` > 1, that many processes share the
    listening socket (each with its own connections to the database)."""
    sock = bind(host, port)
    if settings.public_url is None:
        scheme = "https" if tls else "http"
        settings.public_url = f"{scheme}://{host}:{sock.getsockname()[1]}"
    create_app(settings).state.store.engine.dispose()  # tables and demo data, made once
    settings.seed_demo = False
    children = [pid for pid in (_fork_worker(settings, sock, log_level, tls)
                                for _ in range(workers - 1)) if pid]
    if children:
        _stop_children_with(children)
    # Said on stderr whatever the log level: scripts starting it on port 0 read the port here.
    print(f"reference platform listening on {host}:{sock.getsockname()[1]}", file=sys.stderr,
          flush=True)
    try:
        uvicorn.Server(_config(create_app(settings), log_level, tls)).run(sockets=[sock])
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _stop_children_with(children: list[int]) -> None:
    """Workers stop when the first process is told to stop. uvicorn puts back these handlers
    after its graceful shutdown and raises the signal again, so they run last."""

    def stop(signum: int, _frame: object) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        signal.signal(signum, signal.SIG_DFL)
        signal.raise_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)


def _fork_worker(settings: Settings, sock: socket.socket, log_level: str, tls: TLS | None
                 ) -> int:
    pid = os.fork()
    if pid:
        return pid
    try:
        uvicorn.Server(_config(create_app(settings), log_level, tls)).run(sockets=[sock])
    finally:
        os._exit(0)


class ServerThread:
    """The reference platform on a loopback port in a background thread."""

    def __init__(self, settings: Settings, *, host: str = "127.0.0.1", port: int = 0,
                 clock: Callable[[], datetime] | None = None, tls: TLS | None = None) -> None:
        self._sock = bind(host, port)
        self.host, self.port = host, self._sock.getsockname()[1]
        self.scheme = "https" if tls else "http"
        if settings.public_url is None:
            settings.public_url = self.url
        self.app = create_app(settings, clock=clock)
        self._server = uvicorn.Server(_config(self.app, "warning", tls))
        self._thread = threading.Thread(target=self._run, name="platform-server", daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def store(self):  # noqa: ANN201 - the Store; typed loosely to keep imports light
        return self.app.state.store

    def _run(self) -> None:
        self._server.run(sockets=[self._sock])

    def start(self, timeout: float = 30.0) -> ServerThread:
        self._thread.start()
        waited = 0.0
        while not self._server.started and self._thread.is_alive() and waited < timeout:
            threading.Event().wait(0.01)
            waited += 0.01
        if not self._server.started:
            raise RuntimeError("the reference platform did not start")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self.app.state.store.engine.dispose()
