"""The keyboard's composition: pages, choosing part of the letters, backspace, finishing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kiosk.ime as ime
from kiosk.ime import InputSession


def texts(session: InputSession) -> list[str]:
    return [c.text for c in session.page]


def test_a_whole_word_finishes_the_composition():
    session = InputSession(page_size=5)
    session.type("bdcdj")
    assert session.preedit == "bdcdj"
    assert texts(session)[0] == "不动产登记"
    assert session.choose(0) == "不动产登记"
    assert not session.active and session.page == []


def test_choosing_a_beginning_keeps_the_rest_of_the_letters():
    session = InputSession(page_size=5)
    session.type("zhangsan")
    assert choose_text(session, "张") is None
    assert (session.composed, session.pinyin, session.preedit) == ("张", "san", "张san")
    assert session.page_index == 0 and texts(session)[0] in ("三", "散", "伞")
    assert choose_text(session, "三") == "张三"


def choose_text(session: InputSession, text: str) -> str | None:
    while text not in texts(session):
        assert session.next_page(), f"{text} not offered"
    return session.choose(texts(session).index(text))


def test_backspace_takes_a_letter_then_the_last_choice_back():
    session = InputSession()
    session.type("liuzi")
    assert choose_text(session, "刘") is None
    assert session.preedit == "刘zi"
    assert session.backspace() and session.preedit == "刘z"
    assert session.backspace() and session.preedit == "刘"
    assert session.backspace() and (session.composed, session.pinyin) == ("", "liu")
    session.clear()
    assert not session.backspace()


def test_pages_go_forward_and_back():
    session = InputSession(page_size=4)
    session.type("shi")
    first = texts(session)
    assert len(first) == 4 and session.has_next and not session.has_prev
    assert session.next_page() and texts(session) != first and session.has_prev
    assert session.prev_page() and texts(session) == first
    assert not session.prev_page()


def test_the_last_page_ends():
    session = InputSession(page_size=8)
    session.type("eng")  # eng, then everything under e
    pages = 1
    while session.next_page():
        pages += 1
    assert 1 < pages < 500 and not session.has_next and session.page


def test_finish_keeps_letters_without_a_choice():
    session = InputSession()
    session.type("abc")
    assert session.finish() == "abc"
    assert not session.active


def test_choosing_outside_the_page_says_so():
    session = InputSession()
    session.type("a")
    with pytest.raises(IndexError):
        session.choose(50)
    with pytest.raises(ValueError):
        InputSession(page_size=0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["type", "back", "next", "prev", "choose"]), max_size=25),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=3))
def test_any_sequence_of_keys_is_safe(keys, letters):
    session = InputSession(ime.engine(), page_size=6)
    for key in keys:
        if key == "type":
            session.type(letters)
        elif key == "back":
            session.backspace()
        elif key == "next":
            session.next_page()
        elif key == "prev":
            session.prev_page()
        elif session.page:
            session.choose(0)
        page = session.page
        assert len(page) <= 6 and len({c.text for c in page}) == len(page)
        assert session.preedit == session.composed + session.pinyin
