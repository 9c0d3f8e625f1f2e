"""`kiosk demo --tour DIR` without a display: pictures of every screen and a tour.json."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from kiosk.tour import FLOWS, RECEIPT_KINDS
from tests.conftest import require_tool

pytestmark = pytest.mark.ui


def test_tour_without_a_display_writes_pictures_and_index(tmp_path, kiosk_toml):
    require_tool("Xvfb")
    out = tmp_path / "tour"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--tour", str(out), "--config", str(kiosk_toml)],
        capture_output=True, text=True, env=env, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    index = json.loads((out / "tour.json").read_text(encoding="utf-8"))
    assert set(index) == {"steps", "receipts"}
    steps = index["steps"]
    for step in steps:
        assert {"flow", "screen", "png"} <= set(step)
        assert step["flow"] in FLOWS
        with Image.open(out / step["png"]) as image:
            assert image.size in ((1080, 1920), (1920, 1080))
            assert len(set(image.resize((48, 48)).getdata())) > 10  # not a blank frame
    for receipt in index["receipts"]:
        assert receipt["kind"] in RECEIPT_KINDS
        assert (out / receipt["png"]).is_file()
    # Every layout, printed through the real driver on the printer simulator (80 mm).
    assert {r["kind"] for r in index["receipts"]} == set(RECEIPT_KINDS)
    # and the 一次性告知单 the 办事指南 walk printed from an item's page
    assert "receipt-checklist-item.png" in {r["png"] for r in index["receipts"]}
    for receipt in index["receipts"]:
        with Image.open(out / receipt["png"]) as paper:
            assert paper.width == 576 and paper.height > 600

    captions = " ".join(step.get("caption", "") for step in steps)
    screens = {(step["flow"], step["screen"]) for step in steps}
    assert ("home", "home") in screens
    assert ("idle", "idle_countdown") in screens and ("idle", "home") in screens
    assert ("help", "help_notice") in screens
    assert ("technician", "pin_prompt") in screens
    assert ("home", "card_greeting") in screens  # an identity read, masked
    for flow, screen in (("ticket", "ticket"), ("ticket", "ticket_done"), ("ticket", "priority"),
                         ("checkin", "checkin"), ("evaluation", "evaluation")):
        assert (flow, screen) in screens
    assert "打印失败" in captions and "离线取号" in captions
    assert ("technician", "technician") in screens and "测试页" in captions
    assert "摄像头实时画面" in captions and "修改维护密码" in captions
    assert {("guide", "guide"), ("guide", "guide_item"), ("progress", "progress")} <= screens
    # 填单: the whole flow, a material photographed, and its 受理回执 printed
    form_pictures = {step["png"].split("-", 1)[1] for step in steps if step["flow"] == "form"}
    assert {"form-pick.png", "form-prefilled.png", "form-phone-problem.png", "form-region.png",
            "form-pinyin.png", "form-signature.png", "form-scan.png", "form-review.png",
            "form-done.png"} <= form_pictures
    assert "receipt-acknowledgement-form.png" in {r["png"] for r in index["receipts"]}
    assert "English" in captions and "大字模式" in captions and "横屏" in captions
    sizes = {Image.open(out / step["png"]).size for step in steps}
    assert sizes == {(1080, 1920), (1920, 1080)}
    assert "tour written to" in result.stdout
