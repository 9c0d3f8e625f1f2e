"""The tour through 填单: the form list, the ID card's prefill, a validation message, each kind
of input (pinyin with its candidate bar, the numeric pad, the region picker, choices, the date
picker, the consent box, the signature pad), a material photographed by the camera, the masked
review, the 受理回执 and the offer of 好差评.

Run by `kiosk.tour` on the portrait kiosk (embedded platform, simulated printer and reader, the
tour's camera showing a document laid under it). The 受理回执 is copied next to the pictures as
`receipt-acknowledgement-form.png`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from drivers.idreader.simctl import SimControl
from kiosk.pilot_client import PilotClient, PilotError
from kiosk.tours.citizen import keep_last_receipt, wait_screen, wait_text

if TYPE_CHECKING:
    from kiosk.tour import TourLog

ITEM = "ly-cfxk"          # 林木采伐许可证: every kind of field but a bundle's
PHONE = "13907101234"
REGION_PATH = ("42", "4206", "420626", "420626100")  # 湖北省 襄阳市 保康县 城关镇


def _shown(pilot: PilotClient, widget: str) -> bool:
    return bool(pilot.find(widget).get("shown"))


def _until(pilot: PilotClient, check: object, what: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise PilotError(f"{what} did not happen within {timeout:g} s")
        time.sleep(0.1)


def _title(pilot: PilotClient) -> str:
    return str(pilot.find("field_title").get("text", ""))


def _keys(pilot: PilotClient, keys: str) -> None:
    for key in keys:
        pilot.tap(f"key_{key}")


def _sign(pilot: PilotClient) -> None:
    pad = pilot.find("signature_pad")
    x, y, w, h = pad["x"], pad["y"], pad["w"], pad["h"]
    pilot.gesture([[[x + w * (0.15 + i * 0.06), y + h * (0.35 + (i % 3) * 0.15)]
                    for i in range(12)]])


def _next_until(pilot: PilotClient, title: str) -> None:
    for _ in range(20):
        if _title(pilot).startswith(title):
            return
        pilot.tap("field_next")
    raise PilotError(f"the field {title} never came")


def walk(pilot: PilotClient, tour: TourLog) -> None:
    assert tour.reader_control is not None and tour.camera is not None
    reader = SimControl.wait_for(tour.reader_control)
    try:
        reader.insert("resident")
        _until(pilot, lambda: "CardGreeting" in pilot.state()["overlays"], "the card greeting")
        pilot.tap("greeting_ok")
        pilot.tap("tile_form")
        wait_screen(pilot, "form")
        _until(pilot, lambda: _shown(pilot, f"form_{ITEM}") or _shown(pilot, "forms_next"),
               "the list of forms")
        tour.shot(pilot, "form", "form-pick", "填单：按分类列出可在本机填写的事项和一件事")
        while not _shown(pilot, f"form_{ITEM}"):
            pilot.tap("forms_next")
        pilot.tap(f"form_{ITEM}")
        wait_text(pilot, "姓名")
        tour.shot(pilot, "form", "form-prefilled", "身份证自动填好姓名等信息（脱敏显示）")
        _fill(pilot, tour)
        _materials(pilot, tour)
        pilot.tap("materials_next")
        wait_text(pilot, "请核对后提交")
        tour.shot(pilot, "form", "form-review", "提交前核对：个人信息脱敏显示")
        pilot.tap("submit")
        _until(pilot, lambda: _shown(pilot, "reference"), "the 受理回执 step")
        tour.shot(pilot, "form", "form-done", "申请已受理：打印受理回执（编号和二维码）")
        keep_last_receipt(tour, tour.printer_dir, "acknowledgement-form", "acknowledgement")
        pilot.tap("evaluate")
        wait_screen(pilot, "evaluation")
        tour.shot(pilot, "evaluation", "form-evaluation", "填单之后请市民评价本次服务")
        pilot.tap("home_button")
        reader.remove()
    finally:
        tour.camera.empty()
        reader.close()


def _fill(pilot: PilotClient, tour: TourLog) -> None:
    _next_until(pilot, "联系电话")
    pilot.tap("field_next")
    tour.shot(pilot, "form", "form-required", "必填项没有填：在旁边用中文说明")
    _keys(pilot, "2")
    pilot.tap("field_next")
    tour.shot(pilot, "form", "form-phone-problem", "离开该项时检查：手机号码格式不对")
    pilot.tap("key_backspace")
    _keys(pilot, PHONE)
    tour.shot(pilot, "form", "form-phone", "数字键盘输入电话号码")
    pilot.tap("field_next")
    for code in REGION_PATH[:2]:
        pilot.tap(f"region_{code}")
    tour.shot(pilot, "form", "form-region", "地区选择：省、市、县、乡镇逐级点选")
    for code in REGION_PATH[2:]:
        pilot.tap(f"region_{code}")
    _keys(pilot, "yaozhihe")
    tour.shot(pilot, "form", "form-pinyin", "拼音输入：候选词按常用程度排列，可翻页")
    pilot.tap("candidate_0")
    pilot.tap("field_next")
    tour.shot(pilot, "form", "form-choice", "选择题：大按钮直接点选")
    pilot.tap("choice_pine")
    pilot.tap("field_next")
    _keys(pilot, "12")
    pilot.tap("field_next")
    pilot.tap("choice_selective")
    pilot.tap("field_next")
    pilot.tap("day_up")
    tour.shot(pilot, "form", "form-date", "日期选择：按年、月、日加减，超出范围会提示")
    pilot.tap("field_next")
    pilot.tap("consent_box")
    tour.shot(pilot, "form", "form-consent", "承诺事项：阅读后勾选同意")
    pilot.tap("field_next")
    _sign(pilot)
    tour.shot(pilot, "form", "form-signature", "手写签名板：用手指签名，可重写")
    pilot.tap("field_next")
    if not _shown(pilot, "materials_next"):
        raise PilotError(f"the form did not reach its materials: {pilot.texts()}")


def _materials(pilot: PilotClient, tour: TourLog) -> None:
    assert tour.camera is not None
    tour.shot(pilot, "form", "form-materials", "材料：逐项拍照上传，或确认带了纸质材料")
    tour.camera.document("id_card")
    pilot.tap("scan_id_card")
    _until(pilot, lambda: not pilot.find("scan_done").get("disabled"), "a page photographed")
    tour.shot(pilot, "form", "form-scan", "摄像头拍材料：提示摆放，拿稳后自动拍好并上传")
    pilot.tap("scan_done")
    tour.camera.empty()
    pilot.tap("paper_forest_right")
