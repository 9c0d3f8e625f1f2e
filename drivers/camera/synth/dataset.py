"""Writing generated photos to disk, each JPEG with its truth in a JSON file beside it."""

from __future__ import annotations

import json
from pathlib import Path

import cv2

from drivers.camera.synth.photo import document_photo
from drivers.camera.synth.qr import qr_photo


def write_dataset(directory: Path, count: int, *, first_seed: int = 0, qr: bool = False,
                  width: int = 1280, height: int = 720) -> list[Path]:
    """Write `count` photos (seeds `first_seed`...) as NNNNN.jpg + NNNNN.json; return the JPEGs.

    Photos are saved at JPEG quality 100: the JPEG artefacts a photo should have are already
    in its pixels.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for seed in range(first_seed, first_seed + count):
        if qr:
            photo = qr_photo(seed, width=width, height=height)
        else:
            photo = document_photo(seed, width=width, height=height)
        path = directory / f"{seed:05d}.jpg"
        cv2.imwrite(str(path), photo.image, [cv2.IMWRITE_JPEG_QUALITY, 100])
        path.with_suffix(".json").write_text(json.dumps(photo.label(), ensure_ascii=False),
                                             encoding="utf-8")
        written.append(path)
    return written
