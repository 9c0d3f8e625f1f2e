"""The queue ticket: the hall, the category, the number large, who is ahead, the time, a QR
to follow the queue on a phone, the masked name when the citizen identified, and the 绿色通道
mark for priority numbers."""

from __future__ import annotations

from drivers.printer.document import QR, Align, Block, Pair, Receipt, Separator, Space, Text
from kiosk.masking import mask_name
from kiosk.receipts.common import fitting_size, header, when
from kiosk.receipts.models import TicketInfo


def ticket_receipt(info: TicketInfo, *, columns: int = 48) -> Receipt:
    blocks: list[Block] = [*header(info.hall_name, "排队取号凭条", columns), Space(16)]
    blocks.append(Text(info.category, size=fitting_size(info.category, columns, 2),
                       align=Align.CENTER))
    if info.priority:
        blocks += [Space(16), Text(" 绿色通道 ", size=2, bold=True, inverse=True,
                                   align=Align.CENTER),
                   Space(8), Text(f"（{info.priority}优先）", align=Align.CENTER)]
    blocks += [
        Space(16),
        Text("您的号码", align=Align.CENTER),
        Space(8),
        Text(info.number, size=fitting_size(info.number, columns, 6), bold=True,
             align=Align.CENTER),
        Space(24),
    ]
    if info.waiting_ahead is not None:
        blocks.append(Pair("前面等候", f"{info.waiting_ahead} 人", bold=True))
    else:  # issued from this kiosk's reserved numbers while the platform was unreachable
        blocks.append(Text("本号为离线取号，请留意叫号", align=Align.CENTER))
    if info.estimated_wait_min is not None:
        blocks.append(Pair("预计等候", f"约 {info.estimated_wait_min} 分钟"))
    if info.windows:
        blocks.append(Pair("办理窗口", info.windows))
    if info.name:
        blocks.append(Pair("取号人", mask_name(info.name)))
    blocks += [
        Pair("取号时间", when(info.issued_at)),
        Separator(),
        Space(16),
        QR(info.follow_url, module=5),
        Space(8),
        Text("扫码查看排队进度", align=Align.CENTER),
        Space(16),
        Text("请留意叫号和屏幕提示，过号请重新取号。", align=Align.CENTER),
        Text("本号当日有效。", align=Align.CENTER),
    ]
    return Receipt("ticket", tuple(blocks))
