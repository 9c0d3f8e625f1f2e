"""What the scanning screen tells the citizen, as data: a hint code and its short phrase.

One hint at a time, the most pressing first: a page too dark to see, cut off by the frame,
too far away, tilted, glared, blurred. The phrases are Chinese (the catalog gives English) and
short enough for an elderly citizen to take in at a glance; screens show them with `_()`.
"""

from __future__ import annotations

from enum import StrEnum


class Hint(StrEnum):
    NO_PAGE = "no_page"
    TOO_DARK = "too_dark"
    CUT_OFF = "cut_off"
    TOO_FAR = "too_far"
    TILTED = "tilted"
    GLARE = "glare"
    BLURRED = "blurred"
    HOLD_STILL = "hold_still"
    OK = "ok"
    CAPTURED = "captured"


#: Most pressing first: a fault earlier in the list hides the later ones.
REFUSALS = (Hint.TOO_DARK, Hint.CUT_OFF, Hint.TOO_FAR, Hint.TILTED, Hint.GLARE, Hint.BLURRED)

PHRASES = {
    Hint.NO_PAGE: "请把材料放在镜头下方",
    Hint.TOO_DARK: "光线太暗，请打开补光灯",
    Hint.CUT_OFF: "材料超出画面，请往中间放",
    Hint.TOO_FAR: "离得太远，请靠近一些",
    Hint.TILTED: "材料太斜，请放平",
    Hint.GLARE: "有反光，请稍微挪动材料",
    Hint.BLURRED: "画面模糊，请拿稳不动",
    Hint.HOLD_STILL: "请保持不动，正在拍摄",
    Hint.OK: "位置合适",
    Hint.CAPTURED: "已拍好",
}

#: The English the catalog gives each phrase (also used by the command line's --json-less
#: output, which must not need the catalog loaded).
ENGLISH = {
    Hint.NO_PAGE: "Place the document under the camera",
    Hint.TOO_DARK: "Too dark; please turn on the light",
    Hint.CUT_OFF: "The page is cut off; move it to the middle",
    Hint.TOO_FAR: "Too far away; please come closer",
    Hint.TILTED: "Tilted too much; hold it flat",
    Hint.GLARE: "Glare on the page; move it a little",
    Hint.BLURRED: "Blurred; hold it steady",
    Hint.HOLD_STILL: "Hold still, taking the picture",
    Hint.OK: "Good position",
    Hint.CAPTURED: "Captured",
}


def phrase(hint: Hint, language: str = "zh_CN") -> str:
    return PHRASES[hint] if language.startswith("zh") else ENGLISH[hint]
