"""The scanner behind the QR view: texts once each, a small bottom-up RGB picture for the
screen, the camera given back (and the picture zeroed) when it stops, and a camera that gives
no frames reported as not working."""

from __future__ import annotations

import time

import cv2
import numpy as np

from drivers.camera.synth import qr_photo
from kiosk.health import HealthBoard
from kiosk.scanning.camera import CameraService
from kiosk.scanning.preview import PreviewQrScanner, shrink


def wait_for(predicate, within: float = 30.0) -> bool:
    """A bound on waiting, not a speed test."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_the_preview_is_small_rgb_and_bottom_up():
    image = np.zeros((720, 1280, 3), np.uint8)
    image[:10] = (255, 0, 0)                     # a blue band at the top (BGR)
    preview = shrink(image, 480, 7)
    assert (preview.width, preview.height, preview.index) == (480, 270, 7)
    rows = np.frombuffer(bytes(preview.pixels), np.uint8).reshape(270, 480, 3)
    assert tuple(rows[-1, 0]) == (0, 0, 255)      # the top row comes last, as RGB
    assert tuple(rows[0, 0]) == (0, 0, 0)


def test_texts_and_pictures_come_and_the_camera_is_given_back(tmp_path):
    shots = tmp_path / "qr"
    shots.mkdir()
    photo = qr_photo(3, width=960, height=540, carrier="phone", text="YY20000001",
                     module_px=5, max_tilt_deg=10, blur=0)
    cv2.imwrite(str(shots / "a.jpg"), photo.image)
    cameras = CameraService(f"file://{shots}/*.jpg?fps=20", HealthBoard(), linger_s=0.1)
    texts: list[str] = []
    scanner = PreviewQrScanner(cameras, texts.append, preview_every_s=0.05)
    scanner.start()
    try:
        assert wait_for(lambda: texts and scanner.preview is not None)
        first = scanner.preview
        assert first is not None and first.width == 480
        assert wait_for(lambda: scanner.preview is not None and scanner.preview.index
                        != first.index)           # it keeps coming, newest only
        assert cameras.in_use and scanner.camera_ok
    finally:
        scanner._stop.set()                       # no new pictures from here on
        time.sleep(0.3)
        last = scanner.preview
        scanner.stop_soon()
    assert wait_for(lambda: not cameras.in_use)   # lease given back, camera closed
    assert texts == ["YY20000001"]
    assert scanner.preview is None
    assert last is not None and not any(last.pixels)


def test_a_camera_that_gives_no_frames_is_reported(tmp_path):
    cameras = CameraService(f"file://{tmp_path}/none/*.jpg", HealthBoard(), linger_s=0.1)
    scanner = PreviewQrScanner(cameras, lambda _t: None, no_frame_s=0.5)
    scanner.start()
    try:
        assert wait_for(lambda: not scanner.camera_ok)
        assert scanner.frames_seen == 0
    finally:
        scanner.stop()
    cameras.shutdown()
