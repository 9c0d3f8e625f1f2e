"""办事指南 in the real app: search by initials with a wrong letter, browse by life event, an
item's page in English and 大字模式, the 一次性告知单 printed on the printer simulator, and a
printer out of paper explained in plain words. One kiosk for the whole walk."""

from __future__ import annotations

import json
import time

import pytest

from drivers.printer.simulator.control import SimulatorControl

pytestmark = pytest.mark.ui


def wait_for(condition, what: str, within: float = 30):
    deadline = time.monotonic() + within
    while not (found := condition()):
        assert time.monotonic() < deadline, f"waited {within} s for {what}"
        time.sleep(0.1)
    return found


def receipts(folder) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("receipt-*.json"))]


def test_search_item_page_print_and_paper_out(start_kiosk, state_dir, shots):
    kiosk = start_kiosk('devices.printer="sim://?poll=1"')
    pilot = kiosk.pilot
    pilot.tap("tile_guide")
    pilot.wait_idle()  # the index is built off the UI thread
    for key in "bdcdk":  # 不动产登记 with a wrong last letter
        pilot.tap(f"key_{key}")
    texts = pilot.texts()
    assert "bdcdk▏" in texts
    assert "不动产转移登记（二手房买卖）" in texts
    shots(kiosk, "guide-search-typo")
    pilot.tap("key_backspace")
    pilot.tap("key_clear")
    assert "不动产转移登记（二手房买卖）" not in pilot.texts()

    pilot.tap("tab_event")
    pilot.tap("shelf_yjs-kaidian")
    assert "开店子一件事" in pilot.texts()
    pilot.tap("shelf_back")
    pilot.tap("tab_search")

    pilot.tap("chip_0")  # 不动产, typed with one tap
    pilot.tap("result_bdc-zydj")
    state = pilot.state()
    assert state["screen"] == "guide_item"
    first_page = pilot.texts()
    assert "申请材料（共 5 项）" in first_page
    assert "原件 1 份，复印件 1 份（可用电子证照）" in first_page
    assert "保康县政务服务中心 7-10号窗口" not in first_page  # further down the page
    down = pilot.find("item_scroll_down")
    assert down["h"] >= state["theme"]["touch_min"]
    seen = set(first_page)
    for _ in range(4):  # the big 下翻 button, for fingers that do not drag
        pilot.tap("item_scroll_down")
        seen |= set(pilot.texts())
    for expected in ("不动产登记费（住宅）：80 元", "法定时限：30 个工作日",
                     "承诺时限：3 个工作日", "保康县政务服务中心 7-10号窗口"):
        assert expected in seen, expected
    qr = pilot.find("online_qr")
    assert qr["shown"] and qr["w"] >= state["theme"]["touch_min"] * 3
    shots(kiosk, "guide-item-online")
    for _ in range(4):
        pilot.tap("item_scroll_up")
    assert "申请材料（共 5 项）" in pilot.texts()
    shots(kiosk, "guide-item")

    sim_dir = state_dir / "printer-sim"
    pilot.tap("item_print")
    pilot.wait_idle()
    assert "告知单已打印，请从下方出纸口取走。" in pilot.texts()
    [receipt] = wait_for(lambda: receipts(sim_dir), "the printed checklist")
    assert (sim_dir / receipt["png"]).exists() and not receipt["interrupted"]
    assert receipt["lines"][:4] == ["保康县政务服务中心", "一次性告知单", "-" * 48,
                                    "不动产转移登记（二手房买卖）"]
    assert "[qr https://zwfw.hubei.gov.cn/item/000173002000]" in receipt["lines"]

    announcement = json.loads((sim_dir / "simulator.json").read_text())
    SimulatorControl(announcement["control"]).set(paper="out")
    pilot.tap("item_print")
    pilot.wait_idle()
    assert any(t.startswith("打印机没有纸了，告知单没有打出来。") for t in pilot.texts())
    assert len(receipts(sim_dir)) == 1
    shots(kiosk, "guide-paper-out")

    pilot.tap("language_button")
    pilot.tap("elderly_button")
    texts = pilot.texts()
    assert "Transferring a home (sale)" in texts
    assert "Documents to bring (5)" in texts
    assert any(t.startswith("The printer is out of paper") for t in texts)
    theme = pilot.state()["theme"]
    assert theme["scale"] == 1.5  # 大字模式: type half as large again, never smaller
    assert pilot.find("item_title")["font_size"] > theme["font_body"]
    shots(kiosk, "guide-item-en-elderly")
    pilot.tap("item_back")
    assert pilot.state()["screen"] == "guide"
    shots(kiosk, "guide-search-en-elderly")
