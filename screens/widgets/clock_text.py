"""The time and date as the header shows them: `09:30`, `11月22日 星期日` / `Sun 22 Nov`."""

from __future__ import annotations

from datetime import datetime

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_clock(now: datetime) -> str:
    return now.strftime("%H:%M")


def format_date(now: datetime, language: str) -> str:
    # Spelled out by hand: the kiosk's OS locale is often C or en_US even in a Chinese hall.
    if language.startswith("zh"):
        return f"{now.month}月{now.day}日 星期{_WEEKDAYS_ZH[now.weekday()]}"
    return f"{_WEEKDAYS_EN[now.weekday()]} {now.day} {_MONTHS_EN[now.month - 1]}"
