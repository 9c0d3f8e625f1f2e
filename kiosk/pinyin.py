"""Pinyin readings of Chinese text, for search and input.

Each Chinese character gets its reading in context first (重庆 → chong qing, 银行 → yin hang,
行长 → hang zhang) followed by its other readings, without tones; letters and digits read as
themselves; punctuation and spaces read as nothing. pypinyin's dictionaries take about half a
second to load, so this module imports it on first use: call it from a worker thread.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_load_lock = threading.Lock()


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def _pypinyin() -> object:
    with _load_lock:
        import pypinyin

        return pypinyin


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[tuple[str, ...], ...]:
    """One tuple of readings per syllable of `text`, the reading in context first.

    `readings("不动产登记（首次）")` → (("bu",), ("dong",), ("chan",), ("deng",), ("ji",),
    ("shou",), ("ci",)).
    """
    pypinyin = _pypinyin()
    style = pypinyin.Style.NORMAL  # type: ignore[attr-defined]
    in_context = pypinyin.lazy_pinyin(text, style=style, errors=lambda s: list(s))  # type: ignore[attr-defined]
    result: list[tuple[str, ...]] = []
    for index, char in enumerate(text):
        reading = in_context[index] if index < len(in_context) else char
        if _CJK.match(char):
            others = pypinyin.pinyin(char, style=style, heteronym=True)[0]  # type: ignore[attr-defined]
            ordered = [reading, *(r for r in others if r != reading)]
            result.append(tuple(r for r in ordered if r.isascii() and r.isalpha()))
        elif char.isascii() and char.isalnum():
            result.append((char.lower(),))
        # punctuation, spaces and symbols carry no sound
    return tuple(r for r in result if r)
