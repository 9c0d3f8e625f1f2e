"""Opening hours and counters in words, in the citizen's language: 周一至周五 08:30-12:00、
14:00-17:30 for a closed category's tile; `1-6号窗口` as "Counters 1–6" in English."""

from __future__ import annotations

import re
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


_WINDOWS = re.compile(r"^(\d+)(?:\s*[-－~～至]\s*(\d+))?\s*号窗口$")


def format_windows(windows: str, language: str) -> str:
    """The platform names counters in Chinese (`1-6号窗口`); in English: `Counters 1–6`."""
    if language.startswith("zh") or not windows:
        return windows
    match = _WINDOWS.match(windows.strip())
    if match is None:
        return windows
    first, last = match.groups()
    return f"Counters {first}–{last}" if last else f"Counter {first}"
