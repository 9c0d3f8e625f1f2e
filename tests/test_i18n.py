"""Every string on screen has its English, and Chinese strings use Chinese punctuation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from kiosk.i18n import catalog_path, translate
from tests.conftest import REPO

SCREENS = REPO / "screens"
MARKED = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)+)"\s*\)""")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _screen_sources() -> list[Path]:
    return sorted([*SCREENS.rglob("*.kv"), *SCREENS.rglob("*.py")])


def screen_strings() -> set[str]:
    """Every Chinese string the screens show: marked with _() or in the screens' tables."""
    from screens.home import SERVICES
    from screens.widgets.chrome import REASON_WORDS, ROLE_WORDS

    found = {m.group(1) for path in _screen_sources()
             for m in MARKED.finditer(path.read_text(encoding="utf-8"))}
    found |= {s.title for s in SERVICES} | {s.subtitle for s in SERVICES}
    found |= set(ROLE_WORDS.values()) | set(REASON_WORDS.values())
    return {text for text in found if CJK.search(text)}


def test_every_screen_string_has_an_english_translation():
    with catalog_path("en").open("rb") as fh:
        catalog = read_po(fh)
    translated = {m.id: m.string for m in catalog if m.id}
    missing = sorted(s for s in screen_strings() if not translated.get(s))
    assert missing == [], f"add to {catalog_path('en')}: {missing}"
    for source, english in translated.items():
        assert not CJK.search(english), f"untranslated: {source}"
        for placeholder in re.findall(r"\{\w+\}", source):
            assert placeholder in english, f"{placeholder} lost in {english!r}"


def test_translation_falls_back_to_chinese_never_to_nothing():
    assert translate("en", "取号") == "Take a number"
    assert translate("en", "一句还没有翻译的话") == "一句还没有翻译的话"
    assert translate("zh_CN", "取号") == "取号"


def test_chinese_strings_use_full_width_punctuation():
    ascii_next_to_cjk = re.compile(r"[\u4e00-\u9fff][,!?;:()]|[,!?;:()][\u4e00-\u9fff]")
    offenders = [f"{path.relative_to(REPO)}: {text}" for path in _screen_sources()
                 for text in re.findall(r'"([^"\n]*)"', path.read_text(encoding="utf-8"))
                 if ascii_next_to_cjk.search(text)]
    offenders += [text for text in screen_strings() if ascii_next_to_cjk.search(text)]
    assert offenders == []
