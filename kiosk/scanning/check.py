"""Trying the camera where it stands, for `kiosk doctor`: open it, take one frame, close it;
and reading the page model the detector uses (`check_page_model`).

The simulator is not rendered (that takes seconds of CPU): it is reported as simulated. A real
camera's frame size is compared with the one asked for, since a camera that silently falls
back to 640×480 finds pages too far away to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.camera import CAMERA_SCHEMES, open_camera
from drivers.camera.base import int_param
from drivers.errors import DeviceError, DeviceURLError
from drivers.url import DeviceURL, parse_device_url
from kiosk.config.models import CAMERA_PARAMS


@dataclass(frozen=True)
class CameraCheck:
    ok: bool
    warning: bool
    reason: str          # ready, simulated, small_frames, missing, offline, bad_url
    message_zh: str
    message_en: str


def check_camera(url: str) -> CameraCheck:
    """Open the camera at `url`, read one frame, close it, and say what was found."""
    try:
        parsed = parse_device_url(url, CAMERA_SCHEMES, CAMERA_PARAMS)
    except DeviceURLError as exc:
        return CameraCheck(False, False, "bad_url", f"摄像头地址有误：{exc.message_zh}",
                           f"camera URL: {exc.message_en}")
    if parsed.scheme == "sim":
        return CameraCheck(True, False, "simulated", "摄像头为模拟设备",
                           "simulated camera (sim://)")
    camera = open_camera(parsed)
    if not camera.present():
        return CameraCheck(False, False, "missing", "找不到摄像头：请检查连线（kiosk devices）",
                           f"camera not found at {url}: check the cable, or the files "
                           "(kiosk devices lists cameras)")
    try:
        with camera:
            image = camera.read()
    except DeviceError as exc:
        return CameraCheck(False, False, "offline", f"摄像头无法使用：{exc.message_zh}",
                           f"camera does not give pictures: {exc.message_en}")
    height, width = image.shape[:2]
    return _size_verdict(parsed, width, height)


def _size_verdict(url: DeviceURL, width: int, height: int) -> CameraCheck:
    wanted = (int_param(url, "width", 0), int_param(url, "height", 0))
    if url.scheme == "camera" and all(wanted) and (width, height) != wanted:
        return CameraCheck(True, True, "small_frames",
                           f"摄像头画面为 {width}×{height}，不是设置的 {wanted[0]}×{wanted[1]}",
                           f"camera gives {width}x{height}, not the {wanted[0]}x{wanted[1]} "
                           "asked for: pages may be too far away to read; pick a size it "
                           "supports (v4l2-ctl --list-formats-ext)")
    return CameraCheck(True, False, "ready", f"摄像头正常，画面 {width}×{height}",
                       f"camera ready, {width}x{height} frames")


def check_page_model() -> CameraCheck:
    """Read the page model and run it once on a blank frame (`kiosk doctor`)."""
    import numpy as np

    from kiosk.scanning.page_model import PageModel, PageModelError

    try:
        PageModel().probabilities(np.full((180, 320, 3), 128, np.uint8))
    except PageModelError as exc:
        return CameraCheck(False, False, "page_model", "文档识别模型无法读取：请重新安装终端软件",
                           f"{exc}: pages are still found, less surely; reinstall the kiosk "
                           "package (kiosk/scanning/data/page_model.onnx)")
    return CameraCheck(True, False, "ready", "文档识别模型正常", "page model ready")
