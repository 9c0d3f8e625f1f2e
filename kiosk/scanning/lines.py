"""Pages from straight lines: every way four of the frame's strongest lines close a quadrilateral.

Where a page's outline is broken (a patterned desk as light as paper in places, glare on a
corner, a sheet of paper underneath, a thumb), its sides still show as straight segments.
The line segment detector (LSD) finds segments on the shrunken frame; collinear pieces are
merged into lines that remember which stretches of them were seen. Every choice of four lines
and order is then tried at once with numpy: the four corners, convexity, size, angles, and how
much of each side the line's seen stretches cover. The best few go on to be scored on the
image itself (`edges.score_quads`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

import cv2
import numpy as np

MAX_LINES = 48
MIN_SEGMENT = 7.0       # pixels on the shrunken frame
MERGE_ANGLE = np.deg2rad(4.0)   # segments this close in angle and distance are one line
MERGE_DISTANCE = 1.8
INTERVALS = 4           # stretches remembered per line
OVERHANG_WEIGHT = 1.0


@dataclass
class LinePool:
    point: np.ndarray       # (N, 2) a point on each line
    direction: np.ndarray   # (N, 2) unit directions
    spans: np.ndarray       # (N, INTERVALS, 2) seen stretches, as positions along the line
    weight: np.ndarray      # (N,) evidence: seen length times contrast

    def __len__(self) -> int:
        return len(self.weight)


LSD_QUANT = 1.0  # LSD's bound on gradient quantisation; below its default 2 it sees faint edges


@cache
def _lsd(scale: float) -> cv2.LineSegmentDetector:
    return cv2.createLineSegmentDetector(cv2.LSD_REFINE_NONE, scale, 0.6, LSD_QUANT)


def _contrast(lab: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Mean colour difference across each segment, 2 px either side of it, at 3 points."""
    p0, p1 = segments[:, :2], segments[:, 2:]
    along = p1 - p0
    length = np.linalg.norm(along, axis=1, keepdims=True)
    normal = np.stack([-along[:, 1], along[:, 0]], 1) / np.maximum(length, 1e-6)
    t = np.array([0.25, 0.5, 0.75])[None, :, None]
    points = p0[:, None, :] + along[:, None, :] * t                       # (S, 3, 2)
    sides = np.stack([points + 2.0 * normal[:, None, :], points - 2.0 * normal[:, None, :]], 2)
    map_xy = sides.reshape(-1, 1, 2).astype(np.float32)
    values = cv2.remap(lab, map_xy[:, :, 0], map_xy[:, :, 1], cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE).reshape(len(segments), 3, 2, 3)
    values = values.astype(np.float32)
    return np.linalg.norm(values[:, :, 0] - values[:, :, 1], axis=2).mean(axis=1)


def detect_segments(channels: list[np.ndarray], features: np.ndarray,
                    scales: tuple[float, ...] = (0.8, 0.5, 0.5)) -> np.ndarray:
    """LSD segments (S, 4) from each channel, longer than `MIN_SEGMENT`, with their strength
    (length times colour contrast across them on `features`) as a fifth column.

    LSD looks at each channel shrunk by its `scales`: colour changes slowly in a photo (and
    JPEG keeps it at half resolution), so the colour axes are searched at half size.
    """
    found = [_lsd(scale).detect(np.ascontiguousarray(channel))[0]
             for channel, scale in zip(channels, scales, strict=False)]
    segments = np.concatenate([f.reshape(-1, 4) for f in found if f is not None] or
                              [np.zeros((0, 4), np.float32)]).astype(np.float64)
    lengths = np.linalg.norm(segments[:, 2:] - segments[:, :2], axis=1)
    segments, lengths = segments[lengths >= MIN_SEGMENT], lengths[lengths >= MIN_SEGMENT]
    if not len(segments):
        return np.zeros((0, 5))
    strength = lengths * np.minimum(_contrast(features, segments), 60.0)
    return np.concatenate([segments, strength[:, None]], axis=1)


def _merged_spans(t0: np.ndarray, t1: np.ndarray) -> list[tuple[float, float]]:
    """Overlapping stretches joined, the longest `INTERVALS` kept."""
    order = np.argsort(t0)
    joined: list[list[float]] = []
    for a, b in zip(t0[order].tolist(), t1[order].tolist(), strict=True):
        if joined and a <= joined[-1][1] + 1.0:
            joined[-1][1] = max(joined[-1][1], b)
        else:
            joined.append([a, b])
    joined.sort(key=lambda span: span[0] - span[1])
    return [(a, b) for a, b in joined[:INTERVALS]]


def _groups(p0: np.ndarray, p1: np.ndarray, strength: np.ndarray, angle: float,
            distance: float) -> np.ndarray:
    """A group label per segment: greedily, strongest first, each group is the segments within
    `angle` and `distance` of its strongest member's line."""
    d = (p1 - p0) / np.maximum(np.linalg.norm(p1 - p0, axis=1, keepdims=True), 1e-9)
    n = np.stack([-d[:, 1], d[:, 0]], axis=1)
    parallel = np.abs(d @ d.T) > np.cos(angle)
    dist0 = np.abs(((p0[None, :, :] - p0[:, None, :]) * n[:, None, :]).sum(axis=2))
    dist1 = np.abs(((p1[None, :, :] - p0[:, None, :]) * n[:, None, :]).sum(axis=2))
    together = parallel & (dist0 < distance) & (dist1 < distance)
    labels = np.full(len(p0), -1)
    group = 0
    for i in np.argsort(-strength):
        if labels[i] < 0:
            labels[(labels < 0) & together[i]] = group
            group += 1
    return labels


def _fit_groups(p0: np.ndarray, p1: np.ndarray, weight: np.ndarray, labels: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per group, a point and unit direction of the weighted least-squares line through its
    segments' end points (closed form, all groups at once)."""
    count = labels.max() + 1
    lab = np.concatenate([labels, labels])
    pts = np.concatenate([p0, p1])
    w = np.concatenate([weight, weight]) + 1e-6
    total = np.bincount(lab, w, count)
    cx = np.bincount(lab, w * pts[:, 0], count) / total
    cy = np.bincount(lab, w * pts[:, 1], count) / total
    dx, dy = pts[:, 0] - cx[lab], pts[:, 1] - cy[lab]
    sxx = np.bincount(lab, w * dx * dx, count)
    syy = np.bincount(lab, w * dy * dy, count)
    sxy = np.bincount(lab, w * dx * dy, count)
    theta = 0.5 * np.arctan2(2 * sxy, sxx - syy)
    return np.stack([cx, cy], axis=1), np.stack([np.cos(theta), np.sin(theta)], axis=1)


def find_lines(segments: np.ndarray, extra: list[np.ndarray] | None = None, *,
               limit: int = MAX_LINES, considered: int = 150) -> LinePool:
    """The strongest lines through `segments` (from `detect_segments`), plus the sides of
    `extra` quads (from outlines), which count as fully seen.

    Collinear segments are grouped in two passes: first around each strong segment, then the
    groups themselves along their fitted lines, so a page edge broken into short pieces by a
    patterned desk or a thumb still adds up to one strong line.
    """
    rows: list[tuple[np.ndarray, np.ndarray, list[tuple[float, float]], float]] = []
    for quad in extra or []:
        for i in range(4):
            a, b = quad[i], quad[(i + 1) % 4]
            length = float(np.linalg.norm(b - a))
            rows.append((a, (b - a) / max(length, 1e-9), [(0.0, length)], length * 40))
    top = segments[np.argsort(-segments[:, 4])[:considered]]
    if len(top):
        p0, p1, strength = top[:, :2], top[:, 2:4], top[:, 4]
        first = _groups(p0, p1, strength, MERGE_ANGLE, MERGE_DISTANCE)
        middle, direction = _fit_groups(p0, p1, strength, first)
        # Each first-pass group as one long segment along its line, grouped again.
        t0 = ((p0 - middle[first]) * direction[first]).sum(axis=1)
        t1 = ((p1 - middle[first]) * direction[first]).sum(axis=1)
        count = first.max() + 1
        low = np.full(count, np.inf)
        high = np.full(count, -np.inf)
        np.minimum.at(low, first, np.minimum(t0, t1))
        np.maximum.at(high, first, np.maximum(t0, t1))
        totals = np.bincount(first, strength, count)
        second = _groups(middle + low[:, None] * direction, middle + high[:, None] * direction,
                         totals, MERGE_ANGLE * 0.75, MERGE_DISTANCE)
        labels = second[first]
        middle, direction = _fit_groups(p0, p1, strength, labels)
        totals = np.bincount(labels, strength)
        for group in np.argsort(-totals)[:limit]:
            members = labels == group
            s0 = (p0[members] - middle[group]) @ direction[group]
            s1 = (p1[members] - middle[group]) @ direction[group]
            rows.append((middle[group], direction[group],
                         _merged_spans(np.minimum(s0, s1), np.maximum(s0, s1)),
                         float(totals[group])))
    rows.sort(key=lambda row: -row[3])
    rows = rows[:limit]
    pool_spans = np.zeros((len(rows), INTERVALS, 2))
    for index, (_, _, spans, _) in enumerate(rows):
        pool_spans[index, :len(spans)] = spans
    return LinePool(np.array([row[0] for row in rows]).reshape(-1, 2),
                    np.array([row[1] for row in rows]).reshape(-1, 2),
                    pool_spans, np.array([row[3] for row in rows]))


@cache
def _all_orders(n: int) -> np.ndarray:
    """Every set of four line indices below `n`, in each of its three cyclic orders: (Q, 4)."""
    if n < 4:
        return np.zeros((0, 4), int)
    sets = np.array(list(combinations(range(n), 4)))
    a, b, c, d = sets.T
    return np.concatenate([np.stack(o, 1) for o in ((a, b, c, d), (a, b, d, c), (a, c, b, d))])


def _intersections(pool: LinePool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each pair of lines meets (N, N, 2), that point's position along the first line
    (N, N), and whether the two cross steeply enough to be a page's corner (N, N)."""
    p, d = pool.point, pool.direction
    cross = d[:, None, 0] * d[None, :, 1] - d[:, None, 1] * d[None, :, 0]
    diff = p[None, :, :] - p[:, None, :]                                    # p_j - p_i
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (diff[:, :, 0] * d[None, :, 1] - diff[:, :, 1] * d[None, :, 0]) / cross
        meet = p[:, None, :] + s[:, :, None] * d[:, None, :]
    steep = np.abs(cross) > np.sin(np.deg2rad(35))
    return meet, s, steep


def _corner_orders(pool: LinePool, s: np.ndarray, steep: np.ndarray) -> np.ndarray:
    """Orders (Q, 4) of lines whose consecutive pairs meet near their seen ends, as a page's
    sides do at its corners; one corner may be unseen (a thumb, glare, rounded)."""
    seen = pool.spans[:, :, 1] > pool.spans[:, :, 0]
    low = np.where(seen, pool.spans[:, :, 0], np.inf).min(axis=1)
    high = np.where(seen, pool.spans[:, :, 1], -np.inf).max(axis=1)
    extent = np.maximum(high - low, 1.0)
    gap = np.maximum(5.0, 0.35 * extent)[:, None]
    margin = np.maximum(2.0, 0.2 * extent)[:, None]
    outside = np.maximum(low[:, None] - s, s - high[:, None])        # > 0 beyond the ends
    near_end = (outside < gap) & ~((s > low[:, None] + margin) & (s < high[:, None] - margin))
    corner = steep & near_end & near_end.T
    np.fill_diagonal(corner, False)
    # Paths i-j-k through two corners, then a fourth line l after a third corner at k-l,
    # closing back to i (that last corner may be unseen).
    i, j, k = np.nonzero(corner[:, :, None] & corner[None, :, :])
    distinct = i != k
    i, j, k = i[distinct], j[distinct], k[distinct]
    closing = corner[k] & steep[:, i].T                                  # (M, N): candidates l
    closing[np.arange(len(i)), i] = False
    closing[np.arange(len(i)), j] = False
    row, last = np.nonzero(closing)
    return np.stack([i[row], j[row], k[row], last], axis=1)


def quads_from_lines(pool: LinePool, frame: tuple[int, int], *, keep: int = 60,
                     min_area: float = 0.01, exhaustive: int = 12) -> np.ndarray:
    """The `keep` best quadrilaterals (K, 4, 2) that four pool lines close, best first.

    Every choice among the `exhaustive` strongest lines is tried, and among all lines those
    whose sides meet at their ends, as a page's do.
    """
    if len(pool) < 4:
        return np.zeros((0, 4, 2))
    w, h = frame
    meet, s, steep = _intersections(pool)
    orders = np.concatenate([_all_orders(min(exhaustive, len(pool))),
                             _corner_orders(pool, s, steep)])
    # The same quad comes in up to eight rotations and directions: keep one of each.
    start_at = np.argmin(orders, axis=1)
    orders = np.take_along_axis(orders, (start_at[:, None] + np.arange(4)) % 4, axis=1)
    backwards = orders[:, 1] > orders[:, 3]
    orders[backwards] = orders[backwards][:, [0, 3, 2, 1]]
    n = len(pool)
    _, first = np.unique(((orders[:, 0] * n + orders[:, 1]) * n + orders[:, 2]) * n
                         + orders[:, 3], return_index=True)
    orders = orders[first]
    nxt = orders[:, [1, 2, 3, 0]]
    orders = orders[steep[orders, nxt].all(axis=1)]
    if not len(orders):
        return np.zeros((0, 4, 2))
    # Corner k, where side k starts, is where line k-1 meets line k.
    corners = meet[orders[:, [3, 0, 1, 2]], orders]
    inside = ((corners[:, :, 0] > -0.05 * w) & (corners[:, :, 0] < 1.05 * w)
              & (corners[:, :, 1] > -0.05 * h) & (corners[:, :, 1] < 1.05 * h)).all(axis=1)
    following = corners[:, [1, 2, 3, 0]]
    edges = following - corners
    turn = edges[:, :, 0] * edges[:, [1, 2, 3, 0], 1] - edges[:, :, 1] * edges[:, [1, 2, 3, 0], 0]
    convex = (turn > 0).all(axis=1) | (turn < 0).all(axis=1)
    area = 0.5 * np.abs((corners[:, :, 0] * following[:, :, 1]
                         - corners[:, :, 1] * following[:, :, 0]).sum(axis=1))
    good = inside & convex & (area > min_area * w * h)
    orders, corners, edges = orders[good], corners[good], edges[good]
    if not len(orders):
        return np.zeros((0, 4, 2))
    # How much of each side the line's seen stretches cover.
    p, d = pool.point, pool.direction
    start = ((corners - p[orders]) * d[orders]).sum(axis=2)
    end = ((corners[:, [1, 2, 3, 0]] - p[orders]) * d[orders]).sum(axis=2)
    lo, hi = np.minimum(start, end), np.maximum(start, end)
    spans = pool.spans[orders]                            # (Q, 4, INTERVALS, 2)
    covered = np.clip(np.minimum(hi[..., None], spans[..., 1])
                      - np.maximum(lo[..., None], spans[..., 0]), 0, None).sum(axis=2)
    length = np.linalg.norm(edges, axis=2)
    share = np.clip(covered / np.maximum(length, 1e-6), 0, 1)
    # A page's edge is seen up to its corners and not much beyond: lines that run on far
    # past a corner (a grid, a plank seam, a table ruled across the page) are less likely.
    seen = np.clip(spans[..., 1] - spans[..., 0], 0, None).sum(axis=2)
    overhang = np.clip(seen - covered, 0, None) / np.maximum(length, 1e-6)
    share = share / (1 + OVERHANG_WEIGHT * overhang)
    score = (share * length).sum(axis=1) / length.sum(axis=1) * (0.5 + share.min(axis=1))
    return corners[np.argsort(-score)[:keep]]
