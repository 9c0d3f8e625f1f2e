"""Auto-capture: still and good for a moment, then one picture; another only for a new page."""

from __future__ import annotations

import numpy as np

from kiosk.scanning.autocapture import AutoCapture
from kiosk.scanning.guidance import Hint

PAGE = np.array([[100, 100], [500, 110], [490, 650], [95, 640]], float)
DIAGONAL = 1469.0


def run(auto, frames, start=0.0, dt=1 / 15):
    steps = []
    for i, (corners, hint) in enumerate(frames):
        steps.append(auto.feed(start + i * dt, corners, hint, DIAGONAL))
    return steps


def test_a_page_held_still_is_taken_once_after_the_hold():
    auto = AutoCapture(hold_s=0.8)
    steps = run(auto, [(PAGE + np.random.default_rng(i).normal(0, 0.3, (4, 2)), Hint.OK)
                       for i in range(30)])
    taken = [i for i, step in enumerate(steps) if step.captured]
    assert len(taken) == 1
    assert 12 <= taken[0] <= 16          # 0.8 s at 15 frames a second, after settling
    assert steps[5].hint is Hint.HOLD_STILL and 0 < steps[5].progress < 1
    assert all(step.hint is Hint.CAPTURED for step in steps[taken[0]:])


def test_a_moving_page_is_not_taken():
    auto = AutoCapture()
    steps = run(auto, [(PAGE + np.array([i * 6, 0]), Hint.OK) for i in range(40)])
    assert not any(step.captured for step in steps)
    assert all(step.progress == 0 for step in steps)


def test_a_refused_frame_restarts_the_hold_and_says_why():
    auto = AutoCapture(hold_s=0.8)
    frames = [(PAGE, Hint.OK)] * 8 + [(PAGE, Hint.GLARE)] + [(PAGE, Hint.OK)] * 8
    steps = run(auto, frames)
    assert steps[8].hint is Hint.GLARE
    assert not any(step.captured for step in steps)


def test_the_next_page_is_taken_after_the_first_is_moved_away_or_removed():
    auto = AutoCapture(hold_s=0.5)
    first = run(auto, [(PAGE, Hint.OK)] * 15)
    gone = run(auto, [(None, Hint.NO_PAGE)] * 10, start=1.0)
    second = run(auto, [(PAGE, Hint.OK)] * 15, start=2.0)
    assert sum(step.captured for step in first) == 1
    assert all(step.hint is Hint.NO_PAGE for step in gone)
    assert sum(step.captured for step in second) == 1
    moved = run(auto, [(PAGE + np.array([200, 0]), Hint.OK)] * 15, start=4.0)
    assert sum(step.captured for step in moved) == 1
