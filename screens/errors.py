"""What to tell a citizen about an error a service met, in their language.

Device and platform errors carry a Chinese and an English sentence (`message(language)`);
anything else is a fault of ours: it is logged with its traceback for the technician, and the
citizen gets a plain sentence rather than nothing.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

_UNEXPECTED = {"zh": "本机出现故障", "en": "This kiosk has a fault"}


def error_words(error: BaseException, language: str) -> str:
    """A short sentence for `error`, without a final full stop (it goes inside another)."""
    message = getattr(error, "message", None)
    text = message(language) if callable(message) else ""
    if not text:
        log.error("unexpected error in a citizen service", exc_info=error)
        text = _UNEXPECTED["zh" if language.startswith("zh") else "en"]
    return text.rstrip("。.")
