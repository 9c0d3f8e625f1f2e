"""Training photos for the page model: generated, labelled, shrunk to the detector's work size.

    python -m scripts.page_model.data OUT_DIR [--n 8000] [--seed 1000000] [--jobs 2]

Each photo comes from `drivers.camera.synth.document_photo` with seeds far from the benches'
(bench/docscan.py uses 100000..; tests use small seeds), shrunk to 320×180 as the detector
shrinks frames, and saved in shards of 500 with the true corners in the shrunken pixels.
About one photo in ten has its page running out of view and one in twenty has no page at all
(corners NaN), so the model learns to say "part of a page" and "no page" too.
"""

from __future__ import annotations

import argparse
from multiprocessing import Pool
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.synth import document_photo

WORK_SIZE = (320, 180)
SHARD = 500


def page_mask(corners: np.ndarray, frame_size: tuple[int, int],
              out_size: tuple[int, int]) -> np.ndarray:
    """The share of each cell of an `out_size` grid over the frame that the page covers
    (0..1, float32), from its corners in the frame's pixels (NaN: no page)."""
    mask = np.zeros(out_size[::-1], np.float32)
    if np.isnan(corners).any():
        return mask
    fine = 8
    canvas = np.zeros((out_size[1] * fine, out_size[0] * fine), np.uint8)
    scale = np.array([out_size[0] * fine / frame_size[0], out_size[1] * fine / frame_size[1]])
    points = (corners + 0.5) * scale            # pixel edges, not centres
    cv2.fillPoly(canvas, [np.round(points * 16).astype(np.int32)], 255, cv2.LINE_AA, shift=4)
    return cv2.resize(canvas, out_size, interpolation=cv2.INTER_AREA).astype(np.float32) / 255


def training_photo(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed ^ 0x5EED)
    roll = rng.random()
    photo = document_photo(seed, cut_off=0.05 <= roll < 0.15, empty=roll < 0.05)
    h, w = photo.image.shape[:2]
    small = cv2.resize(photo.image, WORK_SIZE, interpolation=cv2.INTER_AREA)
    if photo.corners is None:
        corners = np.full((4, 2), np.nan, np.float32)
    else:
        scale = np.array([WORK_SIZE[0] / w, WORK_SIZE[1] / h])
        # Pixel centres: full (x) lies at (x + 0.5) * s - 0.5 in the shrunken frame.
        corners = ((np.asarray(photo.corners) + 0.5) * scale - 0.5).astype(np.float32)
    return small, corners


def _shard(args: tuple[Path, int, int]) -> None:
    out, start, count = args
    target = out / f"shard_{start}.npz"
    if target.exists():
        return
    photos = [training_photo(seed) for seed in range(start, start + count)]
    images, corners = zip(*photos, strict=True)
    np.savez(target.with_suffix(".tmp.npz"), images=np.stack(images), corners=np.stack(corners))
    target.with_suffix(".tmp.npz").rename(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cv2.setNumThreads(1)
    jobs = [(args.out, start, min(SHARD, args.seed + args.n - start))
            for start in range(args.seed, args.seed + args.n, SHARD)]
    with Pool(args.jobs) as pool:
        for _ in pool.imap_unordered(_shard, jobs):
            pass


if __name__ == "__main__":
    main()
