"""House rules that keep the code base in shape: layering, threads, files, lint."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def python_files(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def test_drivers_know_nothing_of_the_layers_above():
    for path in python_files("drivers"):
        assert not imports_of(path) & {"kivy", "kiosk", "screens"}, path


def test_only_the_app_shell_in_kiosk_imports_kivy_or_screens():
    offenders = [path.relative_to(REPO) for path in python_files("kiosk")
                 if imports_of(path) & {"kivy", "screens"}]
    assert offenders == [Path("kiosk/app.py")]


def test_screens_start_work_only_through_the_background_runner():
    # Threads, sockets, devices and HTTP belong below the screens; the pilot (a test and tour
    # remote control with its own socket thread) is the one exception.
    forbidden = {"threading", "concurrent", "socket", "serial", "requests", "cv2", "escpos",
                 "subprocess", "urllib"}
    for path in python_files("screens"):
        if path.name == "pilot.py":
            continue
        assert not imports_of(path) & forbidden, path
        assert "time.sleep" not in path.read_text(encoding="utf-8"), path


def test_every_screen_and_overlay_has_its_python_class_and_kv_layout():
    import importlib

    from screens.registry import OVERLAYS, SCREENS

    for part in [*SCREENS.values(), *OVERLAYS.values()]:
        module = Path(importlib.import_module(part.module).__file__)
        assert hasattr(sys.modules[part.module], part.name), part
        assert module.with_suffix(".kv") == REPO / "screens" / part.kv, part


def test_no_file_grows_past_400_lines():
    sources = [p for folder in ("kiosk", "drivers", "screens", "bench")
               for pattern in ("*.py", "*.kv") for p in (REPO / folder).rglob(pattern)]
    long = [f"{p.relative_to(REPO)} ({n})" for p in sorted(sources)
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []


def test_benches_keep_their_folder_off_the_import_path():
    # Run as `python bench/x.py`, a script has bench/ first on sys.path, where bench/platform.py
    # stands in for the standard library's `platform` (python-escpos, uuid… import it).
    guard = 'sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != '
    unguarded = [p.name for p in sorted((REPO / "bench").glob("[!_]*.py"))
                 if guard not in p.read_text(encoding="utf-8")]
    assert unguarded == []


def test_nothing_runs_at_import_time():
    # Importing the whole core must not read config, open devices or start threads.
    code = ("import threading, kiosk.bootstrap, kiosk.cli, kiosk.tour, kiosk.pilot_client; "
            "assert threading.active_count() == 1; import sys; "
            "assert 'kivy' not in sys.modules, 'kivy imported by the core'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=60)


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.fail("ruff is not installed in the virtual environment (pip install -e .[test])")
    result = subprocess.run([str(ruff), "check", "--output-format", "concise", "."],
                            capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
