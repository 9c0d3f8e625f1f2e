"""The camera in kiosk terms: open it, take the next frame, close it.

Backends are chosen by URL (`open_camera` in `drivers.camera`): `camera://` is a real camera
through OpenCV, `file://` plays a video or a set of images, `sim://` plays a generated scene.
`read` blocks until the next frame, as a real camera does, and raises `CameraOffline` when the
picture stops. A camera is used by one thread at a time: the capture thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from drivers.url import DeviceURL

if TYPE_CHECKING:  # numpy is left to the backends, so that the core starts without it
    import numpy as np


@dataclass(frozen=True)
class Frame:
    """One picture: BGR pixels, its number since the camera was opened, and when it came."""

    image: np.ndarray
    index: int
    time: float  # time.monotonic() when it arrived


class Camera(ABC):
    """A source of frames. Not thread-safe: one reader at a time."""

    def __init__(self, url: DeviceURL) -> None:
        self.url = url

    @property
    def simulated(self) -> bool:
        return self.url.scheme == "sim"

    @abstractmethod
    def open(self) -> None:
        """Connect; may take a second. Raises `CameraOffline` or `CameraSourceError`."""

    @abstractmethod
    def read(self) -> np.ndarray:
        """The next frame (BGR, uint8), waiting for it. Raises `CameraOffline`."""

    @abstractmethod
    def close(self) -> None:
        """Let the device go; safe to call twice."""

    def present(self) -> bool:
        """A cheap guess whether the device is there, without opening it (no light comes on)."""
        return True

    def __enter__(self) -> Camera:
        self.open()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def int_param(url: DeviceURL, name: str, default: int) -> int:
    value = url.param(name)
    return int(value) if value is not None and value.isdigit() else default


def bool_param(url: DeviceURL, name: str, default: bool) -> bool:
    value = url.param(name)
    if value is None:
        return default
    return value.lower() not in ("0", "false", "no", "off")
