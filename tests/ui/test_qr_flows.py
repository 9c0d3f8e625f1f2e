"""QR codes through the real camera pipeline: the kiosk's camera is `file://` photos of phone
screens and tickets rendered at test time (drivers/camera/synth), swapped as the citizen holds
up another code; the county platform is the reference server on loopback.

Check-in by the appointment QR, evaluation by the QR on a ticket, and the codes that are not
what the screen wants (an appointment's where a ticket's is wanted, a payment code, a ticket
the county never issued), each with its message; and a camera that is not there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.camera.synth.qr import qr_photo
from kiosk.services.qr_payloads import appointment_qr_text
from tests.platform.conftest import start_platform
from tests.ui.flows import county_overrides, wait_for, wait_screen, wait_text

pytestmark = pytest.mark.ui


class HeldUp:
    """The one photo the kiosk's camera plays (`file://DIR/*.jpg`), replaced atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "camera"
        self.stage = folder / "stage"
        self.folder.mkdir()
        self.stage.mkdir()
        self.seed = 0
        self._write(np.full((540, 960, 3), (90, 110, 130), np.uint8))  # an empty desk

    @property
    def url(self) -> str:
        return f"file://{self.folder}/*.jpg?width=960&height=540"

    def _write(self, image: np.ndarray) -> None:
        staged = self.stage / "shown.jpg"
        cv2.imwrite(str(staged), image)
        os.replace(staged, self.folder / "shown.jpg")

    def code(self, text: str) -> None:
        """A phone screen showing the QR of `text`, as the camera sees it."""
        self.seed += 1
        photo = qr_photo(self.seed, width=960, height=540, carrier="phone", text=text,
                         module_px=5, max_tilt_deg=10, blur=0)
        self._write(photo.image)


@pytest.fixture
def county(tmp_path) -> Iterator[object]:
    platform = start_platform(tmp_path / "county.sqlite")
    yield platform
    platform.server.stop()


@pytest.fixture
def held_up(tmp_path) -> HeldUp:
    return HeldUp(tmp_path)


@pytest.fixture
def qr_kiosk(start_kiosk, county, held_up):
    kiosk = start_kiosk(*county_overrides(county), f'devices.camera="{held_up.url}"')
    wait_text(kiosk.pilot, "政务平台 已连接")
    return kiosk


def latest_ticket(county) -> str:
    rows = county.server.store.transaction(lambda conn: conn.exec_driver_sql(
        "SELECT id FROM tickets ORDER BY issued_at DESC LIMIT 1").fetchall())
    return str(rows[0][0])


def evaluated(county) -> list[str]:
    rows = county.server.store.transaction(lambda conn: conn.exec_driver_sql(
        "SELECT target FROM evaluations").fetchall())
    return [str(row[0]) for row in rows]


def test_check_in_by_the_appointment_qr(qr_kiosk, county, held_up, shots):
    pilot = qr_kiosk.pilot
    pilot.tap("tile_checkin")
    wait_screen(pilot, "checkin")
    pilot.tap("scan_code")
    wait_text(pilot, "请将二维码对准摄像头")            # the camera's picture is on screen
    picture = shots(qr_kiosk, "checkin-scan-empty")
    held_up.code(f"{county.url}/q/0123456789abcdef0123")   # a ticket's QR: not an appointment
    wait_text(pilot, "这是排队凭条上的二维码，不是预约码")
    held_up.code(appointment_qr_text("YY20000001", county.url))
    wait_text(pilot, "不动产转移登记")                   # the same confirm step as the code
    assert pilot.state()["screen"] == "checkin"
    shots(qr_kiosk, "checkin-by-qr-confirm")
    pilot.tap("confirm_checkin")
    wait_screen(pilot, "ticket_done")
    texts = wait_text(pilot, "请取走凭条")
    assert any("绿色通道" in t for t in texts)
    assert picture.size[0] > 0


def test_evaluation_by_the_qr_on_a_ticket_and_wrong_codes(qr_kiosk, county, held_up, shots):
    pilot = qr_kiosk.pilot
    pilot.tap("tile_ticket")
    wait_screen(pilot, "ticket")
    wait_text(pilot, "分钟")
    pilot.tap(next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("category_")))
    wait_screen(pilot, "ticket_identify")
    pilot.tap("skip")
    wait_screen(pilot, "ticket_done")
    wait_text(pilot, "请取走凭条")
    number = pilot.find("number")["text"]
    pilot.tap("done_home")
    ticket_id = latest_ticket(county)

    pilot.tap("tile_evaluation")
    wait_screen(pilot, "evaluation")
    pilot.tap("scan_qr")
    wait_text(pilot, "请将二维码对准摄像头")
    held_up.code(appointment_qr_text("YY20000002", county.url))
    wait_text(pilot, "这是预约二维码")
    held_up.code("wxp://f2f0b3c4d5e6f7a8b9")                  # a payment code
    wait_text(pilot, "这个二维码不是本大厅凭条或回执上的")
    shots(qr_kiosk, "evaluation-wrong-qr")
    held_up.code("https://zwfw.elsewhere.example/q/ffffffffffffffffffff")  # never issued here
    wait_text(pilot, "没有查到这张凭条或回执")
    held_up.code(f"{county.url}/q/{ticket_id}")
    wait_text(pilot, f"排队号：{number}")
    shots(qr_kiosk, "evaluation-by-ticket-qr")
    pilot.tap("grade_satisfied")
    wait_text(pilot, "感谢您的评价")
    wait_for(pilot, lambda _s: evaluated(county) == [f"ticket:{ticket_id}"], "the evaluation")


def test_no_camera_says_so_and_the_pad_still_works(start_kiosk, shots):
    kiosk = start_kiosk('devices.camera="camera:///dev/video97"')
    pilot = kiosk.pilot
    wait_text(pilot, "摄像头 未连接")
    pilot.tap("tile_checkin")
    wait_screen(pilot, "checkin")
    pilot.tap("scan_code")
    wait_text(pilot, "摄像头暂时不能使用")
    shots(kiosk, "checkin-no-camera")
    pilot.tap("type_code")
    for digit in "20000001":
        pilot.tap(f"key_{digit}")
    pilot.tap("use_code")
    wait_text(pilot, "不动产转移登记")
