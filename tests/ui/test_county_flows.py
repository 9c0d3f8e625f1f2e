"""The flows that involve staff and the link: 绿色通道 confirmed by staff, 帮办 and its cancel,
预约签到, 好差评, and a ticket while the county platform is down. The kiosk talks to a reference
platform on loopback that the test controls (acts as staff on it, or stops it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from kiosk.platform_server import db
from tests.platform.conftest import start_platform
from tests.ui.flows import (
    county_overrides,
    help_status,
    receipts,
    staff_set_help_status,
    wait_for,
    wait_screen,
    wait_text,
)

pytestmark = pytest.mark.ui


@pytest.fixture
def county(tmp_path) -> Iterator[object]:
    platform = start_platform(tmp_path / "county.sqlite")
    yield platform
    platform.server.stop()


@pytest.fixture
def county_kiosk(start_kiosk, county):
    kiosk = start_kiosk(*county_overrides(county))
    wait_text(kiosk.pilot, "政务平台 已连接")
    return kiosk


def open_category(pilot) -> str:
    wait_screen(pilot, "ticket")
    wait_text(pilot, "分钟")
    return next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("category_"))


def test_priority_lane_confirmed_by_staff(county_kiosk, county, state_dir, shots):
    pilot = county_kiosk.pilot
    pilot.tap("tile_ticket")
    pilot.tap(open_category(pilot))
    wait_screen(pilot, "ticket_identify")
    pilot.tap("priority_lane")
    wait_screen(pilot, "priority")
    pilot.tap("reason_pregnant")
    wait_text(pilot, "已通知工作人员")
    shots(county_kiosk, "priority-waiting")
    staff_set_help_status(county, "acknowledged")
    wait_text(pilot, "工作人员正在赶来")
    staff_set_help_status(county, "resolved")              # staff confirm
    wait_screen(pilot, "ticket_done")
    texts = wait_text(pilot, "请取走凭条")
    assert any("绿色通道" in t and "孕妇" in t for t in texts)
    assert any("绿色通道" in line for line in receipts(state_dir, at_least=1)[0]["lines"])


def test_help_calls_staff_and_can_be_cancelled(county_kiosk, county):
    pilot = county_kiosk.pilot
    pilot.tap("tile_guide")
    pilot.tap("help_button")
    wait_text(pilot, "已呼叫工作人员")
    help_id = staff_set_help_status(county, "acknowledged")
    wait_text(pilot, "工作人员正在赶来")
    pilot.tap("cancel_help")
    assert pilot.state()["overlays"] == []
    wait_for(pilot, lambda _s: help_status(county, help_id) == "cancelled", "the cancellation")


def test_check_in_by_code_and_every_refusal_has_a_next_step(county_kiosk, state_dir, shots):
    pilot = county_kiosk.pilot
    pilot.tap("tile_checkin")
    wait_screen(pilot, "checkin")
    for digit in "20000002":                                # 90 minutes from now: too early
        pilot.tap(f"key_{digit}")
    pilot.tap("use_code")
    wait_screen(pilot, "checkin")
    pilot.tap("confirm_checkin")
    texts = wait_text(pilot, "稍后再来签到")
    assert pilot.find("checkin_ordinary")["shown"]
    shots(county_kiosk, "checkin-too-early")
    pilot.tap("checkin_again")
    for digit in "20000001":                                # in ten minutes: open for check-in
        pilot.tap(f"key_{digit}")
    pilot.tap("use_code")
    wait_text(pilot, "不动产转移登记")
    pilot.tap("confirm_checkin")
    wait_screen(pilot, "ticket_done")
    texts = wait_text(pilot, "请取走凭条")
    assert any("绿色通道" in t for t in texts)
    pilot.tap("done_home")
    pilot.tap("tile_checkin")
    for digit in "20000001":                                # the same code again: used
        pilot.tap(f"key_{digit}")
    pilot.tap("use_code")
    wait_screen(pilot, "checkin")
    pilot.tap("confirm_checkin")
    wait_text(pilot, "已经签到过了")
    assert not pilot.find("checkin_ordinary")["shown"] or pilot.find("checkin_ordinary")[
        "disabled"]


def test_evaluation_after_a_ticket_once_only(county_kiosk, county, shots):
    pilot = county_kiosk.pilot
    pilot.tap("tile_ticket")
    pilot.tap(open_category(pilot))
    wait_screen(pilot, "ticket_identify")
    pilot.tap("skip")
    wait_screen(pilot, "ticket_done")
    wait_text(pilot, "请取走凭条")
    pilot.tap("evaluate")
    wait_screen(pilot, "evaluation")
    pilot.tap("grade_very_dissatisfied")
    wait_text(pilot, "等候时间长")
    pilot.tap("send_low")
    wait_text(pilot, "请至少选择一个原因")               # a low grade needs a reason
    pilot.tap("reason_wait_long")
    pilot.tap("write_comment")                           # an optional comment, in pinyin
    wait_text(pilot, "原因：等候时间长")
    for letter in "paiduitaijiu":
        pilot.tap(f"key_{letter}")
    assert pilot.find("candidate_0")["text"] == "排队太久"
    pilot.tap("candidate_0")
    pilot.tap("mark_stop")
    assert pilot.find("pinyin_field")["text"] == "排队太久。"
    shots(county_kiosk, "evaluation-comment")
    pilot.tap("send_comment")
    wait_text(pilot, "感谢您的评价")
    with county.store.engine.connect() as conn:
        row = conn.execute(select(db.evaluations.c.grade, db.evaluations.c.comment)).one()
    assert tuple(row) == ("very_dissatisfied", "排队太久。")


def test_a_ticket_while_the_platform_is_down(county_kiosk, county, state_dir, shots):
    pilot = county_kiosk.pilot
    county.server.stop()                                    # the county link goes down
    pilot.tap("tile_ticket")
    wait_screen(pilot, "ticket", timeout=60)
    category = open_category(pilot)
    pilot.tap(category)
    wait_screen(pilot, "ticket_identify")
    pilot.tap("skip")
    wait_screen(pilot, "ticket_done", timeout=60)
    texts = wait_text(pilot, "请取走凭条", timeout=60)
    assert any("离线" in t for t in texts)
    number = pilot.find("number")["text"]
    assert number and number[1:].isdigit()
    lines = receipts(state_dir, at_least=1)[0]["lines"]
    assert number in lines and any("离线取号" in line for line in lines)
    shots(county_kiosk, "ticket-offline")
