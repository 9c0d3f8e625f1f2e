"""预约签到 below the screen: find a citizen's appointment and say when it is, in words.

    found = find_by_card(core.platform, id_number)    # on a worker thread; None: none today
    found = find_by_code(core.platform, "YY20000001")
    describe_slot(found.appointment, "zh_CN")           # 今天 10:30-11:00，签到时间 10:00-10:45
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone
from typing import Any

CHINA = timezone(timedelta(hours=8))
_CODE = re.compile(r"^\d{8}$")


@dataclass(frozen=True)
class Found:
    appointment: Any
    windows: str = ""


def appointment_code_from_digits(typed: str) -> str | None:
    """The 8 digits after YY on the booking message → `YY20000001`; None if not 8 digits."""
    digits = typed.strip().upper().removeprefix("YY")
    return f"YY{digits}" if _CODE.match(digits) else None


def _windows(platform: Any, category_id: str) -> str:
    try:
        categories = platform.cached_categories()
    except Exception:  # where to go is a help, never a reason to fail the check-in
        return ""
    return next((str(c.windows) for c in categories if c.id == category_id), "")


def find_by_card(platform: Any, id_number: str) -> Found | None:
    """Today's appointment at this hall for the card's holder: one that can be checked in
    first, else the first of the day (whose refusal will explain). None when there is none."""
    appointments = platform.appointments_of(id_number)
    usable = [a for a in appointments if a.status == "booked"]
    chosen = (usable or appointments or [None])[0]
    if chosen is None:
        return None
    return Found(chosen, _windows(platform, chosen.category_id))


def find_by_code(platform: Any, code: str) -> Found:
    appointment = platform.appointment(code)
    return Found(appointment, _windows(platform, appointment.category_id))


def describe_slot(appointment: Any, language: str) -> str:
    start = appointment.slot_start.astimezone(CHINA)
    end = appointment.slot_end.astimezone(CHINA)
    opens = appointment.check_in_opens.astimezone(CHINA)
    closes = appointment.check_in_closes.astimezone(CHINA)
    if language.startswith("zh"):
        return (f"{start:%m月%d日} {start:%H:%M}-{end:%H:%M}，"
                f"签到时间 {opens:%H:%M}-{closes:%H:%M}")
    return (f"{start:%d %b} {start:%H:%M}-{end:%H:%M}; check in between "
            f"{opens:%H:%M} and {closes:%H:%M}")
