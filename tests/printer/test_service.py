"""The kiosk's printer service: the simulator as a child program for sim://, the printer's
state on the health board, jobs counted honestly, nothing left running."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from drivers.printer.errors import CoverOpen, PaperOut, PrinterOffline
from drivers.printer.settings import PrinterSettings
from kiosk.bootstrap import build_core
from kiosk.config import load_config
from kiosk.fonts import find_fonts
from kiosk.health import Health, HealthBoard, Level, Role
from kiosk.printing import PrinterService
from kiosk.printing.demo import demo_receipts


def eventually(check: Callable[[], bool], within: float = 30) -> None:
    """Wait until `check()` holds; a bound on waiting, not a speed test."""
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "the state never came"
        time.sleep(0.05)


@pytest.fixture
def service(tmp_path, font_cache):
    fonts = find_fonts(None, font_cache)
    service = PrinterService("sim://?poll=1&status_timeout=0.5", fonts=fonts,
                             health=HealthBoard(), sim_dir=tmp_path / "sim")
    yield service
    service.close()


def test_the_service_watches_the_printer_and_reports_its_state(service):
    service.start()
    eventually(lambda: service.health.get(Role.PRINTER).reason == "simulated")
    assert service.health.get(Role.PRINTER).level == Level.OK

    service.simulator.control.set(paper="near_end")
    eventually(lambda: service.health.get(Role.PRINTER).reason == "paper_low")
    assert service.health.get(Role.PRINTER).level == Level.WARNING

    service.simulator.control.set(paper="out")
    eventually(lambda: service.health.get(Role.PRINTER).reason == "paper_out")
    with pytest.raises(PaperOut):
        service.check_ready()
    with pytest.raises(PaperOut):
        service.print_receipt(demo_receipts(PrinterSettings())["ticket"])
    assert (service.counts.printed, service.counts.refused, service.counts.failed) == (0, 1, 0)

    service.simulator.control.set(paper="ok")
    result = service.print_receipt(demo_receipts(PrinterSettings())["ticket"])
    assert result.confirmed and service.counts.printed == 1
    assert service.health.get(Role.PRINTER).reason == "simulated"


def test_a_job_torn_by_an_open_cover_counts_as_failed(service):
    service.check_ready()
    service.simulator.control.arm(300, cover="open")
    with pytest.raises(CoverOpen):
        service.print_receipt(demo_receipts(PrinterSettings())["ticket"])
    assert (service.counts.printed, service.counts.failed) == (0, 1)
    assert service.health.get(Role.PRINTER) == Health(Level.ERROR, "cover_open")


def test_a_dead_simulator_is_said_offline_then_started_again(service):
    service.check_ready()
    first = service.simulator.process
    first.kill()
    first.wait()
    with pytest.raises(PrinterOffline):
        service.check_ready()
    assert service.health.get(Role.PRINTER).reason == "offline"
    assert service.check_ready().can_print
    assert service.simulator.process is not first


def test_the_core_starts_the_printer_off_the_caller_and_stops_it(kiosk_toml):
    config = load_config(kiosk_toml, ['devices.printer="sim://?poll=1"'])
    core = build_core(config, deliver=lambda callback: callback())
    assert core.printer.simulator is None          # nothing opened while building
    core.start()
    eventually(lambda: core.health.get(Role.PRINTER).reason == "simulated")
    process = core.printer.simulator.process
    core.shutdown()
    assert process.poll() is not None              # the simulator ended with the kiosk
