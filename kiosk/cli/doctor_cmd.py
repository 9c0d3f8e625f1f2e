"""`kiosk doctor [--json] [--simulate]`: check everything, one line each, with the fix."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from kiosk.cli.common import (
    EXIT_CONFIG,
    EXIT_FAILURE,
    EXIT_OK,
    add_config_options,
    load_or_report,
)
from kiosk.cli.run import DEMO_OVERRIDES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "doctor", help="check configuration, devices, platform, outbox and disk",
        description="Check the configuration, each device, the platform (reachability, "
                    "signature, clock skew), the outbox, disk space and the metrics port. One "
                    "line each: OK, WARN or FAIL with what to do. Exit 1 when a required check "
                    "fails, 78 when the configuration cannot be read.")
    add_config_options(parser)
    parser.add_argument("--json", action="store_true",
                        help='one JSON object: {"ok": bool, "checks": [{"name", "status", '
                             '"required", "message", "message_zh"}]}')
    parser.add_argument("--simulate", action="store_true",
                        help="check against the simulators and an embedded platform instead "
                             "of the configured devices and platform")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.technician.doctor import failed, run_checks

    logging.basicConfig(level=logging.CRITICAL)  # the lines below say it all
    overrides = [*DEMO_OVERRIDES, *args.overrides] if args.simulate else args.overrides
    config = load_or_report(args.config, overrides)
    if config is None:
        if args.json:
            print(json.dumps({"ok": False, "checks": [
                {"name": "config", "status": "fail", "required": True,
                 "message": "the configuration cannot be used (problems on stderr)",
                 "message_zh": "配置文件有误"}]}))
        return EXIT_CONFIG
    checks = []
    for check in run_checks(config, args.config, simulate=args.simulate):
        checks.append(check)
        if not args.json:
            print(check.line(), flush=True)
    bad = failed(checks)
    if args.json:
        print(json.dumps({"ok": not bad, "checks": [c.as_dict() for c in checks]},
                         ensure_ascii=False))
    elif bad:
        print("something required fails: see the FAIL lines above", file=sys.stderr)
    return EXIT_FAILURE if bad else EXIT_OK
