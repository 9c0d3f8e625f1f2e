"""The simulator as a program: its transport (a TCP port or a pty), its control channel, its
announcement, and an orderly end.

On start it prints ONE JSON line on stdout and writes the same to `OUT/simulator.json`:

    {"listen": "tcp://127.0.0.1:40123", "control": "tcp://127.0.0.1:40124", "out": "/…",
     "pid": 4242, "dots": 576}

(`listen` is `serial:///dev/pts/7` on a pty), so whoever started it knows where to connect.

The control channel takes one JSON object per line on a loopback TCP port and answers one:

    {"cmd": "state"}                                   → {"ok": true, "state": {...}}
    {"cmd": "set", "paper": "out"}                     paper ok|near_end|out, cover open|closed,
                                                       answer true|false, error none|cutter|
                                                       unrecoverable|overheat
    {"cmd": "arm", "after_bytes": 300, "set": {"cover": "open"}}
    {"cmd": "receipts", "wait_for": 2, "timeout": 10}  → {"ok": true, "receipts": [...]}
    {"cmd": "stop"}

A TCP printer serves one connection at a time, as a real one on port 9100 does.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import signal
import socket
import sys
import threading
import tty
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drivers.printer.glyphs import FontFiles, GlyphPainter
from drivers.printer.simulator.machine import PrinterMachine
from drivers.printer.simulator.paper import Paper

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimulatorOptions:
    fonts: FontFiles
    out_dir: Path | None
    listen: str = "tcp://127.0.0.1:9100"   # or "pty"
    control: str = "tcp://127.0.0.1:0"
    dots: int = 576
    encoding: str = "gb18030"
    charset: str = "gb2312"
    keep: int = 200
    parent_watch: bool = False


class TcpPort:
    def __init__(self, machine: PrinterMachine, host: str, port: int) -> None:
        self.machine = machine
        self.server = socket.create_server((host, port))
        self.address = "tcp://{}:{}".format(*self.server.getsockname()[:2])
        self._stop = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._serve, name="printer-sim-tcp", daemon=True).start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _peer = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                self.machine.reply_to = conn.sendall
                self._pump(conn)
                self.machine.reply_to = None

    def _pump(self, conn: socket.socket) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([conn], [], [], 0.2)
            if not ready:
                continue
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            self.machine.receive(data)

    def close(self) -> None:
        self._stop.set()
        self.server.close()


class PtyPort:
    """A pseudo-terminal: the driver opens `address` as a serial port."""

    def __init__(self, machine: PrinterMachine) -> None:
        self.machine = machine
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no newline translation: bytes are bytes
        self.address = f"serial://{os.ttyname(self.slave)}"
        self._stop = threading.Event()

    def start(self) -> None:
        self.machine.reply_to = lambda data: os.write(self.master, data) and None
        threading.Thread(target=self._serve, name="printer-sim-pty", daemon=True).start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if data:
                self.machine.receive(data)

    def close(self) -> None:
        self._stop.set()
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)


class ControlServer:
    def __init__(self, machine: PrinterMachine, address: str, stop: threading.Event) -> None:
        host, port = _host_port(address)
        self.machine = machine
        self.stop = stop
        self.server = socket.create_server((host, port))
        self.address = "tcp://{}:{}".format(*self.server.getsockname()[:2])

    def start(self) -> None:
        threading.Thread(target=self._accept, name="printer-sim-control", daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as stream:
            for line in stream:
                try:
                    answer = self.handle(json.loads(line))
                except (ValueError, TypeError, KeyError) as exc:
                    answer = {"ok": False, "error": str(exc)}
                stream.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")
                stream.flush()

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        command = request.get("cmd")
        if command == "state":
            return {"ok": True, "state": self.machine.snapshot()}
        if command == "set":
            changes = {k: v for k, v in request.items() if k != "cmd"}
            self.machine.set_state(**changes)
            return {"ok": True, "state": self.machine.snapshot()}
        if command == "arm":
            self.machine.arm(int(request["after_bytes"]), dict(request["set"]))
            return {"ok": True, "state": self.machine.snapshot()}
        if command == "receipts":
            records = self.machine.wait_receipts(int(request.get("wait_for", 0)),
                                                 float(request.get("timeout", 0)))
            return {"ok": True, "receipts": [r.as_dict() for r in records]}
        if command == "stop":
            self.stop.set()
            return {"ok": True}
        raise ValueError(f"unknown command {command!r}; use state, set, arm, receipts or stop")

    def close(self) -> None:
        self.server.close()


def run_simulator(options: SimulatorOptions) -> int:
    """Run until SIGTERM/SIGINT, a `stop` command, or (with parent_watch) stdin closing."""
    stop = threading.Event()
    paper = Paper(options.dots, GlyphPainter(options.fonts), options.out_dir, keep=options.keep)
    machine = PrinterMachine(paper, encoding=options.encoding, charset=options.charset)
    if options.listen == "pty":
        port: TcpPort | PtyPort = PtyPort(machine)
    else:
        port = TcpPort(machine, *_host_port(options.listen))
    control = ControlServer(machine, options.control, stop)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    machine.start()
    port.start()
    control.start()
    if options.parent_watch:
        threading.Thread(target=_watch_parent, args=(stop,), daemon=True).start()
    announcement = {"listen": port.address, "control": control.address, "pid": os.getpid(),
                    "out": str(options.out_dir) if options.out_dir else None,
                    "dots": options.dots}
    if options.out_dir is not None:
        options.out_dir.mkdir(parents=True, exist_ok=True)
        (options.out_dir / "simulator.json").write_text(json.dumps(announcement) + "\n")
    sys.stdout.write(json.dumps(announcement) + "\n")
    sys.stdout.flush()
    log.info("printer simulator ready", extra=announcement)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        port.close()
        control.close()
        machine.stop()
    return 0


def _watch_parent(stop: threading.Event) -> None:
    """The kiosk that started us holds our stdin; when it goes, so do we."""
    try:  # os.read, not sys.stdin: a buffered reader's lock trips interpreter shutdown
        while os.read(0, 1024):
            pass
    except OSError:
        pass
    stop.set()


def _host_port(address: str) -> tuple[str, int]:
    text = address.removeprefix("tcp://")
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"\"{address}\" is not tcp://HOST:PORT")
    return host or "127.0.0.1", int(port)
