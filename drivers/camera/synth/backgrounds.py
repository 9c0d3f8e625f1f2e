"""Desks and trays under a document: wood, cloth, clutter, near-white laminate, mats, stone.

Each background is drawn procedurally at the photo's size from a random generator, so a seed
always gives the same desk. The near-white desks are deliberately close to the colour of paper,
the cloths and mats carry stripes and grids whose straight lines compete with a page's edges,
and the cluttered desks hold pens, phones, sticky notes and other sheets of paper.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

BACKGROUNDS = ("wood", "cloth", "clutter", "near_white", "mat", "stone")


def smooth_noise(rng: np.random.Generator, h: int, w: int, cell: int) -> np.ndarray:
    """Value noise in [-1, 1] with features about `cell` pixels across."""
    small = rng.uniform(-1, 1, (max(2, h // cell + 2), max(2, w // cell + 2))).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def _colour(rng: np.random.Generator, low: tuple[int, int, int],
            high: tuple[int, int, int]) -> np.ndarray:
    return np.array([rng.uniform(lo, hi) for lo, hi in zip(low, high, strict=True)], np.float32)


def _rotated_coords(h: int, w: int, angle: float) -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    c, s = math.cos(angle), math.sin(angle)
    return xx * c + yy * s, -xx * s + yy * c


def wood(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    # BGR: from walnut to pale beech, always brown-orange in hue.
    base = np.float32(rng.uniform(70, 225)) * np.array(
        [rng.uniform(0.45, 0.7), rng.uniform(0.68, 0.85), 1.0], np.float32)
    grain = rng.uniform(-0.3, 0.3) + (math.pi / 2 if rng.random() < 0.5 else 0)
    _, v = _rotated_coords(h, w, grain)
    warp = smooth_noise(rng, h, w, 90) * rng.uniform(8, 25)
    rings = np.sin((v + warp) * rng.uniform(0.08, 0.25)) * 0.5 + 0.5
    streak = smooth_noise(rng, h, w, 6) * 0.5 + cv2.resize(
        rng.uniform(-1, 1, (h, max(2, w // 40))).astype(np.float32), (w, h)) * 0.5
    shade = 1 + 0.18 * (rings - 0.5) + 0.06 * streak
    image = base[None, None, :] * shade[:, :, None]
    if rng.random() < 0.6:  # seams between planks
        pitch = rng.uniform(150, 400)
        seam = np.abs(((v + 0.0) % pitch) - pitch / 2) > pitch / 2 - 1.5
        image[seam] *= 0.55
    return image


def cloth(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    a = _colour(rng, (30, 30, 30), (230, 230, 230))
    b = _colour(rng, (30, 30, 30), (230, 230, 230))
    u, v = _rotated_coords(h, w, rng.uniform(-0.4, 0.4))
    pitch = rng.uniform(12, 60)
    pattern = rng.integers(3)
    if pattern == 0:  # gingham checks
        m = ((np.floor(u / pitch) + np.floor(v / pitch)) % 2)[:, :, None]
    elif pattern == 1:  # stripes
        m = (np.floor(u / pitch) % 2)[:, :, None]
    else:  # soft floral-ish blotches
        m = (smooth_noise(rng, h, w, int(pitch)) > 0.2).astype(np.float32)[:, :, None]
    image = a * (1 - m) + b * m
    weave = (np.sin(u * 1.9) * np.sin(v * 1.9)) * rng.uniform(3, 10)
    folds = smooth_noise(rng, h, w, 220) * rng.uniform(0.03, 0.12)
    return image * (1 + folds[:, :, None]) + weave[:, :, None]


def near_white(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    level = rng.uniform(185, 238)
    tint = rng.uniform(-8, 8, 3)
    image = np.empty((h, w, 3), np.float32)
    image[:] = level + tint
    speckle = rng.normal(0, rng.uniform(1, 4), (h, w)).astype(np.float32)
    blotch = smooth_noise(rng, h, w, 160) * rng.uniform(2, 8)
    return image + (speckle + blotch)[:, :, None]


def mat(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A cutting or desk mat: dark or green, with a printed grid."""
    base = _colour(rng, (30, 60, 20), (90, 140, 90)) if rng.random() < 0.5 else \
        _colour(rng, (25, 25, 25), (70, 70, 70))
    image = np.empty((h, w, 3), np.float32)
    image[:] = base
    u, v = _rotated_coords(h, w, rng.uniform(-0.2, 0.2))
    pitch = rng.uniform(18, 45)
    line = ((np.abs((u % pitch) - pitch / 2) > pitch / 2 - 1)
            | (np.abs((v % pitch) - pitch / 2) > pitch / 2 - 1))
    image[line] = image[line] * 0.4 + np.float32(rng.uniform(140, 220)) * 0.6
    return image + smooth_noise(rng, h, w, 120)[:, :, None] * 8


def stone(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    base = np.float32(rng.uniform(110, 220)) + rng.uniform(-12, 12, 3).astype(np.float32)
    veins = np.abs(np.sin(smooth_noise(rng, h, w, 140) * 6 + smooth_noise(rng, h, w, 40) * 2))
    veins = veins ** rng.uniform(3, 12)  # thin dark veins in a paler stone
    image = base[None, None, :] * (1 - rng.uniform(0.2, 0.5) * (1 - veins[:, :, None]) ** 8)
    return image + rng.normal(0, 4, (h, w, 1)).astype(np.float32)


def _clutter_objects(rng: np.random.Generator, image: np.ndarray) -> None:
    h, w = image.shape[:2]
    for _ in range(int(rng.integers(3, 9))):
        kind = rng.integers(6)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        angle = rng.uniform(0, 180)
        colour = tuple(float(c) for c in rng.uniform(0, 255, 3))
        if kind == 0:  # pen
            box = cv2.boxPoints(((cx, cy), (rng.uniform(120, 260), rng.uniform(8, 16)), angle))
            cv2.fillConvexPoly(image, box.astype(np.int32), colour, cv2.LINE_AA)
        elif kind == 1:  # phone
            box = cv2.boxPoints(((cx, cy), (rng.uniform(110, 170), rng.uniform(220, 330)), angle))
            cv2.fillConvexPoly(image, box.astype(np.int32), (20, 20, 22), cv2.LINE_AA)
        elif kind == 2:  # sticky note
            side = rng.uniform(60, 110)
            box = cv2.boxPoints(((cx, cy), (side, side), angle))
            note = (120, 235, 245) if rng.random() < 0.6 else (200, 160, 250)
            cv2.fillConvexPoly(image, box.astype(np.int32), note, cv2.LINE_AA)
        elif kind == 3:  # another sheet of paper, with lines of text on it
            size = (rng.uniform(200, 500), rng.uniform(250, 600))
            # Half off the desk's visible part: a sheet wholly in view would be a second
            # document, and which one the photo is "of" would be anyone's guess.
            reach = min(size) / 3 * rng.uniform(-1, 1)
            if rng.random() < 0.5:
                cx = reach if rng.random() < 0.5 else w - reach
            else:
                cy = reach if rng.random() < 0.5 else h - reach
            box = cv2.boxPoints(((cx, cy), size, angle))
            grey = float(rng.uniform(215, 245))
            cv2.fillConvexPoly(image, box.astype(np.int32), (grey, grey, grey), cv2.LINE_AA)
            for t in np.linspace(0.15, 0.85, 8):
                p0 = box[0] + (box[3] - box[0]) * t + (box[1] - box[0]) * 0.1
                p1 = box[0] + (box[3] - box[0]) * t + (box[1] - box[0]) * 0.8
                cv2.line(image, tuple(p0.astype(int)), tuple(p1.astype(int)), (90, 90, 90), 2)
        elif kind == 4:  # mug or coin
            radius = int(rng.uniform(15, 70))
            cv2.circle(image, (int(cx), int(cy)), radius, colour, -1, cv2.LINE_AA)
            inner = tuple(c * 0.6 for c in colour)
            cv2.circle(image, (int(cx), int(cy)), int(radius * 0.75), inner, -1, cv2.LINE_AA)
        else:  # cable
            pts = np.cumsum(rng.normal(0, 40, (12, 2)), 0) + np.array([cx, cy])
            thickness = int(rng.uniform(4, 9))
            cv2.polylines(image, [pts.astype(np.int32)], False, colour, thickness, cv2.LINE_AA)


def clutter(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    desk = [wood, near_white, stone, mat][int(rng.integers(4))](rng, h, w)
    desk = np.ascontiguousarray(desk, dtype=np.float32)
    _clutter_objects(rng, desk)
    return desk


_DRAWERS = {"wood": wood, "cloth": cloth, "clutter": clutter, "near_white": near_white,
            "mat": mat, "stone": stone}


def background(kind: str, rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A float32 BGR desk of `kind` (see `BACKGROUNDS`), values about 0..255."""
    try:
        drawer = _DRAWERS[kind]
    except KeyError:
        raise ValueError(f"unknown background {kind!r}; known: {', '.join(BACKGROUNDS)}") from None
    return np.ascontiguousarray(drawer(rng, h, w), dtype=np.float32)
