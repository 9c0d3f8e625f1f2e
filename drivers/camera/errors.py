"""The camera's errors, in the hierarchy of `drivers.errors`.

    DeviceOffline
    └── CameraOffline       no picture: the camera is unplugged, busy, or its source is gone
    DeviceURLError
    └── CameraSourceError   the URL names files that are not there or cannot be played
"""

from __future__ import annotations

from drivers.errors import DeviceOffline, DeviceURLError


class CameraOffline(DeviceOffline):
    """The camera gives no picture: unplugged, used by another program, or broken."""

    default_zh = "摄像头未连接或没有画面"
    default_en = "The camera is not connected or gives no picture"


class CameraSourceError(DeviceURLError):
    """A file:// camera source names no playable video or images."""

    default_zh = "摄像头来源文件不存在或无法播放"
    default_en = "The camera's source files are missing or cannot be played"
