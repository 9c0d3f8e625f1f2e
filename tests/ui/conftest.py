"""The UI harness: the real kiosk on a virtual display, driven through its pilot.

    def test_something(start_kiosk, shots):
        kiosk = start_kiosk("kiosk.orientation=\"landscape\"")
        kiosk.pilot.tap("tile_ticket")
        image = shots(kiosk, "after-tap")   # PNG in the test's temporary folder

Each kiosk runs in a process of its own (`kiosk run --pilot`), with its state in the test's
temporary directory. Touches go through Kivy's input dispatch; `advance` moves the kiosk's
clock so timeouts happen without waiting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from kiosk.pilot_client import KioskProcess
from kiosk.xvfb import virtual_display
from tests.conftest import require_tool

StartKiosk = Callable[..., KioskProcess]


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    require_tool("Xvfb")
    with virtual_display() as name:
        yield name


@pytest.fixture
def start_kiosk(x_display: str, tmp_path: Path, kiosk_toml: Path) -> Iterator[StartKiosk]:
    started: list[KioskProcess] = []

    def start(*overrides: str, config: Path | None = None) -> KioskProcess:
        kiosk = KioskProcess(display=x_display, workdir=tmp_path / f"kiosk{len(started)}",
                             config=config or kiosk_toml, overrides=list(overrides))
        started.append(kiosk)
        kiosk.start()
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()


@pytest.fixture
def kiosk(start_kiosk: StartKiosk) -> KioskProcess:
    """A portrait kiosk with the default configuration."""
    return start_kiosk()


@pytest.fixture
def shots(tmp_path: Path) -> Callable[[KioskProcess, str], Image.Image]:
    """Save a screenshot named `name` in the test's folder and return it as an image."""

    def shot(kiosk: KioskProcess, name: str) -> Image.Image:
        path = kiosk.pilot.screenshot(tmp_path / f"{name}.png")
        image = Image.open(path)
        image.load()
        return image

    return shot


def mean_brightness(image: Image.Image) -> float:
    grey = image.convert("L")
    histogram = grey.histogram()
    return sum(i * n for i, n in enumerate(histogram)) / max(1, sum(histogram))
