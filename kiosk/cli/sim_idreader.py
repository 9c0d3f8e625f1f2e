"""`kiosk sim idreader` and `kiosk sim idreader-send`: the ID card reader's simulator as a
program, and one command to a running one.

    kiosk sim idreader --pty --link /tmp/ttyIDR          a GA 467 reader on a pty
    kiosk sim idreader --listen tcp://127.0.0.1:0        ... or behind a TCP serial server
    kiosk sim idreader-send /tmp/idr.sock insert elderly one command to a running simulator

`register(devices)` adds both under `kiosk sim` (`kiosk.cli.sim` calls it).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK


def register(devices: argparse._SubParsersAction) -> None:
    from drivers.idreader import sim

    parser = devices.add_parser("idreader", help="a GA 467 ID card reader (SAM)",
                                description=sim.DESCRIPTION, epilog=sim.EPILOG)
    sim.add_arguments(parser)
    parser.set_defaults(handler=sim.run)

    send = devices.add_parser(
        "idreader-send", help="send one command to a running ID card reader simulator",
        description="Send one command (words, e.g. `insert elderly` or `fault split 3`) to a "
                    "running ID card reader simulator's control socket and print its answer. "
                    "A kiosk's own simulator has its socket where `sim://?control=PATH` says.")
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
        return EXIT_FAILURE
    print(answer.decode().rstrip())
    try:
        return EXIT_OK if json.loads(answer).get("ok") else EXIT_FAILURE
    except ValueError:
        return EXIT_FAILURE
