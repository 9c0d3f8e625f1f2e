"""The status bar tells the camera's state: a simulated one, photos played as the camera, and
a camera that is not plugged in."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

pytestmark = pytest.mark.ui


def wait_for_text(kiosk, text: str, within: float = 30) -> None:
    """Until a label shows `text`; a bound on waiting, not a speed test."""
    deadline = time.monotonic() + within
    while not any(text in label for label in kiosk.pilot.texts()):
        assert time.monotonic() < deadline, f"{text} never showed; saw {kiosk.pilot.texts()}"
        time.sleep(0.1)


def test_the_status_bar_says_what_the_camera_is_doing(start_kiosk, tmp_path, shots):
    kiosk = start_kiosk()
    wait_for_text(kiosk, "摄像头 模拟设备")               # the default configuration's sim://
    kiosk.stop()

    shots_dir = tmp_path / "desk"
    shots_dir.mkdir()
    cv2.imwrite(str(shots_dir / "a.jpg"), np.full((72, 128, 3), 128, np.uint8))
    kiosk = start_kiosk(f'devices.camera="file://{shots_dir}/*.jpg"')
    wait_for_text(kiosk, "摄像头 正常")                   # tested once: opened, a frame, closed
    kiosk.stop()

    kiosk = start_kiosk('devices.camera="camera:///dev/video97"')
    wait_for_text(kiosk, "摄像头 未连接")
    shots(kiosk, "camera-missing")
    assert kiosk.pilot.state()["screen"] == "home"      # the screen never stopped answering


def test_the_technician_tests_the_camera_in_place(start_kiosk, tmp_path, shots):
    from tests.ui.technician_steps import open_technician
    from tests.ui.technician_steps import wait_for_text as wait_for_widget

    shots_dir = tmp_path / "desk"
    shots_dir.mkdir()
    cv2.imwrite(str(shots_dir / "a.jpg"), np.full((72, 128, 3), 128, np.uint8))
    kiosk = start_kiosk(f'devices.camera="file://{shots_dir}/*.jpg"')
    pilot = kiosk.pilot
    open_technician(pilot)
    pilot.tap("test_camera")
    text = wait_for_widget(pilot, "result_camera", lambda t: "正在测试" not in t and t)
    assert "摄像头正常" in text and "128×72" in text, text
    shots(kiosk, "technician-camera-test")
