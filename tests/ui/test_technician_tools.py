"""The technician screen under Xvfb, its tools in place: the camera's live view with the page
outlined, a QR code read, the camera's resolution changed and used at once; the PIN changed on
the screen (refusals in words, the hash in the file, nothing of the PINs in the logs), and a
wrong old PIN counting towards the lockout."""

from __future__ import annotations

import shutil
import time

import cv2
import numpy as np
import pytest

from drivers.camera.synth import document_photo, qr_photo
from kiosk.config import load_config
from kiosk.pin import verify_pin
from tests.ui.technician_steps import DEMO_PIN, open_technician, wait_for_screen, wait_for_text

pytestmark = pytest.mark.ui

QR_TEXT = "YY202406180042"
NEW_PIN = "97531864"


@pytest.fixture
def desk(tmp_path):
    """Photos played as the camera: a page held still for two seconds, then a phone's QR code
    for two seconds, over and over."""
    shots = tmp_path / "desk"
    shots.mkdir()
    page = document_photo(5, kind="a4", backdrop="wood", area=0.45, max_tilt_deg=5, blur=0,
                          glare=False, finger=False, shadow=False, exposure=0.9)
    code = qr_photo(3, text=QR_TEXT, module_px=7, blur=0)
    cv2.imwrite(str(shots / "00.png"), page.image)
    cv2.imwrite(str(shots / "20.png"), code.image)
    for i in range(1, 20):
        shutil.copy(shots / "00.png", shots / f"{i:02d}.png")
        shutil.copy(shots / "20.png", shots / f"{20 + i:02d}.png")
    return f"file://{shots}/*.png?fps=10"


def green_share(image) -> float:
    """Share of the picture in the outline's green."""
    rgb = np.asarray(image.convert("RGB")).astype(int)
    green = (np.abs(rgb - (40, 200, 60)) < 40).all(axis=2)
    return float(green.mean())


def test_live_camera_view_outlines_the_page_reads_a_qr_and_takes_a_new_size(
        start_kiosk, desk, shots):
    kiosk = start_kiosk(f'devices.camera="{desk}"')
    pilot = kiosk.pilot
    open_technician(pilot)
    pilot.tap("live_camera")
    assert pilot.state()["screen"] == "technician"
    wait_for_text(pilot, "camera_info", lambda t: "已找到材料" in t)
    assert "画面 1280×720" in pilot.find("camera_info")["text"]
    # The outline is drawn over the live picture (a picture taken while the page was found
    # before and after it, since the photos alternate with a phone's).
    deadline = time.monotonic() + 60
    while True:
        found_before = "已找到材料" in pilot.find("camera_info")["text"]
        shot = shots(kiosk, "technician-camera-live")
        if found_before and "已找到材料" in pilot.find("camera_info")["text"]:
            break
        assert time.monotonic() < deadline, "the page was never found on the screen"
        time.sleep(0.2)
    assert green_share(shot) > 0.001

    pilot.tap("camera_mode_qr")
    text = wait_for_text(pilot, "camera_qr", lambda t: QR_TEXT in t)
    assert text.startswith("读到的二维码：")
    shots(kiosk, "technician-camera-qr")

    # A new resolution, saved and used without a restart: the live view gets 640×480 frames.
    pilot.tap("camera_back")
    pilot.tap("camera_size")
    pilot.tap("camera_size")
    assert pilot.find("camera_size")["text"] == "分辨率 640x480"
    pilot.tap("save_devices")
    wait_for_text(pilot, "tech_message", lambda t: t.startswith("已保存"))
    assert pilot.find("tech_message")["text"] == "已保存并生效"
    assert "width=640" in pilot.find("url_camera")["text"]
    pilot.tap("live_camera")
    wait_for_text(pilot, "camera_info", lambda t: "画面 640×480" in t)
    pilot.tap("tech_back")
    wait_for_screen(pilot, "home")
    log = kiosk.stderr_path.read_text()
    assert QR_TEXT not in log


def type_into(pilot, field: str, digits: str) -> None:
    pilot.tap(field)
    pilot.tap("key_clear")
    for digit in digits:
        pilot.tap(f"key_{digit}")


def change_pin(pilot, old: str, new: str, again: str) -> None:
    type_into(pilot, "pin_old", old)
    type_into(pilot, "pin_new", new)
    type_into(pilot, "pin_again", again)
    pilot.tap("pin_change")


def test_the_pin_is_changed_on_the_screen(start_kiosk, kiosk_toml, shots):
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    pilot.tap("tab_pin")
    pilot.tap("pin_change")
    assert pilot.find("pin_message")["text"] == "请输入原密码。"
    change_pin(pilot, DEMO_PIN, NEW_PIN, NEW_PIN[:-1] + "5")
    assert pilot.find("pin_message")["text"] == "两次输入的新密码不一致。"
    change_pin(pilot, DEMO_PIN, "123456", "123456")
    assert "太简单" in pilot.find("pin_message")["text"]
    change_pin(pilot, DEMO_PIN, "12", "12")
    assert pilot.find("pin_message")["text"] == "新密码须为4到12位数字。"
    change_pin(pilot, "135792", NEW_PIN, NEW_PIN)
    wait_for_text(pilot, "pin_message", lambda t: t.startswith("原密码不正确"))
    assert pilot.find("pin_message")["text"] == "原密码不正确，还可尝试4次。"
    shots(kiosk, "technician-pin-refused")
    before = load_config(kiosk_toml).technician.pin_hash

    change_pin(pilot, DEMO_PIN, NEW_PIN, NEW_PIN)
    wait_for_text(pilot, "pin_message", lambda t: t.startswith("维护密码已修改"))
    shots(kiosk, "technician-pin-changed")
    text = kiosk_toml.read_text()
    stored = load_config(kiosk_toml).technician.pin_hash
    assert stored != before and verify_pin(NEW_PIN, stored) and NEW_PIN not in text

    # The old PIN no longer opens the screen; the new one does, at once.
    pilot.tap("tech_back")
    wait_for_screen(pilot, "home")
    height = pilot.state()["window"][1]
    pilot.long_press(5, height - 5, seconds=3.5)
    for digit in DEMO_PIN:
        pilot.tap(f"key_{digit}")
    pilot.tap("confirm")
    wait_for_text(pilot, "message", lambda t: t.startswith("密码不正确"))
    pilot.tap("cancel")
    open_technician(pilot, NEW_PIN)

    # Wrong old PINs count towards the lockout: five in a row close the screen and lock it.
    pilot.tap("tab_pin")
    for attempt in range(5):
        change_pin(pilot, "135792", "86420975", "86420975")
        if attempt < 4:
            wait_for_text(pilot, "pin_message", lambda t: t.startswith("原密码不正确"))
    wait_for_screen(pilot, "home")
    pilot.long_press(5, height - 5, seconds=3.5)
    for digit in NEW_PIN:
        pilot.tap(f"key_{digit}")
    pilot.tap("confirm")
    wait_for_text(pilot, "message", lambda t: "已锁定" in t)
    pilot.tap("cancel")

    logs = kiosk.stderr_path.read_text() + load_config(kiosk_toml).log_file.read_text()
    assert "technician PIN changed" in logs and "technician PIN wrong" in logs
    for pin in (DEMO_PIN, NEW_PIN, "135792", "86420975"):
        assert pin not in logs


def test_a_card_is_read_in_place_and_shown_masked(start_kiosk, shots):
    import tempfile
    from pathlib import Path

    from drivers.idreader.deck import DECK
    from drivers.idreader.simctl import SimControl

    with tempfile.TemporaryDirectory(prefix="kiosk-idr-") as scratch:
        control_path = Path(scratch) / "ctl.sock"
        kiosk = start_kiosk(f'devices.id_reader="sim://?control={control_path}"')
        reader = SimControl.wait_for(control_path)
        pilot = kiosk.pilot
        open_technician(pilot)
        pilot.tap("test_id_reader")
        wait_for_text(pilot, "result_id_reader", lambda t: "20秒内" in t)
        reader.insert("resident")
        text = wait_for_text(pilot, "result_id_reader", lambda t: "20秒内" not in t)
        card = DECK["resident"].card
        assert card.id_number[-4:] in text and card.id_number not in text, text
        assert card.name not in text and card.name[0] in text
        shots(kiosk, "technician-card")
        pilot.tap("tech_back")                   # and it is gone from the screen
        wait_for_screen(pilot, "home")
        assert pilot.state()["session"] is None or not pilot.state()["session"].get("keys")
        log = kiosk.stderr_path.read_text()
        assert card.id_number not in log and card.name not in log


def test_a_typed_device_address_is_checked_refused_in_words_then_saved(start_kiosk, kiosk_toml,
                                                                       shots):
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on: refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    before = kiosk_toml.read_bytes()
    pilot.tap("type_printer")
    for key in ("clear", *"tcp://127.0.0.1"):
        pilot.tap(f"key_{key}")
    assert pilot.find("url_printer")["text"] == "tcp://127.0.0.1▏"
    shots(kiosk, "technician-type-url")
    pilot.tap("save_devices")
    text = wait_for_text(pilot, "tech_message", lambda t: t.startswith("未保存"))
    assert "devices.printer" in text and "HOST:PORT" in text, text
    assert kiosk_toml.read_bytes() == before
    pilot.tap("type_printer")
    for key in f":{port}":
        pilot.tap(f"key_{key}")
    pilot.tap("type_printer")                  # 完成: the keyboard goes
    assert pilot.find("url_printer")["text"] == f"tcp://127.0.0.1:{port}"
    pilot.tap("save_devices")
    wait_for_text(pilot, "tech_message", lambda t: t.startswith("已保存"))
    assert load_config(kiosk_toml).devices.printer == f"tcp://127.0.0.1:{port}"


def test_the_diagnostic_report_is_printed_from_the_status_page(start_kiosk, kiosk_toml, shots):
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    pilot.tap("tab_status")
    pilot.tap("print_report")
    text = wait_for_text(pilot, "tech_message", lambda t: t.startswith("诊断报告"))
    assert text.startswith("诊断报告已打印"), text
    shots(kiosk, "technician-report")
    paper = load_config(kiosk_toml).kiosk.state_dir / "printer-sim"
    assert sorted(paper.glob("receipt-*.png")), "nothing came out of the printer"


def test_a_landscape_kiosk_keeps_every_technician_control_on_screen(start_kiosk, shots):
    kiosk = start_kiosk('kiosk.orientation="landscape"')
    pilot = kiosk.pilot
    open_technician(pilot)
    width, height = pilot.state()["window"]

    def on_screen(wid: str) -> None:
        found = pilot.find(wid)
        assert found["found"] and found["shown"] and not found.get("clipped"), found
        assert found["x"] >= 0 and found["x"] + found["w"] <= width + 1, found
        assert found["y"] >= 0 and found["y"] + found["h"] <= height + 1, found

    for wid in ("tech_back", "tech_restart", "tech_leave", "save_devices"):
        on_screen(wid)
    pilot.tap("type_printer")                       # the keyboard beside the list
    for wid in ("url_caps", "key_0", "key_p", "key_clear", "key_&", "save_devices"):
        on_screen(wid)
    pilot.tap("type_printer")
    pilot.tap("tab_platform")
    pilot.tap("field_url")
    for wid in ("key_0", "key_&", "save_platform", "test_platform"):
        on_screen(wid)
    pilot.tap("tab_pin")
    for wid in ("pin_old", "pin_again", "key_0", "key_backspace"):
        on_screen(wid)
    shots(kiosk, "technician-landscape-pin")
