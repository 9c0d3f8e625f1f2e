"""`kiosk devices [--json]`: what is attached and what each most likely is."""

from __future__ import annotations

import argparse
import json

from kiosk.cli.common import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "devices", help="list attached devices and what each most likely is",
        description="List serial ports (with USB ids), USB printers and cameras, what each most "
                    "likely is, and the URL to put in the configuration. JSON keys: kind, path, "
                    "url, likely, role, usb_id, description.")
    parser.add_argument("--json", action="store_true", help="one JSON array")
    parser.add_argument("--no-simulators", action="store_true",
                        help="leave out the simulators")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.technician.devices import discover

    found = discover(include_simulators=not args.no_simulators)
    if args.json:
        print(json.dumps([d.as_dict() for d in found], ensure_ascii=False, indent=1))
        return EXIT_OK
    real = [d for d in found if d.kind != "simulator"]
    if not real:
        print("no serial ports, USB printers or cameras found")
    for d in found:
        usb = f" [{d.usb_id}]" if d.usb_id else ""
        desc = f" {d.description}" if d.description else ""
        print(f"{d.path:<22}{usb}{desc}\n    likely: {d.likely}\n    url:    {d.url}")
    return EXIT_OK
