"""Quadrilateral measures for scanning: overlap against the truth, true aspect, page size.

`jaccard` follows the ICDAR 2015 SmartDoc challenge: both quadrilaterals are first mapped into
the document's own flat frame with the homography that flattens the true one, so that an error
of a few pixels on a far, small page counts as much as on a near, large one.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from drivers.camera.geometry import is_convex, order_clockwise, polygon_area

__all__ = ["is_convex", "jaccard", "order_clockwise", "plane_aspect", "polygon_area",
           "polygon_iou"]


def polygon_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two convex polygons (0 when either is not convex)."""
    a = np.asarray(a, np.float32).reshape(-1, 2)
    b = np.asarray(b, np.float32).reshape(-1, 2)
    if not (is_convex(a) and is_convex(b)):
        return 0.0
    # intersectConvexConvex wants both in the same winding.
    a = order_clockwise(a).astype(np.float32)
    b = order_clockwise(b).astype(np.float32)
    inter, _ = cv2.intersectConvexConvex(a, b)
    union = polygon_area(a) + polygon_area(b) - inter
    return float(inter / union) if union > 0 else 0.0


def jaccard(detected: np.ndarray | None, truth: np.ndarray, size: tuple[float, float]) -> float:
    """SmartDoc's Jaccard index of `detected` against `truth` in the document's frame.

    `truth` is in the page's own corner order (its TL, TR, BR, BL) and `size` is the page's
    width and height in any unit. A miss (`None`) scores 0.
    """
    if detected is None:
        return 0.0
    w, h = size
    flat = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    flatten = cv2.getPerspectiveTransform(np.asarray(truth, np.float32).reshape(4, 2), flat)
    pts = np.hstack([np.asarray(detected, np.float64).reshape(4, 2), np.ones((4, 1))])
    mapped = pts @ flatten.T
    if (mapped[:, 2] <= 1e-9).any():  # a corner beyond the page's horizon: nowhere near
        return 0.0
    mapped = mapped[:, :2] / mapped[:, 2:]
    return polygon_iou(mapped, flat)


def plane_aspect(corners: np.ndarray, image_size: tuple[int, int]) -> float:
    """The true width/height ratio of the flat rectangle seen as `corners` (clockwise from
    top-left), assuming square pixels and the principal point at the image centre.

    Zhang and He, "Whiteboard scanning and image enhancement" (2007): the focal length is
    recovered from the vanishing points; with a near-parallel view it falls back to the mean
    side lengths, which is then exact.
    """
    w_img, h_img = image_size
    u0, v0 = w_img / 2, h_img / 2
    # Their corner order: m1 top-left, m2 top-right, m3 bottom-left, m4 bottom-right.
    m1, m2, m4, m3 = (np.array([x, y, 1.0]) for x, y in np.asarray(corners, np.float64))
    k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
    k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
    n2 = k2 * m2 - m1
    n3 = k3 * m3 - m1
    side_w = (np.linalg.norm(m2 - m1) + np.linalg.norm(m4 - m3)) / 2
    side_h = (np.linalg.norm(m3 - m1) + np.linalg.norm(m4 - m2)) / 2
    fallback = float(side_w / side_h) if side_h > 0 else 1.0
    denominator = n2[2] * n3[2]
    if abs(denominator) < 1e-9 or abs(n2[2]) < 1e-6 or abs(n3[2]) < 1e-6:
        return fallback
    f2 = -((n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
           + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)
           ) / denominator
    if not math.isfinite(f2) or f2 <= 0:
        return fallback
    a_inv = np.array([[1 / f2, 0, -u0 / f2], [0, 1 / f2, -v0 / f2],
                      [-u0 / f2, -v0 / f2, u0 * u0 / f2 + v0 * v0 / f2 + 1]])
    num = n2 @ a_inv @ n2
    den = n3 @ a_inv @ n3
    if num <= 0 or den <= 0:
        return fallback
    return float(math.sqrt(num / den))
