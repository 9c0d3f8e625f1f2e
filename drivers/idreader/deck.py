"""The simulator's deck of test cards: made up, but every number checks.

Names, addresses and numbers are invented; region codes are real county codes (420626 保康县,
422802 利川市, 420602 襄城区) so the numbers pass GB 11643 checks exactly as real ones do.
One card of each type, plus the cases a kiosk must handle: a 生僻字 name (and an X check
digit), an expired card, a 长期 card, and a citizen over 70 (priority lane) whose card carries
an appended address.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from drivers.idreader.card import CardType, IdentityCard
from drivers.idreader.gb11643 import check_digit
from drivers.idreader.protocol import FINGERPRINT_LEN, PHOTO_LEN


def _number(first17: str) -> str:
    return first17 + check_digit(first17)


def _bytes(seed: str, size: int, head: bytes) -> bytes:
    """Stand-in vendor data of `size` bytes: a header and deterministic filler."""
    out = bytearray(head)
    block = seed.encode()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


@dataclass(frozen=True)
class DeckCard:
    """A card the simulator can place on its reader."""

    key: str
    description: str
    card: IdentityCard

    @property
    def photo(self) -> bytes:
        return bytes(self.card.photo)

    @property
    def fingerprint(self) -> bytes:
        return bytes(self.card.fingerprint)


def _resident(key: str, description: str, *, fingerprint: bool = False,
              **fields: object) -> DeckCard:
    card = IdentityCard(card_type=CardType.RESIDENT,
                        photo=bytearray(_bytes(key, PHOTO_LEN, b"WLf\x00")),
                        fingerprint=bytearray(_bytes(key + "fp", FINGERPRINT_LEN, b"C\x01")
                                              if fingerprint else b""),
                        **fields)  # type: ignore[arg-type]
    return DeckCard(key, description, card)


def _build() -> dict[str, DeckCard]:
    cards = [
        _resident(
            "resident", "居民身份证，20年有效期，带指纹 / resident card, 20-year validity, "
            "with fingerprints", fingerprint=True,
            name="王建国", sex="男", sex_code="1", nation="汉", nation_code="01",
            birth_date=date(1985, 6, 15), address="湖北省襄阳市保康县城关镇光千路18号",
            id_number=_number("42062619850615001"), issuer="保康县公安局",
            valid_from=date(2016, 3, 1), valid_to=date(2036, 3, 1)),
        _resident(
            "rare_name", "生僻字姓名（䶮，扩展A区），校验码为X / a rare character in the name, "
            "check digit X",
            name="龚䶮", sex="男", sex_code="1", nation="土家", nation_code="15",
            birth_date=date(1991, 9, 23),
            address="湖北省恩施土家族苗族自治州利川市都亭街道清江大道56号",
            id_number=_number("42280219910923049"), issuer="利川市公安局",
            valid_from=date(2019, 10, 8), valid_to=date(2039, 10, 8)),
        _resident(
            "expired", "已过有效期的居民身份证 / an expired resident card",
            name="陈晓燕", sex="女", sex_code="2", nation="汉", nation_code="01",
            birth_date=date(1990, 2, 28), address="湖北省襄阳市襄城区檀溪路135号",
            id_number=_number("42060219900228002"), issuer="襄阳市公安局襄城分局",
            valid_from=date(2008, 5, 6), valid_to=date(2018, 5, 6)),
        _resident(
            "long_term", "长期有效的居民身份证 / a card valid without end (长期)",
            name="刘桂兰", sex="女", sex_code="2", nation="汉", nation_code="01",
            birth_date=date(1960, 11, 3), address="湖北省襄阳市保康县马桥镇尧治河村2组",
            id_number=_number("42062619601103004"), issuer="保康县公安局",
            valid_from=date(2012, 5, 20), valid_to=None),
        _resident(
            "elderly", "70岁以上老人，长期，带追加住址 / a citizen over 70, 长期, with an "
            "appended address",
            name="赵德厚", sex="男", sex_code="1", nation="回", nation_code="03",
            birth_date=date(1948, 4, 12), address="湖北省襄阳市保康县歇马镇歇马街45号",
            appended_address="湖北省襄阳市保康县城关镇清溪路8号",
            id_number=_number("42062619480412003"), issuer="保康县公安局",
            valid_from=date(2006, 9, 15), valid_to=None),
        DeckCard("hmt_hk", "港澳台居民居住证（香港居民） / residence permit, Hong Kong resident",
                 IdentityCard(
                     card_type=CardType.HMT_RESIDENCE, name="陈家豪", sex="男", sex_code="1",
                     birth_date=date(1992, 7, 8), address="湖北省襄阳市樊城区人民路22号",
                     id_number=_number("81000019920708003"), issuer="襄阳市公安局",
                     valid_from=date(2023, 9, 1), valid_to=date(2028, 9, 1),
                     pass_number="H60123456", issue_count=1,
                     photo=bytearray(_bytes("hmt_hk", PHOTO_LEN, b"WLf\x00")))),
        DeckCard("hmt_tw", "港澳台居民居住证（台湾居民） / residence permit, Taiwan resident",
                 IdentityCard(
                     card_type=CardType.HMT_RESIDENCE, name="林雅婷", sex="女", sex_code="2",
                     birth_date=date(1995, 12, 1), address="湖北省武汉市洪山区珞喻路1037号",
                     id_number=_number("83000019951201002"), issuer="武汉市公安局洪山区分局",
                     valid_from=date(2024, 6, 18), valid_to=date(2029, 6, 18),
                     pass_number="06123456", issue_count=2,
                     photo=bytearray(_bytes("hmt_tw", PHOTO_LEN, b"WLf\x00")))),
        DeckCard("foreign_2017", "2017版外国人永久居留身份证 / foreign permanent resident card, "
                 "2017", IdentityCard(
                     card_type=CardType.FOREIGN_PERMANENT, name="史密斯",
                     english_name="SMITH JOHN ALEXANDER", sex="男", sex_code="1",
                     birth_date=date(1986, 3, 21), id_number="CAN420860321011",
                     nationality="CAN", version="2017", authority_code="1500", issuer="1500",
                     valid_from=date(2019, 5, 10), valid_to=date(2029, 5, 9),
                     photo=bytearray(_bytes("foreign_2017", PHOTO_LEN, b"WLf\x00")))),
    ]
    from drivers.idreader.text import FOREIGN_2023_NOTE, FOREIGN_2023_UNPARSED

    cards.append(DeckCard(
        "foreign_2023", "2023版外国人永久居留身份证（号码以9开头） / foreign permanent resident "
        "card, 2023 (number begins with 9)", IdentityCard(
            card_type=CardType.FOREIGN_PERMANENT, name=None, sex=None, sex_code=None,
            birth_date=date(1979, 5, 18), id_number=_number("94284019790518012"),
            nationality="840", version="2023", valid_from=None, valid_to=None,
            unparsed=FOREIGN_2023_UNPARSED, notes=(FOREIGN_2023_NOTE,),
            photo=bytearray(_bytes("foreign_2023", PHOTO_LEN, b"WLf\x00")))))
    return {card.key: card for card in cards}


DECK: MappingProxyType[str, DeckCard] = MappingProxyType(_build())
