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


def _profiles(image: np.ndarray, quad: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Profiles (4, S, O, C) across each side of `quad` at `offsets` (outward positive), all
    sides in one remap."""
    a = quad
    along = np.roll(quad, -1, axis=0) - a
    unit = along / np.maximum(np.linalg.norm(along, axis=1, keepdims=True), 1e-9)
    normal = np.stack([unit[:, 1], -unit[:, 0]], axis=1)       # outward for clockwise quads
    t = np.linspace(0.1, 0.9, SAMPLES)
    points = a[:, None, :] + along[:, None, :] * t[None, :, None]                # (4, S, 2)
    xy = points[:, :, None, :] + offsets[None, None, :, None] * normal[:, None, None, :]
    flat = xy.reshape(4 * SAMPLES, len(offsets), 2).astype(np.float32)
    values = cv2.remap(image, np.ascontiguousarray(flat[..., 0]),
                       np.ascontiguousarray(flat[..., 1]), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    return values.astype(np.float32).reshape(4, SAMPLES, len(offsets), -1)


def _runs(flags: np.ndarray) -> np.ndarray:
    """Where `LEAVE` true values in a row begin, along the last axis."""
    run = flags.copy()
    width = flags.shape[-1]
    for k in range(1, LEAVE):
        run[..., :width - k] &= flags[..., k:]
    run[..., width - LEAVE + 1:] = False
    return run


def paper_moves(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """How far (pixels of `image`, 0 for no move) each side of `quad` (clockwise) should move
    out to the paper's edge; see the module docstring."""
    quad = np.asarray(quad, np.float64)
    lengths = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    shortest = float(lengths.min())
    reach = int(np.clip(REACH_SHARE * shortest, 0, MAX_REACH)) + LEAVE   # room to see the desk
    depth = int(np.clip(0.04 * shortest, 2, 6))
    moves = np.zeros(4)
    if reach < 2 * LEAVE:
        return moves
    offsets = np.arange(1, reach + 1, dtype=np.float64)
    profiles = _profiles(image, quad, np.concatenate([-np.arange(1, depth + 1.0), offsets]))
    inside, values = profiles[:, :, :depth], profiles[:, :, depth:]           # (4, S, O, C)
    # The page's own paper next to each sample, pooled with its neighbours so that print at
    # one spot does not count.
    padded = np.pad(inside, ((0, 0), (2, 2), (0, 0), (0, 0)), mode="edge")
    window = np.concatenate([padded[:, k:k + SAMPLES] for k in range(5)], axis=2)
    paper = np.median(window, axis=2)                                          # (4, S, C)
    # Paper is the lightest thing on a page (print only darkens it): a high percentile of
    # lightness, so that a table's rules or a blurred line of text inside do not count.
    lightness = np.sort(window[..., 0], axis=2)
    paper[..., 0] = lightness[..., round(PAPER_PERCENTILE / 100 * (lightness.shape[2] - 1))]
    other = np.linalg.norm(values - paper[:, :, None, :], axis=3) > TOLERANCE  # (4, S, O)
    # Where each sample's paper ends (`LEAVE` non-paper pixels in a row), and where the side
    # as a whole leaves it: most of its samples off paper. Print between (text, a QR code, a
    # stamp) is off paper only in places.
    run = _runs(other)
    whole = _runs(other.mean(axis=1) > 1 - DESK_SHARE)                          # (4, O)
    index = np.arange(len(offsets))
    for side in range(4):
        if not whole[side].any():
            continue
        start = max(0, int(np.argmax(whole[side])) - LOOK_BACK)
        # Each sample's own edge: the first run from a little before that, so that print
        # nearer the side does not count.
        own = run[side].copy()
        own[:, :start] = False
        edge = np.argmax(own, axis=1)
        # Paper, not desk, must lie between the side and that edge (print aside), and right
        # outside the side too: otherwise the side is already the paper's edge.
        between = index[None, :] < edge[:, None]
        paper_share = (~other[side] & between).sum(axis=1) / np.maximum(between.sum(axis=1), 1)
        found = own.any(axis=1) & (edge >= 1) & (paper_share >= 0.5)
        if found.mean() < AGREE:
            continue
        where = offsets[edge[found]] - 0.5           # between the last paper and the desk
        middle = float(np.median(where))
        if (np.abs(where - middle) <= SPREAD).mean() >= ALIGNED and middle >= MIN_MOVE:
            moves[side] = middle
    return moves
