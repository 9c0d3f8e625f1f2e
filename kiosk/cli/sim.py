"""`kiosk sim …`: the device simulators as programs, for demos, tests and technicians.

Each simulator speaks its device's real protocol on a real transport (a pty or a TCP socket),
so the real driver (or a vendor's tool) can talk to it. Device families add their simulators
here: the ID card reader's are in `kiosk.cli.sim_idreader`.
"""

from __future__ import annotations

import argparse

from kiosk.cli import sim_idreader


def register(commands: argparse._SubParsersAction) -> None:
    sim = commands.add_parser("sim", help="run a simulated device",
                              description="Simulated devices: real programs speaking the "
                                          "devices' protocols on a TCP port or a pty.")
    devices = sim.add_subparsers(dest="device", metavar="DEVICE")
    devices.required = True
    sim_idreader.register(devices)
