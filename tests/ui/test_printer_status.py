"""The status bar tells the printer's state as the running kiosk's simulated printer changes."""

from __future__ import annotations

import json
import time

import pytest

from drivers.printer.simulator.control import SimulatorControl

pytestmark = pytest.mark.ui


def wait_for_text(kiosk, text: str, within: float = 30) -> None:
    """Until a label shows `text` (the status bar's says "打印机 缺纸"); a bound on
    waiting, not a speed test."""
    deadline = time.monotonic() + within
    while not any(text in label for label in kiosk.pilot.texts()):
        assert time.monotonic() < deadline, f"{text} never showed; saw {kiosk.pilot.texts()}"
        time.sleep(0.1)


def test_paper_out_and_cover_open_show_in_the_status_bar(start_kiosk, state_dir, shots):
    kiosk = start_kiosk('devices.printer="sim://?poll=1"')
    wait_for_text(kiosk, "打印机 模拟设备")    # the simulator started off the UI thread
    announcement = json.loads((state_dir / "printer-sim" / "simulator.json").read_text())
    printer = SimulatorControl(announcement["control"])

    printer.set(paper="out")
    wait_for_text(kiosk, "打印机 缺纸")
    shots(kiosk, "printer-paper-out")
    printer.set(paper="ok", cover="open")
    wait_for_text(kiosk, "打印机 仓盖打开")
    printer.set(cover="closed")
    wait_for_text(kiosk, "打印机 模拟设备")
    assert kiosk.pilot.state()["screen"] == "home"  # the screen never stopped answering
