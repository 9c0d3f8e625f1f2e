"""`kiosk config check [FILE]`: say what is wrong with a configuration, one line per problem."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_CONFIG, EXIT_OK, audit_to_kiosk_log, load_or_report
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

    setter = actions.add_parser(
        "set", help="change one setting, checked, written atomically",
        description="Set KEY (section.key, e.g. devices.printer) to VALUE in the configuration "
                    "file. VALUE is TOML (60, true, \"text\", [\"zh_CN\"]) or a bare word. The "
                    "whole file is checked first; a refused value leaves it untouched (exit "
                    "78). A running kiosk picks the change up when it reloads its "
                    "configuration (technician screen, or the platform's reload command).")
    setter.add_argument("key", metavar="KEY")
    setter.add_argument("value", metavar="VALUE")
    setter.add_argument("--config", type=Path, metavar="FILE",
                        help="the file to change (default: the kiosk's configuration)")
    setter.set_defaults(handler=run_set)


def run_set(args: argparse.Namespace) -> int:
    from kiosk.config.editor import SECRET_KEYS, parse_value, set_values
    from kiosk.errors import ConfigError

    path = args.config or default_config_path()
    audit_to_kiosk_log(path)
    value = parse_value(args.value)
    try:
        set_values(path, {args.key: value}, who="kiosk config set")
    except ConfigError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"{path}: not changed", file=sys.stderr)
        return EXIT_CONFIG
    shown = "(hidden)" if args.key in SECRET_KEYS else json.dumps(value, ensure_ascii=False)
    print(f"{path}: {args.key} = {shown}")
    return EXIT_OK


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
