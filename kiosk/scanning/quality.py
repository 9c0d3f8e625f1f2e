"""Is this a frame worth keeping? Measures of the page as found, and the hint they lead to.

Every measure is physical, so that thresholds mean the same on any camera:
- `kind`: A4 (1:√2), ID-1 (85.6 × 54 mm) or other, from the page's true aspect, recovered
  from the perspective (`geometry.plane_aspect`);
- `px_per_mm`: resolution on the page, from its area and its kind's size (too far below ~2 for
  a page, ~3.5 for a card, whose print is small);
- `tilt_deg`: how far the page's plane turns from facing the camera;
- `blur_px`: the width (Gaussian sigma) of the page's own edges, which are sharp steps in life;
- `glare`: the share of the page burnt out to white by a lamp's reflection;
- `brightness`: how light the paper is (its 90th percentile, 0..255);
- `cut_off`: a corner outside the frame or on its border.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import cv2
import numpy as np

from drivers.camera.geometry import polygon_area
from kiosk.scanning.geometry import plane_aspect
from kiosk.scanning.guidance import REFUSALS, Hint

A4_RATIO = math.sqrt(2)
ID1_RATIO = 85.6 / 54
ID1_MM = (85.6, 54.0)
A4_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Limits:
    """Where each measure starts to refuse a capture."""

    min_px_per_mm_page: float = 1.8
    min_px_per_mm_card: float = 3.5
    max_tilt_deg: float = 30.0
    max_blur_px: float = 1.8
    max_glare: float = 0.004
    min_brightness: float = 70.0


@dataclass(frozen=True)
class Quality:
    kind: str               # "a4", "id_card" or "other"
    aspect: float           # long side over short side, as the page really is
    area_share: float
    px_per_mm: float
    tilt_deg: float
    blur_px: float
    glare: float
    brightness: float
    cut_off: bool

    def hint(self, limits: Limits = Limits()) -> Hint:
        """The most pressing thing wrong, or OK."""
        faults = {
            Hint.TOO_DARK: self.brightness < limits.min_brightness,
            Hint.CUT_OFF: self.cut_off,
            Hint.TOO_FAR: self.px_per_mm < (limits.min_px_per_mm_card if self.kind == "id_card"
                                            else limits.min_px_per_mm_page),
            Hint.TILTED: self.tilt_deg > limits.max_tilt_deg,
            Hint.GLARE: self.glare > limits.max_glare,
            Hint.BLURRED: self.blur_px > limits.max_blur_px,
        }
        return next((hint for hint in REFUSALS if faults[hint]), Hint.OK)

    def as_dict(self) -> dict[str, float | str | bool]:
        return {key: round(value, 3) if isinstance(value, float) else value
                for key, value in asdict(self).items()}


def classify(aspect: float) -> str:
    """'a4', 'id_card' or 'other' for a long/short ratio."""
    if abs(aspect / A4_RATIO - 1) < 0.03:
        return "a4"
    if abs(aspect / ID1_RATIO - 1) < 0.035:
        return "id_card"
    return "other"


def _focal(corners: np.ndarray, size: tuple[int, int]) -> float:
    """The camera's focal length in pixels, from the page's vanishing points when they tell,
    else a common webcam's (about 60° across)."""
    w, h = size
    u0, v0 = w / 2, h / 2
    m1, m2, m4, m3 = (np.array([x, y, 1.0]) for x, y in corners)
    try:
        k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
        k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
    except FloatingPointError:
        return float(w)
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1
    if abs(n2[2] * n3[2]) > 1e-9:
        f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
               + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)
               ) / (n2[2] * n3[2])
        if math.isfinite(f2) and (0.5 * w) ** 2 < f2 < (4 * w) ** 2:
            return math.sqrt(f2)
    return float(w)


def tilt_degrees(corners: np.ndarray, size: tuple[int, int], aspect: float) -> float:
    """How far the page's plane turns away from facing the camera, in degrees."""
    w, h = size
    f = _focal(corners, size)
    flat = np.float32([[0, 0], [aspect, 0], [aspect, 1], [0, 1]])
    homography = cv2.getPerspectiveTransform(flat, corners.astype(np.float32))
    k_inv = np.linalg.inv(np.array([[f, 0, w / 2], [0, f, h / 2], [0, 0, 1]]))
    m = k_inv @ homography
    r1, r2 = m[:, 0] / np.linalg.norm(m[:, 0]), m[:, 1] / np.linalg.norm(m[:, 1])
    normal = np.cross(r1, r2)
    normal /= np.linalg.norm(normal)
    return float(math.degrees(math.acos(min(1.0, abs(normal[2])))))


def edge_blur(grey: np.ndarray, corners: np.ndarray, *, samples: int = 12,
              reach: int = 8) -> float:
    """The Gaussian sigma (pixels) of the page's own edges: a blurred step of height D has
    a steepest slope of D / (sigma * sqrt(2 pi))."""
    widths = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        along = (b - a) / max(float(np.linalg.norm(b - a)), 1e-9)
        normal = np.array([along[1], -along[0]])
        t = np.linspace(0.2, 0.8, samples)[:, None]
        offsets = np.arange(-reach, reach + 1)[None, :, None]
        xy = (a + (b - a) * t)[:, None, :] + offsets * normal[None, None, :]
        profiles = cv2.remap(grey, xy[..., 0].astype(np.float32), xy[..., 1].astype(np.float32),
                             cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
        step = np.abs(profiles[:, -3:].mean(axis=1) - profiles[:, :3].mean(axis=1))
        slope = np.abs(np.diff(profiles, axis=1)).max(axis=1)
        usable = step > 25
        widths += (step[usable] / (slope[usable] * math.sqrt(2 * math.pi))).tolist()
    return float(np.median(widths)) if widths else 0.0


def measure(frame: np.ndarray, corners: np.ndarray) -> Quality:
    """The measures of the page at `corners` (clockwise from top-left) in `frame`."""
    h, w = frame.shape[:2]
    corners = np.asarray(corners, np.float64)
    ratio = plane_aspect(corners, (w, h))
    aspect = max(ratio, 1 / ratio) if ratio > 0 else 1.0
    kind = classify(aspect)
    area = polygon_area(corners)
    if kind == "id_card":
        px_per_mm = math.sqrt(area / (ID1_MM[0] * ID1_MM[1]))
    elif kind == "a4":
        px_per_mm = math.sqrt(area / (A4_MM[0] * A4_MM[1]))
    else:  # a receipt or a page of unknown size: judge by its width, as if 80 mm
        short = min(np.linalg.norm(corners[i] - corners[i - 1]) for i in range(4))
        px_per_mm = float(short) / 80.0
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    mask = np.zeros((h, w), np.uint8)
    centre = corners.mean(axis=0)
    inner = centre + (corners - centre) * 0.96
    cv2.fillConvexPoly(mask, np.round(inner).astype(np.int32), 1)
    inside = mask.astype(bool)
    if inside.any():
        burnt = (frame.min(axis=2) >= 250)[inside].mean()
        brightness = float(np.percentile(grey[inside], 90))
    else:
        burnt, brightness = 0.0, 0.0
    margin = 2.0
    cut_off = bool((corners[:, 0] < margin).any() or (corners[:, 1] < margin).any()
                   or (corners[:, 0] > w - 1 - margin).any()
                   or (corners[:, 1] > h - 1 - margin).any())
    return Quality(kind=kind, aspect=float(aspect), area_share=area / (w * h),
                   px_per_mm=float(px_per_mm), tilt_deg=tilt_degrees(corners, (w, h), ratio),
                   blur_px=edge_blur(grey, corners), glare=float(burnt),
                   brightness=brightness, cut_off=cut_off)
