"""What several subcommands share: exit codes, `--config`/`--set`, loading with clear errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config import KioskConfig, load_config
from kiosk.config.loader import default_config_path
from kiosk.errors import ConfigError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 78  # sysexits EX_CONFIG: systemd's RestartPreventExitStatus can name it


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="configuration file (default: $KIOSK_CONFIG, "
                             "/etc/zwkiosk/kiosk.toml, or the repository's config/kiosk.toml)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        dest="overrides",
                        help="override one setting for this run, e.g. kiosk.orientation=landscape")


def load_or_report(path: Path | None, overrides: list[str]) -> KioskConfig | None:
    """The configuration, or None after printing one line per problem to stderr."""
    try:
        return load_config(path or default_config_path(), overrides)
    except ConfigError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return None


def audit_to_kiosk_log(path: Path) -> None:
    """Send this command's log records to the kiosk's own log file (not stderr), so changes
    made over SSH are in the same log as everything else. Quietly skipped when the
    configuration or its log folder cannot be used."""
    import logging

    from kiosk.logs import setup_logging

    try:
        config = load_config(path)
        setup_logging("INFO", config.log_file, max_bytes=config.logging.max_bytes,
                      backups=config.logging.backups, stderr=False)
    except (ConfigError, OSError) as exc:
        logging.getLogger(__name__).debug("not logging to the kiosk log: %s", exc)
