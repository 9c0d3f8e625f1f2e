"""Flat documents to photograph: A4 forms, 户口簿 pages, till receipts and ID-1 cards.

Each texture is drawn the way the real thing looks from above: Chinese headings and body text,
ruled tables, red seals, signatures, a QR code on some; certificates carry a printed border a
few millimetres inside the paper edge, which a detector must not mistake for the edge. Text is
drawn with Noto Sans CJK when Debian's `fonts-noto-cjk` is installed, else with OpenCV's Latin
stroke font, so the generator works anywhere (only the look of the text changes).

Textures are drawn once per (kind, variant) and cached; a photo picks a variant and tints it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

#: Physical sizes in millimetres (width, height) of each kind; receipts vary in length.
PAPER_SIZES_MM = {
    "a4": (210.0, 297.0),
    "booklet": (105.0, 143.0),   # a 户口簿 page
    "receipt": (80.0, 160.0),    # thermal till roll; length varies per variant
    "id_card": (85.6, 54.0),     # ISO/IEC 7810 ID-1
}
ID1_CORNER_RADIUS_MM = 3.18
VARIANTS = 12  # textures drawn per kind; photos vary everything else

_FONT_PATHS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
)
_SC_FACE = 2  # the Simplified Chinese face of the Noto Sans CJK collection

# Everyday characters of service-hall paperwork, for body text that looks like Chinese.
HANZI = (
    "政务服务办事理项区的全群便民中通实行提市建推上众人为进心新公管社在批工到和作现动部基体效网"
    "制业设化省层对镇窗门村口不下审等要大乡级方改力了立受四以能企高时合评度点成件关员年地放式革"
    "面机分三线升县保向同开各平发施程好系接及会标有代集用后跨次我证统题共率出台落目加场局位打最"
    "入过子导优主个委规构减跑联多于道日准延室确得解问步照并料责明求可百国单数持展流域伸定内供应"
    "督法材前自助备来近环范利电报厅结专类限相意重街申编领府资综经身策监强措就站二权频息造试先深"
    "差家将据完难反按清印享模组园山号月续示五交善质案支验广快查整让布指破价投州创称川文者由信无"
    "章本少生处置小已正老更名所许今速真热手牌做两别干间回决或传障承与原则达若知负帮性托切覆盖获"
    "从简聚果录职转南比金之坚映跟划访满把配容取捷城万健康见运咨底路任充姓字营商精引执增断产围踪"
    "着给情律宣馈素即截至介象互积均免询荐索请贯彻量十授严格直读视需依使补告外闻节感再缩荣被此短"
)
TITLES = {
    "a4": ("房屋租赁合同", "不动产登记申请书", "营业执照申请表", "出生医学证明", "个人信息登记表",
           "社会保险参保证明", "结婚登记审查处理表", "居住证申领登记表", "委托书", "收入证明"),
    "booklet": ("常住人口登记卡", "居民户口簿"),
    "receipt": ("受理回执", "缴费凭证", "排队凭条", "收费票据"),
    "id_card": ("居民身份证", "中华人民共和国"),
}


@dataclass(frozen=True)
class PageTexture:
    """A document seen flat: BGR pixels, coverage (255 on paper), physical size in mm."""

    kind: str
    image: np.ndarray
    alpha: np.ndarray
    size_mm: tuple[float, float]


@cache
def _font_path() -> Path | None:
    return next((p for p in _FONT_PATHS if p.is_file()), None)


@cache
def _pil_font(size: int):  # a PIL FreeTypeFont; PIL is imported only when drawing
    from PIL import ImageFont

    path = _font_path()
    return ImageFont.truetype(str(path), size, index=_SC_FACE) if path else None


class _Canvas:
    """A page being drawn: Pillow for text when a CJK font exists, OpenCV for shapes."""

    def __init__(self, width: int, height: int, px_per_mm: float, paper_bgr: tuple[int, ...]):
        self.px = px_per_mm
        self.image = np.empty((height, width, 3), np.uint8)
        self.image[:] = paper_bgr
        self._texts: list[tuple[float, float, str, int, tuple[int, ...]]] = []

    def mm(self, value: float) -> int:
        return round(value * self.px)

    def text(self, x_mm: float, y_mm: float, text: str, size_mm: float,
             bgr: tuple[int, ...] = (40, 40, 40)) -> None:
        self._texts.append((x_mm, y_mm, text, max(6, self.mm(size_mm)), bgr))

    def line(self, x0: float, y0: float, x1: float, y1: float,
             bgr: tuple[int, ...] = (60, 60, 60), width_mm: float = 0.3) -> None:
        cv2.line(self.image, (self.mm(x0), self.mm(y0)), (self.mm(x1), self.mm(y1)), bgr,
                 max(1, self.mm(width_mm)), cv2.LINE_AA)

    def rect(self, x0: float, y0: float, x1: float, y1: float, bgr: tuple[int, ...],
             width_mm: float = 0.3, fill: bool = False) -> None:
        thickness = -1 if fill else max(1, self.mm(width_mm))
        cv2.rectangle(self.image, (self.mm(x0), self.mm(y0)), (self.mm(x1), self.mm(y1)), bgr,
                      thickness, cv2.LINE_AA)

    def finish(self) -> np.ndarray:
        font_ok = _font_path() is not None
        if font_ok and self._texts:
            from PIL import Image, ImageDraw

            pil = Image.fromarray(self.image[:, :, ::-1])
            draw = ImageDraw.Draw(pil)
            for x_mm, y_mm, text, size, bgr in self._texts:
                draw.text((self.mm(x_mm), self.mm(y_mm)), text, font=_pil_font(size),
                          fill=tuple(reversed(bgr)))
            self.image = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
        else:
            for x_mm, y_mm, text, size, bgr in self._texts:
                scale = size / 30
                latin = "".join(chr(65 + (ord(c) % 26)) if ord(c) > 127 else c for c in text)
                origin = (self.mm(x_mm), self.mm(y_mm) + size)
                cv2.putText(self.image, latin, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, bgr,
                            max(1, size // 12), cv2.LINE_AA)
        return self.image


def _words(rng: np.random.Generator, count: int) -> str:
    picks = rng.integers(0, len(HANZI), count)
    text = "".join(HANZI[i] for i in picks)
    # Chinese prose has a comma or full stop every dozen characters or so.
    out, run = [], 0
    for ch in text:
        out.append(ch)
        run += 1
        if run > 6 and rng.random() < 0.12:
            out.append("，" if rng.random() < 0.7 else "。")
            run = 0
    return "".join(out)[:count]


def _seal(canvas: _Canvas, cx_mm: float, cy_mm: float, r_mm: float) -> None:
    red = (40, 40, 200)
    centre = (canvas.mm(cx_mm), canvas.mm(cy_mm))
    cv2.circle(canvas.image, centre, canvas.mm(r_mm), red, max(2, canvas.mm(0.9)), cv2.LINE_AA)
    star = [(cx_mm + r_mm * 0.35 * math.cos(a), cy_mm + r_mm * 0.35 * math.sin(a))
            for a in np.linspace(-math.pi / 2, 3.5 * math.pi, 6)[:5]]
    pts = np.array([[canvas.mm(x), canvas.mm(y)] for x, y in star[::2] + star[1::2]], np.int32)
    cv2.fillPoly(canvas.image, [pts], red, cv2.LINE_AA)


def _signature(canvas: _Canvas, rng: np.random.Generator, x_mm: float, y_mm: float) -> None:
    t = np.linspace(0, 1, 60)
    xs = x_mm + 30 * t + rng.normal(0, 1.2, 60).cumsum() * 0.3
    ys = y_mm + 3 * np.sin(t * rng.uniform(8, 18)) + rng.normal(0, 0.4, 60)
    pts = np.stack([xs * canvas.px, ys * canvas.px], 1).astype(np.int32)
    cv2.polylines(canvas.image, [pts], False, (90, 40, 20), max(1, canvas.mm(0.4)), cv2.LINE_AA)


def _qr(canvas: _Canvas, x_mm: float, y_mm: float, size_mm: float, text: str) -> None:
    code = cv2.QRCodeEncoder.create().encode(text)
    side = canvas.mm(size_mm)
    code = cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST)
    x, y = canvas.mm(x_mm), canvas.mm(y_mm)
    canvas.image[y:y + side, x:x + side] = np.minimum(canvas.image[y:y + side, x:x + side],
                                                      code[:, :, None])


def _table(canvas: _Canvas, rng: np.random.Generator, x0: float, y0: float, x1: float,
           rows: int, row_mm: float) -> float:
    cols = int(rng.integers(2, 6))
    edges = np.sort(rng.uniform(x0 + 15, x1 - 15, cols - 1))
    xs = [x0, *edges.tolist(), x1]
    for r in range(rows + 1):
        canvas.line(x0, y0 + r * row_mm, x1, y0 + r * row_mm)
    for x in xs:
        canvas.line(x, y0, x, y0 + rows * row_mm)
    for r in range(rows):
        for c in range(cols):
            width = xs[c + 1] - xs[c]
            n = int(max(1, min(width / 4.2 - 1, rng.integers(2, 9))))
            canvas.text(xs[c] + 1.5, y0 + r * row_mm + row_mm * 0.18, _words(rng, n), row_mm * 0.5)
    return y0 + rows * row_mm


def _paragraphs(canvas: _Canvas, rng: np.random.Generator, x0: float, y0: float, x1: float,
                y_end: float, size_mm: float) -> float:
    per_line = int((x1 - x0) / size_mm)
    y = y0
    while y < y_end:
        indent = 2 if rng.random() < 0.25 else 0
        n = per_line - indent if rng.random() < 0.8 else int(rng.integers(4, per_line))
        canvas.text(x0 + indent * size_mm, y, _words(rng, n), size_mm)
        y += size_mm * 1.7
    return y


def _draw_a4(rng: np.random.Generator, variant: int) -> _Canvas:
    canvas = _Canvas(840, 1188, 4.0, (250, 250, 250))
    bordered = variant % 4 == 1
    margin = 22.0
    if bordered:  # a certificate's printed frame a few millimetres inside the edge
        inset = float(rng.uniform(5, 12))
        colour = (40, 60, 160) if rng.random() < 0.5 else (120, 90, 30)
        canvas.rect(inset, inset, 210 - inset, 297 - inset, colour, 1.6)
        canvas.rect(inset + 2, inset + 2, 208 - inset, 295 - inset, colour, 0.4)
        margin = inset + 12
    title = TITLES["a4"][variant % len(TITLES["a4"])]
    canvas.text(105 - len(title) * 4.2, margin, title, 8.4, (20, 20, 20))
    y = margin + 18
    y = _paragraphs(canvas, rng, margin, y, 210 - margin, y + rng.uniform(20, 60), 3.6)
    if variant % 3 != 2:
        y = _table(canvas, rng, margin, y + 4, 210 - margin, int(rng.integers(4, 10)), 9.0)
    y = _paragraphs(canvas, rng, margin, y + 6, 210 - margin, 297 - margin - 40, 3.6)
    _signature(canvas, rng, 120, 297 - margin - 28)
    if rng.random() < 0.7:
        _seal(canvas, 150, 297 - margin - 24, 19)
    if variant % 5 == 3:
        _qr(canvas, margin, 297 - margin - 30, 24, f"https://zwfw.example.cn/v/{variant:04d}")
    return canvas


def _draw_booklet(rng: np.random.Generator, variant: int) -> _Canvas:
    tint = (236, 240, 250) if variant % 2 else (242, 236, 246)
    canvas = _Canvas(630, 858, 6.0, tint)
    canvas.text(30, 6, TITLES["booklet"][variant % 2], 6.0, (30, 30, 30))
    rows = 14
    y = _table(canvas, rng, 6, 16, 99, rows, 8.4)
    canvas.text(8, y + 3, _words(rng, 14), 3.2)
    _seal(canvas, 75, y - 25, 14)
    return canvas


def _draw_receipt(rng: np.random.Generator, variant: int) -> tuple[_Canvas, float]:
    length = float(rng.uniform(110, 220))
    canvas = _Canvas(400, round(length * 5), 5.0, (246, 247, 245))
    title = TITLES["receipt"][variant % len(TITLES["receipt"])]
    canvas.text(40 - len(title) * 3, 6, title, 6.0, (25, 25, 25))
    y = 18.0
    while y < length - 45:
        if rng.random() < 0.15:
            canvas.line(4, y + 2, 76, y + 2, (80, 80, 80), 0.25)
            y += 5
            continue
        canvas.text(5, y, _words(rng, int(rng.integers(6, 17))), 3.6, (30, 30, 30))
        y += 6.0
    _qr(canvas, 22, length - 42, 36, f"ZW-RCPT-{variant:03d}-{int(rng.integers(1e6)):06d}")
    return canvas, length


def _draw_id_card(rng: np.random.Generator, variant: int) -> _Canvas:
    canvas = _Canvas(685, 432, 8.0, (236, 238, 232))
    h, w = canvas.image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # The security print: fine wavy lines and a soft colour wash.
    wave = 0.5 + 0.5 * np.sin(xx * 0.09 + 6 * np.sin(yy * 0.021 + variant))
    wash = np.stack([228 + 14 * wave, 232 + 10 * wave, 222 + 18 * (1 - wave)], -1)
    canvas.image[:] = wash.clip(0, 255).astype(np.uint8)
    if variant % 2 == 0:  # the front: name, sex, birth, address, number, photo
        fields = ("姓名", "性别", "出生", "住址", "")
        for i, label in enumerate(fields):
            canvas.text(6, 6 + i * 7.5, label, 2.6, (120, 90, 40))
            canvas.text(16, 6 + i * 7.5, _words(rng, int(rng.integers(2, 12))), 3.2)
        canvas.text(6, 44, "公民身份号码", 2.6, (120, 90, 40))
        digits = "".join(str(d) for d in rng.integers(0, 10, 18))
        canvas.text(27, 43.5, digits, 3.6, (30, 30, 30))
        canvas.rect(58, 8, 80, 36, (205, 200, 196), fill=True)
        cv2.ellipse(canvas.image, (canvas.mm(69), canvas.mm(18)), (canvas.mm(5), canvas.mm(6.5)),
                    0, 0, 360, (90, 95, 105), -1, cv2.LINE_AA)
        cv2.ellipse(canvas.image, (canvas.mm(69), canvas.mm(36)), (canvas.mm(10), canvas.mm(9)),
                    0, 180, 360, (70, 75, 90), -1, cv2.LINE_AA)
    else:  # the back: emblem, title, issuing authority, validity
        _seal(canvas, 14, 14, 9)
        canvas.text(28, 8, "中华人民共和国", 4.8, (30, 30, 30))
        canvas.text(28, 18, "居民身份证", 6.6, (30, 30, 30))
        canvas.text(14, 36, "签发机关", 2.6)
        canvas.text(30, 36, _words(rng, 7), 2.8)
        canvas.text(14, 43, "有效期限", 2.6)
        canvas.text(30, 43, "2019.05.12-2039.05.12", 2.8)
    return canvas


def _rounded_alpha(h: int, w: int, radius: int) -> np.ndarray:
    alpha = np.zeros((h * 4, w * 4), np.uint8)
    r = radius * 4
    cv2.rectangle(alpha, (r, 0), (w * 4 - 1 - r, h * 4 - 1), 255, -1)
    cv2.rectangle(alpha, (0, r), (w * 4 - 1, h * 4 - 1 - r), 255, -1)
    for cx, cy in ((r, r), (w * 4 - 1 - r, r), (r, h * 4 - 1 - r), (w * 4 - 1 - r, h * 4 - 1 - r)):
        cv2.circle(alpha, (cx, cy), r, 255, -1)
    return cv2.resize(alpha, (w, h), interpolation=cv2.INTER_AREA)


@cache
def page_texture(kind: str, variant: int) -> PageTexture:
    """The flat document `kind` ("a4", "booklet", "receipt", "id_card"), drawn once."""
    rng = np.random.default_rng([variant, len(kind), ord(kind[0])])
    size = PAPER_SIZES_MM[kind]
    if kind == "a4":
        canvas = _draw_a4(rng, variant)
    elif kind == "booklet":
        canvas = _draw_booklet(rng, variant)
    elif kind == "receipt":
        canvas, length = _draw_receipt(rng, variant)
        size = (size[0], length)
    elif kind == "id_card":
        canvas = _draw_id_card(rng, variant)
    else:
        raise ValueError(f"unknown document kind {kind!r}; known: {', '.join(PAPER_SIZES_MM)}")
    image = canvas.finish()
    image.setflags(write=False)
    h, w = image.shape[:2]
    if kind == "id_card":
        alpha = _rounded_alpha(h, w, round(ID1_CORNER_RADIUS_MM * canvas.px))
    else:
        alpha = np.full((h, w), 255, np.uint8)
    alpha.setflags(write=False)
    return PageTexture(kind, image, alpha, size)
