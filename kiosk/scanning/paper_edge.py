"""From a printed frame or table out to the paper's edge, across any number of printed lines.

Certificates print a double border, forms a table, 户口簿 pages a ruled grid a few millimetres
inside the paper's edge, and those printed lines are often crisper than the paper's own edge
on a desk nearly as light. `margins` steps over one printed line to a sharp edge; this looks
further, on the shrunken frame (where sensor noise and JPEG blocks are averaged away): along
each side, outward, the colour stays the page's own paper, with only thin dips of ink, until
it turns for good into something else, the desk. Where most of the side agrees on how far out
that happens, in a straight line, that is the paper's edge and the side moves out to it.
"""

from __future__ import annotations

import cv2
import numpy as np

SAMPLES = 24
TOLERANCE = 8.0        # colour distance (features: Lab, colour axes amplified) still paper
LEAVE = 5              # pixels of non-paper in a row that end the paper (printed lines, even
                       # a double border, are thinner on the shrunken frame)
AGREE = 0.5            # share of the side's samples that must find the edge
ALIGNED = 0.7          # and share of those within `SPREAD` pixels of their median
SPREAD = 1.5
MIN_MOVE = 1.5         # pixels (shrunken frame): less is the refinement's job
PAPER_PERCENTILE = 80
DESK_SHARE = 0.35      # the side has left the paper where at most this share is paper-coloured
LOOK_BACK = 3          # pixels before that where each sample's own edge may lie
REACH_SHARE = 0.2      # how far out to look, as a share of the quad's shortest side
MAX_REACH = 40         # and at most (a receipt's rule across it can leave most of it out)


def _profiles(image: np.ndarray, a: np.ndarray, b: np.ndarray, offsets: np.ndarray
              ) -> np.ndarray:
    along = b - a
    unit = along / max(float(np.linalg.norm(along)), 1e-9)
    normal = np.array([unit[1], -unit[0]])                    # outward for clockwise quads
    t = np.linspace(0.1, 0.9, SAMPLES)[:, None]
    xy = (a + along * t)[:, None, :] + offsets[None, :, None] * normal[None, None, :]
    values = cv2.remap(image, xy[..., 0].astype(np.float32), xy[..., 1].astype(np.float32),
                       cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    return values.astype(np.float32).reshape(SAMPLES, len(offsets), -1)


def _side_move(image: np.ndarray, a: np.ndarray, b: np.ndarray, reach: int, depth: int
               ) -> float:
    """How far out (pixels) the paper's edge lies beyond side a→b, or 0."""
    inside = _profiles(image, a, b, -np.arange(1, depth + 1, dtype=np.float64))
    # The page's own paper next to each sample, pooled with its neighbours so that print at
    # one spot does not count.
    padded = np.pad(inside, ((2, 2), (0, 0), (0, 0)), mode="edge")
    window = np.concatenate([padded[k:k + SAMPLES] for k in range(5)], axis=1)
    # Paper is the lightest thing on a page (print only darkens it): a high percentile of
    # lightness, so that a table's rules or a blurred line of text inside do not count.
    paper = np.median(window, axis=1)                                         # (S, C)
    paper[:, 0] = np.percentile(window[:, :, 0], PAPER_PERCENTILE, axis=1)
    offsets = np.arange(1, reach + 1, dtype=np.float64)
    values = _profiles(image, a, b, offsets)                                  # (S, O, C)
    other = np.linalg.norm(values - paper[:, None, :], axis=2) > TOLERANCE   # (S, O)
    # Where `LEAVE` non-paper pixels in a row begin: the paper has ended.
    run = np.ones_like(other)
    for k in range(LEAVE):
        run[:, :len(offsets) - k] &= other[:, k:]
    run[:, len(offsets) - LEAVE + 1:] = False
    # Where the side as a whole leaves the paper: most of its samples off paper, `LEAVE`
    # pixels in a row. Print between (text, a QR code, a stamp) is off paper only in places.
    desk = (other.mean(axis=0) > 1 - DESK_SHARE)[None, :]
    whole = np.ones_like(desk)
    for k in range(LEAVE):
        whole[:, :len(offsets) - k] &= desk[:, k:]
    whole[:, len(offsets) - LEAVE + 1:] = False
    if not whole.any():
        return 0.0
    start = max(0, int(np.argmax(whole[0])) - LOOK_BACK)
    # Each sample's own edge: the first run from a little before that, so that print
    # nearer the side does not count.
    run[:, :start] = False
    found = run.any(axis=1)
    edge = np.argmax(run, axis=1).astype(np.float64)                         # index into offsets
    # Paper, not desk, must lie between the side and that edge (print aside), and right
    # outside the side too: otherwise the side is already the paper's edge.
    index = np.arange(len(offsets))[None, :]
    between = index < edge[:, None]
    paper_share = (~other & between).sum(axis=1) / np.maximum(between.sum(axis=1), 1)
    found &= (edge >= 1) & (paper_share >= 0.5)
    if found.mean() < AGREE:
        return 0.0
    where = offsets[edge[found].astype(int)] - 0.5      # between the last paper and the desk
    middle = float(np.median(where))
    if (np.abs(where - middle) <= SPREAD).mean() < ALIGNED or middle < MIN_MOVE:
        return 0.0
    return middle


def paper_moves(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """How far (pixels of `image`, 0 for no move) each side of `quad` (clockwise) should move
    out to the paper's edge; see the module docstring."""
    lengths = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    shortest = float(lengths.min())
    reach = int(np.clip(REACH_SHARE * shortest, 0, MAX_REACH)) + LEAVE   # room to see the desk
    depth = int(np.clip(0.04 * shortest, 2, 6))
    moves = np.zeros(4)
    if reach < 2 * LEAVE:
        return moves
    for i in range(4):
        moves[i] = _side_move(image, quad[i], quad[(i + 1) % 4], reach, depth)
    return moves
