"""Scans as files a platform accepts: JPEG pages, and several pages in one PDF (img2pdf).

Each JPEG records its resolution (JFIF dots per inch) so that a page of known size, an A4
sheet or an ID card, prints at that size; others are laid out at 150 dpi. img2pdf puts the
JPEG data into the PDF as it is, without decoding it again. Everything stays in memory and
comes back as `bytearray`, which the citizen session zeroes when it ends; the temporary
buffers are zeroed here. Nothing is written to disk.
"""

from __future__ import annotations

import io

import numpy as np

JPEG_QUALITY = 85
DEFAULT_DPI = 150.0


def encode_jpeg(image: np.ndarray, *, size_mm: tuple[float, float] | None = None,
                quality: int = JPEG_QUALITY) -> bytearray:
    """`image` (BGR or grey uint8) as JPEG, recording the resolution at which it is
    `size_mm` (width, height) large, else 150 dpi."""
    from PIL import Image

    h, w = image.shape[:2]
    if size_mm is None:
        dpi = (DEFAULT_DPI, DEFAULT_DPI)
    else:
        dpi = (w / (size_mm[0] / 25.4), h / (size_mm[1] / 25.4))
    pixels = image[:, :, ::-1] if image.ndim == 3 else image
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels)).save(
        buffer, "JPEG", quality=int(quality), optimize=True, dpi=dpi)
    view = buffer.getbuffer()
    data = bytearray(view)
    view[:] = bytes(len(view))
    view.release()
    return data


def build_pdf(pages: list[bytes | bytearray]) -> bytearray:
    """One PDF of the JPEG `pages` (from `encode_jpeg`), in order, each at its own size."""
    import img2pdf  # imported here: it pulls in pikepdf, which the kiosk needs only now

    if not pages:
        raise ValueError("a PDF needs at least one page")
    # img2pdf takes bytes; those copies are dropped at once, which is all Python allows.
    return bytearray(img2pdf.convert([bytes(page) for page in pages]))
