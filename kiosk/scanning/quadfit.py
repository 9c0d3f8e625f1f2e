"""Four lines through an outline: the quadrilateral a page's contour stands for.

A contour found in an edge map or a mask is ragged: a card's corners are rounded, a thumb
bites into a side, a shadow frays it. The convex hull bridges bites; simplifying the hull to four
vertices finds which stretch belongs to which side; a least-squares line through the middle of
each stretch (its ends are where corners are rounded) and the intersections of neighbouring
lines give the corners.
"""

from __future__ import annotations

import cv2
import numpy as np

from drivers.camera.geometry import is_convex, order_clockwise


def intersect(line_a: np.ndarray, line_b: np.ndarray) -> np.ndarray | None:
    """Where two lines (point, unit direction) as 4-vectors (vx, vy, x0, y0) cross."""
    (ax, ay, px, py), (bx, by, qx, qy) = line_a, line_b
    det = ax * (-by) - ay * (-bx)
    if abs(det) < 1e-6:
        return None
    t = ((qx - px) * (-by) - (qy - py) * (-bx)) / det
    return np.array([px + t * ax, py + t * ay])


def corners_from_lines(lines: list[np.ndarray]) -> np.ndarray | None:
    """The four corners where side i-1 meets side i, or None if two sides are parallel."""
    corners = []
    for i in range(4):
        point = intersect(lines[i - 1], lines[i])
        if point is None:
            return None
        corners.append(point)
    return np.array(corners)


def _simplify_to_four(hull: np.ndarray) -> np.ndarray | None:
    perimeter = cv2.arcLength(hull, True)
    low, high = 0.002 * perimeter, 0.25 * perimeter
    for _ in range(14):
        epsilon = (low + high) / 2
        approx = cv2.approxPolyDP(hull, epsilon, True)
        if len(approx) > 4:
            low = epsilon
        elif len(approx) < 4:
            high = epsilon
        else:
            return approx.reshape(4, 2).astype(np.float64)
    return None


def _densify(polygon: np.ndarray, step: float) -> np.ndarray:
    """Points every `step` pixels along the closed `polygon`."""
    following = np.roll(polygon, -1, axis=0)
    counts = np.maximum(1, (np.linalg.norm(following - polygon, axis=1) / step).astype(int))
    edge = np.repeat(np.arange(len(polygon)), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    t = (np.arange(counts.sum()) - first) / counts[edge]
    return polygon[edge] + (following[edge] - polygon[edge]) * t[:, None]


def quad_from_contour(contour: np.ndarray, *, trim: float = 0.12) -> np.ndarray | None:
    """The quadrilateral (clockwise from top-left) a contour outlines, or None."""
    hull = cv2.convexHull(contour.reshape(-1, 1, 2).astype(np.float32))
    if len(hull) < 4:
        return None
    rough = _simplify_to_four(hull)
    if rough is None:
        return None
    rough = order_clockwise(rough)
    points = _densify(hull.reshape(-1, 2).astype(np.float64), 1.0)
    lines = []
    for i in range(4):
        a, b = rough[i], rough[(i + 1) % 4]
        along = b - a
        length = float(np.linalg.norm(along))
        if length < 4:
            return None
        along /= length
        rel = points - a
        t = rel @ along
        d = np.abs(rel @ np.array([-along[1], along[0]]))
        near = (t > trim * length) & (t < (1 - trim) * length) & (d < max(2.0, 0.06 * length))
        if near.sum() < 3:
            lines.append(np.array([along[0], along[1], a[0], a[1]]))
            continue
        line = cv2.fitLine(points[near].astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01)
        lines.append(line.reshape(4).astype(np.float64))
    corners = corners_from_lines(lines)
    if corners is None or not is_convex(corners):
        return None
    return order_clockwise(corners)
