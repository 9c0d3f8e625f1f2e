"""The `kiosk` command: running the kiosk, and tools for technicians over SSH.

Each subcommand lives in its own module with a `register(subparsers)` function; adding a
command means adding a module to `COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "kiosk.cli.run",
    "kiosk.cli.config_cmd",
    "kiosk.cli.version",
    "kiosk.cli.sim",
    "kiosk.cli.print_test",
    "kiosk.cli.platform_cmd",
    "kiosk.cli.read_card",
    "kiosk.cli.pin_cmd",
    "kiosk.cli.devices_cmd",
    "kiosk.cli.doctor_cmd",
    "kiosk.cli.scan",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="政务自助终端: self-service kiosk for government service halls.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
