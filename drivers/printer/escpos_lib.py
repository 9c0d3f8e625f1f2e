"""python-escpos, imported with its side effects contained.

Importing `escpos` (3.1) runs `escpos.capabilities`, which at import time calls
`logging.basicConfig()` (adding a handler to the root logger, which would print our records a
second time, unmasked) and `tempfile.mkdtemp()` (one new directory in /tmp per process, where
it also writes a pickle of its printer database, which later imports unpickle). Here the pickle
goes to one directory per user that only that user can write (~/.cache/zwkiosk/escpos), no
stray directory is left, and the root logger is left as it was.

Also the printer profile the driver's commands are built with: python-escpos's default
(standard Epson ESC/POS) with the printer's dot width, so `image()` checks widths.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import os
import platform
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

_lock = threading.Lock()


def escpos_modules() -> tuple[Any, Any]:
    """(`escpos.printer`, `escpos.constants`), imported once."""
    with _lock:
        import sys

        if "escpos.capabilities" not in sys.modules:
            _import_quietly()
        import escpos.constants
        import escpos.printer

        return escpos.printer, escpos.constants


def _pickle_dir() -> Path:
    """A directory only this user can write: python-escpos unpickles what it finds there."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    for candidate in (base / "zwkiosk" / "escpos",
                      Path(tempfile.gettempdir()) / f"zwkiosk-escpos-{os.getuid()}"):
        try:
            candidate.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = candidate.stat()
        except OSError:
            continue
        if info.st_uid == os.getuid() and not info.st_mode & 0o022:
            return candidate
    return Path(tempfile.mkdtemp(prefix="zwkiosk-escpos-"))


def _import_quietly() -> None:
    cache = Path(os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR") or _pickle_dir())
    pickle_name = f"{platform.python_version()}.capabilities.pickle"
    # The first import writes the pickle; it does so in place, so another process starting at
    # that moment could read half of it. Write it privately and move it in whole.
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    fresh = not (cache / pickle_name).exists()
    work = Path(tempfile.mkdtemp(prefix=".import-", dir=cache)) if fresh else cache
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(work)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    real_mkdtemp = tempfile.mkdtemp
    importer = threading.get_ident()

    def mkdtemp_for_escpos(*args: Any, **kwargs: Any) -> str:
        # Only this thread's import gets the pickle folder: other threads making temporary
        # folders meanwhile (a simulator starting) must get their own, or they would later
        # delete ours.
        if threading.get_ident() == importer:
            return str(work)
        return real_mkdtemp(*args, **kwargs)

    # escpos.capabilities evaluates mkdtemp() even when the environment names a directory.
    tempfile.mkdtemp = mkdtemp_for_escpos  # type: ignore[assignment]
    try:
        import escpos.capabilities  # noqa: F401
    finally:
        tempfile.mkdtemp = real_mkdtemp
        root.handlers[:] = handlers
        root.setLevel(level)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(cache)
        if fresh:
            with contextlib.suppress(OSError):
                os.replace(work / pickle_name, cache / pickle_name)
            shutil.rmtree(work, ignore_errors=True)


@functools.lru_cache(maxsize=8)
def kiosk_profile(dots: int) -> Any:
    """A python-escpos profile for a standard ESC/POS printer `dots` wide (shared: nothing in
    python-escpos writes to a profile whose dpi is set)."""
    escpos_modules()
    from escpos.capabilities import Profile, get_profile

    data = copy.deepcopy(get_profile("default").profile_data)
    data["name"] = f"Kiosk {dots} dots"
    data["media"] = {"dpi": 203, "width": {"mm": round(dots / 8), "pixels": dots}}

    class KioskProfile(Profile):  # type: ignore[misc, valid-type]
        profile_data = data

    return KioskProfile(features=dict(data["features"]))
