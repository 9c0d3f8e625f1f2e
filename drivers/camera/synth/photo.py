"""Labelled photos of documents on desks: the picture, and exactly where the page is in it.

`document_photo(seed)` places a page (A4, 户口簿 page, receipt or ID-1 card) on a desk as a
pinhole camera sees it: any rotation on the desk, tilted up to 40°, near or far. It then lights
the scene unevenly, may cast a shadow or a lamp's glare on it, may put a thumb over an edge,
blurs, adds sensor noise and compresses to JPEG. The truth is the projection of the page's four
corners (for an ID-1 card, the corners of its rounded outline's rectangle), computed with the
same homography that drew it; no effect moves the page afterwards.

Conditions are drawn at random from the seed unless given; the same seed gives the same photo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from drivers.camera.geometry import order_clockwise
from drivers.camera.synth import effects
from drivers.camera.synth.backgrounds import BACKGROUNDS, background
from drivers.camera.synth.textures import VARIANTS, page_texture

KINDS = ("a4", "booklet", "receipt", "id_card")
KIND_WEIGHTS = (0.45, 0.1, 0.2, 0.25)
# Share of the frame the page covers, by kind (a card is small, a page fills a tray).
AREA_RANGE = {"a4": (0.12, 0.6), "booklet": (0.1, 0.5), "receipt": (0.06, 0.35),
              "id_card": (0.04, 0.25)}


@dataclass
class LabelledPhoto:
    """A generated photo and its truth. `corners` are clockwise from the top-left on screen;
    `page_corners` follow the page's own top-left, top-right, bottom-right, bottom-left."""

    image: np.ndarray
    corners: np.ndarray | None
    page_corners: np.ndarray | None
    kind: str | None
    size_mm: tuple[float, float] | None
    seed: int
    conditions: dict[str, Any] = field(default_factory=dict)

    def label(self) -> dict[str, Any]:
        """The truth as JSON-ready data, to save beside the photo."""
        def as_list(points: np.ndarray | None) -> list[list[float]] | None:
            if points is None:
                return None
            return [[round(float(x), 3), round(float(y), 3)] for x, y in points]

        return {"seed": self.seed, "kind": self.kind, "size_mm": self.size_mm,
                "corners": as_list(self.corners), "page_corners": as_list(self.page_corners),
                "width": int(self.image.shape[1]), "height": int(self.image.shape[0]),
                "conditions": self.conditions}


def _rotation(axis: np.ndarray, angle: float) -> np.ndarray:
    matrix, _ = cv2.Rodrigues((axis / np.linalg.norm(axis) * angle).reshape(3, 1))
    return matrix


def _project(points: np.ndarray, focal: float, centre: tuple[float, float]) -> np.ndarray:
    return np.stack([focal * points[:, 0] / points[:, 2] + centre[0],
                     focal * points[:, 1] / points[:, 2] + centre[1]], axis=1)


def place_page(rng: np.random.Generator, size_mm: tuple[float, float], frame: tuple[int, int],
               area_fraction: float, *, max_tilt_deg: float = 40, margin: float = 6,
               cut_off: bool = False, tilt_deg: float | None = None) -> np.ndarray:
    """The page's corners (its own TL, TR, BR, BL) as a camera at a random pose sees them."""
    w_img, h_img = frame
    centre = (w_img / 2, h_img / 2)
    focal = w_img * rng.uniform(0.8, 1.5)
    w_mm, h_mm = size_mm
    flat = np.array([[-w_mm / 2, -h_mm / 2, 0], [w_mm / 2, -h_mm / 2, 0],
                     [w_mm / 2, h_mm / 2, 0], [-w_mm / 2, h_mm / 2, 0]])
    spin = rng.normal(0, 0.15) + (rng.integers(4) * math.pi / 2 if rng.random() < 0.5 else 0)
    if rng.random() < 0.35:
        spin = rng.uniform(0, 2 * math.pi)
    tilt_axis = rng.uniform(0, 2 * math.pi)
    tilt = math.radians(tilt_deg if tilt_deg is not None else rng.uniform(0, max_tilt_deg))
    rotation = _rotation(np.array([math.cos(tilt_axis), math.sin(tilt_axis), 0]), tilt) @ \
        _rotation(np.array([0, 0, 1.0]), spin)
    turned = flat @ rotation.T
    # Distance such that the page covers about `area_fraction` of the frame.
    distance = focal * math.sqrt(w_mm * h_mm / (area_fraction * w_img * h_img))
    for _ in range(60):
        probe = _project(turned + np.array([0, 0, distance]), focal, centre)
        span = probe.max(axis=0) - probe.min(axis=0)
        room = np.array([w_img, h_img]) - 2 * margin - span
        if cut_off or (room > 0).all():
            break
        distance *= 1.08
    for _ in range(100):
        if cut_off:  # centre near a frame edge so that part of the page leaves the frame
            near = rng.uniform(-0.05, 0.1)
            target = np.array([rng.uniform(0.3, 0.7) * w_img, rng.uniform(0.3, 0.7) * h_img])
            axis = int(rng.integers(2))
            extent = (w_img, h_img)[axis]
            target[axis] = extent * (near if rng.random() < 0.5 else 1 - near)
        else:
            low = margin + span / 2
            target = rng.uniform(low, np.array([w_img, h_img]) - low)
        shift = (target - np.array(centre)) * distance / focal
        corners = _project(turned + np.array([shift[0], shift[1], distance]), focal, centre)
        inside = ((corners >= margin) & (corners <= np.array([w_img, h_img]) - 1 - margin)).all()
        if inside == cut_off:
            continue
        return corners
    distance *= 1.2
    return _project(turned + np.array([0, 0, distance]), focal, centre)


def _composite_page(canvas: np.ndarray, texture_bgr: np.ndarray, texture_alpha: np.ndarray,
                    page_corners: np.ndarray, paper_gain: np.ndarray) -> np.ndarray:
    """Draw the texture onto `canvas` so its outline falls exactly on `page_corners`."""
    h, w = canvas.shape[:2]
    th, tw = texture_bgr.shape[:2]
    # Shrink the texture near its size on screen first, so warping does not alias.
    longest_edge = max(np.linalg.norm(page_corners[i] - page_corners[i - 1]) for i in range(4))
    factor = min(1.0, 1.5 * longest_edge / max(th, tw))
    if factor < 1:
        size = (max(8, round(tw * factor)), max(8, round(th * factor)))
        texture_bgr = cv2.resize(texture_bgr, size, interpolation=cv2.INTER_AREA)
        texture_alpha = cv2.resize(texture_alpha, size, interpolation=cv2.INTER_AREA)
        th, tw = texture_bgr.shape[:2]
    # Pixel (i, j) of the texture covers [i-0.5, i+0.5]: its outer boundary is at -0.5.
    source = np.float32([[-0.5, -0.5], [tw - 0.5, -0.5], [tw - 0.5, th - 0.5], [-0.5, th - 0.5]])
    homography = cv2.getPerspectiveTransform(source, page_corners.astype(np.float32))
    page = cv2.warpPerspective(texture_bgr.astype(np.float32), homography, (w, h),
                               flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    # Coverage ramps linearly across the outline, reaching one half exactly on it.
    alpha_pad = np.pad(texture_alpha.astype(np.float32) / 255, 1)
    shift = np.array([[1, 0, -1], [0, 1, -1], [0, 0, 1]], np.float64)
    coverage = cv2.warpPerspective(alpha_pad, homography @ shift, (w, h), flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    canvas[:] = canvas * (1 - coverage[:, :, None]) + page * paper_gain * coverage[:, :, None]
    return coverage


MIN_CONTRAST = 10.0  # grey levels between paper and the desk around it, at least


def _visible(paper_gain: np.ndarray, canvas: np.ndarray, corners: np.ndarray,
             texture: np.ndarray) -> np.ndarray:
    """`paper_gain`, darkened or lightened just enough that the paper differs from the desk
    around it by `MIN_CONTRAST` levels: little contrast, never none, since a page with no
    visible edge has no outline to find (a person could not find it either)."""
    h, w = canvas.shape[:2]
    ring = np.zeros((h, w), np.uint8)
    cv2.polylines(ring, [np.round(corners).astype(np.int32)], True, 1, 9)
    desk = np.median(canvas[ring > 0], axis=0)
    paper = np.median(texture.reshape(-1, 3), axis=0) * paper_gain
    gap = float(np.abs(paper - desk).max())
    if gap >= MIN_CONTRAST:
        return paper_gain
    brighter = paper.mean() >= desk.mean()
    if brighter and desk.max() + MIN_CONTRAST > 255:
        brighter = False
    target = desk.mean() + (MIN_CONTRAST if brighter else -MIN_CONTRAST)
    return (paper_gain * np.float32(target / max(paper.mean(), 1.0))).astype(np.float32)


def _pick(rng: np.random.Generator, value: Any, choices: Any, p: Any = None) -> Any:
    return value if value is not None else choices[rng.choice(len(choices), p=p)]


def document_photo(seed: int, *, width: int = 1280, height: int = 720, kind: str | None = None,
                   backdrop: str | None = None, area: float | None = None,
                   max_tilt_deg: float = 40, tilt_deg: float | None = None,
                   cut_off: bool = False, exposure: float | None = None,
                   blur: float | None = None, glare: bool | None = None,
                   finger: bool | None = None, shadow: bool | None = None,
                   jpeg_quality: int | None = None, empty: bool = False) -> LabelledPhoto:
    """A labelled photo for `seed`; any condition not given is drawn at random from the seed.

    `blur` is a strength from 0 (sharp) to 1; `exposure` multiplies the light (below 0.35 the
    photo is too dark to use); `tilt_deg` fixes the page's tilt away from the camera; `empty`
    gives a desk without any document.
    """
    rng = np.random.default_rng(seed)
    backdrop = _pick(rng, backdrop, BACKGROUNDS)
    kind = _pick(rng, kind, KINDS, KIND_WEIGHTS)
    canvas = background(backdrop, rng, height, width)
    conditions: dict[str, Any] = {"background": backdrop}
    page_corners = screen_corners = None
    size_mm = None
    if not empty:
        texture = page_texture(kind, int(rng.integers(VARIANTS)))
        size_mm = texture.size_mm
        area = area if area is not None else rng.uniform(*AREA_RANGE[kind])
        page_corners = place_page(rng, size_mm, (width, height), area,
                                  max_tilt_deg=max_tilt_deg, cut_off=cut_off, tilt_deg=tilt_deg)
        # Paper is white, cream, recycled grey or a little yellowed; cards are as printed.
        paper_gain = np.float32(rng.uniform(0.86, 1.0)) * (
            1 + rng.uniform(-0.06, 0.03, 3).astype(np.float32))
        paper_gain = _visible(paper_gain, canvas, page_corners, texture.image)
        coverage_probe = np.zeros((height, width), np.float32)
        cv2.fillConvexPoly(coverage_probe, np.round(page_corners * 4).astype(np.int32), 1.0,
                           cv2.LINE_AA, shift=2)
        if rng.random() < 0.5:
            effects.contact_shadow(canvas, rng, coverage_probe)
            conditions["contact_shadow"] = True
        _composite_page(canvas, texture.image, texture.alpha, page_corners, paper_gain)
        screen_corners = order_clockwise(page_corners)
        conditions.update(kind=kind, area=round(float(area), 3))
    exposure = exposure if exposure is not None else float(rng.uniform(0.6, 1.15))
    effects.uneven_light(canvas, rng, exposure=exposure)
    effects.auto_exposure(canvas)
    conditions["exposure"] = round(exposure, 2)
    quad = page_corners if page_corners is not None else np.array(
        [[0, 0], [width, 0], [width, height], [0, height]], np.float64)
    if shadow if shadow is not None else rng.random() < 0.35:
        effects.cast_shadow(canvas, rng, quad)
        conditions["shadow"] = True
    if glare if glare is not None else rng.random() < 0.3:
        effects.glare(canvas, rng, quad)
        conditions["glare"] = True
    if page_corners is not None and (finger if finger is not None else rng.random() < 0.25):
        px_per_mm = math.sqrt(cv2.contourArea(page_corners.astype(np.float32))
                              / (size_mm[0] * size_mm[1]))
        conditions["finger_edges"] = effects.fingers(canvas, rng, page_corners, px_per_mm)
    blur = blur if blur is not None else (float(rng.uniform(0, 0.7)) if rng.random() < 0.5 else 0)
    if blur > 0:
        canvas = effects.defocus_or_motion(canvas, rng, strength=blur)
        conditions["blur"] = round(blur, 2)
    effects.sensor_noise(canvas, rng, float(rng.uniform(1, 7)))
    quality = jpeg_quality or int(rng.integers(40, 96))
    conditions["jpeg_quality"] = quality
    image = effects.jpeg(canvas, quality)
    return LabelledPhoto(image, screen_corners, page_corners, None if empty else kind, size_mm,
                         seed, conditions)
