"""`file://video.mp4` or `file://scans/*.jpg`: frames from a video or a set of images.

For demos, tests and a technician reproducing what a hall's camera saw. Frames come at the
URL's `fps` (else the video's own rate, else 10 a second for images), resized to `width` and
`height` when given, and start over at the end unless `loop=0`. Files that vanish while
playing make the camera go offline, and come back when they return, as a camera would.
"""

from __future__ import annotations

import glob
import os
import time
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.base import Camera, bool_param, int_param
from drivers.camera.errors import CameraOffline, CameraSourceError
from drivers.url import DeviceURL

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")
IMAGE_FPS = 10


class FileCamera(Camera):
    def __init__(self, url: DeviceURL, *, path: str | None = None) -> None:
        super().__init__(url)
        self.path = path or url.target
        self.loop = bool_param(url, "loop", True)
        self.size = (int_param(url, "width", 0), int_param(url, "height", 0))
        self._video: cv2.VideoCapture | None = None
        self._images: list[str] = []
        self._position = 0
        self._interval = 1 / IMAGE_FPS
        self._due = 0.0

    def _is_images(self) -> bool:
        return any(ch in self.path for ch in "*?[") or os.path.isdir(self.path) or \
            self.path.lower().endswith(IMAGE_SUFFIXES)

    def present(self) -> bool:
        if self._is_images():
            return bool(self._list_images())
        return os.path.isfile(self.path)

    def _list_images(self) -> list[str]:
        pattern = os.path.join(self.path, "*") if os.path.isdir(self.path) else self.path
        return sorted(p for p in glob.glob(pattern) if p.lower().endswith(IMAGE_SUFFIXES))

    def open(self) -> None:
        fps = int_param(self.url, "fps", 0)
        if self._is_images():
            self._images = self._list_images()
            if not self._images:
                raise CameraSourceError(f"no images match {self.path}",
                                        message_zh=f"没有与 {self.path} 匹配的图片")
            self._interval = 1 / (fps or IMAGE_FPS)
        else:
            if not os.path.isfile(self.path):
                raise CameraSourceError(f"video {self.path} does not exist",
                                        message_zh=f"视频 {self.path} 不存在")
            video = cv2.VideoCapture(self.path)
            if not video.isOpened():
                video.release()
                raise CameraSourceError(f"video {self.path} cannot be played",
                                        message_zh=f"视频 {self.path} 无法播放")
            self._video = video
            own = video.get(cv2.CAP_PROP_FPS)
            self._interval = 1 / (fps or (own if 1 <= own <= 240 else 25))
        self._position = 0
        self._due = time.monotonic()

    def read(self) -> np.ndarray:
        # Keep the source's pace, as a camera would; never run ahead.
        delay = self._due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._due = max(self._due + self._interval, time.monotonic())
        frame = self._next_image() if self._images else self._next_video_frame()
        if self.size[0] and self.size[1] and frame.shape[1::-1] != self.size:
            frame = cv2.resize(frame, self.size, interpolation=cv2.INTER_AREA)
        return frame

    def _next_image(self) -> np.ndarray:
        if self._position >= len(self._images):
            if not self.loop:
                raise CameraOffline(f"the images in {self.path} have all been shown",
                                    message_zh=f"{self.path} 中的图片已放完")
            self._position = 0
        path = self._images[self._position]
        self._position += 1
        frame = cv2.imread(path, cv2.IMREAD_COLOR) if Path(path).is_file() else None
        if frame is None:
            raise CameraOffline(f"image {path} is gone or unreadable",
                                message_zh=f"图片 {path} 不存在或无法读取")
        return frame

    def _next_video_frame(self) -> np.ndarray:
        if self._video is None:
            raise CameraOffline("the video is not open", message_zh="视频未打开")
        ok, frame = self._video.read()
        if not ok and self.loop and self._position > 0:
            self._video.set(cv2.CAP_PROP_POS_FRAMES, 0)
            self._position = 0
            ok, frame = self._video.read()
        if not ok or frame is None:
            raise CameraOffline(f"video {self.path} has ended or broken off",
                                message_zh=f"视频 {self.path} 已结束或中断")
        self._position += 1
        return frame

    def close(self) -> None:
        if self._video is not None:
            self._video.release()
            self._video = None
        self._images = []
