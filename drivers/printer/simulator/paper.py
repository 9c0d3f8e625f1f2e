"""The simulated paper: printed lines and pictures, cut into receipts saved as PNG and JSON.

Each cut writes `receipt-NNNN.png` (1-bit, the printer's dot width wide) and `receipt-NNNN.json`,
its journal: what was printed line by line, as the printer understood it:

    {"index": 3, "png": "receipt-0003.png", "width": 576, "height": 1032,
     "lines": ["保康县政务服务中心", "[image 576x30]", "[qr https://…]"],
     "job_bytes": 812, "interrupted": false, "missing_glyphs": 0, "unknown_commands": []}

Text lines are the characters decoded from the bytes (U+FFFD where the printer's font has no
glyph for a code); pictures are `[image WxH]`; native QR codes `[qr DATA]`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drivers.printer.glyphs import LINE_SPACING, Cell, GlyphPainter, line_height, to_bitmap

if TYPE_CHECKING:
    from PIL import Image

MISSING = "\ufffd"


@dataclass
class ReceiptRecord:
    index: int
    png: str
    width: int
    height: int
    lines: list[str]
    job_bytes: int = 0
    interrupted: bool = False
    missing_glyphs: int = 0
    unknown_commands: list[str] = field(default_factory=list)
    cut: str = "full"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Paper:
    """What has been printed since the last cut."""

    def __init__(self, dots: int, painter: GlyphPainter, out_dir: Path | None,
                 keep: int = 200) -> None:
        self.dots = dots
        self.painter = painter
        self.out_dir = out_dir
        self.keep = keep
        self.spacing = LINE_SPACING
        self.receipts: list[ReceiptRecord] = []
        self.changed = threading.Condition()
        self._strips: list[Image.Image] = []
        self._lines: list[str] = []
        self._cells: list[Cell] = []
        self._align = "left"
        self._used = 0
        self._interrupted = False
        self._job_bytes = 0
        self._missing = 0
        self._unknown: list[str] = []

    # what the interpreter calls -----------------------------------------------------------

    def add(self, cell: Cell, align: str) -> None:
        if not self._cells:
            self._align = align
        if self._used + cell.dots_wide > self.dots:  # the printer wraps by itself
            self.print_line()
            self._align = align
        self._cells.append(cell)
        self._used += cell.dots_wide
        self._missing += cell.missing

    @property
    def total(self) -> int:
        """Receipts cut since the simulator started."""
        return self.receipts[-1].index if self.receipts else 0

    @property
    def pending(self) -> bool:
        return bool(self._cells)

    def print_line(self, *, extra_dots: int = 0) -> None:
        """Print the characters waiting (or an empty line) and move the paper on."""
        from PIL import Image

        height = line_height(self._cells, self.spacing)
        strip = Image.new("L", (self.dots, height + extra_dots), 255)
        self.painter.draw(strip, self._cells, 0, self._align)
        self._strips.append(strip)
        self._lines.append("".join(MISSING if c.missing else c.ch for c in self._cells).rstrip())
        self._cells, self._used = [], 0

    def feed(self, dots: int) -> None:
        from PIL import Image

        if dots > 0:
            self._strips.append(Image.new("L", (self.dots, dots), 255))

    def picture(self, image: Image.Image, align: str, label: str | None = None) -> None:
        """A picture (raster image or QR symbol), `align`ed when narrower than the paper."""
        from PIL import Image

        if self._cells:
            self.print_line()
        strip = Image.new("L", (self.dots, image.height), 255)
        left = {"center": (self.dots - image.width) // 2,
                "right": self.dots - image.width}.get(align, 0)
        strip.paste(image.crop((0, 0, min(image.width, self.dots), image.height)),
                    (max(0, left), 0))
        self._strips.append(strip)
        self._lines.append(label or f"[image {image.width}x{image.height}]")

    def note_unknown(self, description: str) -> None:
        if len(self._unknown) < 50:
            self._unknown.append(description)

    def count_bytes(self, count: int) -> None:
        self._job_bytes += count

    def interrupt(self) -> None:
        """The printer stopped in the middle of this receipt (cover opened, paper ran out)."""
        if self._strips or self._cells or self._job_bytes:
            self._interrupted = True

    def cut(self, mode: str) -> ReceiptRecord:
        from PIL import Image

        if self._cells:
            self.print_line()
        height = sum(s.height for s in self._strips) or 1
        sheet = Image.new("L", (self.dots, height), 255)
        top = 0
        for strip in self._strips:
            sheet.paste(strip, (0, top))
            top += strip.height
        index = self.total + 1
        record = ReceiptRecord(index=index, png=f"receipt-{index:04d}.png", width=self.dots,
                               height=height, lines=self._lines, job_bytes=self._job_bytes,
                               interrupted=self._interrupted, missing_glyphs=self._missing,
                               unknown_commands=self._unknown, cut=mode)
        if self.out_dir is not None:
            self._save(record, to_bitmap(sheet))
        self._strips, self._lines = [], []
        self._interrupted, self._job_bytes, self._missing, self._unknown = False, 0, 0, []
        with self.changed:
            self.receipts.append(record)
            del self.receipts[:-self.keep]
            self.changed.notify_all()
        return record

    def _save(self, record: ReceiptRecord, sheet: Image.Image) -> None:
        assert self.out_dir is not None
        self.out_dir.mkdir(parents=True, exist_ok=True)
        sheet.save(self.out_dir / record.png, optimize=True)
        (self.out_dir / record.png).with_suffix(".json").write_text(
            json.dumps(record.as_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        old = record.index - self.keep
        if old > 0:
            for suffix in (".png", ".json"):
                (self.out_dir / f"receipt-{old:04d}{suffix}").unlink(missing_ok=True)
