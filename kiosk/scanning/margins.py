"""From a printed frame out to the paper's edge.

Certificates, licences and many forms print a border a few millimetres inside the paper's
edge, and that printed line is often the crisper edge of the two. When blank paper of the
same colour as the page's own margin continues outside a side, and a clear edge ends it a
little further out, that further edge is the paper's: the side moves out to it.
"""

from __future__ import annotations

import cv2
import numpy as np

SAMPLES = 16
PAPER_DEPTH = (0.06, 0.14)  # where the page's own paper is sampled, as shares of its width
SAME_PAPER = 20.0       # colour distance (0..255 per channel) still counted as the same paper
STEP = 18.0             # a clear edge: this much colour change across 2 px
AGREE = 0.45            # share of samples that must agree
INK = 14                # pixels of printed line that may lie between the side and the paper


def _profiles(image: np.ndarray, a: np.ndarray, b: np.ndarray, offsets: np.ndarray
              ) -> np.ndarray:
    along = b - a
    unit = along / max(float(np.linalg.norm(along)), 1e-9)
    normal = np.array([unit[1], -unit[0]])                    # outward for clockwise quads
    t = np.linspace(0.15, 0.85, SAMPLES)[:, None]
    xy = (a + along * t)[:, None, :] + offsets[None, :, None] * normal[None, None, :]
    values = cv2.remap(image, xy[..., 0].astype(np.float32), xy[..., 1].astype(np.float32),
                       cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return values.astype(np.float32).reshape(SAMPLES, len(offsets), -1)


def outward_edges(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """How far (pixels, 0 for no move) each side of `quad` should move out to the paper's
    edge; see the module docstring."""
    moves = np.zeros(4)
    h, w = image.shape[:2]
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        shortest = min(float(np.linalg.norm(quad[j] - quad[j - 1])) for j in range(4))
        reach = int(min(60.0, 0.08 * shortest))
        if reach < 6:
            continue
        offsets = np.arange(0, reach + 1, dtype=np.float64)
        values = _profiles(image, a, b, offsets)
        # The page's own paper along this side: deeper in than any printed frame, where
        # (print being sparse) the median colour is the paper's.
        depth = -np.linspace(*PAPER_DEPTH, 6) * shortest
        inside = _profiles(image, a, b, depth)                                      # (S, D, C)
        # Pooled with the neighbouring samples, so that print at one spot does not count.
        padded = np.pad(inside, ((2, 2), (0, 0), (0, 0)), mode="edge")
        window = np.concatenate([padded[k:k + SAMPLES] for k in range(5)], axis=1)
        paper = np.median(window, axis=1)                                           # (S, C)
        steps = np.linalg.norm(values[:, 2:] - values[:, :-2], axis=2)                # (S, O-2)
        same = np.linalg.norm(values - paper[:, None, :], axis=2) < SAME_PAPER         # (S, O)
        # Walk out over the printed line (a few pixels of ink), then over blank paper as long
        # as it goes on; the edge ends it.
        index = np.arange(len(offsets))
        ink = (index >= 2) & (index < INK)
        starts = np.where((same & ink).any(axis=1), np.argmax(same & ink, axis=1), -1)
        after = (index[None, :] >= starts[:, None]) & ~same
        ends = np.where(after.any(axis=1), np.argmax(after, axis=1), len(offsets) - 1)
        usable = (starts >= 0) & (ends - starts >= 4) & (ends < len(offsets) - 1)
        found = np.full(SAMPLES, np.nan)
        for k in np.flatnonzero(usable):
            low = max(0, ends[k] - 3)
            window = steps[k, low:ends[k] + 1]
            if window.max() > STEP:
                found[k] = offsets[low + int(np.argmax(window)) + 1]
        good = found[~np.isnan(found)]
        if len(good) >= AGREE * SAMPLES and np.abs(good - np.median(good)).max() < 4 and \
                (np.abs(good - np.median(good)) < 2).mean() > 0.8:
            moves[i] = float(np.median(good))
    # Never out of the frame.
    if (moves > 0).any():
        grown = grow(quad, moves)
        if (grown < -1).any() or (grown[:, 0] > w).any() or (grown[:, 1] > h).any():
            return np.zeros(4)
    return moves


def grow(quad: np.ndarray, moves: np.ndarray) -> np.ndarray:
    """`quad` with each side i moved out by `moves[i]` pixels (corners re-intersected)."""
    from kiosk.scanning.quadfit import corners_from_lines

    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        unit = (b - a) / max(float(np.linalg.norm(b - a)), 1e-9)
        normal = np.array([unit[1], -unit[0]])
        start = a + normal * moves[i]
        lines.append(np.array([unit[0], unit[1], start[0], start[1]]))
    grown = corners_from_lines(lines)
    return quad if grown is None else grown
