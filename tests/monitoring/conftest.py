"""A kiosk core linked to the reference platform on a loopback port, for the monitoring tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.bootstrap import Core, build_core
from kiosk.config import load_config
from kiosk.reconfigure import ConfigSource
from tests.platform.conftest import KIOSK_ID, Platform, start_platform


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    running = start_platform(tmp_path / "platform.sqlite")
    yield running
    running.server.stop()


def linked_config(kiosk_toml: Path, platform: Platform) -> Path:
    """The default configuration, pointed at `platform` with this kiosk's key."""
    text = kiosk_toml.read_text(encoding="utf-8")
    text = text.replace('id = "BK-ZWZX-001"', f'id = "{KIOSK_ID}"')
    text = text.replace('url = "embedded"', f'url = "{platform.url}"\n'
                        f'kiosk_key = "{platform.credentials.key.decode()}"')
    text = text.replace('metrics_listen = "127.0.0.1:9108"', 'metrics_listen = "127.0.0.1:0"')
    kiosk_toml.write_text(text, encoding="utf-8")
    return kiosk_toml


@pytest.fixture
def linked_toml(kiosk_toml: Path, platform: Platform) -> Path:
    return linked_config(kiosk_toml, platform)


@pytest.fixture
def core(linked_toml: Path) -> Iterator[Core]:
    config = load_config(linked_toml)
    built = build_core(config, deliver=lambda callback: callback(),
                       source=ConfigSource(linked_toml))
    built.start()
    assert built.monitoring.ready(30)
    yield built
    built.shutdown()


def admin(platform: Platform, method: str, path: str, **kwargs) -> requests.Response:
    """County IT's side: the admin API, open on loopback."""
    answer = requests.request(method, f"{platform.url}/api/v1/admin{path}", timeout=10, **kwargs)
    answer.raise_for_status()
    return answer
