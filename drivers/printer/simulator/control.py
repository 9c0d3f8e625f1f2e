"""The simulator's control channel, from Python: for tests, demos and `kiosk sim printer-state`.

    sim = SimulatorControl("tcp://127.0.0.1:40124")
    sim.set(paper="out")                       # the next status query says paper out
    sim.arm(after_bytes=300, cover="open")     # open the cover in the middle of the next job
    sim.receipts(wait_for=1, timeout=10)       # journals of the receipts printed so far
"""

from __future__ import annotations

import json
import socket
from typing import Any


class SimulatorError(Exception):
    """The simulator refused a command or could not be reached."""


class SimulatorControl:
    def __init__(self, address: str, timeout: float = 30) -> None:
        host, _, port = address.removeprefix("tcp://").rpartition(":")
        self.address = (host or "127.0.0.1", int(port))
        self.timeout = timeout

    def call(self, cmd: str, **args: Any) -> dict[str, Any]:
        try:
            with socket.create_connection(self.address, timeout=self.timeout) as conn:
                conn.sendall(json.dumps({"cmd": cmd, **args}).encode() + b"\n")
                with conn.makefile("rb") as stream:
                    line = stream.readline()
        except OSError as exc:
            raise SimulatorError(f"the printer simulator at {self.address} cannot be "
                                 f"reached: {exc}") from exc
        if not line:
            raise SimulatorError("the printer simulator closed the connection")
        answer = json.loads(line)
        if not answer.get("ok"):
            raise SimulatorError(answer.get("error", "refused"))
        return answer

    def state(self) -> dict[str, Any]:
        return self.call("state")["state"]

    def set(self, **changes: Any) -> dict[str, Any]:
        return self.call("set", **changes)["state"]

    def arm(self, after_bytes: int, **changes: Any) -> dict[str, Any]:
        return self.call("arm", after_bytes=after_bytes, set=changes)["state"]

    def receipts(self, wait_for: int = 0, timeout: float = 10) -> list[dict[str, Any]]:
        return self.call("receipts", wait_for=wait_for, timeout=timeout)["receipts"]

    def stop(self) -> None:
        self.call("stop")
