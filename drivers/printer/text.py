"""Text on a thermal printer: character widths, line wrapping, and what the printer can show.

In Chinese mode (FS &) a printer prints ASCII in half-width cells (12×24 dots at normal size)
and everything else in full-width cells (24×24). A line is printed natively only when every
character in it is in the printer's font; otherwise the driver sends that line as a picture,
so a name with a 生僻字, a line of punctuation or a ¥ never comes out as `?`.

Which characters the font has is the URL's `charset`: `gb2312` (the 6,763 common characters
and the GB 2312 symbols, what most receipt printers carry), `gbk` (21,003 characters, with
堃 珺 喆 赟 镕 and many others used in names) or `gb18030` (GBK and CJK Extension A such as
䶮). No printer font has Extension B and beyond (𠇔): those always go as a picture. The check
goes by the GB code a character is sent as: `·` (U+00B7) is A1A4, which a GB 2312 font has.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters a line must not start with, and must not end with (Chinese typesetting).
NO_LINE_START = frozenset("，。、；：？！）」』》】〕〉…—·’”%‰,.;:?!)]}")
NO_LINE_END = frozenset("（「『《【〔〈‘“([{")
_TOKENS = re.compile(r"[!-~]+| +|.", re.DOTALL)
_EXT_A = range(0x3400, 0x4DC0)
_PUA = range(0xE000, 0xF900)
_CHARSET_CODECS = {"gb2312": "gb2312", "gbk": "gbk", "gb18030": "gb18030"}


def is_ank(ch: str) -> bool:
    """A printable ASCII character, which every printer has in its own font."""
    return " " <= ch <= "~"


def cells(text: str) -> int:
    """Width in half-width cells: 1 for ASCII, 2 for everything else."""
    return sum(1 if is_ank(ch) else 2 for ch in text)


def clean(text: str) -> str:
    """Tabs to spaces; control and format characters removed, so data can never carry a
    printer command."""
    text = text.replace("\t", "    ")
    return "".join(ch for ch in text
                   if ch == "\n" or not unicodedata.category(ch).startswith("C"))


def in_font(ch: str, charset: str) -> bool:
    """Whether a printer whose font covers `charset` has a glyph for `ch`."""
    if is_ank(ch):
        return True
    if charset == "none":
        return False
    try:
        code = ch.encode("gb18030")
    except UnicodeEncodeError:
        return False
    if len(code) == 4:
        return charset == "gb18030" and ord(ch) in _EXT_A
    if len(code) != 2:
        return False
    try:
        shown = code.decode(_CHARSET_CODECS[charset])
    except UnicodeDecodeError:
        return False
    return ord(shown) not in _PUA


def native_bytes(line: str, encoding: str, charset: str) -> bytes | None:
    """The bytes of `line` for the printer's Chinese mode, or None when a character in it
    cannot be printed natively (the line then goes as a picture)."""
    if encoding == "raster":
        return None
    out = bytearray()
    for ch in line:
        if is_ank(ch):
            out += ch.encode("ascii")
            continue
        if not in_font(ch, charset):
            return None
        if encoding == "utf-8":
            out += ch.encode("utf-8")
            continue
        code = ch.encode("gb18030")
        if encoding == "gbk" and ch.encode("gbk", "replace") != code:
            return None  # not in GBK (four-byte codes, Extension A at GB18030-only codes)
        out += code
    return bytes(out)


def wrap(text: str, width: int, hanging: int = 0) -> list[str]:
    """Split `text` into lines of at most `width` cells: at spaces between ASCII words,
    anywhere between Chinese characters, never starting a line with closing punctuation.
    Lines after a paragraph's first are indented by `hanging` cells (when that leaves room)."""
    hanging = hanging if width - hanging >= 8 else 0
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        first, *rest = _wrap_paragraph(paragraph, max(width, 2))
        lines.append(first)
        if rest and hanging:
            rest = _wrap_paragraph("".join(_rejoin(rest)), width - hanging)
            rest = [" " * hanging + line for line in rest]
        lines += rest
    return lines


def _rejoin(lines: list[str]) -> list[str]:
    """Wrapped lines joined back, keeping the space where a line was broken between words."""
    joined: list[str] = []
    for line in lines:
        if joined and is_ank(joined[-1][-1:] or "x") and is_ank(line[:1] or "x"):
            joined.append(" ")
        joined.append(line)
    return joined


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for token in _TOKENS.findall(paragraph):
        size = cells(token)
        if used + size <= width:
            current.append(token)
            used += size
            continue
        if token.startswith(" "):
            lines.append("".join(current).rstrip())
            current, used = [], 0
            continue
        if size > width:  # a word longer than the line: break it where it must
            for ch in token:
                if used + cells(ch) > width:
                    lines.append("".join(current).rstrip())
                    current, used = [], 0
                current.append(ch)
                used += cells(ch)
            continue
        carried: list[str] = []
        if token[0] in NO_LINE_START and len(current) > 1 and len(current[-1]) == 1:
            carried = [current.pop()]  # take the last character down with the punctuation
        while current and current[-1] and current[-1][-1] in NO_LINE_END and len(current) > 1:
            carried.insert(0, current.pop())
        lines.append("".join(current).rstrip())
        current = [*carried, token]
        used = cells("".join(current))
    lines.append("".join(current))  # the paragraph's own trailing spaces stay (a badge's)
    return lines
