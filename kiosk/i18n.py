"""Translations: gettext catalogs whose source language is Chinese.

Every user-facing string is written in Chinese in the code and .kv files (`_("取号")`), which is
what the kiosk shows by default; `kiosk/locale/<lang>/LC_MESSAGES/kiosk.po` translates it. A
string missing from a catalog falls back to Chinese, never to an empty label. The .po files are
compiled in memory on first use, so there is no build step and no stale .mo file.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "kiosk"
SOURCE_LANGUAGE = "zh_CN"


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog for `language`; the source language needs none."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    # Babel is imported only when a translation is first needed (it costs ~50 ms).
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translate(language: str, text: str) -> str:
    return translations(language).gettext(text)


def N_(text: str) -> str:
    """Mark `text` for translation where it is defined; it is translated where it is shown."""
    return text
