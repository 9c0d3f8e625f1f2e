"""Finding fonts that can show Chinese, and the icon font.

Kivy's SDL2 text provider opens face 0 of a font collection, and face 0 of Noto Sans CJK's .ttc
is the Japanese design, whose forms of many characters differ from what Chinese readers learned
(骨, 直, 角...). So from a collection we extract the Simplified Chinese face into the state
directory once and use that. Without any CJK font the kiosk refuses to start: a kiosk that
shows empty boxes to citizens is worse than one that says it is broken.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import FontNotFound

log = logging.getLogger(__name__)

NOTO_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
             Path("/usr/share/fonts/google-noto-cjk"))
ICON_FONT_PATHS = (
    Path("/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"),
    Path("/usr/share/fonts/material-design-icons-iconfont/MaterialIcons-Regular.ttf"),
)
# Other Chinese fonts a Debian, UOS or Kylin machine may have when Noto is missing.
FALLBACK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                     "WenQuanYi Zen Hei", "Droid Sans Fallback")
SAMPLE = "中国政务服务取号"


@dataclass(frozen=True)
class FontSet:
    regular: Path
    bold: Path
    icons: Path | None


def find_fonts(configured: Path | None, cache_dir: Path) -> FontSet:
    """The fonts to draw with; raises `FontNotFound` with what to install."""
    if configured is not None:
        regular = _usable_face(configured, cache_dir)
        if regular is None:
            raise FontNotFound(f"kiosk.font {configured} cannot show Chinese text; "
                               "choose a font with Chinese glyphs or leave kiosk.font out")
        return FontSet(regular, regular, _icon_font())
    for directory in NOTO_DIRS:
        regular = directory / "NotoSansCJK-Regular.ttc"
        if regular.is_file():
            bold = directory / "NotoSansCJK-Bold.ttc"
            face = _usable_face(regular, cache_dir)
            if face is not None:
                bold_face = _usable_face(bold, cache_dir) if bold.is_file() else None
                return FontSet(face, bold_face or face, _icon_font())
    for family in FALLBACK_FAMILIES:
        path = _fontconfig_lookup(family)
        face = _usable_face(path, cache_dir) if path else None
        if face is not None:
            log.warning("Noto Sans CJK not found; using another Chinese font",
                        extra={"font": str(face)})
            return FontSet(face, face, _icon_font())
    raise FontNotFound("no font that can show Chinese text was found; install Noto Sans CJK "
                       "(Debian: apt install fonts-noto-cjk) or set kiosk.font")


def _icon_font() -> Path | None:
    return next((p for p in ICON_FONT_PATHS if p.is_file()), None)


def _fontconfig_lookup(family: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        result = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", f"{family}:lang=zh-cn"],
                                capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found_family, _, file = result.stdout.partition("\t")
    if family.lower() not in found_family.lower() or not file:
        return None  # fc-match always answers, with some unrelated font if it must
    return Path(file)


def _usable_face(path: Path, cache_dir: Path) -> Path | None:
    """`path` itself if it covers Chinese, or its Simplified Chinese face extracted to cache."""
    if not path.is_file():
        return None
    if path.suffix.lower() not in (".ttc", ".otc"):
        return path if _covers_chinese(path) else None
    target = cache_dir / f"{path.stem}-SC.otf"
    if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
        return target
    return _extract_sc_face(path, target)


def _covers_chinese(path: Path, index: int = 0) -> bool:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        cmap = TTFont(path, fontNumber=index, lazy=True).getBestCmap() or {}
    except (TTLibError, OSError, AssertionError):
        return False
    return all(ord(ch) in cmap for ch in SAMPLE)


def _extract_sc_face(collection: Path, target: Path) -> Path | None:
    from fontTools.ttLib import TTCollection, TTLibError

    try:
        faces = TTCollection(collection, lazy=True).fonts
    except (TTLibError, OSError) as exc:
        log.warning("font collection unreadable",
                    extra={"font": str(collection), "error": str(exc)})
        return None
    names = [face["name"].getDebugName(4) or "" for face in faces]
    # Prefer the proportional Simplified Chinese face, then any face that covers Chinese.
    order = sorted(range(len(faces)),
                   key=lambda i: (" SC" not in names[i], "Mono" in names[i], i))
    for index in order:
        cmap = faces[index].getBestCmap() or {}
        if all(ord(ch) in cmap for ch in SAMPLE):
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            # Saving from a lazily loaded collection is ~30x slower than loading it whole.
            TTCollection(collection).fonts[index].save(partial)
            partial.replace(target)
            log.info("extracted Chinese font face", extra={"face": names[index], "to": str(target)})
            return target
    return None
