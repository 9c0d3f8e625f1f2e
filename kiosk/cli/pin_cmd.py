"""`kiosk pin set`: change the technician PIN (stored as a salted scrypt hash, never the PIN)."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, audit_to_kiosk_log
from kiosk.config.loader import default_config_path

log = logging.getLogger(__name__)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("pin", help="change the technician PIN",
                                 description="Manage the technician PIN.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    setter = actions.add_parser(
        "set", help="set a new technician PIN",
        description="Ask for a new PIN twice (4 to 12 digits, not one digit repeated "
                    "nor a run such as 123456) and store its salted scrypt "
                    "hash in technician.pin_hash. The PIN itself is never stored or logged.")
    setter.add_argument("--config", type=Path, metavar="FILE",
                        help="the file to change (default: the kiosk's configuration)")
    setter.add_argument("--stdin", action="store_true",
                        help="read the PIN from standard input (one line) instead of asking")
    setter.set_defaults(handler=run_set)


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("New technician PIN (4-12 digits): ")
    second = getpass.getpass("Again: ")
    if first != second:
        print("the two PINs differ; nothing changed", file=sys.stderr)
        return None
    return first


def run_set(args: argparse.Namespace) -> int:
    from kiosk.config.editor import set_values
    from kiosk.errors import ConfigError
    from kiosk.pin import hash_pin, new_pin_problem

    path = args.config or default_config_path()
    audit_to_kiosk_log(path)
    pin = _read_pin(args.stdin)
    if pin is None:
        return EXIT_FAILURE
    problem = new_pin_problem(pin)
    if problem is not None:
        print(f"{problem[1]} Nothing changed.", file=sys.stderr)
        return EXIT_FAILURE
    try:
        set_values(path, {"technician.pin_hash": hash_pin(pin)}, who="kiosk pin set")
    except ConfigError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_CONFIG
    log.warning("technician PIN changed", extra={"file": str(path)})
    print(f"{path}: technician PIN changed")
    return EXIT_OK
