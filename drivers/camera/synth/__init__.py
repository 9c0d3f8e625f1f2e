"""Generated, labelled camera photos: documents and QR codes on desks, for tests, benches and
the simulated camera.

    document_photo(seed, ...)   a page, receipt or ID-1 card on a desk, with its true corners
    qr_photo(seed, ...)         a QR code on paper or a phone screen, with its text and corners
    write_dataset(dir, n, ...)  n of them as JPEG files, each with its truth in a .json beside it

`python -m drivers.camera.synth DIR` writes a set from the command line.
"""

from drivers.camera.synth.dataset import write_dataset
from drivers.camera.synth.photo import KINDS, LabelledPhoto, document_photo
from drivers.camera.synth.qr import LabelledQR, qr_photo

__all__ = ["KINDS", "LabelledPhoto", "LabelledQR", "document_photo", "qr_photo", "write_dataset"]
