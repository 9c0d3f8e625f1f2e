"""Comparing printed receipts with reviewed reference images.

A reference is a PNG under tests/printer/reference/ that someone looked at and found right.
`KIOSK_UPDATE_REFERENCES=1 pytest tests/printer` rewrites them from the current output (look
at every one before committing). A receipt matches when it has the same size and at most
`tolerance` of its dots differ (FreeType versions draw a few edge dots differently).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PIL import Image, ImageChops

REFERENCE_DIR = Path(__file__).parent / "reference"
TOLERANCE = 0.004


def assert_matches_reference(png: Path, name: str, scratch: Path,
                             tolerance: float = TOLERANCE) -> None:
    reference = REFERENCE_DIR / f"{name}.png"
    if os.environ.get("KIOSK_UPDATE_REFERENCES") == "1":
        shutil.copyfile(png, reference)
    assert reference.is_file(), f"no reference image {reference}; review {png} and add it"
    with Image.open(png) as got, Image.open(reference) as want:
        got_l, want_l = got.convert("L"), want.convert("L")
        assert got_l.size == want_l.size, (
            f"{name}: printed {got_l.size}, reference {want_l.size} (see {png})")
        diff = ImageChops.difference(got_l, want_l).point(lambda v: 255 if v else 0)
        changed = sum(1 for v in diff.getdata() if v) / (diff.width * diff.height)
        if changed > tolerance:
            diff.save(scratch / f"{name}-diff.png")
            shutil.copyfile(png, scratch / f"{name}-printed.png")
        assert changed <= tolerance, (
            f"{name}: {changed:.2%} of the dots differ from the reference (allowed "
            f"{tolerance:.2%}); printed and diff images in {scratch}")


def ink_rows(png: Path) -> list[int]:
    """The rows of a receipt that have any ink, for checks on where things were printed."""
    with Image.open(png) as image:
        grey = image.convert("L")
        return [y for y in range(grey.height)
                if grey.crop((0, y, grey.width, y + 1)).getextrema()[0] < 128]
