"""Scanned pages in the citizen session, and nowhere else.

Pages go into the current `CitizenSession` under `scans`, as a list of dicts whose `jpeg` is a
`bytearray`: when the session ends, its wipe zeroes those bytes and drops the list. The PDF of
all pages is built on demand, in memory, and also kept in the session (as `scans_pdf`) so that
it too is zeroed at the end. Nothing about a scan is logged beyond its size and kind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from kiosk.scanning.output import build_pdf
from kiosk.session import CitizenSession

log = logging.getLogger(__name__)

SCANS = "scans"
SCANS_PDF = "scans_pdf"
MAX_PAGES = 30


class TooManyPages(ValueError):
    """A session holds at most `MAX_PAGES` scanned pages."""


@dataclass(frozen=True)
class PageInfo:
    """What may be shown about a stored page without its pixels."""

    number: int           # from 1
    kind: str
    mode: str
    width: int
    height: int
    size_bytes: int


def add_page(session: CitizenSession, jpeg: bytearray, *, kind: str, mode: str, width: int,
             height: int) -> int:
    """Keep `jpeg` (taken over, not copied) as the next page; returns its number from 1."""
    pages = _pages(session)
    if len(pages) >= MAX_PAGES:
        raise TooManyPages(f"at most {MAX_PAGES} pages per session")
    pages.append({"jpeg": jpeg, "kind": kind, "mode": mode, "width": width,
                  "height": height})
    session.put(SCANS, pages)
    _drop_pdf(session)
    log.info("page scanned", extra={"page": len(pages), "kind": kind, "bytes": len(jpeg)})
    return len(pages)


def pages(session: CitizenSession) -> list[PageInfo]:
    return [PageInfo(i + 1, p["kind"], p["mode"], p["width"], p["height"], len(p["jpeg"]))
            for i, p in enumerate(_pages(session))]


def page_jpeg(session: CitizenSession, number: int) -> bytearray:
    """The stored JPEG of page `number` (from 1); the session's own buffer, not a copy."""
    return _pages(session)[number - 1]["jpeg"]


def remove_page(session: CitizenSession, number: int) -> None:
    """Forget page `number` (from 1), zeroing its bytes first."""
    stored = _pages(session)
    page = stored.pop(number - 1)
    page["jpeg"][:] = bytes(len(page["jpeg"]))
    session.put(SCANS, stored)
    _drop_pdf(session)


def scans_pdf(session: CitizenSession) -> bytearray:
    """All pages as one PDF, built once and kept in the session until the pages change."""
    cached = session.get(SCANS_PDF)
    if cached is not None:
        return cached
    stored = _pages(session)
    if not stored:
        raise ValueError("no pages have been scanned in this session")
    pdf = build_pdf([page["jpeg"] for page in stored])
    session.put(SCANS_PDF, pdf)
    return pdf


def _pages(session: CitizenSession) -> list[dict[str, Any]]:
    return session.get(SCANS) or []


def _drop_pdf(session: CitizenSession) -> None:
    old = session.get(SCANS_PDF)
    if old is not None:
        old[:] = bytes(len(old))
        session.put(SCANS_PDF, None)
