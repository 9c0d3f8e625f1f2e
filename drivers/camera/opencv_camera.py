"""`camera://0?width=1280&height=720&fps=30`: a real camera through OpenCV's VideoCapture.

The camera is asked for the configured size and rate and for a one-frame buffer, so that a
slow reader gets the newest picture rather than a queue of old ones (the capture thread reads
continuously anyway). OpenCV reports failure by returning nothing rather than raising; this
turns that into `CameraOffline` with words a technician can act on.
"""

from __future__ import annotations

import os

import cv2
import numpy as np

from drivers.camera.base import Camera, int_param
from drivers.camera.errors import CameraOffline
from drivers.url import DeviceURL


class OpenCVCamera(Camera):
    def __init__(self, url: DeviceURL) -> None:
        super().__init__(url)
        self._capture: cv2.VideoCapture | None = None

    @property
    def device_path(self) -> str:
        target = self.url.target
        return f"/dev/video{target}" if target.isdigit() else target

    def present(self) -> bool:
        return os.path.exists(self.device_path)

    def open(self) -> None:
        target = self.url.target
        source: int | str = int(target) if target.isdigit() else target
        capture = cv2.VideoCapture(source)
        if not capture.isOpened():
            capture.release()
            raise CameraOffline(
                f"camera {self.device_path} cannot be opened (unplugged, or in use by another "
                "program)",
                message_zh=f"无法打开摄像头 {self.device_path}（未连接或被其他程序占用）")
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        for prop, name in ((cv2.CAP_PROP_FRAME_WIDTH, "width"),
                           (cv2.CAP_PROP_FRAME_HEIGHT, "height"), (cv2.CAP_PROP_FPS, "fps")):
            value = int_param(self.url, name, 0)
            if value:
                capture.set(prop, value)
        self._capture = capture

    def read(self) -> np.ndarray:
        if self._capture is None:
            raise CameraOffline("the camera is not open", message_zh="摄像头未打开")
        ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CameraOffline(f"camera {self.device_path} stopped giving pictures",
                                message_zh=f"摄像头 {self.device_path} 没有画面")
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
