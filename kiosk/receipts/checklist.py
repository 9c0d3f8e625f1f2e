"""The 一次性告知单: for one service item, everything the citizen must bring, where to go,
how long it takes and what it costs, so nobody is sent home for a missing paper."""

from __future__ import annotations

from drivers.printer.document import QR, Align, Block, Pair, Receipt, Separator, Space, Text
from kiosk.receipts.acknowledgement import material_line
from kiosk.receipts.common import header, labelled, numbered, when
from kiosk.receipts.models import ChecklistInfo


def checklist_receipt(info: ChecklistInfo, *, columns: int = 48) -> Receipt:
    blocks: list[Block] = [
        *header(info.hall_name, "一次性告知单", columns),
        Text(info.item_name, bold=True),
        Space(8),
        labelled("实施部门", info.department),
        labelled("办理地点", info.place),
    ]
    if info.legal_days is not None:
        blocks.append(Pair("法定时限", f"{info.legal_days} 个工作日"))
    if info.promised_days is not None:
        blocks.append(Pair("承诺时限", f"{info.promised_days} 个工作日", bold=True))
    blocks.append(Pair("收费标准", info.fee))
    if info.ways:
        blocks.append(labelled("办理方式", info.ways))
    blocks += [Separator(), Text(f"申请材料（共 {len(info.materials)} 项）", bold=True),
               *numbered([material_line(m) for m in info.materials])]
    if info.notes:
        blocks += [Separator(), Text("注意事项", bold=True), *numbered(list(info.notes))]
    blocks.append(Separator())
    if info.guide_url:  # an item with no page online has no code to scan
        blocks += [Space(16), QR(info.guide_url, module=5), Space(8),
                   Text("扫码查看完整办事指南", align=Align.CENTER)]
    blocks += [Space(16), Text("材料齐全即可受理；如有疑问请咨询综合受理窗口。")]
    if info.phone:
        blocks.append(labelled("咨询电话", info.phone))
    blocks.append(Pair("打印时间", when(info.printed_at)))
    return Receipt("checklist", tuple(blocks))
