"""办件查询 in the real app, against the embedded reference platform and the ID card reader
simulator: by application number on the pad, a number that does not exist, by ID card (the
card's data stays masked), English and 大字模式; and a platform that cannot be reached."""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from drivers.idreader.deck import DECK
from drivers.idreader.simctl import SimControl
from kiosk.platform_server.demo_data.applications import demo_numbers
from kiosk.platform_server.store import CHINA
from tests.platform.conftest import KIOSK_ID, start_platform

pytestmark = pytest.mark.ui


def wait_for_text(pilot, text: str, within: float = 30) -> list[str]:
    deadline = time.monotonic() + within
    while text not in (texts := pilot.texts()):
        assert time.monotonic() < deadline, f"{text} never showed; saw {texts}"
        time.sleep(0.1)
    return texts


def type_number(pilot, number: str) -> None:
    for digit in number.removeprefix("BK").replace("-", ""):
        pilot.tap(f"key_{digit}")


def test_by_number_not_found_and_by_card(start_kiosk, shots, state_dir):
    with tempfile.TemporaryDirectory(prefix="kiosk-idr-") as scratch:
        control = Path(scratch) / "ctl.sock"
        kiosk = start_kiosk(f'devices.id_reader="sim://?control={control}"')
        pilot = kiosk.pilot
        numbers = demo_numbers(datetime.now(CHINA).date())
        pilot.tap("tile_progress")
        shots(kiosk, "progress-choose")

        pilot.tap("way_number")
        type_number(pilot, numbers[0][:-1])
        pilot.tap("number_search")  # one digit short: said so, the pad stays
        assert "受理编号是13位数字，请输完再查。" in pilot.texts()
        pilot.tap(f"key_{numbers[0][-1]}")
        assert "BK" + numbers[0][2:] + "▏" in pilot.texts()
        pilot.tap("number_search")
        pilot.wait_idle()
        texts = wait_for_text(pilot, "不动产转移登记（二手房买卖）")
        for expected in ("审查中", "正在审查，请在预计办结日期后再来查询。", "已受理",
                         "已提交", "8号窗口受理", "办理过程"):
            assert expected in texts, expected
        assert f"受理编号：{numbers[0]}　申请人：王**" in texts
        shots(kiosk, "progress-by-number")

        pilot.tap("detail_again")
        pilot.tap("way_number")
        type_number(pilot, "BK20000101-00001")
        pilot.tap("number_search")
        pilot.wait_idle()
        wait_for_text(pilot, "没有找到这个办件")
        shots(kiosk, "progress-not-found")
        pilot.tap("message_number")  # straight back to the pad to try again
        assert pilot.find("number_search")["shown"]
        pilot.tap("number_back")

        reader = SimControl.wait_for(control)
        try:
            reader.insert("resident")
            wait_for_text(pilot, "您名下的办件（最新的在前）")
            texts = wait_for_text(pilot, "社会保障卡申领")  # the page is laid out a frame later
        finally:
            reader.close()
        for expected in ("住房公积金提取（租房）", "需补交材料", "社会保障卡申领",
                         "已办好，待领取"):
            assert expected in texts, expected
        card = DECK["resident"].card
        shown = " ".join(texts)
        assert card.name not in shown and card.id_number not in shown
        assert card.id_number[6:14] not in shown
        pilot.tap("application_0")
        texts = pilot.texts()
        assert "房屋租赁合同未签字，请补交双方签字的合同" in texts

        pilot.tap("language_button")
        pilot.tap("elderly_button")
        texts = pilot.texts()
        assert "More documents needed" in texts
        assert "The tenancy contract is not signed: bring one signed by both sides" in texts
        shots(kiosk, "progress-en-elderly")
        pilot.tap("detail_back")
        assert "Your applications (newest first)" in pilot.texts()
        shots(kiosk, "progress-list-en-elderly")

        pilot.tap("home_button")
        state = pilot.state()
        assert state["session"]["active"] is False
        logs = (state_dir / "log" / "kiosk.log").read_text(encoding="utf-8")
        assert card.id_number not in logs and card.name not in logs


def test_by_the_receipts_qr_under_the_camera(start_kiosk, shots):
    number = demo_numbers(datetime.now(CHINA).date())[1]
    receipt_qr = quote(f"http://127.0.0.1:8700/a/{number}", safe="")
    kiosk = start_kiosk(f'devices.camera="sim://?scene=qr&text={receipt_qr}"')
    pilot = kiosk.pilot
    pilot.tap("tile_progress")
    pilot.tap("way_qr")
    assert "请把受理回执上的二维码对准摄像头" in pilot.texts()
    shots(kiosk, "progress-scanning")
    texts = wait_for_text(pilot, "社会保障卡申领", within=60)
    assert "已办好，待领取" in texts and f"受理编号：{number}　申请人：王**" in texts
    pilot.tap("home_button")
    pilot.wait_idle()  # the scanner has stopped and given the camera back


def test_offline_says_so_and_what_to_do(start_kiosk, tmp_path, shots):
    platform = start_platform(tmp_path / "platform.sqlite")
    try:
        key = platform.credentials.key.decode()
        kiosk = start_kiosk(f'kiosk.id="{KIOSK_ID}"', f'platform.url="{platform.url}"',
                            f'platform.kiosk_key="{key}"', "platform.connect_timeout_s=0.5",
                            "platform.read_timeout_s=2", "platform.retries=0")
        pilot = kiosk.pilot
        pilot.tap("tile_guide")  # the catalogue arrives and is cached
        pilot.wait_idle()
        wait_for_text(pilot, "不动产", within=60)
    finally:
        platform.server.stop()
    pilot.tap("home_button")
    pilot.tap("tile_guide")  # the guide works from the cache without the platform
    pilot.wait_idle()
    pilot.tap("chip_1")
    assert any("户口" in text for text in pilot.texts() if text != "户口")
    pilot.tap("home_button")

    pilot.tap("tile_progress")
    pilot.tap("way_number")
    type_number(pilot, "BK20261120-08001")
    pilot.tap("number_search")
    pilot.wait_idle()
    texts = wait_for_text(pilot, "暂时连不上政务平台")
    assert any(text.startswith("查询办件进度需要连接政务平台") for text in texts)
    assert not pilot.find("message_number")["shown"]  # another number would not help
    shots(kiosk, "progress-offline")
