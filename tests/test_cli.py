"""The `kiosk` command line: help everywhere, version, and honest failures."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk import __version__
from tests.conftest import REPO


def kiosk_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=60, check=False, env=env)


@pytest.mark.parametrize("args", [[], ["run"], ["demo"], ["config"], ["config", "check"],
                                  ["version"]])
def test_every_command_has_help(args):
    result = kiosk_cli(*args, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: kiosk" in result.stdout


def test_version():
    result = kiosk_cli("version")
    assert result.returncode == 0
    assert result.stdout.startswith(f"zwkiosk {__version__}\n")
    assert "kivy 2.3" in result.stdout


def test_demo_without_a_display_says_what_to_do():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = kiosk_cli("demo", env=env)
    assert result.returncode == 1
    assert "kiosk demo --tour DIR" in result.stderr


def test_run_with_a_broken_config_exits_78_before_opening_a_window():
    result = kiosk_cli("run", "--config", "config/examples/broken.toml")
    assert result.returncode == 78
    assert len(result.stderr.strip().splitlines()) == 11


def test_kiosk_config_environment_variable_picks_the_file(tmp_path):
    env = {**os.environ, "KIOSK_CONFIG": str(REPO / "config/examples/broken.toml")}
    result = kiosk_cli("config", "check", env=env)
    assert result.returncode == 78


def test_run_refuses_to_start_without_a_chinese_font(kiosk_toml, tmp_path):
    latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.exists(latin):
        pytest.fail("DejaVu Sans is expected on Debian as a font without Chinese glyphs")
    result = kiosk_cli("run", "--config", str(kiosk_toml), "--set", f'kiosk.font="{latin}"')
    assert result.returncode == 1
    assert "cannot show Chinese text" in result.stderr
