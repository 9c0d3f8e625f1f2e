"""Printer test harness: the simulator as a real program over TCP and over a pty.

    def test_x(sim_tcp):
        printer = sim_tcp.printer()                 # the real driver, connected to it
        printer.print_receipt(receipt)
        sim_tcp.control.set(paper="out")            # change the simulated printer's state
        sim_tcp.receipts(1)                         # journals of the receipts it cut

One simulator per transport per module (starting one costs about half a second); its state is
reset to a ready printer before each test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from drivers.printer.driver import EscposPrinter
from drivers.printer.glyphs import FontFiles
from drivers.printer.settings import printer_settings
from drivers.url import parse_device_url
from kiosk.fonts import find_fonts
from kiosk.printing.simulator_process import SimulatorProcess

STATUS_TIMEOUT = 0.5


@pytest.fixture(scope="session")
def printer_fonts(font_cache: Path) -> FontFiles:
    fonts = find_fonts(None, font_cache)
    return FontFiles(fonts.regular, fonts.bold)


class Sim:
    """A running simulator and ways to reach it."""

    def __init__(self, process: SimulatorProcess, fonts: FontFiles) -> None:
        self.process = process
        self.fonts = fonts
        self.out = process.out_dir
        self.control = process.control
        self.opened: list[EscposPrinter] = []

    @property
    def address(self) -> str:
        return self.process.listen

    def url(self, **params: str) -> str:
        query = {"status_timeout": str(STATUS_TIMEOUT), **params}
        if self.address.startswith("serial:"):
            query.setdefault("baudrate", "115200")
        return self.address + "?" + "&".join(f"{k}={v}" for k, v in query.items())

    def printer(self, **params: str) -> EscposPrinter:
        url = parse_device_url(self.url(**params), None, params.keys() | {"status_timeout"})
        printer = EscposPrinter(url, printer_settings(url), self.fonts)
        printer.open()
        self.opened.append(printer)
        return printer

    def receipts(self, count: int) -> list[dict[str, Any]]:
        """The journals of the receipts cut so far, once there are at least `count`."""
        return self.control.receipts(wait_for=count, timeout=30)

    def png(self, record: dict[str, Any]) -> Path:
        return self.out / record["png"]

    def reset(self) -> None:
        for printer in self.opened:
            printer.close()
        self.opened.clear()
        self.control.set(paper="ok", cover="closed", answer=True, error="none")


def _start(tmp_path_factory: pytest.TempPathFactory, fonts: FontFiles, *, pty: bool,
           url: str = "sim://") -> Iterator[Sim]:
    settings = printer_settings(parse_device_url(url))
    out = tmp_path_factory.mktemp("pty" if pty else "tcp")
    process = SimulatorProcess(settings, fonts, out, pty=pty)
    process.start()
    try:
        yield Sim(process, fonts)
    finally:
        process.stop()


@pytest.fixture(scope="module")
def sim_tcp_module(tmp_path_factory, printer_fonts) -> Iterator[Sim]:
    yield from _start(tmp_path_factory, printer_fonts, pty=False)


@pytest.fixture(scope="module")
def sim_pty_module(tmp_path_factory, printer_fonts) -> Iterator[Sim]:
    yield from _start(tmp_path_factory, printer_fonts, pty=True)


@pytest.fixture
def sim_tcp(sim_tcp_module: Sim) -> Iterator[Sim]:
    yield sim_tcp_module
    sim_tcp_module.reset()


@pytest.fixture
def sim_pty(sim_pty_module: Sim) -> Iterator[Sim]:
    yield sim_pty_module
    sim_pty_module.reset()


@pytest.fixture(params=["tcp", "pty"])
def sim(request: pytest.FixtureRequest) -> Sim:
    """The test runs once over TCP and once over a pty."""
    return request.getfixturevalue(f"sim_{request.param}")


def finishes(call: Callable[[], Any], within: float = 30) -> Any:
    """Run `call` and return what it returned or raised. Fails if it has not returned within
    `within` seconds: a bound on hanging, far above any timeout in play, not a speed test."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(within)
    assert not thread.is_alive(), f"the call did not return within {within} s: it hangs"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
