"""What an item page and its 一次性告知单 say, in plain words, from a catalogue item's guide.

The catalogue's own words (item and material names, the window, the address) are Chinese and
shown as they are; the words around them are msgids translated into the citizen's language
here, so the screen only lays them out. The 一次性告知单 is printed in Chinese, like every
receipt.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from kiosk.i18n import N_, translate
from kiosk.platform.contract import Guide, Material, Place, ServiceItem
from kiosk.receipts import ChecklistInfo
from kiosk.receipts import Material as PaperMaterial


def _t(language: str, msgid: str, **values: object) -> str:
    text = translate(language, msgid)
    return text.format(**values) if values else text


def item_title(item: ServiceItem, language: str) -> str:
    return item.name_en if item.name_en and not language.startswith("zh") else item.name


def material_amounts(material: Material, language: str) -> str:
    """原件 1 份，复印件 1 份 · 可用电子证照."""
    parts = []
    if material.originals:
        parts.append(_t(language, N_("原件 {n} 份"), n=material.originals))
    if material.copies:
        parts.append(_t(language, N_("复印件 {n} 份"), n=material.copies))
    if not parts:
        parts.append(_t(language, N_("出示即可")))
    text = _t(language, N_("，")).join(parts)
    if material.electronic_ok:
        text += _t(language, N_("（可用电子证照）"))
    return text


def material_remarks(material: Material, language: str) -> str:
    """Whether it is needed, who issues it, and the catalogue's note."""
    parts = []
    if not material.required:
        parts.append(_t(language, N_("视情况提供")))
    if material.source:
        parts.append(_t(language, N_("来源：{source}"), source=material.source))
    if material.note:
        parts.append(material.note)
    return _t(language, N_("；")).join(parts)


def _yuan(amount: Decimal) -> str:
    return f"{amount:.2f}".removesuffix(".00")


def fee_lines(guide: Guide, language: str) -> list[str]:
    if not guide.fees:
        return [_t(language, N_("不收费"))]
    return [_t(language, N_("{name}：{amount} 元"), name=fee.name, amount=_yuan(fee.amount_yuan))
            for fee in guide.fees]


def legal_limit(guide: Guide, language: str) -> str:
    return _t(language, N_("{n} 个工作日"), n=guide.legal_limit_days)


def promised_limit(guide: Guide, language: str) -> str:
    if guide.promised_limit_days == 0:
        return _t(language, N_("即办：材料齐全当场办结"))
    return _t(language, N_("{n} 个工作日"), n=guide.promised_limit_days)


def visits_words(guide: Guide, language: str) -> str:
    if guide.max_visits == 0:
        return _t(language, N_("不用跑腿：可全程网上办理"))
    return _t(language, N_("最多跑 {n} 次"), n=guide.max_visits)


def place_lines(place: Place, language: str) -> list[str]:
    lines = [f"{place.hall} {place.window}", place.address,
             _t(language, N_("办公时间：{hours}"), hours=place.hours)]
    if place.phone:
        lines.append(_t(language, N_("咨询电话：{phone}"), phone=place.phone))
    return lines


def online_words(guide: Guide, language: str) -> str:
    if guide.online_available and guide.online_url:
        return _t(language, N_("可以网上办理：用手机扫描二维码，打开网上办事页面。"))
    if guide.online_available:
        return _t(language, N_("可以在湖北政务服务网或「鄂汇办」上办理。"))
    return _t(language, N_("需要本人到窗口办理。"))


# the 一次性告知单 --------------------------------------------------------------------------

def _paper_material(material: Material) -> PaperMaterial:
    notes = []
    if material.originals and material.copies:
        notes.append(f"另交复印件 {material.copies} 份")
    if not material.required:
        notes.append("视情况提供")
    if material.electronic_ok:
        notes.append("可用电子证照")
    if material.note:
        notes.append(material.note)
    note = "，".join(notes) or None
    if material.originals:
        return PaperMaterial(material.name, "原件", material.originals, note)
    if material.copies:
        return PaperMaterial(material.name, "复印件", material.copies, note)
    return PaperMaterial(material.name, "原件", 1, note)


def _paper_fee(guide: Guide) -> str:
    if not guide.fees:
        return "不收费"
    return "；".join(f"{fee.name} {_yuan(fee.amount_yuan)} 元" for fee in guide.fees)


def _paper_ways(guide: Guide) -> str:
    ways = ["窗口办理"]
    if guide.online_available:
        ways.append("网上办理")
    ways.append("帮办代办")
    return "、".join(ways)


def checklist_info(item: ServiceItem, hall_name: str, printed_at: datetime) -> ChecklistInfo:
    """The 一次性告知单 for `item`: materials, place, time limits, fees, how it can be done."""
    guide = item.guide
    place = guide.place
    promised = guide.promised_limit_days
    notes = [*guide.notes]
    if promised == 0:
        notes.insert(0, "本事项为即办件，材料齐全当场办结。")
    if guide.max_visits == 0:
        notes.append("本事项可全程网上办理，不用跑腿。")
    elif guide.max_visits:
        notes.append(f"材料齐全的，最多跑 {guide.max_visits} 次。")
    return ChecklistInfo(
        hall_name=hall_name, item_name=item.name, department=item.department,
        place=f"{place.hall} {place.window}（{place.address}）",
        legal_days=guide.legal_limit_days, promised_days=promised or None,
        fee=_paper_fee(guide),
        materials=tuple(_paper_material(m) for m in guide.materials),
        guide_url=guide.online_url, printed_at=printed_at, ways=_paper_ways(guide),
        notes=tuple(notes), phone=place.phone or None)
