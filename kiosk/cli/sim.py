"""`kiosk sim …`: the device simulators as programs, for demos, tests and technicians.

    kiosk sim printer --listen tcp://127.0.0.1:9100 --out DIR    a printer on a TCP port
    kiosk sim printer --pty --out DIR                             …on a pty (prints its path)
    kiosk sim printer-state --out DIR paper=out                   change a running one's state

Each simulator prints one JSON line saying where it listens and where its control channel is.
Device families add their simulators here as `printer`, `printer-state` do; the ID card reader's
are in `kiosk.cli.sim_idreader`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from kiosk.cli import sim_idreader
from kiosk.cli.common import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK

STATE_WORDS = {"paper": "纸", "cover": "仓盖", "answer": "应答", "error": "故障"}


def register(commands: argparse._SubParsersAction) -> None:
    sim = commands.add_parser("sim", help="run a simulated device",
                              description="Simulated devices: real programs speaking the "
                                          "devices' protocols on a TCP port or a pty.")
    devices = sim.add_subparsers(dest="device", metavar="DEVICE")
    devices.required = True

    printer = devices.add_parser(
        "printer", help="an ESC/POS receipt printer",
        description="An ESC/POS receipt printer: prints each cut receipt as a PNG (and its "
                    "journal as JSON) in DIR, answers DLE EOT status queries, and takes state "
                    "changes (paper, cover, silence) on its control channel.")
    where = printer.add_mutually_exclusive_group()
    where.add_argument("--listen", default="tcp://127.0.0.1:9100", metavar="tcp://HOST:PORT",
                       help="TCP address to listen on (port 0: any free port)")
    where.add_argument("--pty", action="store_true", help="listen on a new pty instead")
    printer.add_argument("--out", type=Path, default=Path("out/printer-sim"), metavar="DIR",
                         help="where receipts go (default: out/printer-sim)")
    printer.add_argument("--control", default="tcp://127.0.0.1:0", metavar="tcp://HOST:PORT",
                         help="control channel address (default: any free loopback port)")
    printer.add_argument("--paper", type=int, choices=(80, 58), default=80,
                         help="roll width in mm (576 or 384 dots)")
    printer.add_argument("--dots", type=int, help="printable width in dots, overriding --paper")
    printer.add_argument("--encoding", choices=("gb18030", "gbk", "utf-8"), default="gb18030",
                         help="how the printer reads Chinese mode bytes")
    printer.add_argument("--charset", choices=("gb2312", "gbk", "gb18030", "none"),
                         default="gb2312", help="which characters the printer's font has")
    printer.add_argument("--font", type=Path, help="CJK font to draw with (default: Noto Sans CJK)")
    printer.add_argument("--bold-font", type=Path, help="its bold face")
    printer.add_argument("--keep", type=int, default=200, help="receipts kept in DIR")
    printer.add_argument("--parent-watch", action="store_true", help=argparse.SUPPRESS)
    printer.set_defaults(handler=run_printer)

    state = devices.add_parser(
        "printer-state", help="show or change a running printer simulator's state",
        description="Show or change the state of a running printer simulator, e.g. "
                    "`kiosk sim printer-state --out DIR paper=out` or `cover=open "
                    "--after-bytes 300` (opens the cover in the middle of the next receipt).")
    target = state.add_mutually_exclusive_group(required=True)
    target.add_argument("--control", metavar="tcp://HOST:PORT", help="its control channel")
    target.add_argument("--out", type=Path, metavar="DIR",
                        help="its receipt folder (holds simulator.json with the address)")
    state.add_argument("changes", nargs="*", metavar="KEY=VALUE",
                       help="paper=ok|near_end|out cover=open|closed answer=yes|no "
                            "error=none|cutter|unrecoverable|overheat")
    state.add_argument("--after-bytes", type=int, metavar="N",
                       help="apply the changes once N more bytes have been printed")
    state.set_defaults(handler=run_printer_state)

    sim_idreader.register(devices)


def run_printer(args: argparse.Namespace) -> int:
    from drivers.printer.glyphs import FontFiles
    from drivers.printer.settings import PAPER_DOTS
    from drivers.printer.simulator.server import SimulatorOptions, run_simulator
    from kiosk.errors import FontNotFound
    from kiosk.fonts import find_fonts

    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="printer-sim %(levelname)s %(message)s")
    if args.font is not None:
        fonts = FontFiles(args.font, args.bold_font)
    else:
        cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "zwkiosk"
        try:
            found = find_fonts(None, cache / "fonts")
        except FontNotFound as exc:
            print(f"cannot start: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        fonts = FontFiles(found.regular, found.bold)
    dots = args.dots or PAPER_DOTS[args.paper]
    options = SimulatorOptions(fonts=fonts, out_dir=args.out.resolve(),
                               listen="pty" if args.pty else args.listen,
                               control=args.control, dots=dots - dots % 8,
                               encoding=args.encoding, charset=args.charset, keep=args.keep,
                               parent_watch=args.parent_watch)
    try:
        return run_simulator(options)
    except (OSError, ValueError) as exc:
        print(f"cannot start the printer simulator: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def run_printer_state(args: argparse.Namespace) -> int:
    from drivers.printer.simulator.control import SimulatorControl, SimulatorError

    address = args.control
    if address is None:
        try:
            address = json.loads((args.out / "simulator.json").read_text())["control"]
        except (OSError, ValueError, KeyError) as exc:
            print(f"no running printer simulator found in {args.out}: {exc}", file=sys.stderr)
            return EXIT_FAILURE
    try:
        changes = _parse_changes(args.changes)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONFIG
    control = SimulatorControl(address, timeout=10)
    try:
        if changes and args.after_bytes:
            state = control.arm(args.after_bytes, **changes)
        elif changes:
            state = control.set(**changes)
        else:
            state = control.state()
    except SimulatorError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILURE
    print(json.dumps(state, ensure_ascii=False))
    return EXIT_OK


def _parse_changes(items: list[str]) -> dict[str, object]:
    changes: dict[str, object] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or key not in STATE_WORDS:
            raise ValueError(f"\"{item}\": write KEY=VALUE with KEY one of "
                             f"{', '.join(STATE_WORDS)}")
        if key == "answer":
            if value not in ("yes", "no", "true", "false"):
                raise ValueError(f"\"{item}\": answer is yes or no")
            changes[key] = value in ("yes", "true")
        else:
            changes[key] = value
    return changes
