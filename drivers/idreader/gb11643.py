"""Citizen identity numbers (公民身份号码, GB 11643-1999): 18 characters that check themselves.

    420626 19580312 151 7
    region  birth    seq check   (seq odd: male, even: female; check 0-9 or X, ISO 7064 MOD 11-2)

`check_id_number` returns what the number says, or raises `IdNumberError` saying in words
what is wrong. The 2023 foreign permanent residence card uses the same form, with a first
digit of 9 and a nationality code in place of the county (`check_foreign_number`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from drivers.idreader.codes import HMT_REGIONS, PROVINCES

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH = date(1850, 1, 1)  # the standard's own example was born in 1880
_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")


class IdNumberError(ValueError):
    """An ID number that cannot be right; the message says why, in Chinese and English."""

    def __init__(self, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh


@dataclass(frozen=True)
class IdNumberFacts:
    """What a valid number tells: where it was first issued, birth date, sex."""

    region: str
    province: str
    birth_date: date
    sequence: str
    sex_code: str  # "1" male, "2" female (odd or even sequence)


def check_digit(first17: str) -> str:
    """The 18th character for 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def _common(number: str, today: date | None) -> tuple[str, date]:
    number = number.strip().upper()
    if not _SHAPE.fullmatch(number):
        raise IdNumberError(
            f"\"{_safe(number)}\" is not 17 digits and a check digit (0-9 or X)",
            f"号码应为17位数字加1位校验码（0-9或X），实际为{len(number)}位")
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError("the check digit does not match the other 17 digits",
                            "校验码与前17位不符")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError("the birth date in the number is not a real date",
                            "号码中的出生日期不是有效日期") from None
    if not EARLIEST_BIRTH <= birth <= (today or date.today()):
        raise IdNumberError("the birth date in the number is in the future or too long ago",
                            "号码中的出生日期不在合理范围内")
    return number, birth


def check_id_number(number: str, *, today: date | None = None) -> IdNumberFacts:
    """A citizen's or a Hong Kong, Macao or Taiwan resident's number, checked in full."""
    number, birth = _common(number, today)
    region = number[:6]
    province = PROVINCES.get(region[:2])
    if province is None:
        raise IdNumberError(f"the region code {region} does not begin with a province code",
                            f"地址码 {region} 的前两位不是省级行政区代码")
    if region[:2] in ("81", "82", "83") and region not in HMT_REGIONS:
        raise IdNumberError(f"the region code {region} is not 810000, 820000 or 830000",
                            f"港澳台居民的地址码应为 810000、820000 或 830000，实际为 {region}")
    if region[2:] != "0000" and region[2:4] == "00":
        raise IdNumberError(f"the region code {region} names no city",
                            f"地址码 {region} 的地市部分为 00")
    sequence = number[14:17]
    return IdNumberFacts(region, province, birth, sequence, "1" if int(sequence) % 2 else "2")


@dataclass(frozen=True)
class ForeignNumberFacts:
    """What a 2023 permanent residence card number tells."""

    province: str            # where the application was accepted
    nationality_code: str    # ISO 3166-1 numeric
    birth_date: date


def check_foreign_number(number: str, *, today: date | None = None) -> ForeignNumberFacts:
    """A 2023 foreign permanent residence card number: 9, province, nationality (3 digits),
    birth date, sequence and a GB 11643 check digit."""
    number = number.strip().upper()
    if not number.startswith("9"):
        raise IdNumberError("a 2023 permanent residence card number begins with 9",
                            "2023版外国人永久居留身份证号码应以9开头")
    if not _SHAPE.fullmatch(number):
        raise IdNumberError("the number is not 17 digits and a check digit",
                            "号码应为17位数字加1位校验码")
    if number[17] != check_digit(number[:17]):
        raise IdNumberError("the check digit does not match the other 17 digits",
                            "校验码与前17位不符")
    province = PROVINCES.get(number[1:3])
    if province is None:
        raise IdNumberError(f"{number[1:3]} is not a province code", "受理地代码不是省级行政区代码")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError("the birth date in the number is not a real date",
                            "号码中的出生日期不是有效日期") from None
    if not EARLIEST_BIRTH <= birth <= (today or date.today()):
        raise IdNumberError("the birth date in the number is out of range",
                            "号码中的出生日期不在合理范围内")
    return ForeignNumberFacts(province, number[3:6], birth)


def _safe(number: str) -> str:
    # An error message must not repeat a whole ID number; the length is what matters here.
    return f"{number[:3]}…" if len(number) > 3 else number
