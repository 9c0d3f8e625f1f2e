"""Structured logging to stderr and a rotating file, with personal data masked on the way out.

The file gets one JSON object per line (for tools); stderr gets one readable line per record
(for a technician watching `journalctl`). Every handler carries `PersonalDataFilter`, so an ID
number or mobile number in a message, its arguments, an exception or a `personal=` field is
masked before any handler writes it. Code should still never log personal data: this is the
second line of defence, not the first.

    log.info("card read", extra={"personal": {"name": name, "id_number": number}})
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from typing import Any

from kiosk.masking import mask_fields, scrub

# Attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class PersonalDataFilter(logging.Filter):
    """Masks ID-card and mobile numbers anywhere in a record, and every `personal` field."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_kiosk_scrubbed", False):
            return True
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        for name, value in list(vars(record).items()):
            if name in _STANDARD_ATTRS:
                continue
            if name == "personal" and isinstance(value, dict):
                record.personal = mask_fields(value)
            elif isinstance(value, str):
                setattr(record, name, scrub(value))
        record._kiosk_scrubbed = True
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items()
            if k not in _STANDARD_ATTRS and not k.startswith("_")}


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, extra fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update(_extras(record))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


class ReadableFormatter(logging.Formatter):
    """`2026-11-22 09:30:01 INFO kiosk.app: message key=value`."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = _extras(record)
        if extras:
            head, sep, tail = line.partition("\n")
            pairs = " ".join(f"{k}={v}" for k, v in extras.items())
            line = f"{head} {pairs}{sep}{tail}"
        return line


def setup_logging(level: str = "INFO", log_file: Path | None = None, *,
                  max_bytes: int = 5 * 1024 * 1024, backups: int = 5,
                  stderr: bool = True) -> None:
    """Send every logger's records through masking to stderr and (if given) a rotating file."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    handlers: list[logging.Handler] = []
    if stderr:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(ReadableFormatter())
        handlers.append(console)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        rotating.setFormatter(JsonLineFormatter())
        handlers.append(rotating)
    for handler in handlers:
        handler.addFilter(PersonalDataFilter())
        root.addHandler(handler)
    logging.captureWarnings(True)
    # A handler that fails (full disk, closed stream) must not print its own traceback: its
    # chained context is whatever was being handled, personal data included.
    logging.raiseExceptions = False
