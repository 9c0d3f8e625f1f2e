"""The kiosk's pinyin input method: phrase and character candidates for typed letters.

    kiosk.ime.candidates("zhangsan")   → ["张三", …]
    kiosk.ime.candidates("bdcdj")      → ["不动产登记", …]
    kiosk.ime.InputSession()           the state of one composition for a keyboard screen

The dictionary (`data/lexicon.tsv.gz`, built by `kiosk.ime.build`) loads on first use in
under a second: call `preload()` from a worker thread when the app starts, so the first key a
citizen taps does not wait. Importing this package loads nothing.
"""

from __future__ import annotations

import threading

from kiosk.ime.engine import Candidate, Engine, clean
from kiosk.ime.lexicon import Lexicon
from kiosk.ime.session import InputSession

__all__ = ["Candidate", "Engine", "InputSession", "Lexicon", "candidates", "clean", "engine",
           "preload"]

_engine: Engine | None = None
_lock = threading.Lock()


def engine() -> Engine:
    """The shared engine over the shipped dictionary, loaded once (thread-safe)."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = Engine(Lexicon.load())
        return _engine


def preload() -> None:
    """Load the dictionary now (about 0.8 s): call it off the UI thread at start-up."""
    engine()


def candidates(pinyin: str, limit: int = 10) -> list[str]:
    """Up to `limit` distinct candidates for the letters typed, best first.

    Full pinyin (`zhangsan`), initials (`bdcdj`) and a mix (`zhangs`, `bdcdengji`) all work;
    `'` separates syllables (`xi'an`). Candidates using all the letters come first, then
    those using a beginning of them (a keyboard commits those and keeps the rest). Anything
    but letters and `'` is ignored; an input with no candidates gives an empty list.
    """
    return [c.text for c in engine().candidates(pinyin, limit)]
