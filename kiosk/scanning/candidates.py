"""Where a page might be: rough quadrilaterals found on the shrunken frame.

Two kinds of evidence offer outlines, because each fails somewhere else. Outlines of regions:
a page's edge closes a ring of edges around its blank margin, and the hole inside that ring is
the page even when the ring touches a patterned desk outside; a page is also often the bright
(on near-white desks, the dark) region of the frame. And straight lines: every way four of the
strongest lines close a quadrilateral (`lines`), for when the outline is broken by glare, a
thumb, a sheet underneath or a desk as light as paper in places. All are scored together as
page outlines (`edges.score_quads`).

The features are lightness and the two colour axes of CIE Lab, the colour axes amplified:
a cream card on a lilac desk differs in colour far more than in lightness.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.geometry import order_clockwise, polygon_area
from kiosk.scanning.edges import score_quads
from kiosk.scanning.lines import detect_segments, find_lines, quads_from_lines
from kiosk.scanning.page_model import agreement, model_weight
from kiosk.scanning.quadfit import quad_from_contour

MIN_AREA_SHARE = 0.01     # a page smaller than 1 % of the frame is not looked for
SCORE_THRESHOLD = 5.0     # colour step (0..255 over 2 px) on the shrunken frame
CHROMA_GAIN = 3.0
COLOUR_SCALES = (0.5, 0.5)  # colour changes slowly (JPEG keeps it at half size): LSD there
DARK_SHARE = 0.2          # an outline no lighter inside than this share of the frame's white


@dataclass(frozen=True)
class Candidate:
    corners: np.ndarray   # on the shrunken frame, clockwise from top-left
    score: float
    supports: tuple[float, ...]


def features(small_bgr: np.ndarray) -> np.ndarray:
    """Lab with its colour axes amplified, as uint8 (H, W, 3)."""
    lab = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2LAB)
    chroma = lab[:, :, 1:].astype(np.int16) - 128
    lab[:, :, 1:] = np.clip(chroma * CHROMA_GAIN + 128, 0, 255).astype(np.uint8)
    return lab


def _angles_ok(quad: np.ndarray) -> bool:
    for i in range(4):
        u = quad[i - 1] - quad[i]
        v = quad[(i + 1) % 4] - quad[i]
        cos = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(cos) > 0.82:  # sharper than ~35° or flatter than ~145°
            return False
    return True


def _canny(channel: np.ndarray, low: float, high: float) -> np.ndarray:
    # From our own Sobel gradients: OpenCV 5.0's IPP-accelerated Canny(image) corrupts the
    # heap on busy images at low thresholds; the (dx, dy) form does not take that path.
    blurred = cv2.GaussianBlur(channel, (3, 3), 0)
    dx = cv2.Sobel(blurred, cv2.CV_16S, 1, 0)
    dy = cv2.Sobel(blurred, cv2.CV_16S, 0, 1)
    return cv2.Canny(dx, dy, low, high)


def _outlines(channels: list[np.ndarray]) -> list[np.ndarray]:
    h, w = channels[0].shape
    min_area = MIN_AREA_SHARE * h * w
    edges = _canny(channels[0], 12, 36)
    for channel in channels[1:]:
        edges |= _canny(channel, 12, 36)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    outlines = _largest([c for c in contours if cv2.contourArea(c) > min_area], 6)
    smooth = cv2.medianBlur(channels[0], 5)
    _, bright = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for mask in (bright, 255 - bright):
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        outlines += _largest([c for c in contours if cv2.contourArea(c) > min_area], 2)
    return outlines


def _largest(contours: list[np.ndarray], count: int) -> list[np.ndarray]:
    return sorted(contours, key=cv2.contourArea, reverse=True)[:count]


def outline_quads(channels: list[np.ndarray]) -> list[np.ndarray]:
    """Quadrilaterals fitted to the outlines of regions in the shrunken frame."""
    h, w = channels[0].shape
    quads = []
    for outline in _outlines(channels):
        quad = quad_from_contour(outline)
        if quad is None or polygon_area(quad) < MIN_AREA_SHARE * h * w or not _angles_ok(quad):
            continue
        if (quad < -0.25 * w).any() or (quad[:, 0] > 1.25 * w).any() or \
                (quad[:, 1] > 1.25 * h).any():
            continue
        quads.append(quad)
    return quads


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    """How far apart two quads' corners are, whatever corner each starts from."""
    gaps = np.linalg.norm(a[:, None, :] - b[None, :, :], axis=2)   # (4, 4)
    return float(gaps.min(axis=1).max())


def find_candidates(feature_image: np.ndarray, *, limit: int = 3,
                    extra: list[np.ndarray] | None = None,
                    colour_lines: bool = True, cache: dict | None = None,
                    page_prob: np.ndarray | None = None) -> list[Candidate]:
    """The best `limit` distinct candidate quadrilaterals on the shrunken frame, best first.

    `colour_lines` also looks for lines along the colour axes, which finds pages that differ
    from their desk in colour more than in lightness, at about a third more time. `cache`
    (a dict, empty at first) keeps the region outlines and lightness lines of one frame, so
    that a second call on it with `colour_lines` adds only the colour axes' lines.
    `page_prob` is the page model's view of the frame (`page_model`): outlines that cover
    the page it sees, and little else, are preferred.
    """
    h, w = feature_image.shape[:2]
    channels = list(cv2.split(feature_image))
    cache = {} if cache is None else cache
    if "outlines" not in cache:
        cache["outlines"] = outline_quads(channels)
        cache["lightness"] = detect_segments(channels[:1], feature_image)
    quads = list(extra or []) + cache["outlines"]
    segments = cache["lightness"]
    if colour_lines:
        segments = np.concatenate([segments, detect_segments(channels[1:], feature_image,
                                                             scales=COLOUR_SCALES)])
    pool = find_lines(segments, extra=quads[:6])
    from_lines = quads_from_lines(pool, (w, h), min_area=MIN_AREA_SHARE)
    everything = np.concatenate([np.array(quads).reshape(-1, 4, 2), from_lines])
    if not len(everything):
        return []
    scored = score_quads(feature_image, everything, threshold=SCORE_THRESHOLD)
    # Of two good outlines, the larger is the paper and the smaller a photo, a QR code or a
    # printed frame on it.
    x, y = everything[..., 0], everything[..., 1]
    areas = 0.5 * np.abs((x * np.roll(y, -1, axis=1) - y * np.roll(x, -1, axis=1)).sum(axis=1))
    areas = areas / (h * w)
    scores = scored.score * np.clip((areas / 0.1) ** 0.15, 0.7, 1.2)
    # Paper is light: under the same light a page's margin is at least about half as light
    # as the frame's lightest parts, where a phone, a wallet or a dark book is a fifth.
    white = max(float(np.percentile(channels[0], 99)), 1.0)
    scores = scores * np.clip((scored.inner_light / white - DARK_SHARE) / 0.25, 0.0, 1.0)
    if page_prob is not None:
        scores = scores * model_weight(agreement(page_prob, everything))
    unique: list[Candidate] = []
    for index in np.argsort(-scores):
        corners = everything[index]
        if all(_distance(corners, u.corners) > 2.0 for u in unique):
            corners = order_clockwise(corners)
            unique.append(Candidate(corners, float(scores[index]),
                                    tuple(float(s) for s in scored.support[index])))
        if len(unique) == limit:
            break
    return unique
