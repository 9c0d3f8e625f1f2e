"""`kiosk config set`, `kiosk pin set`, `kiosk devices` and `kiosk doctor`, run as a technician
runs them over SSH."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.pin import verify_pin

REPO = Path(__file__).resolve().parents[2]


def kiosk(*args: str, stdin: str | None = None, timeout: float = 120
          ) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIOSK_CONFIG": "/nonexistent/kiosk.toml"}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin, text=True,
                          capture_output=True, timeout=timeout, cwd=REPO, env=env)


def test_config_set_round_trip_keeps_comments(kiosk_toml):
    done = kiosk("config", "set", "--config", str(kiosk_toml), "kiosk.idle_timeout_s", "90")
    assert done.returncode == 0, done.stderr
    assert "kiosk.idle_timeout_s = 90" in done.stdout
    assert load_config(kiosk_toml).kiosk.idle_timeout_s == 90
    assert "# doubled in elderly mode" in kiosk_toml.read_text()
    done = kiosk("config", "set", "--config", str(kiosk_toml), "devices.printer",
                 "sim://?paper=58")
    assert done.returncode == 0, done.stderr
    assert load_config(kiosk_toml).devices.printer == "sim://?paper=58"


@pytest.mark.parametrize(("key", "value", "words"), [
    ("kiosk.idle_timeout_s", "5", "kiosk.idle_timeout_s: 5 is too small; allowed: whole seconds"),
    ("kiosk.orientaton", "landscape", 'unknown key (did you mean "orientation"?)'),
    ("devices.printer", "lpt://1", "devices.printer"),
    ("platform.url", "http://10.0.0.5", "plain http:// is refused"),
    ("idle_timeout_s", "60", "write the key as section.key"),
])
def test_config_set_refuses_bad_values_and_leaves_the_file(kiosk_toml, key, value, words):
    before = kiosk_toml.read_bytes()
    done = kiosk("config", "set", "--config", str(kiosk_toml), key, value)
    assert done.returncode == 78
    assert words in done.stderr
    assert "not changed" in done.stderr
    assert kiosk_toml.read_bytes() == before
    assert not [p for p in kiosk_toml.parent.iterdir() if p.name.startswith(".")]


def test_pin_set_stores_a_salted_hash_never_the_pin(kiosk_toml):
    done = kiosk("pin", "set", "--config", str(kiosk_toml), "--stdin", stdin="13579246\n")
    assert done.returncode == 0, done.stderr
    text = kiosk_toml.read_text()
    assert "13579246" not in text
    assert verify_pin("13579246", load_config(kiosk_toml).technician.pin_hash)
    log = (load_config(kiosk_toml).log_file).read_text()
    assert "configuration changed" in log and "13579246" not in log
    refused = kiosk("pin", "set", "--config", str(kiosk_toml), "--stdin", stdin="12a\n")
    assert refused.returncode == 1 and "4 to 12 digits" in refused.stderr
    easy = kiosk("pin", "set", "--config", str(kiosk_toml), "--stdin", stdin="123456\n")
    assert easy.returncode == 1 and "too easy to guess" in easy.stderr
    assert verify_pin("13579246", load_config(kiosk_toml).technician.pin_hash)


def test_devices_lists_the_simulators_as_json():
    done = kiosk("devices", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    roles = {d["role"] for d in found if d["kind"] == "simulator"}
    assert roles == {"printer", "id_reader", "camera"}
    assert all(set(d) >= {"kind", "path", "url", "likely", "role", "usb_id"} for d in found)


def test_device_discovery_reads_sysfs(tmp_path):
    from kiosk.technician.devices import cameras, usb_printers

    dev = tmp_path / "sys/bus/usb/devices/1-2"
    (dev / "1-2:1.0").mkdir(parents=True)
    (dev / "idVendor").write_text("0416\n")
    (dev / "idProduct").write_text("5011\n")
    (dev / "product").write_text("POS58 Printer\n")
    (dev / "1-2:1.0" / "bInterfaceClass").write_text("07\n")
    other = tmp_path / "sys/bus/usb/devices/1-3"
    (other / "1-3:1.0").mkdir(parents=True)
    (other / "idVendor").write_text("046d\n")
    (other / "idProduct").write_text("c52b\n")
    (other / "1-3:1.0" / "bInterfaceClass").write_text("03\n")  # a keyboard receiver
    video = tmp_path / "sys/class/video4linux"
    for name, index in (("video0", "0"), ("video1", "1")):
        (video / name).mkdir(parents=True)
        (video / name / "name").write_text("HD USB Camera\n")
        (video / name / "index").write_text(index + "\n")
    printers = usb_printers(tmp_path)
    assert [(p.url, p.role) for p in printers] == [("usb://0x0416:0x5011", "printer")]
    assert "Xprinter" in printers[0].likely
    assert [(c.url, c.description) for c in cameras(tmp_path)] == [("camera://0",
                                                                      "HD USB Camera")]


def test_doctor_simulate_is_green(kiosk_toml):
    done = kiosk("doctor", "--config", str(kiosk_toml), "--simulate", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["ok"]
    names = {c["name"]: c["status"] for c in report["checks"]}
    for name in ("config", "state", "printer", "id_reader", "platform", "signature", "clock",
                 "outbox", "disk"):
        assert names[name] == "ok", report


def test_doctor_is_red_with_the_fix_when_paper_runs_out_or_a_reader_stops(kiosk_toml,
                                                                          tmp_path):
    from drivers.idreader.simctl import launch_simulator
    from drivers.printer.glyphs import FontFiles
    from drivers.printer.settings import printer_settings
    from drivers.url import parse_device_url
    from kiosk.fonts import find_fonts
    from kiosk.printing.simulator_process import SimulatorProcess as PrinterSim

    config = load_config(kiosk_toml)
    fonts = find_fonts(None, config.kiosk.state_dir / "fonts")
    printer = PrinterSim(printer_settings(parse_device_url("sim://", ("sim",), ())),
                         FontFiles(fonts.regular, None), tmp_path / "psim")
    printer.start()
    reader = launch_simulator()
    try:
        overrides = ["--set", f'devices.printer="{printer.listen}"',
                     "--set", f'devices.id_reader="serial://{reader.device_path}?baudrate=115200"']
        done = kiosk("doctor", "--config", str(kiosk_toml), *overrides)
        assert "OK    printer" in done.stdout and "OK    id_reader" in done.stdout, done.stdout
        printer.control.set(paper="out")
        reader.stop()
        done = kiosk("doctor", "--config", str(kiosk_toml), *overrides)
        assert done.returncode == 1
        assert "FAIL  printer" in done.stdout
        assert "out of paper: load a new paper roll" in done.stdout
        assert "缺纸" in done.stdout
        assert "FAIL  id_reader" in done.stdout
        assert "check the cable and the port" in done.stdout or "does not answer" in \
            done.stdout
    finally:
        printer.stop()
        reader.stop()
