"""Scanning end to end through a real camera source, into the citizen session, and out of
memory again when the session ends; the camera service's leases and health."""

from __future__ import annotations

import shutil
import time

import cv2
import numpy as np
import pytest

from drivers.camera.synth import document_photo, qr_photo
from kiosk.clock import KioskClock
from kiosk.health import HealthBoard, Level, Role
from kiosk.scanning import store
from kiosk.scanning.camera import CameraService
from kiosk.scanning.guidance import Hint
from kiosk.scanning.live import DocumentScanner, QrScanner
from kiosk.session import SessionManager


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def desk_with_a_page(tmp_path):
    """An image-file camera: an empty desk, then the same page held still for a second."""
    shots = tmp_path / "shots"
    shots.mkdir()
    empty = document_photo(5, empty=True, backdrop="wood")
    page = document_photo(5, kind="a4", backdrop="wood", area=0.45, max_tilt_deg=5, blur=0,
                          glare=False, finger=False, shadow=False, exposure=0.9)
    cv2.imwrite(str(shots / "00.png"), empty.image)
    cv2.imwrite(str(shots / "01.png"), page.image)
    for i in range(2, 18):
        shutil.copy(shots / "01.png", shots / f"{i:02d}.png")
    return f"file://{shots}/*.png?fps=15"


def test_a_page_held_still_is_captured_into_the_session_and_wiped_with_it(desk_with_a_page):
    health = HealthBoard()
    cameras = CameraService(desk_with_a_page, health, linger_s=0.1)
    sessions = SessionManager(KioskClock())
    session = sessions.begin()
    views = []
    scanner = DocumentScanner(cameras, sessions, on_view=views.append)
    scanner.start()
    try:
        assert wait_for(lambda: store.pages(session))
    finally:
        scanner.stop()
    hints = {view.hint for view in views}
    assert {Hint.NO_PAGE, Hint.HOLD_STILL, Hint.CAPTURED} <= hints
    info = store.pages(session)[0]
    assert info.kind == "a4" and info.height > info.width
    jpeg = store.page_jpeg(session, 1)
    assert isinstance(jpeg, bytearray) and jpeg[:2] == b"\xff\xd8"
    pdf = store.scans_pdf(session)
    assert pdf[:5] == b"%PDF-"
    assert health.get(Role.CAMERA) == health.get(Role.CAMERA).__class__(Level.OK, "ready")

    sessions.end("citizen_left")
    assert not any(jpeg) and not any(pdf)          # zeroed in place, not just dropped
    assert session.is_empty()
    assert wait_for(lambda: not cameras.in_use, 5)  # the camera closes when nobody scans


def test_pages_can_be_removed_and_the_pdf_follows():
    sessions = SessionManager(KioskClock())
    session = sessions.begin()
    page = document_photo(1, kind="id_card", area=0.15, backdrop="wood")
    from kiosk.scanning.live import capture_page

    for _ in range(2):
        jpeg, kind, (w, h) = capture_page(page.image, page.corners)
        store.add_page(session, jpeg, kind=kind, mode="colour", width=w, height=h)
    first_pdf = store.scans_pdf(session)
    removed = store.page_jpeg(session, 1)
    store.remove_page(session, 1)
    assert not any(removed) and not any(first_pdf)
    assert [p.number for p in store.pages(session)] == [1]
    assert store.scans_pdf(session)[:5] == b"%PDF-"


def test_qr_codes_are_read_from_the_camera_once_each(tmp_path):
    shots = tmp_path / "qr"
    shots.mkdir()
    for i in range(3):
        photo = qr_photo(i, text="YY202406180042", module_px=5, blur=0)
        cv2.imwrite(str(shots / f"{i}.png"), photo.image)
    cameras = CameraService(f"file://{shots}/*.png?fps=20", HealthBoard(), linger_s=0.1)
    texts = []
    scanner = QrScanner(cameras, texts.append)
    scanner.start()
    try:
        assert wait_for(lambda: texts)
        time.sleep(0.5)
    finally:
        scanner.stop()
    assert texts == ["YY202406180042"]


def test_the_camera_service_reports_health_without_holding_the_camera_open():
    health = HealthBoard()
    missing = CameraService("camera:///dev/video97", health, check_interval_s=0.05)
    missing.start()
    try:
        assert wait_for(lambda: health.get(Role.CAMERA).reason == "missing", 5)
        assert health.get(Role.CAMERA).level is Level.ERROR
        assert not missing.in_use
    finally:
        missing.shutdown()
    simulated = CameraService("sim://", health)
    simulated.start()
    try:
        assert wait_for(lambda: health.get(Role.CAMERA).reason == "simulated", 5)
        assert not simulated.in_use
    finally:
        simulated.shutdown()


def test_a_lease_opens_the_camera_and_the_last_release_closes_it(tmp_path):
    shots = tmp_path / "s"
    shots.mkdir()
    cv2.imwrite(str(shots / "a.png"), np.zeros((60, 80, 3), np.uint8))
    cameras = CameraService(f"file://{shots}/*.png?fps=30", HealthBoard(), linger_s=0.2)
    first, second = cameras.acquire(), cameras.acquire()
    assert first.wait_newer(-1, timeout=5) is not None
    first.release()
    time.sleep(0.4)
    assert cameras.in_use                        # the second lease still holds it
    second.release()
    assert wait_for(lambda: not cameras.in_use, 5)
    cameras.shutdown()


def test_the_core_reports_the_camera_from_start_and_lets_it_go_at_shutdown(kiosk_toml):
    from kiosk.bootstrap import build_core
    from kiosk.config import load_config

    core = build_core(load_config(kiosk_toml), deliver=lambda callback: callback())
    assert core.camera is not None and core.camera.url == "sim://"
    assert core.health.get(Role.CAMERA).reason == "not_checked"
    core.start()
    try:
        assert wait_for(lambda: core.health.get(Role.CAMERA).reason == "simulated", 5)
        assert not core.camera.in_use              # nothing opened until a citizen scans
    finally:
        core.shutdown()
