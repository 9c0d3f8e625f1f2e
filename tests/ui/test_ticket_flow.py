"""取号 end to end: the real kiosk, the embedded reference platform, the printer simulator."""

from __future__ import annotations

import pytest

from tests.ui.flows import printer_control, receipts, wait_screen, wait_text

pytestmark = pytest.mark.ui


def first_open_category(pilot) -> str:
    wait_screen(pilot, "ticket")
    wait_text(pilot, "分钟")
    return next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("category_"))


def test_three_taps_from_home_to_a_printed_ticket(kiosk, state_dir, shots):
    pilot = kiosk.pilot
    pilot.tap("tile_ticket")                                   # 1
    category = first_open_category(pilot)
    pilot.tap(category)                                        # 2
    wait_screen(pilot, "ticket_identify")
    pilot.tap("skip")                                          # 3
    wait_screen(pilot, "ticket_done")
    texts = wait_text(pilot, "请取走凭条")
    number = pilot.find("number")
    assert number["text"][:1].isalpha() and number["text"][1:].isdigit()
    assert number["font_size"] > pilot.find("queue")["font_size"] * 2  # the number, large
    printed = receipts(state_dir, at_least=1)
    assert len(printed) == 1 and number["text"] in printed[0]["lines"]
    assert any("前面还有" in t for t in texts)
    shots(kiosk, "ticket-done")


def double_tap(pilot, wid: str) -> None:
    where = pilot.find(wid)
    x, y = where["x"] + where["w"] / 2, where["y"] + where["h"] / 2
    pilot.call("tap", x=x, y=y)
    pilot.call("tap", x=x, y=y)


def test_a_double_tap_issues_one_ticket(kiosk, state_dir):
    pilot = kiosk.pilot
    pilot.tap("tile_ticket")
    category = first_open_category(pilot)
    double_tap(pilot, category)      # the second tap lands on whatever shows by then
    wait_screen(pilot, "ticket_identify")
    double_tap(pilot, "skip")
    wait_screen(pilot, "ticket_done")
    wait_text(pilot, "请取走凭条")
    assert len(receipts(state_dir, at_least=2, timeout=3)) == 1


def test_no_tickets_while_the_printer_is_out_of_paper(kiosk, state_dir, shots):
    pilot = kiosk.pilot
    printer = printer_control(state_dir)
    printer.set(paper="out")
    pilot.tap("tile_ticket")
    wait_screen(pilot, "ticket")
    wait_text(pilot, "暂停取号")
    category = next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("category_"))
    pilot.tap(category)
    assert pilot.state()["screen"] == "ticket"           # nothing to choose while it cannot print
    assert receipts(state_dir) == []
    shots(kiosk, "ticket-paper-out")
    pilot.tap("home_button")
    pilot.tap("tile_evaluation")                          # the hall's other services still work
    assert pilot.state()["screen"] == "evaluation"


def test_a_failed_print_keeps_the_number_on_screen(kiosk, state_dir, shots):
    pilot = kiosk.pilot
    printer = printer_control(state_dir)
    pilot.tap("tile_ticket")
    category = first_open_category(pilot)
    printer.arm(120, cover="open")                         # the cover opens mid-ticket
    pilot.tap(category)
    wait_screen(pilot, "ticket_identify")
    pilot.tap("skip")
    wait_screen(pilot, "ticket_done")
    texts = wait_text(pilot, "凭条没有打印出来")
    assert any("仓盖" in t for t in texts)
    number = pilot.find("number")["text"]
    assert number and number[1:].isdigit()
    shots(kiosk, "ticket-print-failed")


def test_an_elderly_card_gets_the_priority_lane_with_a_masked_name(start_kiosk, state_dir,
                                                                   tmp_path):
    from drivers.idreader.simctl import SimControl

    control = tmp_path / "idr.sock"
    kiosk = start_kiosk(f'devices.id_reader="sim://?control={control}"')
    pilot = kiosk.pilot
    pilot.tap("tile_ticket")
    category = first_open_category(pilot)
    pilot.tap(category)
    wait_screen(pilot, "ticket_identify")
    wait_text(pilot, "读卡器 模拟设备")
    SimControl(control).insert("elderly")
    wait_screen(pilot, "ticket_done")
    texts = wait_text(pilot, "请取走凭条")
    assert any("绿色通道" in t for t in texts)
    holder = pilot.find("holder")["text"]
    assert "*" in holder
    lines = receipts(state_dir, at_least=1)[0]["lines"]
    assert any("绿色通道" in line for line in lines)
    assert any("*" in line for line in lines if "取号人" in line)
