"""The input method's candidates: examples from the hall, accuracy on the list, properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kiosk.ime as ime
from kiosk.ime.evaluate import accuracy, load_cases, misses

CASES = Path(__file__).with_name("cases.tsv")


@pytest.mark.parametrize(("typed", "word", "within"), [
    ("zhangsan", "张三", 1),            # full pinyin
    ("bdcdj", "不动产登记", 1),         # initials
    ("bdcdengji", "不动产登记", 1),     # initials, then full syllables
    ("zhangs", "张三", 2),              # full, then an initial
    ("baokangxian", "保康县", 1),       # the demo county
    ("bkx", "保康县", 1),
    ("maqiaozhen", "马桥镇", 1),        # a township of it
    ("mqz", "马桥镇", 1),
    ("xi'an", "西安", 1),               # the separator
    ("shehuibaozhangka", "社会保障卡", 1),
    ("yjs", "一件事", 1),
    ("wangxiuying", "王秀英", 1),
    ("oyx", "欧阳修", 1),               # a, o, e stand for syllables without an initial
    ("chushengriqi", "出生日期", 1),    # no such word: composed from 出生 and 日期
    ("lue", "略", 1),                   # pypinyin's lve, typed the keyboard way
    ("lv", "绿", 5),
    ("zhon", "中", 1),                  # still typing the last syllable
])
def test_what_citizens_type_comes_first(typed, word, within):
    assert word in ime.candidates(typed)[:within]


@pytest.mark.parametrize(("typed", "surname"), [("shan", "单"), ("zeng", "曾"), ("xie", "解"),
                                                 ("qiu", "仇"), ("zha", "查"), ("piao", "朴")])
def test_surnames_with_their_surname_reading_are_on_the_first_page(typed, surname):
    assert surname in ime.candidates(typed, 8)


def test_any_character_can_be_reached_by_paging():
    rare = ime.candidates("kun", 400)
    assert "堃" in rare and "琨" in rare
    assert "珺" in ime.candidates("jun", 400)


def test_a_full_syllable_is_read_as_itself_before_as_the_start_of_a_longer_one():
    first = ime.candidates("xian", 5)
    assert "县" in first and "想" not in first  # xiang is further down


def test_shorter_beginnings_follow_the_whole_input():
    found = ime.candidates("zhangsan", 60)
    assert found.index("张三") < found.index("张")
    assert "三" not in found  # a character for the second syllable is chosen after the first


def test_nonsense_and_empty_input_give_no_candidates_rather_than_an_error():
    assert ime.candidates("") == []
    assert ime.candidates("'''") == []
    assert ime.candidates("123 ,.!") == []
    assert ime.candidates("iiii") == []
    assert ime.candidates("zhangsan", 0) == []


def test_top5_accuracy_on_the_list_of_names_places_and_service_terms():
    typings = load_cases(CASES)
    assert len(typings) >= 600
    figures = accuracy(ime.candidates, typings)
    missed = [(t.word, t.letters, found) for t, found in misses(ime.candidates, typings)]
    assert figures["top5"] >= 0.95, missed
    assert figures["top5_full"] >= 0.98, missed
    assert figures["top5_service"] >= 0.98, missed
    assert figures["top5_place"] >= 0.97, missed


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", max_size=40),
       st.integers(min_value=0, max_value=30))
def test_never_fails_unique_and_limit_honoured(typed, limit):
    found = ime.candidates(typed, limit)
    assert len(found) <= limit
    assert len(found) == len(set(found))
    assert all(isinstance(text, str) and text for text in found)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_any_text_at_all_is_safe(typed):
    found = ime.candidates(typed)
    assert len(found) == len(set(found)) <= 10
