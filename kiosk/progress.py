"""办件查询: finding a citizen's applications and telling their progress in plain words.

Three ways in, one code path out:

    number_from_digits("2026112008001")          the numeric pad  -> "BK20261120-08001"
    number_from_receipt_qr("https://…/a/BK…")    a 受理回执's QR  -> "BK20261120-08001"
    find_by_number(platform, number)             -> [Application]  (raises ProgressProblem)
    find_by_card(platform, id_number)            -> [Application]

`progress_of(application)` turns the platform's status history into steps a citizen reads
(受理, 审查, 办结 …) with the next thing to do. Strings are Chinese msgids (`N_`), translated
where they are shown. Progress needs the platform (it holds the applications): there is no
offline answer, only a plain "try later or ask at the window".

The ID number of a card goes to the platform and nowhere else: not into the problem, not
into a log line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.i18n import N_
from kiosk.platform.contract import Application, ApplicationStatus
from kiosk.platform.errors import (
    PlatformProtocolError,
    PlatformRejected,
    PlatformUnavailable,
)
from kiosk.services.qr_payloads import ApplicationRef, parse_qr
from kiosk.services.references import PREFIX, application_number_from_digits

# Application numbers as the county platform prints them on a 受理回执: BK, the day, a serial.
# Citizens type only the digits on the numeric pad; the kiosk puts the letters and the dash in
# (the same rule 好差评 uses: kiosk.services.references).
NUMBER_PREFIX = PREFIX
DATE_DIGITS = 8
SERIAL_DIGITS = 5
NUMBER_DIGITS = DATE_DIGITS + SERIAL_DIGITS
_NUMBER = re.compile(r"^BK(\d{8})-?(\d{5})$")


@dataclass(frozen=True)
class ProblemWords:
    title: str
    advice: str


# What went wrong, and what the citizen can do next, by kind.
PROBLEMS: dict[str, ProblemWords] = {
    "incomplete": ProblemWords(
        N_("受理编号还没有输完"),
        N_("请输入受理回执上「BK」后面的全部13位数字。")),
    "not_found": ProblemWords(
        N_("没有找到这个办件"),
        N_("请核对受理回执上的编号后重新输入。刚提交的办件可能稍后才能查到；仍有疑问请到综合受理窗口咨询。")),
    "none_for_card": ProblemWords(
        N_("没有查到您的办件"),
        N_("用这张证件没有查到办件。如果是别人代您办理的，请输入受理回执上的编号查询。")),
    "not_a_receipt": ProblemWords(
        N_("这不是受理回执上的二维码"),
        N_("请扫描受理回执上的二维码，或输入回执上的受理编号。")),
    "offline": ProblemWords(
        N_("暂时连不上政务平台"),
        N_("查询办件进度需要连接政务平台，现在连不上。请过几分钟再试，或带上受理回执到综合受理窗口查询。")),
    "refused": ProblemWords(
        N_("政务平台没有接受这次查询"),
        N_("本机暂时不能查询办件。请到综合受理窗口查询，或点「帮办」请工作人员协助。")),
    "broken": ProblemWords(
        N_("政务平台的答复有误"),
        N_("这不是您的问题。请稍后再试，或到综合受理窗口查询。")),
}


class ProgressProblem(Exception):
    """Why a lookup found nothing to show; `kind` is a key of `PROBLEMS`."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind

    @property
    def words(self) -> ProblemWords:
        return PROBLEMS[self.kind]


# numbers -------------------------------------------------------------------------------------

def format_number(number: str) -> str:
    """`BK2026112008001` or `bk20261120-08001` → `BK20261120-08001`; unchanged if not a number."""
    match = _NUMBER.match(number.strip().upper())
    return f"{NUMBER_PREFIX}{match.group(1)}-{match.group(2)}" if match else number.strip()


def number_from_digits(digits: str) -> str | None:
    """The application number for the 13 digits typed on the pad; None while incomplete."""
    if len(digits) != NUMBER_DIGITS or not digits.isdigit():
        return None
    return application_number_from_digits(digits)


def digits_shown(digits: str) -> str:
    """The pad's digits as the receipt prints them, filled in as they are typed."""
    shown = NUMBER_PREFIX + digits[:DATE_DIGITS]
    if len(digits) > DATE_DIGITS:
        shown += "-" + digits[DATE_DIGITS:]
    return shown


def number_from_receipt_qr(text: str) -> str | None:
    """The application number in a 受理回执's QR (the platform's status URL, `…/a/NUMBER`,
    or the bare number); None for any other code (a ticket, an appointment, a web page)."""
    payload = parse_qr(text)
    return payload.number if isinstance(payload, ApplicationRef) else None


# lookups (on a worker thread) ----------------------------------------------------------------

def _problem(exc: Exception, not_found: str = "not_found") -> ProgressProblem:
    if isinstance(exc, PlatformUnavailable):
        return ProgressProblem("offline")
    if isinstance(exc, PlatformRejected):
        if exc.status == 404 or exc.code.endswith("not_found"):
            return ProgressProblem(not_found)
        return ProgressProblem("refused")
    if isinstance(exc, PlatformProtocolError):
        return ProgressProblem("broken")
    raise exc


def find_by_number(platform: Any, number: str) -> list[Application]:
    """The application with this number. Blocks: call it through the background runner."""
    try:
        return [platform.application(format_number(number))]
    except (PlatformUnavailable, PlatformRejected, PlatformProtocolError) as exc:
        raise _problem(exc) from None


def find_by_receipt_qr(platform: Any, text: str) -> list[Application]:
    """The application whose 受理回执 QR decoded to `text`: the number path from here on."""
    number = number_from_receipt_qr(text)
    if number is None:
        raise ProgressProblem("not_a_receipt")
    return find_by_number(platform, number)


def find_by_card(platform: Any, id_number: str) -> list[Application]:
    """The card holder's applications, newest first. Blocks: call it off the UI thread."""
    try:
        found = platform.applications_of(id_number)
    except (PlatformUnavailable, PlatformRejected, PlatformProtocolError) as exc:
        # `from None`: the platform's error text never carries the number, but the chain would
        # keep the request (and the number) alive in a traceback.
        raise _problem(exc, "none_for_card") from None
    if not found:
        raise ProgressProblem("none_for_card")
    return sorted(found, key=lambda a: a.submitted_at, reverse=True)


# plain words ---------------------------------------------------------------------------------

STATUS_WORDS: dict[ApplicationStatus, str] = {
    ApplicationStatus.SUBMITTED: N_("已提交"),
    ApplicationStatus.ACCEPTED: N_("已受理"),
    ApplicationStatus.IN_REVIEW: N_("审查中"),
    ApplicationStatus.NEED_MORE: N_("需补交材料"),
    ApplicationStatus.APPROVED: N_("已办结"),
    ApplicationStatus.REJECTED: N_("未获批准"),
    ApplicationStatus.READY: N_("已办好，待领取"),
    ApplicationStatus.COLLECTED: N_("已领取"),
}

NEXT_STEP: dict[ApplicationStatus, str] = {
    ApplicationStatus.SUBMITTED: N_("材料已送到，等待窗口受理，您不用再跑一趟。"),
    ApplicationStatus.ACCEPTED: N_("已经受理，正在办理，请耐心等待。"),
    ApplicationStatus.IN_REVIEW: N_("正在审查，请在预计办结日期后再来查询。"),
    ApplicationStatus.NEED_MORE: N_("还缺材料：请按下面的说明补交，到综合受理窗口办理。"),
    ApplicationStatus.APPROVED: N_("已经办好了。"),
    ApplicationStatus.REJECTED: N_("没有获得批准，原因见下面的说明；如有疑问请到窗口咨询。"),
    ApplicationStatus.READY: N_("已经办好，请带上身份证和受理回执来领取。"),
    ApplicationStatus.COLLECTED: N_("办理结果已经领走，这件事办完了。"),
}

# Statuses where the citizen has something to do (shown in the warning colour).
ACTION_NEEDED = frozenset({ApplicationStatus.NEED_MORE, ApplicationStatus.READY})
FINISHED = frozenset({ApplicationStatus.APPROVED, ApplicationStatus.REJECTED,
                      ApplicationStatus.COLLECTED})


@dataclass(frozen=True)
class Step:
    """One step of an application's history, as a citizen reads it."""

    status: ApplicationStatus
    words: str          # Chinese msgid
    at: datetime        # local time
    note_zh: str
    note_en: str

    def note(self, language: str) -> str:
        return self.note_zh if language.startswith("zh") or not self.note_en else self.note_en


@dataclass(frozen=True)
class Progress:
    number: str
    title: str
    applicant: str      # masked by the platform (王**)
    status: ApplicationStatus
    words: str
    next_step: str
    submitted_at: datetime
    promised_by: date | None
    steps: tuple[Step, ...]

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def action_needed(self) -> bool:
        return self.status in ACTION_NEEDED


def progress_of(application: Application) -> Progress:
    steps = tuple(Step(entry.status, STATUS_WORDS[entry.status], entry.at.astimezone(),
                       entry.note_zh, entry.note_en)
                  for entry in sorted(application.history, key=lambda e: e.at))
    return Progress(number=application.number, title=application.title,
                    applicant=application.applicant_name_masked, status=application.status,
                    words=STATUS_WORDS[application.status],
                    next_step=NEXT_STEP[application.status],
                    submitted_at=application.submitted_at.astimezone(),
                    promised_by=application.promised_by, steps=steps)


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_words(day: date, language: str, today: date) -> str:
    """今天 / 昨天 / 11月20日 (2025年…) and their English, for a date near `today`."""
    english = not language.startswith("zh")
    offset = (today - day).days
    if offset == 0:
        return "today" if english else "今天"
    if offset == 1:
        return "yesterday" if english else "昨天"
    if offset == -1:
        return "tomorrow" if english else "明天"
    if english:
        text = f"{day.day} {MONTHS_EN[day.month - 1]}"
        return text if day.year == today.year else f"{text} {day.year}"
    text = f"{day.month}月{day.day}日"
    return text if day.year == today.year else f"{day.year}年{text}"


def when_words(moment: datetime, language: str, today: date) -> str:
    """`今天 09:05`, `11月20日 09:12`; `today 09:05`, `20 Nov 09:12`."""
    return f"{day_words(moment.date(), language, today)} {moment:%H:%M}"
