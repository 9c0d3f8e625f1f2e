"""Document detection: accuracy and speed against the textbook baseline, in one run.

    python bench/docscan.py [--n 300] [--seed 100000]

Generates N labelled 1280×720 photos (drivers.camera.synth, fixed seeds; a seed range the
detector was never developed on), then runs the kiosk's detector and the textbook baseline
(bench/_docscan_baseline.py: Canny, largest four-point contour) on each. Accuracy is the
mean Jaccard index as in the ICDAR 2015 SmartDoc challenge: both quadrilaterals mapped into
the true page's own flat frame, a miss scoring 0. Speed is frames per second of detection on
one core: the process is pinned to one CPU, OpenCV to one thread, and the time is the CPU
time of that thread (what other programs on the machine take does not count against it;
`wall_fps` is given too). The kiosk's detector without its page model (`edges_only_*`:
outlines chosen on edges alone, as before the model) is measured on the same photos, to show
what the model adds. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not this folder: bench/platform.py would stand in for the standard library's `platform`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench._docscan_baseline import detect_baseline  # noqa: E402
from drivers.camera.synth import document_photo  # noqa: E402
from kiosk.scanning.detect import DocumentDetector  # noqa: E402
from kiosk.scanning.geometry import jaccard  # noqa: E402


def _photo(seed: int):  # -> (image, page corners, size in mm, kind, conditions)
    photo = document_photo(seed)
    return photo.image, photo.page_corners, photo.size_mm, photo.kind, photo.conditions


def _run(detect, photos) -> tuple[list[float], float, float]:
    scores, cpu, wall = [], 0.0, 0.0
    for image, corners, size, _, _ in photos:
        wall0, cpu0 = time.perf_counter(), time.thread_time()
        found = detect(image)
        cpu += time.thread_time() - cpu0
        wall += time.perf_counter() - wall0
        scores.append(jaccard(found, corners, size))
    return scores, len(photos) / cpu, len(photos) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=100_000)
    args = parser.parse_args()
    seeds = range(args.seed, args.seed + args.n)
    with Pool(min(2, os.cpu_count() or 1)) as pool:   # making photos is not what is timed
        photos = pool.map(_photo, seeds, chunksize=8)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)
    detector = DocumentDetector()
    edges_only = DocumentDetector(use_model=False)

    def kiosk(image: np.ndarray) -> np.ndarray | None:
        found = detector.detect(image)
        return None if found is None else found.corners

    def kiosk_edges_only(image: np.ndarray) -> np.ndarray | None:
        found = edges_only.detect(image)
        return None if found is None else found.corners

    # One warm-up call each (first-call costs: caches, LSD construction, reading the model).
    kiosk(photos[0][0])
    kiosk_edges_only(photos[0][0])
    detect_baseline(photos[0][0])
    scores, fps, wall_fps = _run(kiosk, photos)
    base_scores, base_fps, base_wall_fps = _run(detect_baseline, photos)
    edge_scores, edge_fps, _ = _run(kiosk_edges_only, photos)
    by_kind: dict[str, list[float]] = {}
    for score, (_, _, _, kind, _) in zip(scores, photos, strict=True):
        by_kind.setdefault(kind, []).append(score)
    mean, base_mean = float(np.mean(scores)), float(np.mean(base_scores))
    print(json.dumps({
        "n": len(photos),
        "mean_jaccard": round(mean, 4),
        "fps": round(fps, 1),
        "baseline_mean_jaccard": round(base_mean, 4),
        "baseline_fps": round(base_fps, 1),
        "jaccard_ratio": round(mean / max(base_mean, 1e-9), 2),
        "fps_ratio": round(fps / base_fps, 2),
        "median_jaccard": round(float(np.median(scores)), 4),
        "share_above_0.98": round(float(np.mean(np.array(scores) > 0.98)), 3),
        "misses": int(sum(s == 0 for s in scores)),
        "mean_jaccard_by_kind": {kind: round(float(np.mean(values)), 4)
                                 for kind, values in sorted(by_kind.items())},
        "edges_only_mean_jaccard": round(float(np.mean(edge_scores)), 4),
        "edges_only_fps": round(edge_fps, 1),
        "edges_only_misses": int(sum(s == 0 for s in edge_scores)),
        "wall_fps": round(wall_fps, 1),
        "baseline_wall_fps": round(base_wall_fps, 1),
        "frame": "1280x720",
        "seeds": f"{args.seed}..{args.seed + args.n - 1}",
        "targets": {"mean_jaccard": 0.98, "fps": 30},
    }))


if __name__ == "__main__":
    main()
