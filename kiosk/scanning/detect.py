"""Finding the page in a camera frame: its four corners, clockwise from the top-left.

The frame is shrunk to about 320 pixels wide, where candidate outlines are cheap to find and
score (`candidates`); the best few are settled on the shrunken frame, then placed on the
full-resolution frame to a fraction of a pixel (`refine`), and the one whose sides run most
along real edges wins. Given the previous frame's page, the detector first tries to follow it
(a page held still costs a millisecond), and searches afresh only when that fails.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanning.candidates import features, find_candidates
from kiosk.scanning.margins import grow, outward_edges
from kiosk.scanning.paper_edge import paper_moves
from kiosk.scanning.refine import Refined, refine_quad

WORK_WIDTH = 320
MIN_SUPPORT = 0.45    # share of the outline on edges for a candidate to be kept
MIN_CONFIDENCE = 0.4  # support times page-likeness for the best one to count as a page
CLEAR_SIDE = 0.8      # or every side this well supported on the full frame
MIN_SCORE = 0.15      # and at least this page-like on the shrunken one
FOLLOW_SUPPORT = 0.8  # following the previous page is trusted above this support
SETTLE_COUNT = 4      # candidates settled on the shrunken frame
SETTLE_MORE = 6       # when none of those is convincing (a faint page among shadow outlines)
CONVINCING = 0.85    # a settled candidate this good needs no search along colour axes
PAST_PRINT_ROUNDS = 3  # a double border and a table inside it are three steps out


@dataclass(frozen=True)
class Detection:
    """A page found in a frame, in the frame's pixels."""

    corners: np.ndarray           # 4×2, clockwise from the top-left corner on screen
    support: float                # share of the outline running along an edge, 0..1
    score: float                  # how page-like the outline looked on the shrunken frame
    side_support: tuple[float, ...]


class DocumentDetector:
    """Finds the page in frames; keeps nothing between calls but what it is handed."""

    def __init__(self, *, work_width: int = WORK_WIDTH, refine_count: int = 2) -> None:
        self.work_width = work_width
        self.refine_count = refine_count

    @staticmethod
    def _settle(small: np.ndarray, candidates: list) -> list[tuple[float, Refined]]:
        """Candidates settled on the shrunken frame, as (confidence, outline), best first;
        outlines that settle on the same edges are one."""
        settled: list[tuple[float, Refined]] = []
        for candidate in candidates:
            coarse = refine_quad(small, candidate.corners, reaches=(3,))
            if coarse is None or any(np.abs(coarse.corners - other.corners).max() < 1.5
                                     for _, other in settled):
                continue
            settled.append((candidate.score * coarse.support, coarse))
        settled.sort(key=_settled_key)
        return settled

    def detect(self, frame: np.ndarray, previous: np.ndarray | None = None) -> Detection | None:
        """The page in `frame` (BGR), or None; `previous` is the last frame's corners."""
        if previous is not None:
            followed = refine_quad(frame, np.asarray(previous, np.float64), reaches=(10, 4, 3),
                                   signed=False)
            if followed is not None and followed.support >= FOLLOW_SUPPORT:
                return _detection(followed, 1.0)
        h, w = frame.shape[:2]
        scale = max(1.0, w / self.work_width)
        size = (round(w / scale), round(h / scale))
        small = cv2.resize(frame, size, interpolation=cv2.INTER_AREA) if scale > 1 else frame
        sx, sy = w / size[0], h / size[1]
        # Settle the best few outlines on the shrunken frame, where a few pixels of search
        # cover a wide band of the full one; outlines that settle on the same edges are one.
        feature_image = features(small)
        # Lightness first; the colour axes too when that finds nothing convincing.
        cache: dict = {}
        settled = self._settle(small, find_candidates(feature_image, limit=SETTLE_COUNT,
                                                      colour_lines=False, cache=cache))
        if not settled or settled[0][0] < CONVINCING:
            settled = self._settle(small, find_candidates(feature_image, limit=SETTLE_MORE,
                                                          cache=cache))
        refined: list[Refined] = []
        scores: list[float] = []
        for score, coarse in settled[:self.refine_count]:
            # Pixel centres: small (i) covers full [i*s, (i+1)*s), centred at (i + 0.5)*s - 0.5.
            rough = _onto_border((coarse.corners + 0.5) * [sx, sy] - 0.5, coarse.cut, w, h)
            placed = refine_quad(frame, rough, reaches=(round(max(sx, sy)) + 2, 3), signed=False)
            if placed is not None and placed.support >= MIN_SUPPORT and \
                    not {0, 2} <= set(placed.cut) and not {1, 3} <= set(placed.cut):
                refined.append(placed)
                scores.append(score)
        best = _choose(refined, scores)
        if best is None or not _convincing(refined[best], scores[best]):
            return None
        found = _out_to_paper_edge(frame, refined[best])
        for _ in range(PAST_PRINT_ROUNDS):
            grown = _out_past_print(frame, feature_image, found, (sx, sy))
            if grown is found:
                break
            found = grown
        return _detection(found, scores[best])


def _convincing(found: Refined, score: float) -> bool:
    """Enough to call it a page: well supported and page-like, or a faint outline (a page
    on a desk nearly as light as itself) that the full frame shows all round, sharply."""
    if found.support * score >= MIN_CONFIDENCE:
        return True
    return not found.cut and min(found.side_support) >= CLEAR_SIDE and score >= MIN_SCORE


def _settled_key(item: tuple[float, Refined]) -> float:
    return -item[0]


def _choose(refined: list[Refined], scores: list[float]) -> int | None:
    """The outline most like a page's: well supported on the full frame and a good candidate
    on the shrunken one; of a page and a printed frame or photo on it (one inside the other,
    both well supported), the page."""
    if not refined:
        return None
    quads = [r.corners for r in refined]
    rank = np.array([r.support * _seen_share(r) for r in refined]) * np.array(scores)
    order = list(np.argsort(-rank))
    best = order[0]
    for other in order[1:]:
        if rank[other] > 0.75 * rank[best] and _inside(quads[best], quads[other]) and \
                refined[other].support >= 0.9 * refined[best].support:
            best = other
    return int(best)


def _seen_share(found: Refined) -> float:
    """The share of the outline's length that is not along the frame's border: a side there
    shows no edge, so it cannot vouch for the outline (a page in full view is preferred to
    an outline closed by the frame's border; a page that does run out of view still wins
    over outlines with weaker edges)."""
    corners = found.corners
    lengths = np.linalg.norm(corners - np.roll(corners, -1, axis=0), axis=1)
    cut = sum(lengths[i] for i in found.cut)
    return float(1.0 - 0.5 * cut / max(float(lengths.sum()), 1e-9))


def _out_to_paper_edge(frame: np.ndarray, found: Refined) -> Refined:
    """`found`, or the paper's edge around it when it is a printed frame (`margins`)."""
    moves = outward_edges(frame, found.corners)
    if not moves.any():
        return found
    grown = refine_quad(frame, grow(found.corners, moves), reaches=(3, 2), signed=False)
    if grown is None or grown.support < 0.8 * found.support:
        return found
    return grown


def _out_past_print(frame: np.ndarray, feature_image: np.ndarray, found: Refined,
                    scale: tuple[float, float]) -> Refined:
    """`found`, or the paper's edge further out when `found` is a printed frame, table or grid
    (`paper_edge`, looked for on the shrunken frame's features)."""
    sx, sy = scale
    small = (found.corners + 0.5) / [sx, sy] - 0.5
    moves = paper_moves(feature_image, small)
    if not moves.any():
        return found
    h, w = frame.shape[:2]
    rough = grow(found.corners, moves * (sx + sy) / 2)
    if (rough < -1).any() or (rough[:, 0] > w).any() or (rough[:, 1] > h).any():
        return found
    grown = refine_quad(frame, rough, reaches=(round(max(sx, sy)) + 2, 3), signed=False)
    if grown is None or grown.support < 0.8 * found.support:
        return found
    return grown


def _onto_border(corners: np.ndarray, cut: tuple[int, ...], w: int, h: int) -> np.ndarray:
    """Corners with the `cut` sides (along the shrunken frame's border) put exactly on the
    full frame's border, which scaling up leaves a pixel or two short of."""
    corners = corners.copy()
    limits = np.array([w - 1, h - 1], np.float64)
    for side in cut:
        ends = [side, (side + 1) % 4]
        pair = corners[ends]
        axis = int(np.argmin(np.abs(pair[0] - pair[1])))   # the coordinate the side keeps
        value = pair[:, axis].mean()
        corners[ends, axis] = 0.0 if value < limits[axis] / 2 else limits[axis]
    return corners


def _inside(inner: np.ndarray, outer: np.ndarray) -> bool:
    contour = outer.astype(np.float32).reshape(-1, 1, 2)
    return all(cv2.pointPolygonTest(contour, (float(x), float(y)), True) >= -1.5
               for x, y in inner)


def _detection(refined: Refined, score: float) -> Detection:
    return Detection(refined.corners, refined.support, score, refined.side_support)


def detect_document(frame: np.ndarray) -> Detection | None:
    """The page in one frame, without tracking."""
    return DocumentDetector().detect(frame)
