"""The card text block: every card type field by field, masks, JSON keys, and broken blocks."""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.errors import ProtocolError
from drivers.idreader.card import COMMON_KEYS, CardType
from drivers.idreader.deck import DECK
from drivers.idreader.errors import CardDataError
from drivers.idreader.text import encode_text, parse_text

TODAY = date(2026, 11, 22)


def ucs2(text: str, size: int) -> bytes:
    data = text.encode("utf-16-le")
    return data + " ".encode("utf-16-le") * ((size - len(data)) // 2)


def resident_block() -> bytearray:
    """A resident card's text block written out field by field, as the card holds it."""
    return bytearray(
        ucs2("张三", 30) + ucs2("1", 2) + ucs2("01", 4) + ucs2("19580312", 16)
        + ucs2("湖北省襄阳市保康县城关镇光千路12号", 70) + ucs2("420626195803121517", 36)
        + ucs2("保康县公安局", 30) + ucs2("20100505", 16) + ucs2("长期", 16) + ucs2("", 36))


def test_a_resident_card_field_by_field():
    photo = bytes(range(256)) * 4
    card = parse_text(bytes(resident_block()), photo)
    assert card.card_type is CardType.RESIDENT
    assert (card.name, card.sex, card.sex_code, card.nation, card.nation_code) == (
        "张三", "男", "1", "汉", "01")
    assert card.birth_date == date(1958, 3, 12)
    assert card.address == "湖北省襄阳市保康县城关镇光千路12号"
    assert card.id_number == "420626195803121517"
    assert card.issuer == "保康县公安局"
    assert (card.valid_from, card.valid_to, card.valid_to_text) == (date(2010, 5, 5), None, "长期")
    assert card.age(TODAY) == 68 and card.age(date(2028, 3, 11)) == 69
    assert card.age(date(2028, 3, 12)) == 70
    assert not card.expired(TODAY)
    assert bytes(card.photo) == photo and isinstance(card.photo, bytearray)


@pytest.mark.parametrize("key", sorted(DECK))
def test_every_deck_card_comes_back_exactly(key):
    deck = DECK[key].card
    card = parse_text(encode_text(deck), DECK[key].photo, DECK[key].fingerprint)
    # The appended address comes with its own command (30 03), not in the text.
    assert card == dataclasses.replace(deck, appended_address=None)
    assert set(card.as_json(masked=False)) == set(COMMON_KEYS) | {
        CardType.RESIDENT: set(),
        CardType.HMT_RESIDENCE: {"pass_number", "issue_count"},
        CardType.FOREIGN_PERMANENT: {"english_name", "nationality", "card_number"},
    }[card.card_type]


def test_the_special_cards_of_the_deck():
    rare = DECK["rare_name"].card
    assert rare.name == "龚䶮" and rare.id_number.endswith("X") and rare.nation == "土家"
    assert DECK["expired"].card.expired(TODAY)
    assert DECK["long_term"].card.valid_to is None
    elderly = DECK["elderly"].card
    assert elderly.age(TODAY) >= 70 and elderly.current_address == elderly.appended_address
    hk, tw = DECK["hmt_hk"].card, DECK["hmt_tw"].card
    assert (hk.pass_number, hk.issue_count, hk.nation) == ("H60123456", 1, None)
    assert (tw.id_number[:6], tw.pass_number, tw.issue_count) == ("830000", "06123456", 2)
    old = DECK["foreign_2017"].card
    assert (old.english_name, old.nationality, old.card_number, old.version) == (
        "SMITH JOHN ALEXANDER", "CAN", "CAN420860321011", "2017")
    new = DECK["foreign_2023"].card
    assert new.id_number.startswith("9") and len(new.id_number) == 18
    assert (new.version, new.nationality, new.birth_date) == ("2023", "840", date(1979, 5, 18))
    assert "name" in new.unparsed and new.as_json(masked=False)["valid_to"] is None
    assert "not parsed" in new.notes[0][1] and "未解析" in new.notes[0][0]


def test_masks_for_screen_and_paper_and_a_masked_repr():
    card = parse_text(bytes(resident_block()))
    masked = card.mask()
    assert (masked.name, masked.id_number, masked.birth_date, masked.address) == (
        "张*", "420***********1517", "1958-**-**", "湖北省襄阳市****")
    shown = repr(card) + str(card.as_json())
    for secret in ("张三", "420626195803121517", "光千路", "19580312", "1958-03-12"):
        assert secret not in shown
    assert card.as_json(masked=False)["birth_date"] == "1958-03-12"
    foreign = DECK["foreign_2017"].card.as_json()
    assert foreign["english_name"] == "S**** J*** A********"
    assert foreign["card_number"] == "CAN********1011"
    assert DECK["hmt_hk"].card.as_json()["pass_number"] == "H6*****56"


def test_wipe_zeroes_the_photo_and_fingerprint():
    card = parse_text(encode_text(DECK["resident"].card), DECK["resident"].photo,
                      DECK["resident"].fingerprint)
    photo, fingerprint = card.photo, card.fingerprint
    card.wipe()
    assert photo == bytearray(1024) and fingerprint == bytearray(1024)


def _put(block: bytearray, start: int, size: int, text: str) -> bytes:
    block[start:start + size] = ucs2(text, size)
    return bytes(block)


@pytest.mark.parametrize(("spoil", "words"), [
    (lambda b: bytes(b[:200]), "256"),
    (lambda b: _put(b, 30, 2, "3"), "sex code"),
    (lambda b: _put(b, 32, 4, "57"), "nation code"),
    (lambda b: _put(b, 36, 16, "19580230"), "birth"),
    (lambda b: _put(b, 122, 36, "420626195803121518"), "check digit"),
    (lambda b: _put(b, 36, 16, "19580313"), "birth date differs"),
    (lambda b: _put(b, 30, 2, "2"), "sex differs"),
    (lambda b: _put(b, 0, 30, ""), "name field is empty"),
    (lambda b: _put(b, 204, 16, "20090101"), "ends before it begins"),
    (lambda b: _put(b, 248, 2, "Q"), "card type"),
    (lambda b: bytes(b[:52]) + b"\x00\xd8" + bytes(b[54:]), "not UCS-2"),
    (lambda b: _put(b, 52, 70, "湖北省\n保康县"), "control characters"),
])
def test_a_card_that_cannot_be_right_is_refused_in_words(spoil, words):
    with pytest.raises(CardDataError) as caught:
        parse_text(spoil(resident_block()))
    assert words in caught.value.message("en")
    assert caught.value.message("zh_CN")
    for secret in ("张三", "420626195803121517", "19580312"):  # no value in the words
        assert secret not in caught.value.message("en") + caught.value.message("zh_CN")


FUZZ = settings(max_examples=200, deadline=None)
VALID = [encode_text(card.card) for card in DECK.values()]


@FUZZ
@given(st.binary(min_size=0, max_size=300))
def test_random_bytes_are_refused_with_protocol_errors_only(block):
    with contextlib.suppress(ProtocolError):
        parse_text(block)


@FUZZ
@given(st.sampled_from(VALID), st.lists(st.tuples(st.integers(0, 255), st.integers(0, 7)),
                                        min_size=1, max_size=6))
def test_bit_flips_in_real_blocks(block, flips):
    broken = bytearray(block)
    for index, bit in flips:
        broken[index] ^= 1 << bit
    try:
        card = parse_text(bytes(broken))
    except ProtocolError:
        return
    assert card.card_type in CardType  # a flip in padding or a flip that still makes a card


@FUZZ
@given(st.sampled_from(VALID), st.integers(0, 255))
def test_truncated_blocks(block, size):
    with pytest.raises(ProtocolError):
        parse_text(block[:size])


@FUZZ
@given(st.binary(min_size=256, max_size=256))
def test_random_256_byte_blocks(block):
    with contextlib.suppress(ProtocolError):
        parse_text(block)


@FUZZ
@given(st.lists(st.text(max_size=40), min_size=12, max_size=12),
       st.sampled_from(["", "J", "I", "Y", "\x00", "X"]))
def test_random_text_in_every_field(texts, kind):
    # The layout's fields filled with any text that fits: the parser says yes or no in words.
    sizes = [30, 2, 4, 16, 70, 36, 30, 16, 16, 18, 4, 6]
    block = bytearray()
    for text, size in zip(texts, sizes, strict=True):
        data = text.encode("utf-16-le", "surrogatepass")[:size]
        block += data + b"\x20\x00" * ((size - len(data)) // 2) + b"\x00" * ((size - len(data)) % 2)
    block += ucs2(kind, 2) + ucs2("", 6)
    try:
        parse_text(bytes(block))
    except ProtocolError as exc:
        assert exc.message("en") and exc.message("zh_CN")


@pytest.mark.parametrize("kind", ["", "I", "Y"])
def test_the_2023_card_is_known_by_its_number_whatever_its_type_mark(kind):
    block = bytearray(encode_text(DECK["foreign_2023"].card))
    block[248:250] = ucs2(kind, 2)
    card = parse_text(bytes(block))
    assert card.version == "2023" and card.id_number == DECK["foreign_2023"].card.id_number
