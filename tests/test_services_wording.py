"""The words the citizen services build from platform data: hours, counters, typed numbers."""

from __future__ import annotations

from types import SimpleNamespace

from kiosk.services.checkin import appointment_code_from_digits
from kiosk.services.hours import format_hours, format_windows
from kiosk.services.references import application_number_from_digits


def test_opening_hours_grouped_by_days() -> None:
    periods = [SimpleNamespace(weekdays=[1, 2, 3, 4, 5], start="08:30", end="12:00"),
               SimpleNamespace(weekdays=[1, 2, 3, 4, 5], start="14:00", end="17:30"),
               SimpleNamespace(weekdays=[6], start="09:00", end="12:00")]
    assert format_hours(periods, "zh_CN") == "周一至周五 08:30-12:00、14:00-17:30；周六 09:00-12:00"
    assert format_hours(periods, "en") == "Mon–Fri 08:30-12:00, 14:00-17:30; Sat 09:00-12:00"


def test_counters_in_english() -> None:
    assert format_windows("1-6号窗口", "en") == "Counters 1–6"
    assert format_windows("27号窗口", "en") == "Counter 27"
    assert format_windows("27号窗口", "zh_CN") == "27号窗口"
    assert format_windows("综合窗口", "en") == "综合窗口"  # not a pattern we know: as it is


def test_typed_numbers() -> None:
    assert application_number_from_digits("2026112200017") == "BK20261122-00017"
    assert application_number_from_digits("BK20261122-00017") == "BK20261122-00017"
    assert application_number_from_digits("202611220001") is None
    assert appointment_code_from_digits("20000001") == "YY20000001"
    assert appointment_code_from_digits("2000001") is None
