"""The receipt document: what a printer can put on paper, in the printer's own vocabulary.

A `Receipt` is a list of blocks, top to bottom, ended by a cut:

    Text("保康县政务服务中心", size=2, bold=True, align=Align.CENTER)
    Pair("前面等候", "5 人")            label on the left, value on the right of one line
    Separator()                        a rule across the paper
    Space(24)                          blank paper, in dots (8 dots = 1 mm)
    QR("https://…", module=6)          a QR code, centred

It lives here, below the kiosk, because it is what the driver knows how to print: the layouts
that say *what* goes on a queue ticket or an acknowledgement (and mask the personal data on
it) belong to the kiosk (`kiosk.receipts`) and produce these documents. Nothing here knows
about tickets, citizens or Chinese government forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper. `size` magnifies width and height (1 to 8);
    `inverse` prints white on black (a badge such as 绿色通道); lines after the first are
    indented by `hanging` half-width cells (numbered lists, "label：value" lines)."""

    text: str
    size: int = 1
    bold: bool = False
    align: Align = Align.LEFT
    inverse: bool = False
    hanging: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.size <= 8:
            raise ValueError(f"text size {self.size} is outside 1 to 8")


@dataclass(frozen=True)
class Pair:
    """A label at the left and its value at the right of one line; the value moves to a line
    of its own when both do not fit."""

    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Separator:
    """A rule across the paper, drawn with `char` (a half-width character)."""

    char: str = "-"


@dataclass(frozen=True)
class Space:
    """Blank paper, `dots` high (up to 255)."""

    dots: int = 24

    def __post_init__(self) -> None:
        if not 0 < self.dots <= 255:
            raise ValueError(f"space of {self.dots} dots is outside 1 to 255")


@dataclass(frozen=True)
class QR:
    """A QR code, centred; `module` is the width of one module in dots (1 to 16)."""

    data: str
    module: int = 6

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("a QR code needs data")
        if not 1 <= self.module <= 16:
            raise ValueError(f"QR module {self.module} is outside 1 to 16 dots")


Block = Text | Pair | Separator | Space | QR


@dataclass(frozen=True)
class Receipt:
    """One receipt, cut at the end. `kind` names it in logs ("ticket", "test_page"...); it
    must never carry personal data."""

    kind: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
