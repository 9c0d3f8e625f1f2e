"""The technician screen under Xvfb: devices with settings saved and applied without a restart,
a bad value refused, the test page, the platform test with clock skew, the status page."""

from __future__ import annotations

import contextlib

from kiosk.config import load_config
from kiosk.pilot_client import PilotError
from tests.ui.technician_steps import open_technician, wait_for_screen, wait_for_text


def test_devices_settings_are_saved_and_applied_without_restart(start_kiosk, kiosk_toml, shots):
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    wait_for_text(pilot, "found", lambda t: "正在查找" not in t)
    shots(kiosk, "technician-devices")
    assert pilot.find("paper")["text"] == "纸宽 80 mm"
    pilot.tap("paper")
    assert pilot.find("paper")["text"] == "纸宽 58 mm"
    pilot.tap("encoding")
    assert pilot.find("url_printer")["text"] == "sim://?paper=58&encoding=gbk"
    pilot.tap("save_devices")
    wait_for_text(pilot, "tech_message", lambda t: t.startswith("已保存"))
    assert pilot.find("tech_message")["text"] == "已保存并生效"
    assert load_config(kiosk_toml).devices.printer == "sim://?paper=58&encoding=gbk"
    # The new printer is in use at once: the test page comes out of it, 58 mm wide.
    pilot.tap("test_printer")
    text = wait_for_text(pilot, "result_printer", lambda t: "正在打印" not in t and t)
    assert text.startswith("测试页已打印"), text
    shots(kiosk, "technician-test-page")
    log = kiosk.stderr_path.read_text()
    assert "technician screen opened" in log and "configuration changed" in log


def test_a_bad_value_is_refused_and_the_file_kept(start_kiosk, kiosk_toml, shots):
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    before = kiosk_toml.read_bytes()
    pilot.tap("tab_platform")
    pilot.tap("field_url")  # the platform URL: the keyboard comes up
    shots(kiosk, "technician-platform-keyboard")
    for key in ("clear", "f", "t", "p", ":", "/", "/", "x"):
        pilot.tap(f"key_{key}")
    pilot.tap("save_platform")
    text = wait_for_text(pilot, "tech_message", lambda t: t.startswith("未保存"))
    assert "platform.url" in text and "ftp://x" in text
    assert kiosk_toml.read_bytes() == before


def test_platform_test_shows_signature_and_clock_skew(start_kiosk, shots):
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    pilot.tap("tab_platform")
    pilot.tap("test_platform")
    text = wait_for_text(pilot, "platform_result", lambda t: "正在测试" not in t and t)
    assert "连接：正常" in text and "签名：正确" in text and "时钟偏差" in text, text
    shots(kiosk, "technician-platform")


def test_status_page_and_leaving(start_kiosk, shots):
    kiosk = start_kiosk()
    pilot = kiosk.pilot
    open_technician(pilot)
    pilot.tap("tab_status")
    wait_for_text(pilot, "status_outbox", lambda t: t.startswith("待发送：") and "尚未" not in t)
    pilot.tap("send_outbox")
    wait_for_text(pilot, "status_heartbeat", lambda t: "前" in t)
    assert pilot.find("status_version")["text"].startswith("版本")
    shots(kiosk, "technician-status")
    pilot.tap("tech_back")
    wait_for_screen(pilot, "home")
    open_technician(pilot)
    with contextlib.suppress(PilotError):
        pilot.tap("tech_leave")
    assert kiosk.wait(timeout=30) == 0
