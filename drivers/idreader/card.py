"""`IdentityCard`: what the reader read from a card, typed, with derived birth date and age.

Three kinds of card share the reader: the 居民身份证 (`resident`), the 港澳台居民居住证
(`hmt_residence`) and the 外国人永久居留身份证 (`foreign_permanent`, 2017 and 2023 versions).
A card's `repr` is masked and its photo and fingerprint are `bytearray`s that `wipe` zeroes,
so a card can sit in the citizen's session and go when the session goes. The photo is in the
vendor's own format: it is kept as bytes, never decoded, stored or logged.

    card.mask()           the fields as a screen or a receipt may show them
    card.as_json()        the fields under the keys of `kiosk read-card --json`
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any

from drivers.masking import (
    mask_address,
    mask_birth_date,
    mask_document_number,
    mask_id_number,
    mask_name,
)

LONG_TERM = "长期"


class CardType(StrEnum):
    RESIDENT = "resident"
    HMT_RESIDENCE = "hmt_residence"
    FOREIGN_PERMANENT = "foreign_permanent"


CARD_TYPE_NAMES = {
    CardType.RESIDENT: ("居民身份证", "resident identity card"),
    CardType.HMT_RESIDENCE: ("港澳台居民居住证", "residence permit for Hong Kong, Macao and "
                                                 "Taiwan residents"),
    CardType.FOREIGN_PERMANENT: ("外国人永久居留身份证", "foreign permanent resident ID card"),
}

# JSON keys every card has, then each type's own (the contract of `kiosk read-card --json`).
COMMON_KEYS = ("card_type", "name", "sex", "nation", "birth_date", "address", "id_number",
               "issuer", "valid_from", "valid_to")
TYPE_KEYS = {
    CardType.RESIDENT: (),
    CardType.HMT_RESIDENCE: ("pass_number", "issue_count"),
    CardType.FOREIGN_PERMANENT: ("english_name", "nationality", "card_number"),
}


@dataclass(frozen=True, repr=False)
class IdentityCard:
    """One card as read. Dates are `date`s; `valid_to` is None for a 长期 (no end) card.

    Fields a card type does not have are None. `unparsed` names the fields this driver could
    not read from the card (the 2023 permanent residence card), and `notes` says so in words.
    """

    card_type: CardType
    id_number: str
    name: str | None
    sex: str | None                 # 男, 女, 未知, 未说明
    sex_code: str | None
    birth_date: date
    valid_from: date | None
    valid_to: date | None           # None: 长期
    nation: str | None = None       # resident cards only: 汉, 土家, ...
    nation_code: str | None = None
    address: str | None = None
    appended_address: str | None = None  # 追加住址, when the police endorsed a move
    issuer: str | None = None
    pass_number: str | None = None  # hmt_residence: 港澳居民来往内地通行证 / 台湾居民来往大陆通行证
    issue_count: int | None = None  # hmt_residence: how many times this permit was issued
    english_name: str | None = None  # foreign_permanent
    nationality: str | None = None   # foreign_permanent: ISO 3166-1 alpha-3 (2017) or numeric
    version: str | None = None       # foreign_permanent: "2017" or "2023"
    authority_code: str | None = None  # foreign_permanent: 受理机关代码
    unparsed: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (Chinese, English) sentences
    photo: bytearray = field(default_factory=bytearray, compare=False)
    fingerprint: bytearray = field(default_factory=bytearray, compare=False)

    # derived ---------------------------------------------------------------------------------

    @property
    def card_number(self) -> str | None:
        """The card's own number: for a foreign permanent resident, what stands for an ID."""
        return self.id_number if self.card_type is CardType.FOREIGN_PERMANENT else None

    @property
    def type_name(self) -> str:
        return CARD_TYPE_NAMES[self.card_type][0]

    @property
    def current_address(self) -> str | None:
        """Where the holder lives now: the appended address when there is one."""
        return self.appended_address or self.address

    def age(self, on: date | None = None) -> int:
        """Whole years of age on `on` (today by default)."""
        on = on or date.today()
        years = on.year - self.birth_date.year
        return years - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))

    def expired(self, on: date | None = None) -> bool:
        return self.valid_to is not None and self.valid_to < (on or date.today())

    @property
    def valid_to_text(self) -> str | None:
        """YYYY-MM-DD, 长期, or None when the card's validity could not be read."""
        if self.valid_to is not None:
            return self.valid_to.isoformat()
        return None if "valid_to" in self.unparsed else LONG_TERM

    # output ----------------------------------------------------------------------------------

    def as_json(self, *, masked: bool = True) -> dict[str, Any]:
        """The fields under the keys of `kiosk read-card --json`, masked unless told not to."""
        values: dict[str, Any] = {
            "card_type": self.card_type.value,
            "name": self.name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
            "address": self.current_address,
            "id_number": self.id_number,
            "issuer": self.issuer,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to_text,
            "pass_number": self.pass_number,
            "issue_count": self.issue_count,
            "english_name": self.english_name,
            "nationality": self.nationality,
            "card_number": self.card_number,
        }
        if masked:
            values.update(self.mask().as_dict())
        return {key: values[key] for key in (*COMMON_KEYS, *TYPE_KEYS[self.card_type])}

    def mask(self) -> MaskedCard:
        """The card as a screen or a receipt may show it."""
        return MaskedCard(
            card_type=self.card_type.value,
            type_name=self.type_name,
            name=mask_name(self.name) if self.name else None,
            sex=self.sex,
            nation=self.nation,
            birth_date=mask_birth_date(self.birth_date.isoformat()),
            address=mask_address(self.current_address) if self.current_address else None,
            id_number=mask_id_number(self.id_number),
            issuer=self.issuer,
            valid_from=self.valid_from.isoformat() if self.valid_from else None,
            valid_to=self.valid_to_text,
            pass_number=mask_document_number(self.pass_number) if self.pass_number else None,
            issue_count=self.issue_count,
            english_name=mask_name(self.english_name) if self.english_name else None,
            nationality=self.nationality,
            card_number=mask_id_number(self.id_number) if self.card_number else None,
        )

    def wipe(self) -> None:
        """Zero the photo and fingerprint in place (the session calls this when it ends)."""
        self.photo[:] = bytes(len(self.photo))
        self.fingerprint[:] = bytes(len(self.fingerprint))

    def __repr__(self) -> str:
        # A card printed by accident (a traceback, a debugger) shows only what a screen may.
        return f"IdentityCard({self.mask()!r})"


@dataclass(frozen=True)
class MaskedCard:
    """A card's fields as text that may be shown or printed."""

    card_type: str
    type_name: str
    name: str | None
    sex: str | None
    nation: str | None
    birth_date: str
    address: str | None
    id_number: str
    issuer: str | None
    valid_from: str | None
    valid_to: str | None
    pass_number: str | None
    issue_count: int | None
    english_name: str | None
    nationality: str | None
    card_number: str | None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
