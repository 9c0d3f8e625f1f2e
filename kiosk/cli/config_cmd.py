"""`kiosk config check [FILE]`: say what is wrong with a configuration, one line per problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.common import EXIT_CONFIG, EXIT_OK, load_or_report
from kiosk.config.loader import default_config_path, environment_problems


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("config", help="check the configuration",
                                 description="Work with the kiosk's configuration.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    check = actions.add_parser(
        "check", help="check a configuration file",
        description="Check FILE (default: the kiosk's configuration). Prints one line per "
                    "problem and exits with 78 when there is any; files it names that are "
                    "missing on this machine are warnings.")
    check.add_argument("file", nargs="?", type=Path, metavar="FILE")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    path = args.file or default_config_path()
    config = load_or_report(path, [])
    if config is None:
        return EXIT_CONFIG
    for warning in environment_problems(config):
        print(f"{path}: warning: {warning}")
    print(f"{path}: OK (kiosk {config.kiosk.id}, {config.kiosk.hall_name}, "
          f"platform {config.platform.url})")
    return EXIT_OK
