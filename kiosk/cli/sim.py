"""`kiosk sim DEVICE`: the device simulators as programs, for technicians and tests.

    kiosk sim idreader --pty --link /tmp/ttyIDR      a GA 467 ID card reader on a pty
    kiosk sim idreader --listen tcp://127.0.0.1:0    ... or behind a TCP serial server
    kiosk sim send /tmp/idr.sock insert elderly      one command to a running simulator

Each simulator speaks its device's real protocol on a real transport, so the real driver (or a
vendor's tool) can talk to it. Device families add themselves to `SIMULATORS`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import socket
import sys
from pathlib import Path

# Subcommand → module with DESCRIPTION, EPILOG, add_arguments(parser) and run(args).
SIMULATORS = {
    "idreader": "drivers.idreader.sim",
}


def register(commands: argparse._SubParsersAction) -> None:
    sim = commands.add_parser(
        "sim", help="run a device simulator",
        description="Run a simulated device as a program on a real transport (a pty or a TCP "
                    "socket), for testing a kiosk or a driver without the hardware.")
    devices = sim.add_subparsers(dest="device", metavar="DEVICE")
    devices.required = True
    for name, module_name in SIMULATORS.items():
        module = importlib.import_module(module_name)
        parser = devices.add_parser(name, help=module.DESCRIPTION.split(",")[0],
                                    description=module.DESCRIPTION, epilog=module.EPILOG)
        module.add_arguments(parser)
        parser.set_defaults(handler=module.run)
    send = devices.add_parser(
        "send", help="send one command to a running simulator's control socket",
        description="Send one command (words, e.g. `insert elderly` or `fault split 3`) to a "
                    "running simulator's control socket and print its answer. A kiosk's own "
                    "simulator has its socket where `sim://?control=PATH` says.")
    send.add_argument("socket", type=Path, help="the simulator's control socket")
    send.add_argument("words", nargs="+", help="the command, e.g. insert resident")
    send.set_defaults(handler=send_command)


def send_command(args: argparse.Namespace) -> int:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            sock.connect(str(args.socket))
            sock.sendall(" ".join(args.words).encode() + b"\n")
            answer = sock.makefile("rb").readline()
    except OSError as exc:
        print(f"no simulator answers at {args.socket}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(answer.decode().rstrip())
    try:
        return 0 if json.loads(answer).get("ok") else 1
    except ValueError:
        return 1
