"""Opening hours in words, for a closed category's tile: 周一至周五 08:30-12:00、14:00-17:30."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_DAYS_ZH = "一二三四五六日"
_DAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _days(weekdays: list[int], english: bool) -> str:
    days = sorted(set(weekdays))
    names = _DAYS_EN if english else tuple(f"周{d}" for d in _DAYS_ZH)
    if not days:
        return ""
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[days[0] - 1]}–{names[days[-1] - 1]}" if english else \
            f"{names[days[0] - 1]}至{names[days[-1] - 1]}"
    return ("/" if english else "、").join(names[d - 1] for d in days)


def format_hours(periods: Iterable[Any], language: str) -> str:
    """The periods (`weekdays`, `start`, `end`) grouped by their days, in `language`."""
    english = not language.startswith("zh")
    grouped: dict[tuple[int, ...], list[str]] = {}
    for period in periods:
        grouped.setdefault(tuple(sorted(period.weekdays)), []).append(
            f"{period.start}-{period.end}")
    parts = [f"{_days(list(days), english)} {(', ' if english else '、').join(times)}"
             for days, times in grouped.items()]
    return ("; " if english else "；").join(parts)
