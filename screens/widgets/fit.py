"""Choosing a font size at which text fits its box without breaking a word.

Chinese text may break between any two characters and fits at full size in every layout;
English words are long and a large-type English "Appointment" may be wider than a tile. Rather
than split a word or spill out of the box, such text is shrunk until it fits. It never grows
past the theme's size, so elderly mode stays as large as the box allows.

Text is measured once, at full size; its extents scale with the font size, so smaller sizes
are worked out rather than measured again (measuring at a new size opens the font at that size,
which is the expensive part of laying out a screen).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kivy.core.text import Label as CoreLabel

SHRINK_STEP = 0.92
MIN_SCALE = 0.5
# Where words wrap, a line is rarely full: leave room for the part of a word that moves down.
WORD_WRAP_FILL = 0.85
# Chinese, Japanese kana, full-width forms: text that may break between any two characters.
_BREAKS_ANYWHERE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class TextBlock:
    text: str
    font_size: float
    bold: bool = False
    font_name: str = "KioskSans"


@dataclass(frozen=True)
class Extents:
    """A text at full size: its width on one line, its line height, its widest whole word."""

    line_width: float
    line_height: float
    widest_word: float
    wraps_by_word: bool


@lru_cache(maxsize=1024)
def _extents(text: str, font_size: float, bold: bool, font_name: str) -> Extents:
    label = CoreLabel(font_size=font_size, font_name=font_name, bold=bold)
    line_width, line_height = label.get_extents(text)
    words = [w for w in text.split() if not _BREAKS_ANYWHERE.search(w)]
    widest = max((label.get_extents(word)[0] for word in words), default=0)
    return Extents(line_width, line_height, widest, bool(words))


def single_line_width(block: TextBlock) -> float:
    """The width of `block` on one line at its full size."""
    if not block.text:
        return 0.0
    return _extents(block.text, block.font_size, block.bold, block.font_name).line_width


def _height_at(extents: Extents, scale: float, width: float) -> float:
    line_width = extents.line_width * scale
    if line_width <= width:
        return extents.line_height * scale
    room = width * (WORD_WRAP_FILL if extents.wraps_by_word else 1.0)
    return extents.line_height * scale * math.ceil(line_width / room)


def fitting_scale(blocks: Sequence[TextBlock], width: float, height: float,
                  spacing: float = 0.0) -> float:
    """The largest scale (≤ 1) at which every block's words fit `width` and all fit `height`."""
    if width <= 0 or height <= 0:
        return 1.0
    measured = [_extents(b.text, b.font_size, b.bold, b.font_name) for b in blocks if b.text]
    gaps = spacing * max(0, len(measured) - 1)
    scale = 1.0
    while scale > MIN_SCALE:
        widest = max((e.widest_word * scale for e in measured), default=0.0)
        total = gaps + sum(_height_at(e, scale, width) for e in measured)
        if widest <= width and total <= height:
            return scale
        scale *= SHRINK_STEP
    return MIN_SCALE
