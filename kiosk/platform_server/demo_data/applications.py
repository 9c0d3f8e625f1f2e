"""Demo applications (办件) for the 办件查询 service: a few per demo citizen, at every stage.

They belong to cards in the ID card reader simulator's deck (`resident` 王建国, `elderly` 赵德厚),
so placing one of those cards on the simulated reader finds them, and each has a number on a
past day's sequence (serials from 08001, far above what a day issues) so typing it on the
numeric pad finds it too. Dates are relative to today: the rows are rewritten at every start,
so a demo kiosk always shows an application in review, one ready to collect, one waiting for
more papers, one finished and one refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from drivers.idreader.deck import DECK
from kiosk.platform_server.cases import add_working_days
from kiosk.platform_server.store import utc_naive

DEMO_KIOSK = "demo-data"
FIRST_SERIAL = 8001


@dataclass(frozen=True)
class DemoStep:
    status: str
    days_ago: int
    at: str            # HH:MM, local time
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class DemoApplication:
    card: str          # the deck card of the applicant
    item_id: str
    title: str
    promised_days: int
    steps: tuple[DemoStep, ...]


APPLICATIONS: tuple[DemoApplication, ...] = (
    DemoApplication("resident", "bdc-zydj", "不动产转移登记（二手房买卖）", 3, (
        DemoStep("submitted", 2, "09:12", "综合受理窗口收件", "Received at the general window"),
        DemoStep("accepted", 2, "09:40", "8号窗口受理", "Accepted at window 8"),
        DemoStep("in_review", 1, "10:05", "不动产登记中心审核中",
                 "Being checked by the real estate registration centre"),
    )),
    DemoApplication("resident", "sb-sbk", "社会保障卡申领", 7, (
        DemoStep("submitted", 9, "14:20", "自助终端提交", "Submitted at a kiosk"),
        DemoStep("accepted", 9, "15:02", "11号窗口受理", "Accepted at window 11"),
        DemoStep("in_review", 8, "09:30", "制卡中", "The card is being made"),
        DemoStep("approved", 3, "16:45", "社会保障卡已制成", "The card has been made"),
        DemoStep("ready", 2, "10:00", "请带身份证到11-14号窗口领取",
                 "Collect it at windows 11-14 with your ID card"),
    )),
    DemoApplication("resident", "gjj-tq", "住房公积金提取（租房）", 3, (
        DemoStep("submitted", 1, "15:30", "自助终端提交", "Submitted at a kiosk"),
        DemoStep("need_more", 0, "09:05", "房屋租赁合同未签字，请补交双方签字的合同",
                 "The tenancy contract is not signed: bring one signed by both sides"),
    )),
    DemoApplication("elderly", "sb-yljj", "城乡居民基本养老保险参保登记", 0, (
        DemoStep("submitted", 20, "09:00", "帮办窗口代办", "Handled at the assisted window"),
        DemoStep("accepted", 20, "09:10", "27号窗口受理", "Accepted at window 27"),
        DemoStep("approved", 20, "11:30", "已参保，次月起按月缴费",
                 "Enrolled; payments start next month"),
    )),
    DemoApplication("elderly", "ly-cfxk", "林木采伐许可证核发", 5, (
        DemoStep("submitted", 12, "10:40", "窗口收件", "Received at a window"),
        DemoStep("accepted", 12, "11:00", "3号窗口受理", "Accepted at window 3"),
        DemoStep("in_review", 10, "09:00", "林业站现场核查", "Site check by the forestry station"),
        DemoStep("rejected", 6, "15:20", "采伐地块不在林权证范围内，可持林权证明到3号窗口咨询",
                 "The plot is outside the forest right certificate; ask at window 3"),
    )),
)


def application_number(submitted: date, index: int) -> str:
    """The number a demo application carries: the platform's `BK{date}-{serial}` form."""
    return f"BK{submitted:%Y%m%d}-{FIRST_SERIAL + index:05d}"


def demo_numbers(today: date) -> list[str]:
    """The demo applications' numbers for `today` (the platform's local date), in order."""
    return [application_number(today - timedelta(days=a.steps[0].days_ago), index)
            for index, a in enumerate(APPLICATIONS)]


def demo_rows(today: date, tz: tzinfo, identity_hash: Callable[[str], str]
              ) -> list[dict[str, Any]]:
    """Rows for the platform's `applications` table; times are naive UTC like the rest."""

    def moment(step: DemoStep) -> datetime:
        hour, minute = (int(part) for part in step.at.split(":"))
        return datetime.combine(today - timedelta(days=step.days_ago), time(hour, minute),
                                tzinfo=tz)

    rows = []
    for index, (application, number) in enumerate(zip(APPLICATIONS, demo_numbers(today),
                                                      strict=True)):
        card = DECK[application.card].card
        first = application.steps[0]
        submitted = moment(first)
        history = [{"status": s.status, "at": moment(s).isoformat(), "note_zh": s.note_zh,
                    "note_en": s.note_en} for s in application.steps]
        rows.append({
            "number": number, "kiosk_id": DEMO_KIOSK, "item_id": application.item_id,
            "bundle_id": None, "form_id": f"demo-{index}", "title": application.title,
            "applicant_name": card.name or "", "identity_hash": identity_hash(card.id_number),
            "fields": {}, "attachment_ids": [], "ticket_id": None,
            "status": application.steps[-1].status, "history": history,
            "submitted_at": utc_naive(submitted),
            "promised_by": add_working_days(submitted.date(), application.promised_days),
        })
    return rows
