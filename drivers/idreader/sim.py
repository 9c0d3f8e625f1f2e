"""The ID card reader simulator as a program: `python -m drivers.idreader.sim` (and, for
technicians, `kiosk sim idreader`).

    --pty [--link PATH]               a pseudo-terminal; the driver opens PATH (or /dev/pts/N)
    --listen tcp://127.0.0.1:PORT     a TCP serial server (PORT 0: any free port)
    --control PATH                    the control socket (JSON or plain words, one per line)
    --baudrate N                      the reader's line speed (it ignores other speeds)
    --card KEY                        a card from the deck on the reader from the start

It prints one JSON line when ready — {"device": URL, "control": PATH, "pty": ..., "pid": N} —
and answers the GA 467 protocol until it is stopped. Replies are paced at the line speed (ten
bits a byte) and start only once the command would have crossed the wire, as on a real line.

Control commands (`drivers.idreader.simctl.SimControl` sends them from Python; a technician
can type them when stdin is a terminal):

    insert KEY | remove | deck | stats | clear | unplug | replug | baudrate N | quit
    fault KIND [COUNT] [command=30:01] [delay=S] [piece=N] [gap=S] [size=N]
    status CODE [COUNT] [command=30:01]        the SAM answers with status CODE (hex)
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import logging
import os
import select
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from drivers.idreader.deck import DECK
from drivers.idreader.sim_ports import PtyPort, TcpPort
from drivers.idreader.simulator import (
    FAULT_KINDS,
    Fault,
    ForcedStatus,
    ReaderEngine,
    Transmission,
    parse_command_label,
)

log = logging.getLogger("drivers.idreader.sim")
PACE_CHUNK = 64
LOOP_TICK_S = 0.5


def wire_s(size: int, baudrate: int) -> float:
    return size * 10 / baudrate


class SimServer:
    """One simulated reader: its port, its engine, its control socket, one select loop."""

    def __init__(self, port: PtyPort | TcpPort, control_path: Path, *, baudrate: int = 115200,
                 pace: bool = True, watch_parent: bool = False) -> None:
        self.port = port
        self.engine = ReaderEngine()
        self.baudrate = baudrate
        self.pace = pace
        self.control_path = control_path
        self.control = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        control_path.unlink(missing_ok=True)
        self.control.bind(str(control_path))
        self.control.listen(8)
        self.control.setblocking(False)
        self.clients: dict[int, tuple[socket.socket, bytearray]] = {}
        self.outbox: collections.deque[tuple[float, bytes]] = collections.deque()
        self.line_free_at = 0.0
        self.running = True
        self.parent = os.getppid() if watch_parent else None
        self.mismatched = 0

    # the wire ---------------------------------------------------------------------------------

    def _from_line(self, data: bytes) -> None:
        now = time.monotonic()
        speed = self.port.line_baudrate()
        if speed is not None and speed != self.baudrate:
            # Bytes at the wrong speed are framing errors to a UART: nothing it can use.
            self.mismatched += len(data)
            self.engine.decoder.reset()
            return
        arrived = now + (wire_s(len(data), self.baudrate) if self.pace else 0.0)
        for transmission in self.engine.receive(data):
            self._schedule(transmission, arrived)

    def _schedule(self, tx: Transmission, arrived: float) -> None:
        at = arrived + tx.delay_s
        for index, piece in enumerate(tx.pieces):
            if index:
                at += tx.gap_s
            begin = max(at, self.line_free_at)
            if not self.pace:
                self.outbox.append((begin, piece))
                self.line_free_at = at = begin
                continue
            sent = 0
            for start in range(0, len(piece), PACE_CHUNK):
                chunk = piece[start:start + PACE_CHUNK]
                sent += len(chunk)
                self.outbox.append((begin + wire_s(sent, self.baudrate), chunk))
            self.line_free_at = at = begin + wire_s(len(piece), self.baudrate)
        self.engine.stats["bytes_out"] += tx.size

    def _flush_due(self) -> None:
        now = time.monotonic()
        while self.outbox and self.outbox[0][0] <= now:
            due, data = self.outbox[0]
            written = self.port.write(data)
            if written < len(data):  # the other side is not reading yet: try again shortly
                self.outbox[0] = (due, data[written:])
                return
            self.outbox.popleft()

    # control ----------------------------------------------------------------------------------

    def command(self, request: dict[str, Any]) -> dict[str, Any]:
        """Carry out one control command; the answer always has "ok"."""
        try:
            return {"ok": True, **(self._command(request) or {})}
        except (KeyError, ValueError, TypeError, OSError) as exc:
            return {"ok": False, "error": str(exc).strip("'\"")}

    def _command(self, request: dict[str, Any]) -> dict[str, Any] | None:
        cmd = request.get("cmd")
        engine = self.engine
        if cmd == "insert":
            engine.insert(str(request["card"]))
            log.info("card %s placed on the reader", request["card"])
        elif cmd == "remove":
            engine.remove()
            log.info("card taken off the reader")
        elif cmd == "fault":
            kind = str(request["kind"])
            engine.add_fault(Fault(
                kind, int(request.get("count", 1)), parse_command_label(request.get("command")),
                float(request.get("delay", 0.5)), int(request.get("piece", 3)),
                float(request.get("gap", 0.004)), int(request.get("size", 24))))
            log.info("fault %s armed", kind)
        elif cmd == "status":
            code = request["code"]
            status = int(code, 16) if isinstance(code, str) else int(code)
            if not 0 <= status <= 0xFF:
                raise ValueError("a status is one byte, 00 to FF")
            engine.force_status(ForcedStatus(status, parse_command_label(request.get("command")),
                                             int(request.get("count", 1))))
        elif cmd == "clear":
            engine.clear()
        elif cmd == "unplug":
            self.port.unplug()
            self.outbox.clear()
            engine.decoder.reset()
            log.info("reader unplugged")
        elif cmd == "replug":
            self.port.plug()
            log.info("reader plugged in again")
            return {"device": self.port.device_url}
        elif cmd == "baudrate":
            self.baudrate = int(request["baudrate"])
        elif cmd == "deck":
            return {"cards": [{"key": c.key, "card_type": c.card.card_type.value,
                               "description": c.description} for c in engine.deck.values()]}
        elif cmd == "stats":
            return {"stats": dict(engine.stats), "card": engine.card.key if engine.card else None,
                    "plugged": self.port.plugged, "baudrate": self.baudrate,
                    "line_baudrate": self.port.line_baudrate(), "mismatched": self.mismatched,
                    "faults": len(engine.faults) + len(engine.forced)}
        elif cmd == "quit":
            self.running = False
        elif cmd == "help":
            return {"help": (__doc__ or "").split("Control commands", 1)[-1].strip()}
        else:
            raise ValueError(f"unknown command {cmd!r}; try help")
        return None

    def _control_line(self, line: bytes) -> bytes:
        text = line.decode("utf-8", "replace").strip()
        if not text:
            return b""
        try:
            request = json.loads(text) if text.startswith("{") else words_to_request(text)
        except (ValueError, IndexError) as exc:
            answer: dict[str, Any] = {"ok": False, "error": f"cannot read {text!r}: {exc}"}
        else:
            answer = self.command(request)
        return json.dumps(answer, ensure_ascii=False).encode() + b"\n"

    def _on_control(self, fd: int) -> None:
        if fd == self.control.fileno():
            with contextlib.suppress(BlockingIOError):
                conn, _ = self.control.accept()
                conn.setblocking(True)
                conn.settimeout(2.0)
                self.clients[conn.fileno()] = (conn, bytearray())
            return
        conn, buffer = self.clients[fd]
        try:
            data = conn.recv(4096)
        except OSError:
            data = b""
        if not data:
            del self.clients[fd]
            conn.close()
            return
        buffer += data
        while b"\n" in buffer:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            with contextlib.suppress(OSError):
                conn.sendall(self._control_line(line))

    # the loop ---------------------------------------------------------------------------------

    def run(self, interactive: bool = False) -> None:
        next_check = time.monotonic() + LOOP_TICK_S
        while self.running:
            port_fds = self.port.read_fds()
            watched = [*port_fds, self.control.fileno(), *self.clients]
            if interactive:
                watched.append(sys.stdin.fileno())
            now = time.monotonic()
            wait = min(next_check, self.outbox[0][0] if self.outbox else next_check) - now
            ready, _, _ = select.select(watched, [], [], max(0.0, wait))
            for fd in ready:
                if fd in port_fds:
                    data = self.port.on_readable(fd)
                    if data:
                        self._from_line(data)
                elif interactive and fd == sys.stdin.fileno():
                    line = sys.stdin.buffer.readline()
                    if not line:
                        interactive = False
                        continue
                    sys.stdout.write(self._control_line(line).decode())
                    sys.stdout.flush()
                else:
                    self._on_control(fd)
            self._flush_due()
            if time.monotonic() >= next_check:
                next_check = time.monotonic() + LOOP_TICK_S
                if self.parent is not None and os.getppid() != self.parent:
                    log.info("the program that started the simulator is gone; stopping")
                    self.running = False

    def close(self) -> None:
        self.port.close()
        for conn, _ in self.clients.values():
            conn.close()
        self.control.close()
        self.control_path.unlink(missing_ok=True)


def words_to_request(text: str) -> dict[str, Any]:
    """`fault slow 2 delay=1.5` → {"cmd": "fault", "kind": "slow", "count": 2, "delay": "1.5"}."""
    words = text.split()
    cmd, rest = words[0].lower(), words[1:]
    options = dict(word.split("=", 1) for word in rest if "=" in word)
    plain = [word for word in rest if "=" not in word]
    request: dict[str, Any] = {"cmd": cmd, **options}
    first = {"insert": "card", "fault": "kind", "status": "code", "baudrate": "baudrate"}
    if cmd in first and plain:
        request[first[cmd]] = plain.pop(0)
    if cmd in ("fault", "status") and plain:
        request["count"] = plain.pop(0)
    return request


DESCRIPTION = ("A GA 467 ID card reader (SAM) simulator on a pty or a TCP socket, with a deck "
               "of made-up test cards and faults on command.")
EPILOG = (f"Faults: {', '.join(FAULT_KINDS)}. Type `help` (or send it on the control socket) "
          "for the commands.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m drivers.idreader.sim",
                                     description=DESCRIPTION, epilog=EPILOG)
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pty", action="store_true", help="a pseudo-terminal (the default)")
    where.add_argument("--listen", metavar="tcp://HOST:PORT",
                       help="listen on TCP like a serial device server (PORT 0: any free port)")
    parser.add_argument("--link", type=Path, metavar="PATH",
                        help="with --pty: keep a symlink to the pty at PATH, across replugs")
    parser.add_argument("--control", type=Path, metavar="PATH",
                        help="control socket (default: in a new temporary directory)")
    parser.add_argument("--baudrate", type=int, default=115200,
                        help="the reader's line speed (default 115200)")
    parser.add_argument("--card", metavar="KEY", help="a deck card on the reader from the start")
    parser.add_argument("--no-pace", action="store_true",
                        help="send replies at once instead of at the line speed")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when the program that started it stops")
    parser.add_argument("--quiet", action="store_true", help="report problems only")


def _port(args: argparse.Namespace) -> PtyPort | TcpPort:
    if args.listen:
        if not args.listen.startswith("tcp://"):
            raise SystemExit(f"--listen takes tcp://HOST:PORT, not {args.listen!r}")
        host, _, port = args.listen[len("tcp://"):].rpartition(":")
        if not host or not port.isdigit():
            raise SystemExit(f"--listen takes tcp://HOST:PORT, not {args.listen!r}")
        return TcpPort(host, int(port))
    return PtyPort(args.link)


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(0)  # out of select at once; main's `finally` removes the link and socket


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run the simulator until it is stopped (a signal, or `quit` on the control socket)."""
    if args.card and args.card not in DECK:
        print(f"--card: no card {args.card!r} in the deck; cards: {', '.join(DECK)}",
              file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="idreader-sim: %(message)s")
    # Handlers first: a stop that comes while the port is being made still cleans up after it.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _stop)
    control = args.control or Path(tempfile.mkdtemp(prefix="idreader-sim-")) / "control.sock"
    port = _port(args)
    try:
        server = SimServer(port, control, baudrate=args.baudrate, pace=not args.no_pace,
                           watch_parent=args.exit_with_parent)
    except BaseException:
        port.close()
        raise
    try:
        if args.card:
            server.command({"cmd": "insert", "card": args.card})
        info = {"device": port.device_url, "control": str(control), "pid": os.getpid(),
                "baudrate": args.baudrate}
        if isinstance(port, PtyPort):
            info["pty"] = port.path
        print(json.dumps(info), flush=True)
        server.run(interactive=sys.stdin.isatty())
    finally:
        server.close()
    return 0

if __name__ == "__main__":
    sys.exit(main())
