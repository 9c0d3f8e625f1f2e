"""Fonts: the Simplified Chinese face of Noto Sans CJK, or a refusal to start."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from kiosk.errors import FontNotFound
from kiosk.fonts import find_fonts


def test_the_simplified_chinese_face_is_extracted_once(font_cache):
    fonts = find_fonts(None, font_cache)
    assert "SC" in TTFont(fonts.regular)["name"].getDebugName(4)
    assert "SC" in TTFont(fonts.bold)["name"].getDebugName(4)
    stamp = fonts.regular.stat().st_mtime_ns
    assert find_fonts(None, font_cache).regular.stat().st_mtime_ns == stamp
    assert fonts.icons is not None and fonts.icons.is_file()


def test_a_font_without_chinese_is_refused(tmp_path):
    with pytest.raises(FontNotFound, match="cannot show Chinese"):
        find_fonts(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), tmp_path)
