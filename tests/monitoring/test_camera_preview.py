"""The technician's live camera view, without a screen: frames from a real file:// camera with
the page's outline drawn in, QR codes read where they stand, the pictures gone when it stops."""

from __future__ import annotations

import time

import cv2
import numpy as np

from drivers.camera.synth import document_photo, qr_photo
from kiosk.health import HealthBoard
from kiosk.scanning.camera import CameraService
from kiosk.technician.camera_preview import OUTLINE_BGR, CameraPreview, for_texture


def take_until(preview: CameraPreview, condition, timeout: float = 30.0):
    """Frames until one meets `condition`; a bound on waiting, not a speed test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = preview.take()
        if frame is not None and condition(frame):
            return frame
        time.sleep(0.05)
    raise AssertionError("no such frame came")


def test_the_page_outline_is_drawn_on_the_live_frames(tmp_path):
    page = document_photo(5, kind="a4", backdrop="wood", area=0.45, max_tilt_deg=5, blur=0,
                          glare=False, finger=False, shadow=False, exposure=0.9)
    cv2.imwrite(str(tmp_path / "page.png"), page.image)
    cameras = CameraService(f"file://{tmp_path}/*.png?fps=10&width=960&height=540",
                            HealthBoard(), linger_s=0.1)
    preview = CameraPreview(cameras, "page", max_width=480)
    preview.start()
    try:
        frame = take_until(preview, lambda f: f.found)
    finally:
        preview.stop()
    assert frame.frame_size == (960, 540)        # the resolution asked for in the URL
    assert frame.size == (480, 270)
    rgb = np.frombuffer(bytes(frame.pixels), np.uint8).reshape(270, 480, 3)
    outline = np.all(np.abs(rgb.astype(int) - OUTLINE_BGR[::-1]) < 30, axis=2)
    assert outline.sum() > 300                   # the green outline is in the picture
    cameras.shutdown()


def test_qr_codes_are_read_in_place_and_forgotten_on_stop(tmp_path):
    code = qr_photo(3, text="YY202406180042", module_px=6, blur=0)
    cv2.imwrite(str(tmp_path / "qr.png"), code.image)
    cameras = CameraService(f"file://{tmp_path}/*.png?fps=10", HealthBoard(), linger_s=0.1)
    preview = CameraPreview(cameras, "qr")
    preview.start()
    try:
        frame = take_until(preview, lambda f: bool(f.qr_texts))
        assert frame.qr_texts == ("YY202406180042",)
        assert preview.qr_texts == ["YY202406180042"]
    finally:
        preview.stop()
    assert preview.qr_texts == [] and preview.take() is None
    cameras.shutdown()


def test_a_texture_gets_rgb_rows_bottom_first():
    image = np.zeros((4, 2, 3), np.uint8)
    image[0] = (255, 0, 0)                       # the top row, blue in BGR
    pixels, size = for_texture(image)
    assert size == (2, 4)
    rows = np.frombuffer(bytes(pixels), np.uint8).reshape(4, 2, 3)
    assert rows[-1, 0].tolist() == [0, 0, 255]   # last in the buffer, red-green-blue order
