"""The camera driver over real sources: image files, a video file, the generated scene, and a
camera that is not there; the capture thread's newest-frame-only reading and its recovery."""

from __future__ import annotations

import shutil
import time

import cv2
import numpy as np
import pytest

from drivers.camera import CameraOffline, CameraSourceError, CaptureThread, open_camera
from drivers.camera.capture import OFFLINE, RUNNING, STOPPED
from drivers.camera.sim import scene_clip, scene_spec
from drivers.url import parse_device_url


def write_images(directory, count, size=(160, 120)):
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        image = np.full((size[1], size[0], 3), i * 20 % 256, np.uint8)
        cv2.imwrite(str(directory / f"{i:03d}.png"), image)
    return directory


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_image_files_play_in_order_and_loop(tmp_path):
    write_images(tmp_path / "shots", 3)
    with open_camera(f"file://{tmp_path}/shots/*.png?fps=200") as camera:
        values = [int(camera.read()[0, 0, 0]) for _ in range(7)]
    assert values == [0, 20, 40, 0, 20, 40, 0]


def test_a_video_file_plays_at_the_requested_size_and_stops_without_loop(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 25, (160, 120))
    for i in range(5):
        writer.write(np.full((120, 160, 3), i * 40, np.uint8))
    writer.release()
    with open_camera(f"file://{path}?fps=500&width=80&height=60") as camera:
        frames = [camera.read() for _ in range(12)]       # loops past the fifth frame
    assert all(frame.shape == (60, 80, 3) for frame in frames)
    with open_camera(f"file://{path}?fps=500&loop=0") as camera:
        for _ in range(5):
            camera.read()
        with pytest.raises(CameraOffline, match="ended"):
            camera.read()


def test_missing_sources_are_explained(tmp_path):
    with pytest.raises(CameraSourceError, match="no images match"):
        open_camera(f"file://{tmp_path}/none/*.jpg").open()
    with pytest.raises(CameraSourceError, match="does not exist"):
        open_camera(f"file://{tmp_path}/none.mp4").open()
    camera = open_camera("camera:///dev/video97")
    assert not camera.present()
    with pytest.raises(CameraOffline) as caught:
        camera.open()
    assert "摄像头" in caught.value.message("zh_CN")


def test_the_simulated_camera_plays_its_scene_through_a_video_file():
    url = "sim://?scene=document&kind=id_card&desk=cloth&width=320&height=180&fps=10"
    with open_camera(url) as camera:
        frames = [camera.read() for _ in range(3)]
    assert all(frame.shape == (180, 320, 3) for frame in frames)
    clip = scene_clip(scene_spec(parse_device_url(url)))
    assert clip.suffix == ".avi" and clip.with_suffix(".json").is_file()
    with pytest.raises(CameraSourceError, match="desk="):
        scene_spec(parse_device_url("sim://?desk=lava"))


def test_the_capture_thread_hands_out_only_the_newest_frame(tmp_path):
    write_images(tmp_path / "shots", 5)
    capture = CaptureThread(lambda: open_camera(f"file://{tmp_path}/shots/*.png?fps=100"))
    capture.start()
    try:
        first = capture.wait_newer(-1, timeout=5)
        assert first is not None
        time.sleep(0.3)                                # a slow reader...
        newest = capture.wait_newer(first.index, timeout=5)
        assert newest.index > first.index + 5          # ...skips the frames it missed
        assert wait_for(lambda: capture.fps > 20)
        assert capture.state == RUNNING
    finally:
        capture.stop()
    assert capture.state == STOPPED and capture.latest() is None


def test_stopping_overwrites_the_last_frame(tmp_path):
    # It may show a citizen's document.
    write_images(tmp_path / "shots", 3)
    capture = CaptureThread(lambda: open_camera(f"file://{tmp_path}/shots/*.png?fps=100&loop=0"),
                            retry_first_s=30)
    capture.start()
    assert wait_for(lambda: capture.state == OFFLINE)   # all shown, nothing more comes
    last = capture.latest()
    assert last is not None and last.image.any()
    capture.stop()
    assert not last.image.any()


def test_the_capture_thread_recovers_when_the_camera_returns(tmp_path):
    shots = write_images(tmp_path / "shots", 3)
    states = []
    capture = CaptureThread(lambda: open_camera(f"file://{shots}/*.png?fps=50"),
                            on_state=lambda state, error: states.append(state),
                            retry_first_s=0.05, retry_max_s=0.1)
    capture.start()
    try:
        assert wait_for(lambda: capture.state == RUNNING)
        hidden = tmp_path / "hidden"
        shutil.move(shots, hidden)                     # unplugged
        assert wait_for(lambda: capture.state == OFFLINE)
        assert capture.error is not None
        shutil.move(hidden, shots)                     # plugged back in
        assert wait_for(lambda: capture.state == RUNNING)
        before = capture.latest().index
        assert capture.wait_newer(before, timeout=5) is not None
    finally:
        capture.stop()
    assert states[:4] == ["starting", RUNNING, OFFLINE, RUNNING]
