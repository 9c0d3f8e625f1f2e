"""The page seen flat: perspective corrected, at the aspect the page really has.

A4 pages come out 1:√2 and upright (long side down the image), ID-1 cards 85.6 × 54 mm and
across, anything else at the aspect recovered from the perspective. The output resolution
follows what the camera saw (no invented detail), up to 300 dpi for cards and 200 for pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanning.geometry import plane_aspect
from kiosk.scanning.quality import A4_MM, ID1_MM, classify

MAX_DPI = {"a4": 200, "id_card": 300, "other": 200}
MIN_DPI = 30


@dataclass(frozen=True)
class Flat:
    image: np.ndarray
    kind: str                           # "a4", "id_card" or "other"
    size_mm: tuple[float, float] | None  # known physical size (width, height), if any


def rectify(frame: np.ndarray, corners: np.ndarray) -> Flat:
    """The page at `corners` (clockwise from top-left) flattened; see the module docstring."""
    h, w = frame.shape[:2]
    quad = np.asarray(corners, np.float64)
    ratio = plane_aspect(quad, (w, h))            # side 0 (top) over side 1 (right)
    aspect = max(ratio, 1 / ratio) if ratio > 0 else 1.0
    kind = classify(aspect)
    top_is_long = ratio >= 1
    wants_landscape = kind == "id_card"
    if top_is_long != wants_landscape:
        # Start from the next corner, so that the output's top is the side we want on top.
        quad = np.roll(quad, -1, axis=0)
    sides = [float(np.linalg.norm(quad[i] - quad[(i + 1) % 4])) for i in range(4)]
    seen_long = max(sides)
    size_mm: tuple[float, float] | None = {"a4": A4_MM, "id_card": ID1_MM}.get(kind)
    if size_mm is None:
        long_px = round(seen_long)
        short_px = max(1, round(long_px / aspect))
    else:
        # A whole number of dots per inch, as the JPEG records it, so that the page prints
        # at its true size; no more than the camera saw, and no more than MAX_DPI.
        long_in, short_in = max(size_mm) / 25.4, min(size_mm) / 25.4
        dpi = max(MIN_DPI, min(MAX_DPI[kind], int(seen_long / long_in)))
        long_px, short_px = round(dpi * long_in), round(dpi * short_in)
    out_w, out_h = (long_px, short_px) if wants_landscape else (short_px, long_px)
    target = np.float32([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]]) - 0.5
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    flat = cv2.warpPerspective(frame, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    if size_mm is not None and wants_landscape != (size_mm[0] > size_mm[1]):
        size_mm = (size_mm[1], size_mm[0])
    return Flat(flat, kind, size_mm)


def aspect_of(image: np.ndarray) -> float:
    h, w = image.shape[:2]
    return max(w, h) / max(1, min(w, h))


__all__ = ["MAX_DPI", "Flat", "aspect_of", "rectify"]
