"""Finding the page in a camera frame: its four corners, clockwise from the top-left.

The frame is shrunk to about 320 pixels wide. The page model (`page_model`) says where it
sees the page; its outline, settled onto the frame's edges, is taken at once when the edges
run all round it and it still covers that page. Otherwise candidate outlines are found and
scored on the shrunken frame (`candidates`, weighed by how well each covers the model's
page); the best few are settled there, then placed on the full-resolution frame to a fraction
of a pixel (`refine`), and the one whose sides run most along real edges wins. When edges
vouch for nothing, the model looks closer at the page it saw. Given the previous frame's
page, the detector first tries to follow it (a page held still costs a millisecond), and
searches afresh only when that fails.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.scanning.candidates import features, find_candidates
from kiosk.scanning.geometry import polygon_iou
from kiosk.scanning.margins import grow, outward_edges
from kiosk.scanning.page_model import PageModel, PageModelError, agreement, mask_quad
from kiosk.scanning.paper_edge import paper_moves
from kiosk.scanning.refine import Refined, refine_quad

log = logging.getLogger(__name__)

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
MODEL_VOUCHES = 0.85   # an outline covering the model's page this well is a page
MODEL_DISAGREES = 0.05  # growing outwards may not lose more agreement with the model
QUICK_SUPPORT = 0.85   # the model's own outline is taken without a search when its sides
QUICK_SIDE = 0.6       # run along edges this well (overall, and each side seen)
QUICK_AGREEMENT = 0.85  # and it still covers the model's page this well
CLOSER_MARGIN = 1.8    # the closer look's window, in widths and heights of the page seen
CLOSER_AGREEMENT = 0.8  # the closer look is believed when its outline is this sure
CLOSER_KEEPS = 0.9     # edges may move its outline only this little (as overlap)
RECHECK_AGREEMENT = 0.7  # an outline from the search covering the model's page less is checked
CLOSER_BETTER = 0.1    # and gives way to the closer look's if that covers it this much better


@dataclass(frozen=True)
class Detection:
    """A page found in a frame, in the frame's pixels."""

    corners: np.ndarray           # 4×2, clockwise from the top-left corner on screen
    support: float                # share of the outline running along an edge, 0..1
    score: float                  # how page-like the outline looked on the shrunken frame
    side_support: tuple[float, ...]


class DocumentDetector:
    """Finds the page in frames; keeps nothing between calls but what it is handed."""

    def __init__(self, *, work_width: int = WORK_WIDTH, refine_count: int = 2,
                 model: PageModel | None = None, use_model: bool = True) -> None:
        self.work_width = work_width
        self.refine_count = refine_count
        self.model = (model or PageModel()) if use_model else None

    def _page_probabilities(self, small: np.ndarray) -> np.ndarray | None:
        if self.model is None:
            return None
        try:
            return self.model.probabilities(small)
        except PageModelError as exc:
            # Scanning goes on without it, on edges alone, as before the model existed.
            log.warning("%s; finding pages on edges alone (kiosk doctor checks the model)", exc)
            self.model = None
            return None

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
        view = self._view(frame)
        # Where the model sees a page and the frame's edges run all round it, that is the
        # page: most frames end here, without the search.
        chosen = self._from_model(frame, view) if view.seen is not None else None
        if chosen is None:
            chosen = self._search(frame, view)
        if chosen is None:
            # Edges too faint to vouch for any outline (a card on a desk nearly its colour):
            # the model looks again, closer, and its outline stands unless edges move it.
            return self._closer_look(frame, view) if view.seen is not None else None
        best, score = chosen
        if view.prob is not None and view.agreement(best) < RECHECK_AGREEMENT:
            # Edges chose an outline the model sees differently (a shadow's line, a rule
            # printed across a receipt): the model looks closer, and the outline that covers
            # its page better stands.
            closer = self._closer_look(frame, view)
            if closer is not None and \
                    view.agreement(closer) > view.agreement(best) + CLOSER_BETTER:
                return closer
        found = _out_to_paper_edge(frame, best)
        for _ in range(PAST_PRINT_ROUNDS):
            grown = _out_past_print(frame, view.features, found, view.scale)
            if grown is found:
                break
            found = grown
        if view.prob is not None and found is not best and \
                view.agreement(found) < view.agreement(best) - MODEL_DISAGREES:
            # Grown past where the model sees the page end: a sheet underneath, not margin.
            found = best
        return _detection(found, score)

    def _view(self, frame: np.ndarray) -> _View:
        h, w = frame.shape[:2]
        scale = max(1.0, w / self.work_width)
        size = (round(w / scale), round(h / scale))
        small = cv2.resize(frame, size, interpolation=cv2.INTER_AREA) if scale > 1 else frame
        # The model's view of where the page is. A frame it sees no page in is searched on
        # edges alone.
        prob = self._page_probabilities(small)
        seen = mask_quad(prob) if prob is not None else None
        return _View(small, features(small), (w / size[0], h / size[1]),
                     prob if seen is not None else None, seen)

    def _place(self, frame: np.ndarray, view: _View, coarse: Refined) -> Refined | None:
        """An outline settled on the shrunken frame, placed on the full one."""
        h, w = frame.shape[:2]
        sx, sy = view.scale
        # Pixel centres: small (i) covers full [i*s, (i+1)*s), centred at (i + 0.5)*s - 0.5.
        rough = _onto_border((coarse.corners + 0.5) * [sx, sy] - 0.5, coarse.cut, w, h)
        placed = refine_quad(frame, rough, reaches=(round(max(sx, sy)) + 2, 3), signed=False)
        if placed is None or placed.support < MIN_SUPPORT or \
                {0, 2} <= set(placed.cut) or {1, 3} <= set(placed.cut):
            return None
        return placed

    def _from_model(self, frame: np.ndarray, view: _View) -> tuple[Refined, float] | None:
        """The model's outline settled onto the frame's edges, if they run all round it and
        it still covers the page the model sees."""
        coarse = refine_quad(view.small, view.seen, reaches=(3,))
        if coarse is None:
            return None
        placed = self._place(frame, view, coarse)
        if placed is None or placed.support < QUICK_SUPPORT or \
                min(placed.side_support[i] for i in range(4) if i not in placed.cut) < QUICK_SIDE:
            return None
        seen = view.agreement(placed)
        if seen < QUICK_AGREEMENT:
            return None
        return placed, seen

    def _closer_look(self, frame: np.ndarray, view: _View) -> Detection | None:
        """The page the model sees, looked at again in a window of the full frame around it
        (so a card fills the model's view) and settled onto edges where there are any."""
        h, w = frame.shape[:2]
        sx, sy = view.scale
        seen = (view.seen + 0.5) * [sx, sy] - 0.5
        low, high = seen.min(axis=0), seen.max(axis=0)
        aspect = w / h
        width = min(float(w), max(CLOSER_MARGIN * (high[0] - low[0]),
                                  CLOSER_MARGIN * (high[1] - low[1]) * aspect))
        height = min(float(h), width / aspect)
        centre = (low + high) / 2
        x0 = round(np.clip(centre[0] - width / 2, 0, w - width))
        y0 = round(np.clip(centre[1] - height / 2, 0, h - height))
        window = frame[y0:y0 + round(height), x0:x0 + round(width)]
        small = cv2.resize(window, view.small.shape[1::-1], interpolation=cv2.INTER_AREA)
        prob = self._page_probabilities(small)
        quad = mask_quad(prob) if prob is not None else None
        if quad is None:
            return None
        sure = float(agreement(prob, quad[None])[0])
        if sure < CLOSER_AGREEMENT:
            return None
        zoom = np.array([window.shape[1] / small.shape[1], window.shape[0] / small.shape[0]])
        outline = (quad + 0.5) * zoom - 0.5 + [x0, y0]
        placed = refine_quad(frame, outline, reaches=(4, 2), signed=False)
        if placed is not None and placed.support >= MIN_SUPPORT and \
                polygon_iou(placed.corners, outline) >= CLOSER_KEEPS:
            return _detection(placed, sure)
        # No edges to settle on: the model's own outline, vouched for by nothing else.
        return Detection(outline, 0.0, sure, (0.0,) * 4)

    def _search(self, frame: np.ndarray, view: _View) -> tuple[Refined, float] | None:
        """The best outline of all the frame's candidates, if it is convincing."""
        extra = [] if view.seen is None else [view.seen]
        # Settle the best few outlines on the shrunken frame, where a few pixels of search
        # cover a wide band of the full one; outlines that settle on the same edges are one.
        # Lightness first; the colour axes too when that finds nothing convincing.
        cache: dict = {}
        settled = self._settle(view.small, find_candidates(
            view.features, limit=SETTLE_COUNT, colour_lines=False, cache=cache, extra=extra,
            page_prob=view.prob))
        if not settled or settled[0][0] < CONVINCING:
            settled = self._settle(view.small, find_candidates(
                view.features, limit=SETTLE_MORE, cache=cache, extra=extra,
                page_prob=view.prob))
        refined: list[Refined] = []
        scores: list[float] = []
        for score, coarse in settled[:self.refine_count]:
            placed = self._place(frame, view, coarse)
            if placed is not None:
                refined.append(placed)
                scores.append(score)
        best = _choose(refined, scores)
        if best is None:
            return None
        if not _convincing(refined[best], scores[best]) and \
                not (view.prob is not None and view.agreement(refined[best]) >= MODEL_VOUCHES):
            return None
        return refined[best], scores[best]


@dataclass(frozen=True)
class _View:
    """A frame as the search sees it: shrunken, its features, and the model's page."""

    small: np.ndarray
    features: np.ndarray
    scale: tuple[float, float]      # full-frame pixels per shrunken pixel, x and y
    prob: np.ndarray | None         # the model's page probabilities, None if it sees none
    seen: np.ndarray | None         # the outline of the page the model sees

    def agreement(self, found: Refined | Detection) -> float:
        """How well an outline on the full frame covers the page the model sees."""
        if self.prob is None:
            return 0.0
        small = (found.corners + 0.5) / np.array(self.scale) - 0.5
        return float(agreement(self.prob, small[None])[0])


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
