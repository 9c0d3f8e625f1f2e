"""Pieces every receipt shares: the header, sizes that fit the paper, dates in Chinese."""

from __future__ import annotations

from datetime import date, datetime

from drivers.printer.document import Align, Block, Separator, Space, Text
from drivers.printer.text import cells


def fitting_size(text: str, columns: int, preferred: int) -> int:
    """The largest size up to `preferred` at which `text` fits on one line."""
    for size in range(preferred, 1, -1):
        if cells(text) * size <= columns:
            return size
    return 1


def header(hall_name: str, title: str, columns: int) -> list[Block]:
    """The hall's name and the receipt's title, centred, as large as fits."""
    return [
        Text(hall_name, size=fitting_size(hall_name, columns, 2), bold=True,
             align=Align.CENTER),
        Space(8),
        Text(title, size=fitting_size(title, columns, 2), align=Align.CENTER),
        Space(8),
        Separator(),
    ]


def when(moment: datetime) -> str:
    """In the kiosk's local time, as its clock shows (the platform sends UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def numbered(items: list[str]) -> list[Block]:
    """A numbered list; continuation lines start under the text, not under the number."""
    return [Text(f"{index}. {item}", hanging=cells(f"{index}. "))
            for index, item in enumerate(items, start=1)]


def labelled(label: str, value: str, *, bold: bool = False) -> Text:
    """`label：value` as a paragraph whose further lines start under the value."""
    return Text(f"{label}：{value}", bold=bold, hanging=cells(label) + 2)
