"""What a key of the on-screen keyboard does to the text it types into."""

from __future__ import annotations

import pytest

pytest.importorskip("kivy")

from screens.widgets.keyboard import LAYOUTS, apply_key


def test_keys_append_within_the_limit() -> None:
    assert apply_key("bdc", "d", 6) == "bdcd"
    assert apply_key("123456", "7", 6) == "123456"


def test_backspace_and_clear() -> None:
    assert apply_key("bdc", "backspace", 6) == "bd"
    assert apply_key("", "backspace", 6) == ""
    assert apply_key("bdc", "clear", 6) == ""


def test_the_id_number_pad_has_x_and_no_clear_key_in_its_place() -> None:
    keys = {key for row in LAYOUTS["id_number"] for key in row}
    assert "X" in keys and set("0123456789") <= keys and "backspace" in keys
