"""`kiosk print-test` and `kiosk sim printer` / `printer-state` as a technician runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.printer.conftest import Sim


def kiosk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=timeout, check=False)


def test_print_test_on_the_default_simulated_printer(kiosk_toml, state_dir):
    result = kiosk("print-test", "--config", str(kiosk_toml))
    assert result.returncode == 0, result.stderr
    assert "printer: ready / 打印机状态：正常" in result.stdout
    png = result.stdout.split("receipt: ")[1].strip()
    assert png.startswith(str(state_dir / "printer-sim-test")) and png.endswith(".png")
    journal = json.loads(Path(png).with_suffix(".json").read_text(encoding="utf-8"))
    assert "打印机测试页" in journal["lines"] and journal["missing_glyphs"] == 0


def test_print_test_says_why_it_could_not_print(kiosk_toml, sim_tcp: Sim):
    sim_tcp.control.set(paper="out")
    result = kiosk("print-test", "--config", str(kiosk_toml), "--device", sim_tcp.url())
    assert result.returncode == 1
    assert "out of paper" in result.stderr and "缺纸" in result.stderr

    sim_tcp.control.set(paper="ok", answer=False)
    result = kiosk("print-test", "--config", str(kiosk_toml), "--device", sim_tcp.url())
    assert result.returncode == 1
    assert "did not answer a status query within 0.5 s" in result.stderr
    assert "printer: offline" in result.stderr


def test_print_test_with_a_wrong_url_is_a_configuration_problem(kiosk_toml):
    result = kiosk("print-test", "--config", str(kiosk_toml), "--device",
                   "tcp://10.0.0.5:9100?paper=76")
    assert result.returncode == 78
    assert "paper=\"76\"" in result.stderr and "打印机地址" in result.stderr


def test_the_simulator_on_a_pty_and_its_state_from_the_command_line(tmp_path, printer_fonts):
    out = tmp_path / "sim"
    process = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", "printer", "--pty",
                                "--out", str(out), "--font", str(printer_fonts.regular)],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    try:
        announcement = json.loads(process.stdout.readline())
        assert announcement["listen"].startswith("serial:///dev/pts/")
        state = kiosk("sim", "printer-state", "--out", str(out), "paper=out", "cover=open")
        assert state.returncode == 0, state.stderr
        assert json.loads(state.stdout)["paper"] == "out"
        wrong = kiosk("sim", "printer-state", "--out", str(out), "paper=wet")
        assert wrong.returncode == 1 and "paper cannot be 'wet'" in wrong.stderr
    finally:
        process.terminate()
        assert process.wait(timeout=15) == 0
