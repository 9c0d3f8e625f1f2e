"""Which characters a printer's font has, and how lines wrap."""

from __future__ import annotations

import pytest

from drivers.printer.text import cells, clean, in_font, native_bytes, wrap

RARE = {  # character: the smallest printer charset that has it (None: no printer font)
    "政": "gb2312", "·": "gb2312", "—": "gb2312", "…": "gb2312", "「": "gb2312", "￥": "gb2312",
    "堃": "gbk", "珺": "gbk", "喆": "gbk", "赟": "gbk", "镕": "gbk", "玥": "gbk", "㎡": "gbk",
    "䶮": "gb18030", "€": "gb18030",
    "𠇔": None, "¥": None, "•": None, "\ue000": None,
}
ORDER = ("gb2312", "gbk", "gb18030")


@pytest.mark.parametrize("ch", sorted(RARE))
def test_each_charset_has_what_it_should_and_nothing_more(ch):
    smallest = RARE[ch]
    for charset in ORDER:
        wanted = smallest is not None and ORDER.index(charset) >= ORDER.index(smallest)
        assert in_font(ch, charset) == wanted, (ch, charset)
    assert not in_font(ch, "none")


def test_native_bytes_are_gb18030_gbk_or_utf8_and_none_when_a_glyph_is_missing():
    assert native_bytes("保康 A1", "gb18030", "gb2312") == "保康 A1".encode("gb18030")
    assert native_bytes("王珺", "gbk", "gbk") == "王珺".encode("gbk")
    assert native_bytes("王珺", "utf-8", "gbk") == "王珺".encode()
    assert native_bytes("王珺", "gb18030", "gb2312") is None      # 珺 is not in GB 2312
    assert native_bytes("刘䶮", "gb18030", "gb18030") == "刘䶮".encode("gb18030")
    assert native_bytes("刘䶮", "gbk", "gb18030") is None          # GBK cannot encode 䶮
    assert native_bytes("——……", "gb18030", "gb2312") == b"\xa1\xaa" * 2 + b"\xa1\xad" * 2
    assert native_bytes("¥12", "gb18030", "gb18030") is None
    assert native_bytes("ABC", "raster", "gb2312") is None
    assert b"?" not in native_bytes("政务服务，。！？：；（）", "gb18030", "gb2312")


def test_widths_and_wrapping_follow_the_printer_cells():
    assert cells("A023") == 4 and cells("取号") == 4 and cells("¥") == 2
    assert wrap("保康县政务服务中心", 10) == ["保康县政务", "服务中心"]
    assert wrap("hello wide world", 11) == ["hello wide", "world"]
    # Closing punctuation never starts a line: the character before it comes along.
    assert wrap("一二三四，五", 8) == ["一二三", "四，五"]
    assert wrap("", 10) == [""]
    assert wrap("a\nb", 10) == ["a", "b"]
    # An opening bracket never ends a line; further lines start under the text.
    assert wrap("1. 居民身份证（原件核验）", 16, hanging=3) == ["1. 居民身份证", "   （原件核验）"]


def test_data_cannot_carry_printer_commands():
    assert clean("张\x1b@三\x1d!\x11") == "张@三!"
    assert clean("a\tb") == "a    b"
