"""What the kiosk says beside a form field that is not right yet, in plain Chinese.

Every message is a template here, in Chinese, marked for translation; its English is in
`kiosk/locale/en/LC_MESSAGES/kiosk.po` (a test checks every one has it). A `Problem` keeps the
template and its values, so a screen shows it in the citizen's language with `text(lang)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.i18n import N_, SOURCE_LANGUAGE, translate

MESSAGES: dict[str, str] = {
    "required": N_("请填写这一项"),
    "required_choice": N_("请选择一项"),
    "required_signature": N_("请在框内签名"),
    "consent": N_("请阅读后勾选同意"),
    "too_short": N_("至少{n}个字"),
    "too_long": N_("最多{n}个字"),
    "pattern": N_("格式不对"),
    "pattern_hint": N_("格式不对，例如：{hint}"),
    "id_chars": N_("身份证号码只能是数字，最后一位可以是X"),
    "id_length": N_("身份证号码是18位，现在是{n}位"),
    "phone_chars": N_("电话号码只能是数字"),
    "phone": N_("手机号码是1开头的11位数字，座机请写区号，如0710-5812345"),
    "number": N_("请填写数字"),
    "integer": N_("请填写整数"),
    "decimals": N_("最多{n}位小数"),
    "minimum": N_("不能小于{n}"),
    "maximum": N_("不能大于{n}"),
    "date_format": N_("请选择日期（年-月-日）"),
    "date_min": N_("日期不能早于{date}"),
    "date_max": N_("日期不能晚于{date}"),
    "choice": N_("请从给出的选项中选择"),
    "region": N_("请选择所在地区（省、市、县、乡镇）"),
    "address_detail": N_("请填写详细地址（村、街道、门牌号）"),
    "signature_short": N_("签名太短，请用手指写清楚姓名"),
}


@dataclass(frozen=True)
class Problem:
    """One field that is not right: a machine `code` (the platform's codes where they exist:
    required, too_short, too_long, pattern, check_digit, phone, range, decimals, choice,
    region, consent, type) and a message in Chinese and English."""

    field: str
    code: str
    message_zh: str
    message_en: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    def text(self, language: str = SOURCE_LANGUAGE) -> str:
        return self.message_zh if language == SOURCE_LANGUAGE else self.message_en


def problem(field_name: str, code: str, message: str, **params: Any) -> Problem:
    """A problem from one of `MESSAGES` (by key) with its values filled in."""
    template = MESSAGES[message]
    return Problem(field_name, code, template.format(**params),
                   translate("en", template).format(**params), params)


def worded(field_name: str, code: str, message_zh: str, message_en: str) -> Problem:
    """A problem whose words come from elsewhere already in both languages (an ID number's
    check, by the driver that knows GB 11643)."""
    return Problem(field_name, code, message_zh, message_en)
