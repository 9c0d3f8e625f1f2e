"""Fixtures for the whole suite, and the rule that a run in which nothing passed is a failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = REPO / "config" / "kiosk.toml"
EXAMPLES = REPO / "config" / "examples"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # pytest exits 0 when everything was skipped or deselected; CI must not call that green.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = len(reporter.stats.get("passed", [])) if reporter is not None else 0
    if exitstatus == 0 and passed == 0:
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One extracted Chinese font face for all tests, instead of one per kiosk state dir."""
    return tmp_path_factory.mktemp("fonts")


@pytest.fixture
def state_dir(tmp_path: Path, font_cache: Path) -> Path:
    state = tmp_path / "state"
    state.mkdir()
    (state / "fonts").symlink_to(font_cache, target_is_directory=True)
    return state


@pytest.fixture
def kiosk_toml(tmp_path: Path, state_dir: Path) -> Path:
    """The default configuration with its state in this test's temporary directory."""
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    text = text.replace('state_dir = "../var"', f'state_dir = "{state_dir}"')
    # Metrics on a free port: several kiosks (and other test runs) share this machine.
    text = text.replace('metrics_listen = "127.0.0.1:9108"', 'metrics_listen = "127.0.0.1:0"')
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def require_tool(name: str) -> str:
    """The path of a program the test needs; fails (not skips) when make test forgot it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; `make test` installs it (scripts/ensure-env)")
    return path
