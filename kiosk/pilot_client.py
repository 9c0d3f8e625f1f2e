"""Start the real kiosk in a process of its own and drive it through its pilot socket.

Used by the UI tests, `kiosk demo --tour` and the benchmarks; the server side is
`screens.pilot`. Nothing here imports Kivy.

    with KioskProcess(display=":5", workdir=tmp, overrides=[...]) as kiosk:
        kiosk.pilot.tap("tile_ticket")
        kiosk.pilot.screenshot(tmp / "ticket.png")
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError

START_TIMEOUT_S = 90


class PilotError(KioskError):
    """The app refused a pilot command or did not answer."""


class PilotClient:
    """One connection to a running kiosk's pilot socket; each method is one command."""

    def __init__(self, path: Path, timeout: float = 90) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout)
        self._sock.connect(str(path))
        self._stream = self._sock.makefile("rwb")

    def call(self, cmd: str, **args: Any) -> dict[str, Any]:
        self._stream.write(json.dumps({"cmd": cmd, "args": args}).encode() + b"\n")
        self._stream.flush()
        line = self._stream.readline()
        if not line:
            raise PilotError(f"the kiosk closed the pilot connection during {cmd!r}")
        answer: dict[str, Any] = json.loads(line)
        if not answer.get("ok", False):
            raise PilotError(f"{cmd}: {answer.get('error', 'failed')}")
        return answer

    def close(self) -> None:
        self._stream.close()
        self._sock.close()

    # one method per command, for readable tests

    def ready(self) -> dict[str, Any]:
        return self.call("ready")

    def state(self) -> dict[str, Any]:
        return self.call("state")

    def find(self, wid: str) -> dict[str, Any]:
        return self.call("find", id=wid)

    def tap(self, wid: str) -> None:
        self.call("tap", id=wid)

    def tap_at(self, x: float, y: float) -> None:
        self.call("tap", x=x, y=y)

    def long_press(self, x: float, y: float, seconds: float) -> None:
        self.call("long_press", x=x, y=y, seconds=seconds)

    def gesture(self, paths: list[list[list[float]]]) -> None:
        self.call("gesture", paths=paths)

    def advance(self, seconds: float) -> None:
        self.call("advance", seconds=seconds)

    def screenshot(self, path: Path) -> Path:
        self.call("screenshot", path=str(path))
        return path

    def texts(self) -> list[str]:
        return list(self.call("texts")["texts"])

    def buttons(self) -> list[dict[str, Any]]:
        return list(self.call("buttons")["buttons"])

    def key(self, key: int, modifiers: list[str] | None = None) -> None:
        self.call("key", key=key, modifiers=modifiers or [])

    def request_close(self) -> bool:
        return bool(self.call("request_close")["refused"])

    def wait_idle(self) -> None:
        self.call("wait_idle")


class KioskProcess:
    """`kiosk run --pilot` in a subprocess on `display`, windowed, logs kept in `workdir`."""

    def __init__(self, *, display: str, workdir: Path, config: Path | None = None,
                 overrides: list[str] | None = None, env: dict[str, str] | None = None) -> None:
        self.display = display
        self.workdir = workdir
        self.config = config
        self.overrides = ["kiosk.fullscreen=false", *(overrides or [])]
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self._sockdir = Path(tempfile.mkdtemp(prefix="kiosk-pilot-"))  # short: AF_UNIX limit
        self.socket_path = self._sockdir / "pilot.sock"
        self._pilot: PilotClient | None = None

    @property
    def pilot(self) -> PilotClient:
        if self._pilot is None:
            raise PilotError("the kiosk is not running")
        return self._pilot

    @property
    def stderr_path(self) -> Path:
        return self.workdir / "kiosk.stderr"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "kiosk", "run", "--pilot", str(self.socket_path)]
        if self.config is not None:
            cmd += ["--config", str(self.config)]
        for item in self.overrides:
            cmd += ["--set", item]
        return cmd

    def start(self) -> PilotClient:
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DISPLAY": self.display, **self.env}
        with (self.workdir / "kiosk.stdout").open("wb") as out, self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(self.command(), stdout=out, stderr=err, env=env)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.socket_path.exists():
            if self.process.poll() is not None:
                raise PilotError(f"the kiosk exited with {self.process.returncode} before it "
                                 f"was ready:\n{self.stderr_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise PilotError(f"the kiosk was not ready in {START_TIMEOUT_S} s:\n"
                                 f"{self.stderr_tail()}")
            time.sleep(0.05)
        self._pilot = PilotClient(self.socket_path)
        self._pilot.ready()
        return self._pilot

    def stderr_tail(self, lines: int = 40) -> str:
        try:
            text = self.stderr_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def wait(self, timeout: float = 20) -> int:
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    def stop(self) -> int | None:
        if self._pilot is not None:
            self._pilot.close()
            self._pilot = None
        code = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            code = self.process.returncode
        shutil.rmtree(self._sockdir, ignore_errors=True)
        return code

    def __enter__(self) -> KioskProcess:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
