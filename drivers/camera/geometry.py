"""Quadrilaterals in image coordinates, in the one corner order everything here uses.

Image coordinates are OpenCV's: x to the right, y down, pixel (i, j)'s centre at (i, j).
Corners go clockwise on screen starting from the top-left one: the corner with the smallest
x + y, then the others by increasing angle about the centre (with y down that is clockwise).
"""

from __future__ import annotations

import numpy as np


def order_clockwise(points: np.ndarray) -> np.ndarray:
    """The four `points` (4×2) as float64, clockwise from the top-left one."""
    pts = np.asarray(points, dtype=np.float64).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def polygon_area(points: np.ndarray) -> float:
    """Unsigned area of a simple polygon (shoelace formula)."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    x, y = pts[:, 0], pts[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def is_convex(points: np.ndarray) -> bool:
    """True when the polygon turns the same way at every corner (and is not degenerate)."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    edges = np.roll(pts, -1, axis=0) - pts
    cross = edges[:, 0] * np.roll(edges[:, 1], -1) - edges[:, 1] * np.roll(edges[:, 0], -1)
    return bool(np.all(cross > 0) or np.all(cross < 0))
