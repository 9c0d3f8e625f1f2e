"""The tour through the technician screen: devices found and tested (the test page printed,
the camera's live view with the page it finds outlined), the platform's connection and
signature checked, the kiosk's status and its one-page diagnostic report printed, and the PIN
change form (refusing two new PINs that differ: the tour never changes the configuration file
it was given).

Reached the way a technician does: the long press in the top-left corner and the PIN. The
demo configuration's PIN is 246810; with another configuration whose PIN the tour cannot know,
these pictures are left out.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.pilot_client import PilotClient, PilotError
from kiosk.tours.citizen import keep_last_receipt

if TYPE_CHECKING:
    from kiosk.tour import TourLog

DEMO_PIN = "246810"


def _wait_text(pilot: PilotClient, wid: str, done: object, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        text = str(pilot.find(wid).get("text", ""))
        if done(text):  # type: ignore[operator]
            return text
        if time.monotonic() > deadline:
            raise PilotError(f"{wid} still says {text!r} after {timeout:g} s")
        time.sleep(0.2)


def walk(pilot: PilotClient, tour: TourLog, printer_dir: Path) -> None:
    height = pilot.state()["window"][1]
    pilot.long_press(5, height - 5, seconds=3.5)
    for digit in DEMO_PIN:
        pilot.tap(f"key_{digit}")
    pilot.tap("confirm")
    deadline = time.monotonic() + 15
    while pilot.state()["screen"] != "technician":
        if time.monotonic() > deadline:  # not the demo PIN: no technician pictures
            if pilot.state()["overlays"]:
                pilot.tap("cancel")
            return
        time.sleep(0.1)
    _wait_text(pilot, "found", lambda t: "正在查找" not in t)
    tour.shot(pilot, "technician", "technician-devices",
              "维护：设备（自动发现串口、打印机、摄像头，逐项设置和测试）")
    pilot.tap("test_printer")
    _wait_text(pilot, "result_printer", lambda t: bool(t) and "正在打印" not in t)
    tour.shot(pilot, "technician", "technician-test-page", "维护：打印测试页")
    keep_last_receipt(tour, printer_dir, "technician-test-page", kind="test_page")
    _camera(pilot, tour)
    pilot.tap("tab_platform")
    pilot.tap("test_platform")
    _wait_text(pilot, "platform_result", lambda t: bool(t) and "正在测试" not in t)
    tour.shot(pilot, "technician", "technician-platform", "维护：平台连接、签名和时钟偏差")
    pilot.tap("tab_status")
    _wait_text(pilot, "status_outbox", lambda t: t.startswith("待发送：") and "尚未" not in t)
    tour.shot(pilot, "technician", "technician-status",
              "维护：待发送队列、心跳、版本、运行时间和最近的错误")
    pilot.tap("print_report")
    _wait_text(pilot, "tech_message", lambda t: t.startswith("诊断报告"))
    keep_last_receipt(tour, printer_dir, "technician-report", kind="diagnostic_report")
    _pin_change(pilot, tour)
    pilot.tap("tech_back")


def _camera(pilot: PilotClient, tour: TourLog) -> None:
    """The live view. The simulated camera renders its scene first, which takes seconds (a
    minute on a busy machine): meanwhile the tour touches the screen now and then, as a
    technician would, so that the idle timeout does not end the visit."""
    pilot.tap("live_camera")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        # If the page never settles, a picture of what the camera shows is still worth having.
        with contextlib.suppress(PilotError):
            _wait_text(pilot, "camera_info",
                       lambda t: "已找到材料" in t and "超出画面" not in t, timeout=20)
            break
        pilot.tap("camera_mode_page")   # already chosen: a touch that changes nothing
    tour.shot(pilot, "technician", "technician-camera",
              "维护：摄像头实时画面，绿框为识别到的材料边缘；也可读二维码")
    pilot.tap("camera_back")


def _pin_change(pilot: PilotClient, tour: TourLog) -> None:
    pilot.tap("tab_pin")
    for field, digits in (("pin_old", DEMO_PIN), ("pin_new", "97531864"),
                          ("pin_again", "97531865")):
        pilot.tap(field)
        for digit in digits:
            pilot.tap(f"key_{digit}")
    pilot.tap("pin_change")
    tour.shot(pilot, "technician", "technician-pin",
              "维护：修改维护密码（原密码、新密码两次；不一致时说明原因，不保存）")
