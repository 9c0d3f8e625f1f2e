"""GB 11643-1999 citizen identity numbers: known good, known bad, and why."""

from __future__ import annotations

from datetime import date

import pytest

from drivers.idreader.gb11643 import (
    IdNumberError,
    check_digit,
    check_foreign_number,
    check_id_number,
)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(("number", "region", "birth", "sex"), [
    ("11010519491231002X", "110105", date(1949, 12, 31), "2"),  # the standard's own example
    ("440524188001010014", "440524", date(1880, 1, 1), "1"),   # ... and its other one
    ("420626195803121517", "420626", date(1958, 3, 12), "1"),
    ("42280219910923049x", "422802", date(1991, 9, 23), "1"),   # a lower-case x is an X
    ("810000199207080039", "810000", date(1992, 7, 8), "1"),    # Hong Kong residence permit
    ("830000199512010022", "830000", date(1995, 12, 1), "2"),   # Taiwan residence permit
])
def test_known_good_numbers(number, region, birth, sex):
    facts = check_id_number(number, today=TODAY)
    assert (facts.region, facts.birth_date, facts.sex_code) == (region, birth, sex)


@pytest.mark.parametrize(("number", "words"), [
    ("420626195803121518", "check digit"),
    ("11010519491231002Y", "17 digits and a check digit"),
    ("4206261958031215", "17 digits and a check digit"),
    ("420626 19580312151", "17 digits and a check digit"),
    ("４２０６２６１９５８０３１２１５１７", "17 digits and a check digit"),  # full-width digits
    ("420626195802301510", None),     # 30 February
    ("420626203001011510", None),     # born in the future
    ("990626195803121517", None),     # no province 99
    ("810100199207080031", None),     # residence permits are 810000, 820000 or 830000
    ("420026195803121510", None),     # a region with no city
])
def test_known_bad_numbers_say_why(number, words):
    body = number[:17]
    if words is None:
        if body.isdigit():
            number = body + check_digit(body)  # the check digit is right; something else is not
        with pytest.raises(IdNumberError) as caught:
            check_id_number(number, today=TODAY)
    else:
        with pytest.raises(IdNumberError) as caught:
            check_id_number(number, today=TODAY)
        assert words in str(caught.value)
    assert caught.value.message_zh and caught.value.message_en
    assert number not in caught.value.message_en and number not in caught.value.message_zh


def test_the_2023_permanent_residence_number():
    number = "94284019790518012" + check_digit("94284019790518012")
    facts = check_foreign_number(number, today=TODAY)
    assert (facts.province, facts.nationality_code, facts.birth_date) == (
        "湖北省", "840", date(1979, 5, 18))
    with pytest.raises(IdNumberError):
        check_foreign_number(number[:-1] + ("0" if number[-1] != "0" else "1"), today=TODAY)
    with pytest.raises(IdNumberError):
        check_foreign_number("420626195803121517", today=TODAY)
