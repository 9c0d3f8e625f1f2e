"""`kiosk sim DEVICE`: the device simulators as programs, for technicians and tests.

    kiosk sim idreader --pty --link /tmp/ttyIDR      a GA 467 ID card reader on a pty
    kiosk sim idreader --listen tcp://127.0.0.1:0    ... or behind a TCP serial server

Each simulator speaks its device's real protocol on a real transport, so the real driver (or a
vendor's tool) can talk to it. Device families add themselves to `SIMULATORS`.
"""

from __future__ import annotations

import argparse
import importlib

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
