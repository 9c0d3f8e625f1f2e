"""Placing a page's sides on the full-resolution frame, to a fraction of a pixel.

Starting from a rough quadrilateral (from the shrunken frame, or the previous frame's answer),
each side is searched along its normal for the strongest colour step; a robust line through
those edge points (points on a thumb, a glare or a shadow's rim are dropped as outliers)
replaces the side, and neighbouring lines meet at the corners. A few rounds with a shrinking
search range converge from several pixels off to a fraction of one. All four sides are sampled
and fitted together, with numpy, so a round costs well under a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.geometry import is_convex, order_clockwise
from kiosk.scanning.edges import border_sides
from kiosk.scanning.quadfit import corners_from_lines

STEP_FLOOR = 3.0      # the least colour step (0..255 units over 2 px) ever taken as an edge
STEP_SHARE = 0.35     # and at least this share of the side's typical step
TRIM = 0.1            # the ends of a side (rounded card corners, a thumb at a corner) are left out


@dataclass(frozen=True)
class Refined:
    corners: np.ndarray       # clockwise from top-left
    support: float            # share of the sides' samples on the fitted lines
    side_support: tuple[float, ...]
    cut: tuple[int, ...] = ()  # sides lying along the frame's border


def _profiles(image: np.ndarray, quad: np.ndarray, count: int, reach: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Samples (4, K, 2) along each side, outward normals (4, 2), profiles (4, K, O, C)."""
    a = quad
    b = np.roll(quad, -1, axis=0)
    along = b - a
    unit = along / np.maximum(np.linalg.norm(along, axis=1, keepdims=True), 1e-9)
    normal = np.stack([unit[:, 1], -unit[:, 0]], axis=1)
    t = np.linspace(TRIM, 1 - TRIM, count)
    points = a[:, None, :] + along[:, None, :] * t[None, :, None]
    offsets = np.arange(-reach, reach + 1, dtype=np.float64)
    xy = points[:, :, None, :] + offsets[None, None, :, None] * normal[:, None, None, :]
    flat = xy.reshape(4 * count, len(offsets), 2).astype(np.float32)
    values = cv2.remap(image, np.ascontiguousarray(flat[..., 0]),
                       np.ascontiguousarray(flat[..., 1]), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
    if values.ndim == 2:
        values = values[..., None]
    return points, normal, values.reshape(4, count, len(offsets), -1)


def _robust_lines(points: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines (4, 4) as (vx, vy, x0, y0) through most of each side's points (4, K, 2), and
    which points each kept (4, K). Points with weight 0 take no part."""
    keep = weights > 0
    lines = np.zeros((4, 4))
    for _ in range(4):
        w = weights * keep
        total = np.maximum(w.sum(axis=1, keepdims=True), 1e-9)
        centre = (points * w[..., None]).sum(axis=1) / total
        d = points - centre[:, None, :]
        cxx = (w * d[..., 0] ** 2).sum(axis=1)
        cyy = (w * d[..., 1] ** 2).sum(axis=1)
        cxy = (w * d[..., 0] * d[..., 1]).sum(axis=1)
        angle = 0.5 * np.arctan2(2 * cxy, cxx - cyy)
        direction = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        lines = np.concatenate([direction, centre], axis=1)
        normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
        residual = np.abs((d * normal[:, None, :]).sum(axis=2))
        ranked = np.sort(np.where(keep, residual, np.inf), axis=1)
        middle = np.maximum(keep.sum(axis=1) - 1, 0) // 2
        median = np.take_along_axis(ranked, middle[:, None], axis=1)
        spread = 1.4826 * np.where(np.isfinite(median), median, 0.0)
        limit = np.maximum(0.8, 2.5 * spread)
        new_keep = (weights > 0) & (residual < limit)
        if (new_keep == keep).all():
            break
        keep = new_keep
    return lines, keep


def refine_round(image: np.ndarray, quad: np.ndarray, *, reach: int, signed: bool,
                 count: int) -> tuple[np.ndarray, np.ndarray] | None:
    """One round: new side lines (4, 4) and each side's support (4,), or None."""
    # Two more pixels each way: smoothing and differencing eat them.
    points, normal, values = _profiles(image, quad, count, reach + 2)
    values = values[:, :, :-2] * 0.25 + values[:, :, 1:-1] * 0.5 + values[:, :, 2:] * 0.25
    diffs = values[:, :, 2:] - values[:, :, :-2]                       # (4, K, O', C)
    if signed:
        # Steps of the side's own sign: the mean colour change from inside to outside.
        contrast = (values[:, :, -1] - values[:, :, 0]).mean(axis=1)    # (4, C)
        contrast /= np.maximum(np.linalg.norm(contrast, axis=1, keepdims=True), 1e-6)
        steps = np.einsum("skoc,sc->sko", diffs, contrast)
    else:
        # The sharpest change of colour: the paper's edge itself, not the soft outer rim of
        # the shadow a sheet casts around it.
        steps = np.linalg.norm(diffs, axis=3)
    width = steps.shape[2]
    # Prefer the edge nearest the current guess: a strong stripe a few pixels away must not
    # pull a side off the page's fainter edge.
    peak = steps.argmax(axis=2)                            # (4, K)
    strength = np.take_along_axis(steps, peak[..., None], axis=2)[..., 0]
    left = np.take_along_axis(steps, np.clip(peak - 1, 0, None)[..., None], axis=2)[..., 0]
    right = np.take_along_axis(steps, np.clip(peak + 1, None, width - 1)[..., None], axis=2)[..., 0]
    inner = (peak > 0) & (peak < width - 1)
    curvature = left - 2 * strength + right
    with np.errstate(all="ignore"):
        shift = np.where(inner & (curvature < 0), 0.5 * (left - right) / curvature, 0.0)
    # steps[k] is centred on offset index k + 2 of the profile: smoothing and differencing.
    offset = peak + 2 + np.clip(shift, -0.5, 0.5) - (reach + 2)
    typical = np.median(strength, axis=1, keepdims=True)
    strong = inner & (strength > np.maximum(STEP_FLOOR, STEP_SHARE * typical))
    edge_points = points + offset[..., None] * normal[:, None, :]
    lines, keep = _robust_lines(edge_points, np.where(strong, strength, 0.0))
    enough = strong.sum(axis=1) >= 4
    # A side without enough edge (glare, a hand, the frame's border) stays where it was.
    a, b = quad, np.roll(quad, -1, axis=0)
    unit = (b - a) / np.maximum(np.linalg.norm(b - a, axis=1, keepdims=True), 1e-9)
    lines[~enough] = np.concatenate([unit, a], axis=1)[~enough]
    support = np.where(enough, keep.sum(axis=1) / count, 0.0)
    return lines, support


def refine_quad(image: np.ndarray, corners: np.ndarray, *, reaches: tuple[int, ...] = (8, 3),
                signed: bool = True, count: int | None = None) -> Refined | None:
    """`corners` moved onto the page's edges in `image`, or None if they fall apart."""
    quad = order_clockwise(corners)
    h, w = image.shape[:2]
    # A side along the frame's border stays there: the page runs on out of view.
    cut = border_sides(quad[None], w, h)[0]
    support = np.zeros(4)
    for reach in reaches:
        if count is None:
            perimeter = float(np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1).sum())
            samples = int(np.clip(perimeter / 40, 12, 40))
        else:
            samples = count
        result = refine_round(image, quad, reach=reach, signed=signed, count=samples)
        if result is None:
            return None
        lines, support = result
        for i in np.flatnonzero(cut):
            a, b = quad[i], quad[(i + 1) % 4]
            lines[i] = np.concatenate([(b - a) / max(float(np.linalg.norm(b - a)), 1e-9), a])
        new_quad = corners_from_lines(list(lines))
        if new_quad is None or not is_convex(new_quad):
            return None
        quad = order_clockwise(new_quad)
    if (np.abs(quad) > 4 * max(h, w)).any():
        return None
    # Sides along the frame's border (a page running out of view) show no edge: they are
    # left out of the support, and `cut` says which they are.
    cut = border_sides(quad[None], w, h)[0]
    seen = support[~cut]
    overall = float(seen.mean()) if len(seen) else 0.0
    return Refined(quad, overall, tuple(float(s) for s in support),
                   tuple(int(i) for i in np.flatnonzero(cut)))
