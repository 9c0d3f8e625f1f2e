"""Start the reader simulator as a program and steer it while it runs.

    with launch_simulator(card="resident") as sim:
        reader = CardReader(sim.device)          # serial:///tmp/.../ttyIDR
        sim.control.remove()
        sim.control.fault("split", count=3)
        sim.control.insert("elderly")

`SimControl` speaks the simulator's control socket (one JSON object per line each way); the
kiosk's `sim://?control=PATH` puts that socket where a test or the tour can reach it.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from drivers.errors import DeviceError

START_TIMEOUT_S = 15.0
_REPO = Path(__file__).resolve().parents[2]


class SimControlError(DeviceError):
    """The simulator refused a control command or is not running."""

    default_zh = "读卡器模拟器无法执行该命令"
    default_en = "The reader simulator refused the command"


class SimControl:
    """A connection to a running simulator's control socket; thread-safe."""

    def __init__(self, path: Path | str, timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._sock: socket.socket | None = None
        self._stream: Any = None
        self._lock = threading.Lock()

    @classmethod
    def wait_for(cls, path: Path | str, timeout: float = START_TIMEOUT_S) -> SimControl:
        """Connect once the simulator has made its socket (it may still be starting)."""
        control = cls(path)
        deadline = time.monotonic() + timeout
        while True:
            try:
                control.call("stats")
                return control
            except SimControlError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(str(self.path))
        except OSError as exc:
            sock.close()
            raise SimControlError(f"no simulator at {self.path}: {exc.strerror or exc}",
                                  message_zh=f"找不到读卡器模拟器（{self.path}）") from exc
        self._sock, self._stream = sock, sock.makefile("rwb")

    def call(self, cmd: str, **args: Any) -> dict[str, Any]:
        with self._lock:
            if self._sock is None:
                self._connect()
            try:
                self._stream.write(json.dumps({"cmd": cmd, **args}).encode() + b"\n")
                self._stream.flush()
                line = self._stream.readline()
            except OSError as exc:
                self._close()
                raise SimControlError(f"the simulator went away during {cmd}",
                                      message_zh="读卡器模拟器已停止") from exc
            if not line:
                self._close()
                raise SimControlError(f"the simulator closed the control socket during {cmd}",
                                      message_zh="读卡器模拟器已停止")
        answer: dict[str, Any] = json.loads(line)
        if not answer.get("ok"):
            raise SimControlError(f"{cmd}: {answer.get('error', 'refused')}",
                                  message_zh=f"模拟器拒绝了命令 {cmd}")
        return answer

    def _close(self) -> None:
        with contextlib.suppress(OSError):
            if self._stream is not None:
                self._stream.close()
            if self._sock is not None:
                self._sock.close()
        self._sock = self._stream = None

    def close(self) -> None:
        with self._lock:
            self._close()

    # one method per command -------------------------------------------------------------------

    def insert(self, card: str) -> None:
        self.call("insert", card=card)

    def remove(self) -> None:
        self.call("remove")

    def fault(self, kind: str, count: int = 1, *, command: str | None = None,
              **options: float) -> None:
        """Spoil the next `count` replies (0: until `clear`); see `drivers.idreader.simulator`."""
        self.call("fault", kind=kind, count=count, command=command, **options)

    def force_status(self, status: int, count: int = 1, *, command: str | None = None) -> None:
        """The SAM answers the next `count` commands (or only `command`) with `status`."""
        self.call("status", code=status, count=count, command=command)

    def clear(self) -> None:
        self.call("clear")

    def unplug(self) -> None:
        self.call("unplug")

    def replug(self) -> None:
        self.call("replug")

    def set_baudrate(self, rate: int) -> None:
        self.call("baudrate", baudrate=rate)

    def deck(self) -> list[dict[str, str]]:
        return list(self.call("deck")["cards"])

    def stats(self) -> dict[str, Any]:
        return self.call("stats")

    def wait_for_polls(self, count: int = 3, timeout: float = 10.0) -> None:
        """Wait until the driver has looked for a card `count` more times (after `remove`,
        three looks mean it has seen the reader empty and will read the next card)."""
        key = "cmd 20 01"
        target = self.stats()["stats"].get(key, 0) + count
        deadline = time.monotonic() + timeout
        while self.stats()["stats"].get(key, 0) < target:
            if time.monotonic() > deadline:
                raise SimControlError(f"the driver did not poll {count} times in {timeout:g} s",
                                      message_zh="驱动程序没有按时查询读卡器")
            time.sleep(0.02)

    def quit(self) -> None:
        with contextlib.suppress(SimControlError):
            self.call("quit")


class SimulatorProcess:
    """A running simulator program: its device URL, its control, and how to stop it."""

    def __init__(self, process: subprocess.Popen[bytes], info: dict[str, Any],
                 workdir: Path | None) -> None:
        self.process = process
        self.info = info
        self.device: str = info["device"]
        self.control = SimControl(info["control"])
        self._workdir = workdir

    @property
    def device_path(self) -> str | None:
        """The serial path the driver opens (pty mode), None for TCP."""
        return self.device[len("serial://"):] if self.device.startswith("serial://") else None

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.control.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> SimulatorProcess:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def launch_simulator(*, listen: str | None = None, control: Path | None = None,
                     card: str | None = None, baudrate: int = 115200, pace: bool = True,
                     stderr: int | None = None) -> SimulatorProcess:
    """Start `python -m drivers.idreader.sim` on a pty (or `listen` on TCP) and wait until it
    is ready. It stops by itself if this process dies."""
    workdir = Path(tempfile.mkdtemp(prefix="idreader-sim-"))
    command = [sys.executable, "-m", "drivers.idreader.sim", "--exit-with-parent", "--quiet",
               "--control", str(control or workdir / "control.sock"),
               "--baudrate", str(baudrate)]
    command += ["--listen", listen] if listen else ["--pty", "--link", str(workdir / "ttyIDR")]
    if card:
        command += ["--card", card]
    if not pace:
        command.append("--no-pace")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(_REPO), os.environ.get("PYTHONPATH", "")) if p)}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=stderr, env=env)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_S)
    line = process.stdout.readline() if ready else b""
    if not line:
        process.kill()
        process.wait()
        shutil.rmtree(workdir, ignore_errors=True)
        raise SimControlError("the reader simulator did not start",
                              message_zh="读卡器模拟器未能启动")
    return SimulatorProcess(process, json.loads(line), workdir)
