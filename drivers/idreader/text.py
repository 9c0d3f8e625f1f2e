"""The card's 256-byte text block: UCS-2LE fixed fields, space padded, one layout per card type.

    offset/bytes  resident (' ')     hmt_residence ('J')     foreign_permanent 2017 ('I')
      0/30        name               name                    English name 0/120
     30/2         sex                sex                     sex 120/2
     32/4         nation             (blank)                 card number 122/30
     36/16        birth              birth                   nationality 152/6
     52/70        address            address                 Chinese name 158/30
    122/36        ID number          ID number               issue date 188/16
    158/30        issuer             issuer                  expiry 204/16
    188/16        valid from         valid from              birth 220/16
    204/16        valid to (长期)     valid to                version 236/4
    220/18                           pass number             authority code 240/8
    238/4                            issue count
    248/2         card type          card type               card type

The 2023 permanent residence card is recognised by its 18-digit number beginning with 9 in
the ID-number field (122/36); the published rules give its number but not the rest of its
layout, so only the number and what it says (birth date, nationality) are taken, and the card
says which fields were not parsed.

`parse_text` raises `CardDataError` (a `ProtocolError`) for anything that cannot be a card, and
nothing else; its messages never repeat a field's value. `encode_text` is its inverse, for
the simulator's test cards.
"""

from __future__ import annotations

import re
from datetime import date

from drivers.idreader.card import LONG_TERM, CardType, IdentityCard
from drivers.idreader.codes import HMT_REGIONS, nation_name, sex_name
from drivers.idreader.errors import CardDataError
from drivers.idreader.gb11643 import IdNumberError, check_foreign_number, check_id_number
from drivers.idreader.protocol import TEXT_LEN

# (offset, bytes) of each field, per layout.
RESIDENT = {
    "name": (0, 30), "sex": (30, 2), "nation": (32, 4), "birth": (36, 16),
    "address": (52, 70), "id_number": (122, 36), "issuer": (158, 30),
    "valid_from": (188, 16), "valid_to": (204, 16),
}
HMT = {**RESIDENT, "pass_number": (220, 18), "issue_count": (238, 4)}
FOREIGN_2017 = {
    "english_name": (0, 120), "sex": (120, 2), "card_number": (122, 30),
    "nationality": (152, 6), "name": (158, 30), "valid_from": (188, 16),
    "valid_to": (204, 16), "birth": (220, 16), "version": (236, 4), "authority_code": (240, 8),
}
FOREIGN_2023_NUMBER = (122, 36)
CARD_TYPE_AT = (248, 2)

FOREIGN_2023_UNPARSED = ("name", "english_name", "sex", "issuer", "valid_from", "valid_to")
FOREIGN_2023_NOTE = (
    "2023版外国人永久居留身份证：已读取并校验证件号码，出生日期和国籍代码由号码得出；"
    "姓名、性别、有效期限和签发机关在芯片中的位置尚未公开，本机未解析，请以证件票面为准。",
    "2023 foreign permanent resident ID card: the card number was read and checked, and the "
    "birth date and nationality code come from it; the chip layout of the name, sex, validity "
    "and issuer is not published, so they were not parsed: see the card itself.",
)
_FOREIGN_2017_NUMBER = re.compile(r"^[A-Z]{3}[0-9]{12}$")
_FOREIGN_2023_NUMBER = re.compile(r"9[0-9]{16}[0-9X]")
_PASS_NUMBER = re.compile(r"^[A-Z0-9]{8,9}$")
_NATIONALITY = re.compile(r"^[A-Z]{3}$")


def _field(block: bytes, where: tuple[int, int], label: str) -> str:
    start, size = where
    try:
        text = block[start:start + size].decode("utf-16-le")
    except UnicodeDecodeError:
        raise CardDataError(f"the {label} field is not UCS-2 text",
                            message_zh=f"证件的{_ZH.get(label, label)}不是有效的文字") from None
    text = text.strip(" \x00")
    if any(ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF or ord(ch) in (0xFFFE, 0xFFFF)
           for ch in text):
        raise CardDataError(f"the {label} field holds control characters",
                            message_zh=f"证件的{_ZH.get(label, label)}含有控制字符")
    return text


_ZH = {"name": "姓名", "sex": "性别", "nation": "民族", "birth": "出生日期", "address": "住址",
       "id_number": "证件号码", "issuer": "签发机关", "valid_from": "有效期起始日期",
       "valid_to": "有效期截止日期", "pass_number": "通行证号码", "issue_count": "签发次数",
       "english_name": "英文姓名", "card_number": "证件号码", "nationality": "国籍",
       "version": "证件版本", "authority_code": "受理机关代码", "card type": "证件类型"}


def _required(text: str, label: str) -> str:
    if not text:
        raise CardDataError(f"the {label} field is empty",
                            message_zh=f"证件的{_ZH.get(label, label)}为空")
    return text


def _date(text: str, label: str) -> date:
    if not re.fullmatch(r"[0-9]{8}", text):
        raise CardDataError(f"the {label} field is not a date (YYYYMMDD)",
                            message_zh=f"证件的{_ZH.get(label, label)}不是日期")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise CardDataError(f"the {label} field is not a real date",
                            message_zh=f"证件的{_ZH.get(label, label)}不是有效日期") from None


def _validity(block: bytes, layout: dict[str, tuple[int, int]],
              long_term: bool) -> tuple[date, date | None]:
    valid_from = _date(_field(block, layout["valid_from"], "valid_from"), "valid_from")
    raw_to = _field(block, layout["valid_to"], "valid_to")
    if raw_to == LONG_TERM and long_term:
        return valid_from, None
    valid_to = _date(raw_to, "valid_to")
    if valid_to <= valid_from:
        raise CardDataError("the card's validity ends before it begins",
                            message_zh="证件有效期限的截止日期早于起始日期")
    return valid_from, valid_to


def _sex(block: bytes, where: tuple[int, int]) -> tuple[str, str]:
    code = _field(block, where, "sex")
    name = sex_name(code)
    if name is None:
        raise CardDataError("the sex code is not 0, 1, 2 or 9",
                            message_zh="证件的性别代码不是 0、1、2 或 9")
    return code, name


def _checked_number(number: str, birth: date, sex_code: str) -> str:
    try:
        facts = check_id_number(number)
    except IdNumberError as exc:
        raise CardDataError(f"the ID number is wrong: {exc.message_en}",
                            message_zh=f"证件号码有误：{exc.message_zh}") from None
    if facts.birth_date != birth:
        raise CardDataError("the birth date differs from the one in the ID number",
                            message_zh="出生日期与证件号码不符")
    if sex_code in ("1", "2") and facts.sex_code != sex_code:
        raise CardDataError("the sex differs from the one in the ID number",
                            message_zh="性别与证件号码不符")
    return number.upper()


def parse_text(block: bytes, photo: bytes = b"", fingerprint: bytes = b"") -> IdentityCard:
    """The card in `block`; `CardDataError` when it cannot be a card."""
    if len(block) != TEXT_LEN:
        raise CardDataError(f"the card text is {len(block)} bytes, not {TEXT_LEN}",
                            message_zh=f"证件文字信息长度为 {len(block)} 字节，应为 {TEXT_LEN}")
    kind = _field(block, CARD_TYPE_AT, "card type")
    number_2023 = _field(block, FOREIGN_2023_NUMBER, "id_number")
    extras = {"photo": bytearray(photo), "fingerprint": bytearray(fingerprint)}
    if _FOREIGN_2023_NUMBER.fullmatch(number_2023.upper()) or (
            kind == "Y" and number_2023.startswith("9")):
        # Whatever the type mark says (readers differ): the number is what tells this card.
        return _foreign_2023(number_2023, extras)
    if kind == "":
        return _resident(block, extras)
    if kind == "J":
        return _hmt(block, extras)
    if kind == "I":
        return _foreign_2017(block, extras)
    if kind == "Y":
        raise CardDataError("a 2023 permanent residence card without a 9-number",
                            message_zh="2023版永居证的证件号码不以9开头")
    raise CardDataError("the card type mark is not blank, J, I or Y",
                        message_zh="证件类型标识不是空白、J、I 或 Y")


def _resident(block: bytes, extras: dict[str, bytearray]) -> IdentityCard:
    layout = RESIDENT
    sex_code, sex = _sex(block, layout["sex"])
    nation_code = _field(block, layout["nation"], "nation")
    nation = nation_name(nation_code)
    if nation is None:
        raise CardDataError("the nation code is not one of the 56 nations, 97 or 98",
                            message_zh="民族代码不在民族代码表中")
    birth = _date(_field(block, layout["birth"], "birth"), "birth")
    number = _field(block, layout["id_number"], "id_number")
    if number[:6] in HMT_REGIONS:
        raise CardDataError("a resident card with a residence-permit number",
                            message_zh="居民身份证的号码是港澳台居民居住证号码")
    valid_from, valid_to = _validity(block, layout, long_term=True)
    return IdentityCard(
        card_type=CardType.RESIDENT,
        id_number=_checked_number(number, birth, sex_code),
        name=_required(_field(block, layout["name"], "name"), "name"),
        sex=sex, sex_code=sex_code, birth_date=birth,
        valid_from=valid_from, valid_to=valid_to,
        nation=nation, nation_code=nation_code,
        address=_required(_field(block, layout["address"], "address"), "address"),
        issuer=_required(_field(block, layout["issuer"], "issuer"), "issuer"),
        **extras,
    )


def _hmt(block: bytes, extras: dict[str, bytearray]) -> IdentityCard:
    layout = HMT
    sex_code, sex = _sex(block, layout["sex"])
    birth = _date(_field(block, layout["birth"], "birth"), "birth")
    number = _field(block, layout["id_number"], "id_number")
    if number[:6] not in HMT_REGIONS:
        raise CardDataError("a residence permit's number begins 810000, 820000 or 830000",
                            message_zh="港澳台居民居住证号码应以 810000、820000 或 830000 开头")
    pass_number = _field(block, layout["pass_number"], "pass_number")
    if not _PASS_NUMBER.match(pass_number):
        raise CardDataError("the pass number is not 8 or 9 letters and digits",
                            message_zh="通行证号码应为8或9位字母和数字")
    count = _field(block, layout["issue_count"], "issue_count")
    if not re.fullmatch(r"[0-9]{1,2}", count):
        raise CardDataError("the issue count is not a number", message_zh="签发次数不是数字")
    valid_from, valid_to = _validity(block, layout, long_term=False)
    return IdentityCard(
        card_type=CardType.HMT_RESIDENCE,
        id_number=_checked_number(number, birth, sex_code),
        name=_required(_field(block, layout["name"], "name"), "name"),
        sex=sex, sex_code=sex_code, birth_date=birth,
        valid_from=valid_from, valid_to=valid_to,
        address=_required(_field(block, layout["address"], "address"), "address"),
        issuer=_required(_field(block, layout["issuer"], "issuer"), "issuer"),
        pass_number=pass_number, issue_count=int(count),
        **extras,
    )


def _foreign_2017(block: bytes, extras: dict[str, bytearray]) -> IdentityCard:
    layout = FOREIGN_2017
    sex_code, sex = _sex(block, layout["sex"])
    number = _field(block, layout["card_number"], "card_number").upper()
    if not _FOREIGN_2017_NUMBER.match(number):
        raise CardDataError("a 2017 permanent residence card number is 3 letters and 12 digits",
                            message_zh="2017版永居证号码应为3位字母加12位数字")
    nationality = _field(block, layout["nationality"], "nationality")
    if not _NATIONALITY.match(nationality):
        raise CardDataError("the nationality is not a three-letter code",
                            message_zh="国籍代码应为3位字母")
    english = _field(block, layout["english_name"], "english_name")
    chinese = _field(block, layout["name"], "name")
    _required(english or chinese, "name")
    valid_from, valid_to = _validity(block, layout, long_term=False)
    return IdentityCard(
        card_type=CardType.FOREIGN_PERMANENT,
        id_number=number,
        name=chinese or english, english_name=english or None,
        sex=sex, sex_code=sex_code,
        birth_date=_date(_field(block, layout["birth"], "birth"), "birth"),
        valid_from=valid_from, valid_to=valid_to,
        nationality=nationality, version="2017",
        authority_code=_field(block, layout["authority_code"], "authority_code") or None,
        issuer=_field(block, layout["authority_code"], "authority_code") or None,
        **extras,
    )


def _foreign_2023(number: str, extras: dict[str, bytearray]) -> IdentityCard:
    try:
        facts = check_foreign_number(number)
    except IdNumberError as exc:
        raise CardDataError(f"the card number is wrong: {exc.message_en}",
                            message_zh=f"证件号码有误：{exc.message_zh}") from None
    return IdentityCard(
        card_type=CardType.FOREIGN_PERMANENT,
        id_number=number.upper(), name=None, sex=None, sex_code=None,
        birth_date=facts.birth_date, valid_from=None, valid_to=None,
        nationality=facts.nationality_code, version="2023",
        unparsed=FOREIGN_2023_UNPARSED, notes=(FOREIGN_2023_NOTE,),
        **extras,
    )


# encoding (the simulator's cards) -------------------------------------------------------------

def _put(block: bytearray, where: tuple[int, int], value: str) -> None:
    start, size = where
    data = value.encode("utf-16-le")
    if len(data) > size:
        raise ValueError(f"{value!r} does not fit in {size} bytes")
    block[start:start + size] = data + " ".encode("utf-16-le") * ((size - len(data)) // 2)


def encode_text(card: IdentityCard) -> bytes:
    """The 256-byte block a card with `card`'s fields holds (inverse of `parse_text`)."""
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    ymd = "%Y%m%d"
    if card.card_type is CardType.FOREIGN_PERMANENT and card.version == "2023":
        _put(block, FOREIGN_2023_NUMBER, card.id_number)
        _put(block, CARD_TYPE_AT, "Y")
        return bytes(block)
    if card.card_type is CardType.FOREIGN_PERMANENT:
        layout = FOREIGN_2017
        values = {"english_name": card.english_name or "", "sex": card.sex_code or "",
                  "card_number": card.id_number, "nationality": card.nationality or "",
                  "name": card.name if card.name != card.english_name else "",
                  "birth": card.birth_date.strftime(ymd), "version": "20",
                  "authority_code": card.authority_code or ""}
        kind = "I"
    else:
        layout = HMT if card.card_type is CardType.HMT_RESIDENCE else RESIDENT
        values = {"name": card.name or "", "sex": card.sex_code or "",
                  "nation": card.nation_code or "", "birth": card.birth_date.strftime(ymd),
                  "address": card.address or "", "id_number": card.id_number,
                  "issuer": card.issuer or ""}
        if card.card_type is CardType.HMT_RESIDENCE:
            values["pass_number"] = card.pass_number or ""
            values["issue_count"] = f"{card.issue_count or 0:02d}"
        kind = "J" if card.card_type is CardType.HMT_RESIDENCE else ""
    values["valid_from"] = card.valid_from.strftime(ymd) if card.valid_from else ""
    values["valid_to"] = card.valid_to.strftime(ymd) if card.valid_to else LONG_TERM
    for key, value in values.items():
        _put(block, layout[key], value)
    _put(block, CARD_TYPE_AT, kind)
    return bytes(block)
