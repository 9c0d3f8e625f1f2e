"""The tour's walk through 办事指南 and 办件查询.

办事指南: initials typed with a wrong letter, a life event, an item's page, its 一次性告知单
printed on the kiosk's printer simulator (and that receipt added to the tour), a printer out
of paper, the page in English and 大字模式. 办件查询: by the number on a 受理回执, a number
that does not exist, and by ID card (the simulator's `resident` card), in English.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from drivers.idreader.simctl import SimControl
from drivers.printer.simulator.control import SimulatorControl
from kiosk.pilot_client import PilotClient, PilotError

if TYPE_CHECKING:
    from kiosk.tour import TourLog


def walk(pilot: PilotClient, tour: TourLog) -> None:
    _guide(pilot, tour, tour.printer_dir)
    _progress(pilot, tour)


def _guide(pilot: PilotClient, tour: TourLog, sim_dir: Path) -> None:
    pilot.tap("tile_guide")
    pilot.wait_idle()
    for key in "bdcdk":
        pilot.tap(f"key_{key}")
    tour.shot(pilot, "guide", "guide-search",
              "办事指南：输入首字母 bdcdk（错了一个字母）也能找到不动产登记")
    pilot.tap("tab_event")
    tour.shot(pilot, "guide", "guide-events", "按「一件事」查找：出生、开店、修房子……")
    pilot.tap("shelf_yjs-kaidian")
    tour.shot(pilot, "guide", "guide-event-items", "开店子一件事包含的事项")
    pilot.tap("result_qy-gtsl")
    tour.shot(pilot, "guide", "guide-item", "事项页面：材料（原件、复印件）、收费、时限、地点")
    pilot.tap("item_scroll_down")
    pilot.tap("item_scroll_down")
    tour.shot(pilot, "guide", "guide-item-online", "可网上办理的事项：手机扫码打开网上办事页面")

    before = _receipts(sim_dir)
    pilot.tap("item_print")
    pilot.wait_idle()
    tour.shot(pilot, "guide", "guide-printed", "一次性告知单已打印")
    printed = _wait_for_new(sim_dir, before)
    target = tour.out_dir / "receipt-checklist-item.png"
    shutil.copyfile(printed, target)
    tour.receipts.append({"kind": "checklist", "png": target.name,
                          "caption": "从事项页面打印的一次性告知单（打印机模拟器）"})

    announcement = json.loads((sim_dir / "simulator.json").read_text())
    printer = SimulatorControl(announcement["control"])
    printer.set(paper="out")
    pilot.tap("item_print")
    pilot.wait_idle()
    tour.shot(pilot, "guide", "guide-paper-out", "打印机缺纸：说明没有打出来，以及怎么办")
    printer.set(paper="ok")

    pilot.tap("language_button")
    pilot.tap("elderly_button")
    tour.shot(pilot, "guide", "guide-item-en-elderly", "Item page in English, large type")
    pilot.tap("item_back")
    tour.shot(pilot, "guide", "guide-events-en-elderly", "Life events, English, large type")
    pilot.tap("language_button")
    pilot.tap("elderly_button")
    pilot.tap("home_button")


def _progress(pilot: PilotClient, tour: TourLog) -> None:
    from kiosk.platform_server.demo_data.applications import demo_numbers
    from kiosk.platform_server.store import CHINA

    number = demo_numbers(datetime.now(CHINA).date())[1]
    pilot.tap("tile_progress")
    tour.shot(pilot, "progress", "progress-choose", "办件查询：刷身份证或输入受理编号")
    pilot.tap("way_number")
    for digit in number.removeprefix("BK").replace("-", ""):
        pilot.tap(f"key_{digit}")
    tour.shot(pilot, "progress", "progress-number", "数字键盘输入受理回执上的编号")
    pilot.tap("number_search")
    pilot.wait_idle()
    _wait_for(pilot, "detail_title")
    tour.shot(pilot, "progress", "progress-detail", "办件进度：每一步的时间和说明，下一步做什么")
    pilot.tap("detail_again")
    pilot.tap("way_number")
    for digit in "2000010100001":
        pilot.tap(f"key_{digit}")
    pilot.tap("number_search")
    pilot.wait_idle()
    _wait_for(pilot, "message_title")
    tour.shot(pilot, "progress", "progress-not-found", "没有这个办件：说明原因和下一步")
    pilot.tap("message_back")

    assert tour.reader_control is not None
    reader = SimControl.wait_for(tour.reader_control)
    try:
        reader.insert("resident")
        _wait_for(pilot, "application_0")
        tour.shot(pilot, "progress", "progress-by-card", "刷身份证：本人名下的办件（姓名脱敏）")
        pilot.tap("language_button")
        pilot.tap("application_0")
        tour.shot(pilot, "progress", "progress-detail-en", "An application that needs more papers")
        pilot.tap("language_button")
        pilot.tap("home_button")  # the card goes with the session
        reader.remove()
    finally:
        reader.close()


def _wait_for(pilot: PilotClient, widget: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not pilot.find(widget).get("shown"):
        if time.monotonic() > deadline:
            raise PilotError(f"{widget} did not appear within {timeout:g} s")
        time.sleep(0.05)


def _receipts(folder: Path) -> dict[Path, int]:
    """The simulator's receipt pictures with their times: a simulator started afresh numbers
    from 0001 again, over the pictures of an earlier run."""
    if not folder.exists():
        return {}
    return {path: path.stat().st_mtime_ns for path in folder.glob("receipt-*.png")}


def _wait_for_new(folder: Path, before: dict[Path, int], timeout: float = 30.0) -> Path:
    deadline = time.monotonic() + timeout
    while True:
        new = sorted(path for path, stamp in _receipts(folder).items()
                     if before.get(path) != stamp)
        if new:
            return new[-1]
        if time.monotonic() > deadline:
            raise PilotError(f"no receipt came out in {folder} within {timeout:g} s")
        time.sleep(0.05)
