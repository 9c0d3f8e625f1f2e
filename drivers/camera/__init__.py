"""The camera: one small interface (`Camera`), chosen by URL, and the capture thread.

    camera://0?width=1280&height=720&fps=30   a real camera through OpenCV
    file://clip.mp4, file://scans/*.jpg       a video or images, looping (loop=0 to stop)
    sim://?scene=document&kind=a4             a generated scene, played as a video file

`drivers.camera.synth` draws the labelled test photos that the tests, the benchmarks and the
simulated camera share.
"""

from __future__ import annotations

from drivers.camera.base import Camera, Frame
from drivers.camera.capture import CaptureThread
from drivers.camera.errors import CameraOffline, CameraSourceError
from drivers.url import DeviceURL, parse_device_url

CAMERA_SCHEMES = ("camera", "file", "sim")


def open_camera(url: str | DeviceURL, device_params: frozenset[str] = frozenset(
        {"width", "height", "fps", "loop"})) -> Camera:
    """The camera backend for `url` (not yet opened: call `open`, or use `with`)."""
    parsed = url if isinstance(url, DeviceURL) else parse_device_url(url, CAMERA_SCHEMES,
                                                                     device_params)
    if parsed.scheme == "camera":
        from drivers.camera.opencv_camera import OpenCVCamera

        return OpenCVCamera(parsed)
    if parsed.scheme == "file":
        from drivers.camera.files import FileCamera

        return FileCamera(parsed)
    from drivers.camera.sim import SimCamera

    return SimCamera(parsed)


__all__ = ["CAMERA_SCHEMES", "Camera", "CameraOffline", "CameraSourceError", "CaptureThread",
           "Frame", "open_camera"]
