"""The technician's test page: which kiosk, how its printer is configured, the printer's
state, and a character test whose 生僻字, punctuation-only line and ¥ must all print (as
text where the printer's font has them, as pictures where it does not), never as `?`."""

from __future__ import annotations

from drivers.printer.document import QR, Align, Block, Pair, Receipt, Separator, Space, Text
from drivers.printer.settings import PrinterSettings
from kiosk.receipts.common import header, labelled, when
from kiosk.receipts.models import TestPageInfo

CHARACTER_TEST = (
    ("ASCII", "ABCDEFGHIJKLM abcdefghijklm 0123456789 #@&%*+=/"),
    ("常用字", "政务服务自助终端，排队取号，预约签到。"),
    ("GBK 字", "堃 珺 喆 赟 镕 玥 昇 ㎡"),
    ("扩展 A", "䶮（刘䶮）"),
    ("扩展 B", "𠇔"),
    ("符号", "¥128.00  ￥128.00  €  ·  •"),
)
PUNCTUATION_LINE = "——……「」《》、。，！？"


def test_page_receipt(info: TestPageInfo, *, columns: int = 48) -> Receipt:
    blocks: list[Block] = [
        *header(info.hall_name, "打印机测试页", columns),
        Pair("终端编号", info.kiosk_id, bold=True),
        Pair("软件版本", info.version),
        Pair("打印时间", when(info.printed_at)),
        Pair("打印机", info.printer_url),
        *(Pair(label, value) for label, value in info.printer_settings),
        Pair("打印机状态", info.printer_state, bold=True),
        *(Pair(label, value) for label, value in info.devices),
        Separator(),
        Text("字符测试", bold=True),
    ]
    for label, sample in CHARACTER_TEST:
        blocks.append(labelled(label, sample))
    blocks += [
        Text(PUNCTUATION_LINE),
        Space(8),
        Text("1 倍", align=Align.CENTER),
        Text("2 倍", size=2, align=Align.CENTER),
        Text("3 倍", size=3, bold=True, align=Align.CENTER),
        Text(" 反白 ", inverse=True, align=Align.CENTER),
        Separator(),
        Space(16),
        QR(f"ZWKIOSK-TEST {info.kiosk_id}", module=5),
        Space(16),
        Text("以上文字应清晰完整，不应出现“?”或方框；二维码应能扫出终端编号。"),
    ]
    return Receipt("test_page", tuple(blocks))


def describe_printer(settings: PrinterSettings) -> tuple[tuple[str, str], ...]:
    """The printer's settings in words, for the test page."""
    if settings.encoding == "raster":
        chinese = "图片方式（打印机无中文字库）"
    else:
        chinese = f"{settings.encoding.upper()} 编码，{settings.charset.upper()} 字库"
    status = {"full": "打印前后查询，等待出纸确认", "realtime": "打印前后查询",
              "none": "不查询（单向连接）"}[settings.status]
    return (
        ("纸宽", f"{settings.paper_mm} 毫米（{settings.dots} 点）"),
        ("中文", chinese),
        ("二维码", "打印机指令" if settings.qr == "native" else "图片"),
        ("状态查询", status),
        ("应答时限", f"{settings.status_timeout_s:g} 秒"),
    )
