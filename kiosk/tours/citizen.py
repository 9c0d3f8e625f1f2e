"""The tour through 取号, 绿色通道, 预约签到, 好差评 and 帮办, including a failed print.

Run by `kiosk.tour` on the portrait kiosk (embedded platform, simulated printer and reader,
and a camera playing the photos `camera` renders: the appointment QR on a phone).
Each printed ticket is copied next to the pictures as `receipt-….png`.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.pilot_client import PilotClient, PilotError

if TYPE_CHECKING:
    from kiosk.tour import TourLog
    from kiosk.tours.camera import TourCamera


def wait_screen(pilot: PilotClient, screen: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        state = pilot.state()
        if state["screen"] == screen and not state["pending_tasks"]:
            return
        if time.monotonic() > deadline:
            raise PilotError(f"the {screen} screen did not come within {timeout:g} s")
        time.sleep(0.05)


def wait_text(pilot: PilotClient, text: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not any(text in label for label in pilot.texts()):
        if time.monotonic() > deadline:
            raise PilotError(f"{text!r} did not show within {timeout:g} s")
        time.sleep(0.1)


def first_category(pilot: PilotClient) -> str:
    wait_screen(pilot, "ticket")
    wait_text(pilot, "分钟")
    return next(b["id"] for b in pilot.buttons() if (b["id"] or "").startswith("category_"))


def keep_last_receipt(tour: TourLog, printer_dir: Path, name: str, kind: str = "ticket") -> None:
    """Copy the simulator's newest receipt into the tour as `receipt-NAME.png`."""
    deadline = time.monotonic() + 15
    while True:
        pictures = sorted(printer_dir.glob("receipt-*.png"))
        if pictures or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if pictures:
        target = f"receipt-{name}.png"
        shutil.copyfile(pictures[-1], tour.out_dir / target)
        tour.receipts.append({"kind": kind, "png": target})


def printer_control(printer_dir: Path) -> Any:
    from drivers.printer.simulator.control import SimulatorControl

    deadline = time.monotonic() + 30
    while True:
        try:
            address = json.loads((printer_dir / "simulator.json").read_text())["control"]
            return SimulatorControl(address, timeout=10)
        except (OSError, ValueError, KeyError):
            if time.monotonic() > deadline:
                raise PilotError("the printer simulator did not start") from None
            time.sleep(0.1)


def walk(pilot: PilotClient, tour: TourLog, printer_dir: Path,
         camera: TourCamera | None = None) -> None:
    # 取号: three taps to a printed ticket.
    pilot.tap("tile_ticket")
    category = first_category(pilot)
    tour.shot(pilot, "ticket", "ticket-categories", "取号：选择业务类别，显示等候人数和时间")
    pilot.tap(category)
    wait_screen(pilot, "ticket_identify")
    tour.shot(pilot, "ticket", "ticket-identify", "取号：刷身份证（70 岁以上自动优先）或跳过")
    pilot.tap("skip")
    wait_screen(pilot, "ticket_done")
    wait_text(pilot, "请取走凭条")
    tour.shot(pilot, "ticket", "ticket-done", "取号完成：号码大字显示，凭条已打印")
    keep_last_receipt(tour, printer_dir, "ticket-issued")

    # 好差评 from the done screen, a low grade with its reason and a comment typed in pinyin.
    pilot.tap("evaluate")
    wait_screen(pilot, "evaluation")
    tour.shot(pilot, "evaluation", "evaluation-grades", "好差评：五级评价")
    pilot.tap("grade_dissatisfied")
    wait_text(pilot, "等候时间长")
    pilot.tap("reason_wait_long")
    tour.shot(pilot, "evaluation", "evaluation-reasons", "好差评：不满意时选择原因")
    pilot.tap("write_comment")
    for letter in "paiduitaijiu":
        pilot.tap(f"key_{letter}")
    tour.shot(pilot, "evaluation", "evaluation-comment-typing",
              "好差评：用拼音写意见，候选词分页显示")
    pilot.tap("candidate_0")
    pilot.tap("mark_stop")
    pilot.tap("send_comment")
    wait_text(pilot, "感谢您的评价")
    tour.shot(pilot, "evaluation", "evaluation-thanks", "好差评：提交成功")
    pilot.tap("evaluation_home")

    # A print that fails: the cover opens mid-ticket; the number stays on screen.
    printer = printer_control(printer_dir)
    try:
        pilot.tap("tile_ticket")
        category = first_category(pilot)
        printer.arm(120, cover="open")
        pilot.tap(category)
        wait_screen(pilot, "ticket_identify")
        pilot.tap("skip")
        wait_screen(pilot, "ticket_done")
        wait_text(pilot, "凭条没有打印出来")
        tour.shot(pilot, "ticket", "ticket-print-failed",
                  "打印失败：号码仍在屏幕上，请市民向工作人员出示")
        pilot.tap("done_home")
        pilot.tap("tile_ticket")
        wait_text(pilot, "暂停取号")
        tour.shot(pilot, "ticket", "ticket-paused", "打印机仓盖打开：暂停取号并说明原因")
    finally:
        printer.set(cover="closed")
    pilot.tap("home_button")

    # 绿色通道 without a card: staff are called to confirm.
    pilot.tap("tile_ticket")
    pilot.tap(first_category(pilot))
    wait_screen(pilot, "ticket_identify")
    pilot.tap("priority_lane")
    wait_screen(pilot, "priority")
    tour.shot(pilot, "ticket", "priority-reasons", "绿色通道：选择优先原因")
    pilot.tap("reason_disabled")
    wait_text(pilot, "已通知工作人员")
    tour.shot(pilot, "ticket", "priority-waiting", "绿色通道：已呼叫工作人员前来确认")
    pilot.tap("priority_cancel")
    pilot.tap("home_button")

    # 预约签到 by the appointment QR on a phone (by the typed code without a camera).
    pilot.tap("tile_checkin")
    wait_screen(pilot, "checkin")
    tour.shot(pilot, "checkin", "checkin-start", "预约签到：刷身份证、扫预约码或输入预约码")
    if camera is not None:
        _check_in_by_qr(pilot, tour, camera)
    else:
        for digit in "20000001":
            pilot.tap(f"key_{digit}")
        pilot.tap("use_code")
    wait_text(pilot, "不动产转移登记")
    tour.shot(pilot, "checkin", "checkin-confirm", "预约签到：核对预约事项、时间和窗口")
    pilot.tap("confirm_checkin")
    wait_screen(pilot, "ticket_done")
    wait_text(pilot, "请取走凭条")
    tour.shot(pilot, "checkin", "checkin-ticket", "签到成功：预约优先号")
    keep_last_receipt(tour, printer_dir, "checkin-ticket")
    pilot.tap("done_home")
    pilot.tap("tile_checkin")
    for digit in "20000002":
        pilot.tap(f"key_{digit}")
    pilot.tap("use_code")
    wait_text(pilot, "城乡居民")
    pilot.tap("confirm_checkin")
    wait_text(pilot, "稍后再来签到")
    tour.shot(pilot, "checkin", "checkin-too-early",
              "还没到签到时间：说明何时可以签到，或先取普通号")
    pilot.tap("home_button")

    # 帮办: staff are called, with a cancel.
    pilot.tap("help_button")
    wait_text(pilot, "已呼叫工作人员")
    tour.shot(pilot, "help", "help", "帮办：已呼叫工作人员，可取消呼叫")
    pilot.tap("close_help")


def _check_in_by_qr(pilot: PilotClient, tour: TourLog, camera: TourCamera) -> None:
    camera.empty()
    pilot.tap("scan_code")
    wait_text(pilot, "请将二维码对准摄像头")
    camera.code("https://zwfw.baokang.example/q/0a1b2c3d4e5f60718293")  # a ticket's, not it
    wait_text(pilot, "这是排队凭条上的二维码")
    tour.shot(pilot, "checkin", "checkin-wrong-qr", "扫到的不是预约码：说明是什么码，以及该怎么做")
    camera.code("https://zwfw.baokang.example/y/YY20000001")        # the booking message's
    wait_text(pilot, "不动产转移登记")
    camera.empty()
