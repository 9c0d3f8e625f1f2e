"""Personal data never reaches a log: masked in messages, arguments, fields and tracebacks."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.logs import setup_logging
from kiosk.masking import mask_address, mask_id_number, mask_name, mask_phone, scrub

ID_NUMBER = "420626195803121517"
OLD_ID = "420626580312151"
PHONE = "13872245678"


def test_masks_for_screen_and_paper():
    assert mask_id_number("510104199001011234") == "510***********1234"
    assert mask_id_number("42062619580312151X") == "420***********151X"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳修文") == "欧***"
    assert mask_name("ZHANG SAN") == "Z**** S**"
    assert mask_phone(PHONE) == "138****5678"
    assert mask_address("湖北省襄阳市保康县城关镇光千路12号") == "湖北省襄阳市****"


def test_scrub_finds_numbers_inside_text():
    text = f"card {ID_NUMBER}, old card {OLD_ID}, phone +86 {PHONE}, ticket A023, 2026"
    assert scrub(text) == ("card 420***********1517, old card 420********2151, "
                           "phone +86 138****5678, ticket A023, 2026")


@pytest.fixture
def restore_logging():
    yield
    setup_logging("WARNING", None, stderr=False)


def test_every_path_into_a_log_record_is_masked(tmp_path, capfd, restore_logging):
    log_file = tmp_path / "kiosk.log"
    setup_logging("DEBUG", log_file)  # here, so the handler writes to this test's stderr
    log = logging.getLogger("kiosk.test")
    log.info("read card %s", ID_NUMBER)  # in the arguments
    log.info(f"phone {PHONE}")  # in the message itself
    log.info("card read", extra={"personal": {"name": "张三丰", "id_number": ID_NUMBER,
                                              "address": "湖北省襄阳市保康县城关镇"}})
    log.warning("lookup", extra={"query": f"id={ID_NUMBER}"})  # in another field
    try:
        raise ValueError(f"no application for {ID_NUMBER}")
    except ValueError:
        log.exception("lookup failed")  # in a traceback
    logging.getLogger("kivy").info("third-party %s", PHONE)  # any logger at all

    stderr = capfd.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    for output in (stderr, written):
        assert ID_NUMBER not in output
        assert PHONE not in output
        assert "张三丰" not in output  # names are recognised as personal fields, not in free text
        assert "保康县城关镇" not in output
        assert "420***********1517" in output
        assert "138****5678" in output
    records = [json.loads(line) for line in written.splitlines()]
    assert records[2]["personal"] == {"name": "张**", "id_number": "420***********1517",
                                      "address": "湖北省襄阳市****"}
    assert "ValueError: no application for 420***********1517" in records[4]["exc"]
    assert {r["logger"] for r in records} >= {"kiosk.test", "kivy"}


def _valid_id(region: int, birth: str, seq: int) -> str:
    body = f"{region:06d}{birth}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


@settings(max_examples=200, deadline=None)
@given(before=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=30),
       after=st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=30),
       region=st.integers(110000, 659999), seq=st.integers(0, 999),
       birth=st.dates(date(1900, 1, 1), date(2026, 12, 31)).map(lambda d: d.strftime("%Y%m%d")))
def test_any_id_number_in_any_text_is_scrubbed(before, after, region, seq, birth):
    number = _valid_id(region, birth, seq)
    def glued(char: str) -> bool:
        return char.isascii() and char.isalnum()

    if glued(before[-1:]) or glued(after[:1]):
        return  # glued to letters it is part of a longer token, not an ID number
    assert number not in scrub(before + number + after)
