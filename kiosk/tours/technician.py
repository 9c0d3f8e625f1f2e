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
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.pilot_client import PilotClient, PilotError

if TYPE_CHECKING:
    from kiosk.tour import TourLog
    from kiosk.tours.camera import TourCamera

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


def walk(pilot: PilotClient, tour: TourLog, printer_dir: Path,
         camera: TourCamera | None = None) -> None:
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
    since = time.time()
    pilot.tap("test_printer")
    _wait_text(pilot, "result_printer", lambda t: bool(t) and "正在打印" not in t)
    tour.shot(pilot, "technician", "technician-test-page", "维护：打印测试页")
    _keep_newest_receipt(tour, printer_dir, "technician-test-page", "test_page", since)
    _camera(pilot, tour, camera)
    pilot.tap("tab_platform")
    pilot.tap("test_platform")
    _wait_text(pilot, "platform_result", lambda t: bool(t) and "正在测试" not in t)
    tour.shot(pilot, "technician", "technician-platform", "维护：平台连接、签名和时钟偏差")
    pilot.tap("tab_status")
    _wait_text(pilot, "status_outbox", lambda t: t.startswith("待发送：") and "尚未" not in t)
    tour.shot(pilot, "technician", "technician-status",
              "维护：待发送队列、心跳、版本、运行时间和最近的错误")
    since = time.time()
    pilot.tap("print_report")
    _wait_text(pilot, "tech_message", lambda t: t.startswith("诊断报告"))
    _keep_newest_receipt(tour, printer_dir, "technician-report", "diagnostic_report", since)
    _pin_change(pilot, tour)
    pilot.tap("tech_back")


def _keep_newest_receipt(tour: TourLog, printer_dir: Path, name: str, kind: str,
                         since: float) -> None:
    """The receipt printed after `since` (by time, not name: a simulator started afresh
    numbers from 0001 again, beside an earlier run's paper)."""
    deadline = time.monotonic() + 15
    while True:
        fresh = [p for p in printer_dir.glob("receipt-*.png") if p.stat().st_mtime >= since - 1]
        if fresh or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if fresh:
        target = f"receipt-{name}.png"
        shutil.copyfile(max(fresh, key=lambda p: p.stat().st_mtime), tour.out_dir / target)
        tour.receipts.append({"kind": kind, "png": target})


def _camera(pilot: PilotClient, tour: TourLog, camera: TourCamera | None) -> None:
    """The live view: a form laid under the camera, outlined; then a phone's QR code, read.

    With the tour's own camera (photos) the page is there at once; a simulated one renders its
    scene first, which takes seconds (a minute on a busy machine): meanwhile the tour touches
    the screen now and then, as a technician would, so the idle timeout does not end the visit.
    """
    if camera is not None:
        camera.page()
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
              "维护：摄像头实时画面，绿框为识别到的材料边缘")
    if camera is not None:
        camera.code("https://zwfw.baokang.example/y/YY20000001")
        pilot.tap("camera_mode_qr")
        with contextlib.suppress(PilotError):
            _wait_text(pilot, "camera_qr", lambda t: "YY20000001" in t, timeout=60)
        tour.shot(pilot, "technician", "technician-camera-qr", "维护：读二维码，显示读到的内容")
        camera.empty()
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
