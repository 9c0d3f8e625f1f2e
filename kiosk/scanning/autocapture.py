"""Taking the picture by itself: when the page has held still and passed every check for a
moment, the full-resolution frame of that moment is the capture.

Fed one frame's findings at a time (from the live scanner's thread), `AutoCapture` says what
to show (a hint, and how far the hold has come, 0..1) and, once, returns the frame to keep.
After a capture it waits for the page to be taken away or moved before taking another, so a
citizen can lay page after page without touching the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kiosk.scanning.guidance import Hint

HOLD_S = 0.8            # still and good for this long before the picture is taken
STILL_PX = 0.0015       # corner movement between frames counted as still (share of diagonal)
MOVED_AWAY = 0.08       # a page moved this far (share of diagonal) counts as a new page
GONE_S = 0.4            # or a page not seen for this long


@dataclass(frozen=True)
class Step:
    """What one frame means for the capture."""

    hint: Hint
    progress: float              # 0..1 of the hold; 1 when captured
    captured: bool = False


class AutoCapture:
    """The hold-still state machine; not thread-safe (one scanner thread feeds it)."""

    def __init__(self, *, hold_s: float = HOLD_S) -> None:
        self.hold_s = hold_s
        self._previous: np.ndarray | None = None
        self._steady_since: float | None = None
        self._captured_at: np.ndarray | None = None
        self._last_seen = 0.0

    def reset(self) -> None:
        self.__init__(hold_s=self.hold_s)  # type: ignore[misc]

    def feed(self, now: float, corners: np.ndarray | None, hint: Hint,
             diagonal: float) -> Step:
        """The step for a frame at `now` where the page is at `corners` (or not found) and
        the quality checks said `hint` (OK when the page may be taken)."""
        if corners is None:
            self._previous, self._steady_since = None, None
            if now - self._last_seen > GONE_S:
                self._captured_at = None
            return Step(Hint.NO_PAGE, 0.0)
        self._last_seen = now
        moved = np.inf if self._previous is None else \
            float(np.abs(corners - self._previous).max()) / diagonal
        self._previous = corners
        if self._captured_at is not None:
            if float(np.abs(corners - self._captured_at).max()) / diagonal < MOVED_AWAY:
                return Step(Hint.CAPTURED, 1.0)
            self._captured_at = None
        if hint is not Hint.OK:
            self._steady_since = None
            return Step(hint, 0.0)
        if moved > STILL_PX or self._steady_since is None:
            self._steady_since = now if moved <= STILL_PX else None
            return Step(Hint.HOLD_STILL, 0.0)
        progress = min(1.0, (now - self._steady_since) / self.hold_s)
        if progress < 1.0:
            return Step(Hint.HOLD_STILL, progress)
        self._captured_at = corners
        self._steady_since = None
        return Step(Hint.CAPTURED, 1.0, captured=True)
