"""Scoring quadrilaterals as page outlines, many at once.

A page's edge is a step in colour of the same sign all along it (paper on one side, desk on
the other), which tells it from the stripes of a cloth or the grain of wood, whose steps flip
sign. The step is measured along the side's own mean colour difference, so a blue page on a
grey desk of the same lightness counts as much as white paper on dark wood. And just inside a
page's edge lies blank paper, which tells the page from a photo box, a QR code or a table
printed on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

RELATIVE_STEP = 0.35   # a supporting step is at least this share of the side's typical one
BORDER = 2.0           # pixels from the frame's edge that count as lying on it
CUT_PENALTY = 0.8      # a candidate's score for each side lying along the frame's border


def border_sides(quads: np.ndarray, w: int, h: int) -> np.ndarray:
    """(Q, 4): which sides of `quads` (Q, 4, 2) lie along the border of a w × h frame."""
    a = quads
    b = np.roll(quads, -1, axis=1)
    return (((np.abs(a[..., 0]) < BORDER) & (np.abs(b[..., 0]) < BORDER))
            | ((np.abs(a[..., 0] - (w - 1)) < BORDER) & (np.abs(b[..., 0] - (w - 1)) < BORDER))
            | ((np.abs(a[..., 1]) < BORDER) & (np.abs(b[..., 1]) < BORDER))
            | ((np.abs(a[..., 1] - (h - 1)) < BORDER) & (np.abs(b[..., 1] - (h - 1)) < BORDER)))


def clockwise(quads: np.ndarray) -> np.ndarray:
    """The quads (Q, 4, 2) with their corners running clockwise on screen."""
    x, y = quads[..., 0], quads[..., 1]
    signed = (x * np.roll(y, -1, axis=1) - y * np.roll(x, -1, axis=1)).sum(axis=1)
    return np.where((signed < 0)[:, None, None], quads[:, ::-1], quads)


@dataclass
class QuadScores:
    score: np.ndarray         # (Q,) overall, 0..1
    support: np.ndarray       # (Q, 4) share of each side on a same-signed step
    blank_inside: np.ndarray  # (Q, 4) share of each side whose inner rim is plain
    inner_light: np.ndarray   # (Q,) median lightness just inside the outline


def score_quads(image: np.ndarray, quads: np.ndarray, *, threshold: float, samples: int = 16,
                reach: int = 3, rim: float = 2.0, plain: float = 14.0) -> QuadScores:
    """Score many quads (Q, 4, 2) on `image` (the shrunken frame's features) at once.

    A side's support is the share of its samples with a same-signed step above `threshold`
    within `reach` pixels. Its blankness is the share of neighbouring samples `rim` pixels
    inside that differ by less than `plain` (light changes slowly along a margin; print does
    not). The score weighs sides by length, and falls when any one side has little support.
    """
    quads = clockwise(np.asarray(quads, np.float64))
    if not len(quads):
        return QuadScores(np.zeros(0), np.zeros((0, 4)), np.zeros((0, 4)), np.zeros(0))
    a = quads
    along = np.roll(quads, -1, axis=1) - a
    length = np.linalg.norm(along, axis=2)                                      # (Q, 4)
    unit = along / np.maximum(length, 1e-9)[..., None]
    normal = np.stack([unit[..., 1], -unit[..., 0]], axis=-1)                   # outward
    t = np.linspace(0.1, 0.9, samples)
    offsets = np.concatenate([np.arange(-reach - 1, reach + 2, dtype=np.float64), [-rim]])
    points = a[:, :, None, :] + along[:, :, None, :] * t[None, None, :, None]   # (Q,4,K,2)
    xy = points[:, :, :, None, :] + offsets[None, None, None, :, None] * normal[:, :, None,
                                                                                None, :]
    flat = xy.reshape(-1, len(offsets), 2).astype(np.float32)
    values = cv2.remap(image, np.ascontiguousarray(flat[..., 0]),
                       np.ascontiguousarray(flat[..., 1]), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    if values.ndim == 2:
        values = values[..., None]
    values = values.reshape(*quads.shape[:2], samples, len(offsets), -1)       # (Q,4,K,O,C)
    inner = values[:, :, :, -1, :]                                              # (Q,4,K,C)
    values = values[:, :, :, :-1, :]
    diffs = values[:, :, :, 2:, :] - values[:, :, :, :-2, :]
    contrast = (values[:, :, :, -1, :] - values[:, :, :, 0, :]).mean(axis=2)   # (Q,4,C)
    contrast /= np.maximum(np.linalg.norm(contrast, axis=2, keepdims=True), 1e-6)
    steps = np.einsum("qskoc,qsc->qsko", diffs, contrast).max(axis=3)          # (Q,4,K)
    # A step counts where it is a fair share of the side's own typical step: a side that
    # follows a page edge for a stretch and then runs on over the desk is not supported there.
    typical = np.percentile(steps, 75, axis=2, keepdims=True)
    support = (steps > np.maximum(threshold, RELATIVE_STEP * typical)).mean(axis=2)
    # A side along the frame's border is where a page runs out of view: it has no edge to
    # show and is left out of the support, at a price, so that a whole page is preferred
    # and a cut-off one is still found (for the guidance to say so).
    h, w = image.shape[:2]
    cut = border_sides(quads, w, h)
    seen = length * ~cut
    support = np.where(cut, 0.0, support)
    # Lightness only: an ID card's coloured security print is no text.
    jumps = np.abs(np.diff(inner[..., 0], axis=2))                             # (Q,4,K-1)
    blank = (jumps < plain).mean(axis=2)
    score = (support * seen).sum(axis=1) / np.maximum(seen.sum(axis=1), 1e-9)
    score *= np.minimum(1.0, 0.5 + np.where(cut, 1.0, support).min(axis=1))
    uncut = np.maximum((~cut).sum(axis=1), 1)
    score *= 0.6 + 0.4 * (blank * ~cut).sum(axis=1) / uncut
    cuts = cut.sum(axis=1)
    # Out of view on two opposite sides is no page but two lines across the frame (planks,
    # stripes); a page runs out over one side, or two at a corner.
    across = (cut[:, 0] & cut[:, 2]) | (cut[:, 1] & cut[:, 3])
    score = np.where((cuts > 2) | across, 0.0, score * CUT_PENALTY ** cuts)
    light = np.median(inner[..., 0].reshape(len(quads), -1), axis=1)
    return QuadScores(score, support, blank, light)
