"""From a printed border out to the paper's edge (kiosk.scanning.paper_edge)."""

from __future__ import annotations

import cv2
import numpy as np

from kiosk.scanning.candidates import features
from kiosk.scanning.paper_edge import paper_moves


def _framed_page(desk: int) -> np.ndarray:
    """A 1280×720 photo shrunk to 320×180 as the detector does: a cream page (x 60..260,
    y 30..150 once shrunk) with a double printed border and a ruled table inside, on a plain
    desk of lightness `desk`."""
    image = np.full((720, 1280, 3), desk, np.uint8)
    cv2.rectangle(image, (240, 120), (1039, 599), (228, 236, 240), -1)
    cv2.rectangle(image, (288, 160), (991, 559), (150, 60, 40), 4)
    cv2.rectangle(image, (300, 172), (979, 547), (40, 40, 170), 3)
    for y in range(220, 520, 48):
        cv2.line(image, (320, y), (960, y), (90, 90, 90), 2)
    image = cv2.GaussianBlur(image, (5, 5), 0)
    return cv2.resize(image, (320, 180), interpolation=cv2.INTER_AREA)


def test_a_printed_border_moves_out_to_the_paper_edge():
    image = features(_framed_page(desk=70))
    inner = np.array([[75, 43], [244.5, 43], [244.5, 136.5], [75, 136.5]], np.float64)
    moves = paper_moves(image, inner)
    # The paper's edge lies 13 (top, bottom) and 15 (left, right) pixels further out.
    assert np.allclose(moves, [13, 15, 13, 15], atol=1.5), moves


def test_a_side_on_the_paper_edge_stays_put():
    image = features(_framed_page(desk=70))
    page = np.array([[59.5, 29.5], [259.5, 29.5], [259.5, 149.5], [59.5, 149.5]], np.float64)
    assert not paper_moves(image, page).any()


def test_a_plain_page_without_a_desk_edge_in_reach_stays_put():
    image = features(np.full((180, 320, 3), 230, np.uint8))
    quad = np.array([[100, 60], [220, 60], [220, 120], [100, 120]], np.float64)
    assert not paper_moves(image, quad).any()
