"""From a flattened photo of a page to a readable scan: no shadow, no colour cast.

Paper is white; what makes it look grey, yellow or shaded in a photo is the light. So the
light is estimated as the paper's own colour everywhere (the page with its print closed away
by a morphological closing at a scale larger than a character, then smoothed), and divided
out: each channel at once, which removes shadows, gradients and the colour cast of the lamp
together. Then the darks are deepened so that print reads crisply.

Modes: `colour` keeps seals, photos and coloured forms; `bw` gives black print on white,
thresholded against that same light, for text documents and the smallest files.
"""

from __future__ import annotations

from enum import StrEnum

import cv2
import numpy as np

EDGE = 2  # pixels


class Mode(StrEnum):
    COLOUR = "colour"
    BW = "bw"


def paper_light(image: np.ndarray) -> np.ndarray:
    """The light falling on the paper at each pixel (float32, same shape as `image`)."""
    h, w = image.shape[:2]
    scale = min(1.0, 400 / max(h, w))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    size = max(3, round(min(small.shape[:2]) / 25) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    light = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    light = cv2.medianBlur(light, size if size <= 5 else 5)
    light = cv2.GaussianBlur(light, (0, 0), size / 2)
    light = cv2.resize(light, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    return np.maximum(light, 8.0)


def clean(image: np.ndarray, mode: Mode | str = Mode.COLOUR) -> np.ndarray:
    """The readable scan of a flattened page (BGR uint8 in, BGR or grey uint8 out)."""
    mode = Mode(mode)
    light = paper_light(image)
    # A touch of smoothing first: dividing by a dim light would also amplify sensor noise.
    smooth = cv2.GaussianBlur(image, (3, 3), 0)
    flat = np.clip(smooth.astype(np.float32) / light, 0, 1)       # paper is 1.0 everywhere
    # The outermost pixels mix paper with desk; they are no part of the page's content.
    flat[:EDGE], flat[-EDGE:], flat[:, :EDGE], flat[:, -EDGE:] = 1, 1, 1, 1
    if mode is Mode.BW:
        grey = cv2.cvtColor((flat * 255).astype(np.uint8), cv2.COLOR_BGR2GRAY)
        # Print is well below the paper; a light pencil line is not, and stays white.
        otsu, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        limit = min(int(otsu), 200)
        return cv2.medianBlur(np.where(grey > limit, 255, 0).astype(np.uint8), 3)
    # Deepen the darks (gamma) and keep the white white.
    toned = np.power(flat, 1.6)
    return (toned * 255 + 0.5).astype(np.uint8)
