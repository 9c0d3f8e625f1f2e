"""`kiosk run` (the kiosk as installed in a hall) and `kiosk demo` (simulated devices).

`kiosk demo --tour DIR` needs no display: it drives the real app through every screen on a
virtual one and writes a picture of each step (see `kiosk.tour`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from kiosk.cli.common import (
    EXIT_CONFIG,
    EXIT_FAILURE,
    EXIT_OK,
    add_config_options,
    load_or_report,
)
from kiosk.config import KioskConfig
from kiosk.config.loader import default_config_path, environment_problems
from kiosk.errors import FontNotFound
from kiosk.logs import setup_logging
from kiosk.reconfigure import ConfigSource

log = logging.getLogger(__name__)

DEMO_OVERRIDES = [
    "devices.printer=\"sim://\"",
    "devices.id_reader=\"sim://\"",
    "devices.camera=\"sim://\"",
    "platform.url=\"embedded\"",
    "kiosk.fullscreen=false",
]


def register(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser(
        "run", help="run the kiosk",
        description="Run the kiosk full screen with the devices and platform in the "
                    "configuration. Only the technician PIN leaves it.")
    add_config_options(run)
    run.add_argument("--pilot", type=Path, help=argparse.SUPPRESS)
    run.add_argument("--startup-report", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(handler=run_kiosk, demo=False)

    demo = commands.add_parser(
        "demo", help="run the kiosk with simulated devices in a window",
        description="Run the kiosk in a window with simulated devices and the embedded "
                    "platform. With --tour DIR, drive it through every screen on a virtual "
                    "display instead and save a picture of each step in DIR.")
    add_config_options(demo)
    demo.add_argument("--tour", type=Path, metavar="DIR",
                      help="tour every screen without a display; pictures and tour.json in DIR")
    demo.set_defaults(handler=run_demo)


def _start(args: argparse.Namespace, overrides: list[str], *, allow_close: bool) -> int:
    config = load_or_report(args.config, overrides)
    if config is None:
        return EXIT_CONFIG
    config = _with_pushed_settings(config, args.config, overrides)
    missing = environment_problems(config)
    if missing:
        for line in missing:
            print(f"cannot start: {line}", file=sys.stderr)
        return EXIT_CONFIG
    _setup_logging(config)
    try:
        from kiosk.app import EXIT_RESTART, run_app

        code = run_app(config, allow_close=allow_close,
                       pilot_socket=getattr(args, "pilot", None),
                       startup_report=getattr(args, "startup_report", False),
                       source=ConfigSource(args.config or default_config_path(),
                                           tuple(overrides)))
        if code == EXIT_RESTART:
            _restart_process()
        return code
    except FontNotFound as exc:
        log.error("cannot start: %s", exc)
        print(f"cannot start: {exc}", file=sys.stderr)
        return EXIT_FAILURE


def _with_pushed_settings(config: KioskConfig, path: Path | None,
                          overrides: list[str]) -> KioskConfig:
    """The configuration with the settings the county pushed (kept in state_dir) laid over it;
    the file's own when they no longer fit it."""
    from kiosk.errors import ConfigError
    from kiosk.monitoring.remote import pushed_overrides

    pushed = pushed_overrides(config.kiosk.state_dir)
    if not pushed:
        return config
    try:
        return ConfigSource(path or default_config_path(), tuple(overrides)).load(pushed)
    except ConfigError as exc:
        for line in exc.lines():
            print(f"settings pushed by the platform ignored: {line}", file=sys.stderr)
        return config


def _restart_process() -> None:
    """Replace this process with a fresh `kiosk` with the same arguments (same pid, so a
    systemd unit sees the same service; it is told READY again once the new one has drawn)."""
    log.warning("restarting the kiosk process")
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, "-m", "kiosk", *sys.argv[1:]])


def _setup_logging(config: KioskConfig) -> None:
    setup_logging(config.logging.level, config.log_file, max_bytes=config.logging.max_bytes,
                  backups=config.logging.backups)


def run_kiosk(args: argparse.Namespace) -> int:
    return _start(args, args.overrides, allow_close=False)


def run_demo(args: argparse.Namespace) -> int:
    overrides = DEMO_OVERRIDES + args.overrides
    if args.tour is not None:
        from kiosk.tour import run_tour

        config = load_or_report(args.config, overrides)
        if config is None:
            return EXIT_CONFIG
        run_tour(args.tour, config_path=args.config, overrides=overrides)
        print(f"tour written to {args.tour}/ ({args.tour / 'tour.json'})")
        return EXIT_OK
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("no display: run `kiosk demo --tour DIR` to tour the kiosk without one",
              file=sys.stderr)
        return EXIT_FAILURE
    return _start(args, overrides, allow_close=True)
