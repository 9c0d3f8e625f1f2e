"""Drawing printer text as dots: the simulator's "printer font" and the driver's raster lines.

Both draw a line the same way, cell by cell (12×24 dots for ASCII, 24×24 for the rest, times
the magnification), with the same CJK font, so a line the driver had to send as a picture looks
exactly like the same line printed in the printer's Chinese mode. Glyphs are drawn with
anti-aliasing and thresholded, as a 203 dpi thermal head would show them; wide Latin letters
are narrowed to their half-width cell, the way printer fonts draw them.

The font is handed in (`FontFiles`): the kiosk finds it (`kiosk.fonts`); a .ttc collection
takes a face index (face 2 of Noto Sans CJK's .ttc is Simplified Chinese).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageFont

CELL_W = 12          # a half-width cell at normal size, in dots
CELL_H = 24          # a character's height at normal size, in dots
LINE_SPACING = 30    # the driver sets ESC 3 30: 30 dots from one line to the next
PAPER, INK = 255, 0  # grey levels of the rendered paper


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path | None = None
    face_index: int = 0


@dataclass(frozen=True)
class Cell:
    """One character as printed: its magnification, weight, and whether it is inverted.
    `missing` marks a code the printer's font has no glyph for (drawn as an empty box)."""

    ch: str
    width: int = 1
    height: int = 1
    bold: bool = False
    inverse: bool = False
    underline: bool = False
    missing: bool = False

    @property
    def wide(self) -> bool:
        return not " " <= self.ch <= "~"

    @property
    def dots_wide(self) -> int:
        return (2 if self.wide else 1) * CELL_W * self.width

    @property
    def dots_high(self) -> int:
        return CELL_H * self.height


def line_height(cells: Sequence[Cell], spacing: int = LINE_SPACING) -> int:
    """Dots the paper moves for a line: the line spacing, or the tallest character."""
    return max([spacing, *(c.dots_high for c in cells)])


class GlyphPainter:
    """Draws cells and whole lines with one font; glyphs are cached."""

    def __init__(self, fonts: FontFiles) -> None:
        self.fonts = fonts
        self._glyph = lru_cache(maxsize=4096)(self._draw_glyph)
        self._font = lru_cache(maxsize=64)(self._load_font)

    def line(self, cells: Sequence[Cell], dots: int, align: str = "left",
             spacing: int = LINE_SPACING) -> Image.Image:
        """One printed line, `dots` wide, as a greyscale image of paper (255) and ink (0)."""
        from PIL import Image

        height = line_height(cells, spacing)
        strip = Image.new("L", (dots, height), PAPER)
        self.draw(strip, cells, 0, align)
        return strip

    def draw(self, strip: Image.Image, cells: Sequence[Cell], top: int, align: str) -> None:
        """Draw `cells` into `strip` with their tops at `top` (characters share a bottom)."""
        total = sum(c.dots_wide for c in cells)
        x = {"center": (strip.width - total) // 2, "right": strip.width - total}.get(align, 0)
        x = max(0, x)
        tallest = max((c.dots_high for c in cells), default=0)
        for cell in cells:
            y = top + tallest - cell.dots_high
            box = (x, y, x + cell.dots_wide, y + cell.dots_high)
            if cell.inverse:
                strip.paste(INK, box)
            if cell.missing:
                self._missing_box(strip, box, PAPER if cell.inverse else INK)
            elif cell.ch != " ":
                mask = self._glyph(cell.ch, cell.width, cell.height, cell.bold)
                strip.paste(PAPER if cell.inverse else INK, box[:2], mask)
            if cell.underline:
                strip.paste(INK, (x, box[3] - max(1, cell.height), box[2], box[3]))
            x += cell.dots_wide

    def text_cells(self, text: str, *, size: int = 1, bold: bool = False,
                   inverse: bool = False) -> list[Cell]:
        return [Cell(ch, size, size, bold, inverse) for ch in text]

    @staticmethod
    def _missing_box(strip: Image.Image, box: tuple[int, int, int, int], colour: int) -> None:
        from PIL import ImageDraw

        left, top, right, bottom = box
        ImageDraw.Draw(strip).rectangle((left + 2, top + 2, right - 3, bottom - 3),
                                        outline=colour, width=1)

    def _load_font(self, px: int, bold: bool) -> ImageFont.FreeTypeFont:
        from PIL import ImageFont

        path = self.fonts.bold if bold and self.fonts.bold else self.fonts.regular
        return ImageFont.truetype(str(path), px, index=self.fonts.face_index)

    def _draw_glyph(self, ch: str, width: int, height: int, bold: bool) -> Image.Image:
        """A mask (255 where ink goes) the size of the character's cell."""
        from PIL import Image, ImageDraw

        wide = not " " <= ch <= "~"
        px = CELL_H * height
        natural_w = (2 if wide else 1) * CELL_W * height
        cell_w = (2 if wide else 1) * CELL_W * width
        # ASCII a little smaller, so ascenders (f) and descenders (g) both fit the cell.
        font = self._font(px if wide else round(px * 0.92), bold)
        stroke = 1 if bold and not self.fonts.bold else 0
        advance = math.ceil(font.getlength(ch)) + 2 * stroke
        canvas_w = max(advance, natural_w)
        # CJK sits on the ideographic em box (baseline at 0.88 em); ASCII a little higher so
        # descenders stay inside the 24-dot cell, as in a printer's 12×24 font.
        baseline = round(px * (0.88 if wide else 0.76))
        canvas = Image.new("L", (canvas_w, px), 0)
        ImageDraw.Draw(canvas).text((canvas_w / 2, baseline), ch, font=font, fill=255,
                                    anchor="ms", stroke_width=stroke, stroke_fill=255)
        if canvas_w != cell_w:
            canvas = canvas.resize((cell_w, px), Image.Resampling.LANCZOS)
        return canvas.point(lambda v: 255 if v >= 128 else 0)


def to_bitmap(image: Image.Image) -> Image.Image:
    """Greyscale paper to 1-bit, without dithering (what a thermal head prints)."""
    return image.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=0)
