"""Changing a configuration file safely: validated first, written atomically, comments kept.

`kiosk config set KEY VALUE`, `kiosk pin set`, the technician screen and settings pushed by
the county platform all go through `set_values`:

1. the file is read with tomlkit, so its comments and layout survive;
2. the new values are put in, and the whole result is checked exactly as `kiosk run` would
   check it (the same one-line problems, naming the file being changed);
3. only then is it written: to a temporary file in the same folder, flushed to disk, and
   renamed over the old one (the old mode kept), so a power cut leaves the old file or the new
   one, never half of each. A refused change leaves the file untouched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from kiosk.config.loader import load_config
from kiosk.config.models import KioskConfig
from kiosk.errors import ConfigError

log = logging.getLogger(__name__)

SECRET_KEYS = frozenset({"platform.kiosk_key", "technician.pin_hash"})


def parse_value(raw: str) -> Any:
    """A value as typed after `kiosk config set KEY`: TOML (`60`, `true`, `"x"`, `["a"]`),
    or a bare word taken as text."""
    try:
        return tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return raw.strip()


def toml_literal(value: Any) -> str:
    """`value` written as a TOML value, for `--set KEY=VALUE` overrides."""
    return tomlkit.item(value).as_string()


def render(path: Path, changes: Mapping[str, Any]) -> str:
    """The file's text with `changes` (`section.key` → value; None removes the key) applied."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(str(path), ["file not found"]) from exc
    except PermissionError as exc:
        raise ConfigError(str(path), ["cannot be read: permission denied"]) from exc
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(str(path), [f"not valid TOML: {exc}"]) from exc
    for key, value in changes.items():
        *sections, leaf = key.split(".")
        if not sections or not all(sections) or not leaf:
            raise ConfigError(str(path), [f"{key}: write the key as section.key"])
        node: Any = document
        for name in sections:
            child = node.get(name)
            if child is None:
                if value is None:
                    break
                child = tomlkit.table()
                node[name] = child
            if not isinstance(child, Table | dict):
                raise ConfigError(str(path), [f"{key}: '{name}' is not a section"])
            node = child
        else:
            if value is None:
                node.pop(leaf, None)
            else:
                node[leaf] = value
    return tomlkit.dumps(document)


def check_text(path: Path, text: str, overrides: Sequence[str] = ()) -> KioskConfig:
    """Validate `text` as if it were the file at `path`; raise `ConfigError` naming `path`."""
    folder = path.resolve().parent
    fd, tmp_name = tempfile.mkstemp(prefix=".check-", suffix=".toml", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return load_config(tmp, overrides)
    except ConfigError as exc:
        raise ConfigError(str(path), exc.problems) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new one."""
    folder = path.resolve().parent
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):  # the rename itself reaches the disk
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def set_values(path: Path, changes: Mapping[str, Any], *, overrides: Sequence[str] = (),
               who: str = "technician") -> KioskConfig:
    """Apply `changes` to the file at `path` if the result is a valid configuration.

    Returns the new configuration (with `overrides` applied on top, as the kiosk runs it);
    raises `ConfigError` with one line per problem and leaves the file as it was."""
    text = render(path, changes)
    config = check_text(path, text, overrides)
    try:
        write_atomically(path, text)
    except PermissionError as exc:
        raise ConfigError(str(path), ["cannot be written: permission denied (run as the "
                                      "kiosk's user or with sudo)"]) from exc
    except OSError as exc:
        raise ConfigError(str(path), [f"cannot be written: {exc.strerror or exc}"]) from exc
    shown = {key: ("(hidden)" if key in SECRET_KEYS else value) for key, value in changes.items()}
    log.info("configuration changed", extra={"file": str(path), "by": who, "changes": shown})
    return config
