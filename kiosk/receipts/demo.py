"""Demo receipts with realistic, made-up data, for the tour, the tests and the benchmark.

The hall is the default configuration's (保康县政务服务中心). The people are invented; their ID
numbers carry valid GB 11643 check digits (保康县's area code 420626) so they pass the same
checks a real card would, and are printed masked like any other.
"""

from __future__ import annotations

from datetime import date, datetime

from kiosk.receipts.models import (
    AcknowledgementInfo,
    ChecklistInfo,
    Material,
    TestPageInfo,
    TicketInfo,
)

HALL = "保康县政务服务中心"
DEMO_TIME = datetime(2024, 5, 20, 9, 31)
DEMO_PEOPLE = {
    "张桂兰": "42062619530312042X",   # 71 in 2024: the 绿色通道 for the elderly
    "王珺": "420626199202081028",
}


def demo_ticket(number: str = "A023") -> TicketInfo:
    return TicketInfo(
        hall_name=HALL, category="社保医保业务", number=number, waiting_ahead=5,
        estimated_wait_min=15, issued_at=DEMO_TIME, name="张桂兰",
        priority="70 岁以上老年人", windows="3-5 号窗口",
        follow_url=f"https://zwfw.baokang.example/q/BK-ZWZX-001/{number}",
    )


def demo_acknowledgement() -> AcknowledgementInfo:
    return AcknowledgementInfo(
        hall_name=HALL, application_no="BK2024052000123",
        item_name="城乡居民基本养老保险参保登记",
        department="保康县人力资源和社会保障局", window="综合受理 6 号窗口",
        applicant_name="王珺", applicant_id_number=DEMO_PEOPLE["王珺"],
        accepted_at=datetime(2024, 5, 20, 10, 12), promised_days=5,
        promised_date=date(2024, 5, 27),
        progress_url="https://zwfw.baokang.example/p/BK2024052000123",
        materials=(
            Material("居民身份证", "原件", 1, "核验后退还"),
            Material("户口簿首页及本人页", "复印件", 1),
            Material("城乡居民基本养老保险参保登记表", "原件", 1),
        ),
        phone="0710-5812345",
    )


def demo_checklist() -> ChecklistInfo:
    return ChecklistInfo(
        hall_name=HALL, item_name="不动产登记（二手房转移登记）",
        department="保康县自然资源和规划局（不动产登记中心）",
        place="县政务服务中心一楼 8-10 号窗口", legal_days=30, promised_days=3,
        fee="住宅 80 元/件（含第一本证书工本费）", ways="窗口办理、网上办理、帮办代办",
        materials=(
            Material("不动产登记申请书", "原件", 1),
            Material("买卖双方居民身份证", "原件", 1, "核验后退还"),
            Material("不动产权证书", "原件", 1),
            Material("房屋买卖合同", "原件", 1),
            Material("完税凭证", "复印件", 1, "可通过数据共享获取的免于提交"),
            Material("婚姻状况证明", "复印件", 1),
        ),
        notes=(
            "委托办理的，请携带授权委托书和受托人身份证。",
            "能够通过数据共享核验的证明材料，无需另行提交。",
        ),
        guide_url="https://zwfw.baokang.example/g/bdcdj-zydj",
        printed_at=DEMO_TIME, phone="0710-5812345",
    )


def demo_test_page(*, printer_url: str = "sim://", state: str = "正常",
                   settings: tuple[tuple[str, str], ...] = (), version: str = "0.1.0",
                   kiosk_id: str = "BK-ZWZX-001") -> TestPageInfo:
    return TestPageInfo(
        kiosk_id=kiosk_id, hall_name=HALL, version=version, printed_at=DEMO_TIME,
        printer_url=printer_url, printer_state=state,
        printer_settings=settings or (("纸宽", "80 毫米（576 点）"),
                                      ("中文", "GB18030 编码，GB2312 字库"),
                                      ("二维码", "打印机指令")),
        devices=(("读卡器", "sim://"), ("摄像头", "sim://"), ("政务平台", "embedded")),
    )
