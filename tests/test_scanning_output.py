"""Flattened pages come out at their true aspect, cleaned, as JPEG pages and one PDF."""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
import pikepdf
import pytest

from drivers.camera.synth import document_photo
from kiosk.scanning.cleanup import Mode, clean
from kiosk.scanning.output import build_pdf, encode_jpeg
from kiosk.scanning.rectify import rectify

CLEAN = dict(blur=0, glare=False, finger=False, exposure=0.9, backdrop="wood")


@pytest.mark.parametrize(("kind", "area", "aspect", "landscape"), [
    ("a4", 0.4, math.sqrt(2), False),
    ("id_card", 0.15, 85.6 / 54, True),
])
def test_flattened_pages_have_their_true_aspect(kind, area, aspect, landscape):
    for seed in (1, 2):
        photo = document_photo(seed, kind=kind, area=area, tilt_deg=25, **CLEAN)
        flat = rectify(photo.image, photo.corners)
        h, w = flat.image.shape[:2]
        assert flat.kind == kind
        assert (w > h) == landscape
        assert max(w, h) / min(w, h) == pytest.approx(aspect, rel=0.01)


def test_other_pages_keep_the_aspect_they_have():
    # A receipt as long as 1.8 times its width (shorter ones can look like a card or an A4
    # sheet: the aspect is all the camera has to go by).
    photo = next(p for p in (document_photo(seed, kind="receipt", area=0.25, tilt_deg=20, **CLEAN)
                             for seed in range(20)) if p.size_mm[1] / p.size_mm[0] > 1.8)
    flat = rectify(photo.image, photo.corners)
    h, w = flat.image.shape[:2]
    true = photo.size_mm[1] / photo.size_mm[0]
    assert flat.kind == "other" and flat.size_mm is None
    assert h / w == pytest.approx(true, rel=0.02)


def test_cleaning_whitens_the_paper_and_keeps_the_print():
    photo = document_photo(4, kind="a4", area=0.45, shadow=True, exposure=0.7, **{
        k: v for k, v in CLEAN.items() if k != "exposure"})
    flat = rectify(photo.image, photo.corners).image
    colour = clean(flat, Mode.COLOUR)
    bw = clean(flat, Mode.BW)
    grey = cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY)
    # Paper (the bright majority) comes out near white whatever the shadow did to it.
    assert np.percentile(grey, 60) > 235
    assert np.percentile(cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY), 60) < 215
    # And the print stays dark: some pixels are well below the paper.
    assert (grey < 120).mean() > 0.005
    assert set(np.unique(bw)) <= {0, 255} and (bw == 0).mean() > 0.005


def test_pdf_pages_are_in_order_and_at_their_true_size():
    a4 = document_photo(1, kind="a4", area=0.4, **CLEAN)
    card = document_photo(2, kind="id_card", area=0.15, **CLEAN)
    pages = []
    for photo in (a4, card, a4):
        flat = rectify(photo.image, photo.corners)
        pages.append(encode_jpeg(clean(flat.image), size_mm=flat.size_mm))
    assert all(isinstance(page, bytearray) and page[:2] == b"\xff\xd8" for page in pages)
    pdf = build_pdf(pages)
    assert isinstance(pdf, bytearray) and pdf[:5] == b"%PDF-"
    with pikepdf.open(io.BytesIO(bytes(pdf))) as document:
        sizes = [[float(v) / 72 * 25.4 for v in page.mediabox[2:]] for page in document.pages]
    assert len(sizes) == 3
    assert sizes[0] == pytest.approx([210, 297], abs=1.5)
    assert sizes[1] == pytest.approx([85.6, 54], abs=1.0)
    assert sizes[2] == sizes[0]


def test_a_pdf_needs_pages():
    with pytest.raises(ValueError, match="at least one page"):
        build_pdf([])
