"""python-escpos's import-time side effects stay contained: no stray temp directories, no
handler on the root logger, its cache in a directory only the kiosk's user can write."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_importing_escpos_leaves_no_trace(tmp_path):
    temp, cache = tmp_path / "tmp", tmp_path / "cache"
    temp.mkdir()
    code = ("import logging; from drivers.printer.escpos_lib import escpos_modules; "
            "escpos_modules(); assert logging.getLogger().handlers == [], 'root handler added'")
    env = {**os.environ, "TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    for _ in range(2):  # the first import writes the cache, the second reads it
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=env, timeout=60)
    assert list(temp.iterdir()) == []
    pickles = list((cache / "zwkiosk" / "escpos").iterdir())
    assert [p.suffix for p in pickles] == [".pickle"]
    assert (cache / "zwkiosk" / "escpos").stat().st_mode & 0o077 == 0
