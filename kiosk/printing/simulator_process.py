"""The printer simulator as a child process, for `sim://` printers.

`kiosk sim printer` runs as a real program on an ephemeral loopback TCP port; the real driver
then talks ESC/POS to it exactly as to a network printer. The child watches its stdin, which
only the kiosk holds, so it ends with the kiosk even if the kiosk is killed.
"""

from __future__ import annotations

import json
import logging
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from drivers.printer.errors import PrinterOffline
from drivers.printer.glyphs import FontFiles
from drivers.printer.settings import PrinterSettings
from drivers.printer.simulator.control import SimulatorControl

log = logging.getLogger(__name__)

START_TIMEOUT_S = 30


class SimulatorProcess:
    def __init__(self, settings: PrinterSettings, fonts: FontFiles, out_dir: Path, *,
                 pty: bool = False) -> None:
        self.settings = settings
        self.fonts = fonts
        self.out_dir = out_dir
        self.pty = pty
        self.process: subprocess.Popen[bytes] | None = None
        self.info: dict[str, Any] = {}

    @property
    def listen(self) -> str:
        return str(self.info["listen"])

    @property
    def control(self) -> SimulatorControl:
        return SimulatorControl(str(self.info["control"]))

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "kiosk", "sim", "printer", "--out", str(self.out_dir),
               "--font", str(self.fonts.regular), "--parent-watch",
               *self.settings.sim_options()]
        if self.fonts.bold is not None:
            cmd += ["--bold-font", str(self.fonts.bold)]
        cmd += ["--pty"] if self.pty else ["--listen", "tcp://127.0.0.1:0"]
        return cmd

    def start(self) -> dict[str, Any]:
        """Start it and wait for its announcement; `PrinterOffline` if it does not come."""
        self.stop()
        self.process = subprocess.Popen(self.command(), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=_child_env())
        assert self.process.stdout is not None
        line = b""
        deadline = time.monotonic() + START_TIMEOUT_S
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready = select.select([self.process.stdout], [], [], max(0.0, left))[0]
            chunk = os.read(self.process.stdout.fileno(), 4096) if ready else b""
            if not chunk:
                code = self.process.poll()
                self.stop()
                raise PrinterOffline(
                    f"the printer simulator did not start (exit code {code})",
                    message_zh="模拟打印机未能启动")
            line += chunk
        self.info = json.loads(line)
        log.info("printer simulator started", extra={"listen": self.info["listen"],
                                                     "control": self.info["control"],
                                                     "out": str(self.out_dir)})
        return self.info

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def _child_env() -> dict[str, str]:
    # The child's interpreter must find this checkout's packages even when started from
    # another working directory.
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}
