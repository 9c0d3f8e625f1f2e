"""QR decoding: the share of generated QR photos each decoder reads, in one run.

    python bench/qr.py [--n 200] [--seed 100000]

Photos (drivers.camera.synth.qr_photo, fixed seeds): codes on paper slips and phone screens,
modules 2.5 to 8 pixels, tilted up to 35°, some blurred, glared or held by a finger, at
1280×720. Decoders: OpenCV's classic QRCodeDetector (the baseline), its ArUco-based
QRCodeDetectorAruco, WeChat's detector from the contrib build when installed (it is not, in
the kiosk's environment: run this with opencv-contrib-python-headless to include it; without
its CNN model files, which come from GitHub, it uses its traditional detector), and the
kiosk's `read_qr` (ArUco, then classic, then enlarged code regions). A photo counts as read
when the decoder returns its text. `small_codes` repeats the measure on codes of 1.8 to 2.5
pixels a module, below what the kiosk asks citizens for. Speed is CPU milliseconds per frame
on one thread. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not bench/ itself: its platform.py (the county platform's bench) would hide the standard
# library's `platform`, which ZBar's loader uses.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from drivers.camera.synth import qr_photo  # noqa: E402
from kiosk.scanning.qr import decode_aruco, decode_classic, read_qr, wechat_decoder  # noqa: E402


def _photo(job: tuple[int, bool]) -> tuple[np.ndarray, str]:
    seed, small = job
    if small:
        module = float(np.random.default_rng([seed, 3]).uniform(1.8, 2.5))
        photo = qr_photo(seed, module_px=module)
    else:
        photo = qr_photo(seed)
    return photo.image, photo.texts[0]


def _measure(decode: Callable[[np.ndarray], list[str]], photos: list) -> tuple[float, float]:
    read, cpu = 0, 0.0
    for image, text in photos:
        start = time.thread_time()
        texts = decode(image)
        cpu += time.thread_time() - start
        read += text in texts
    return read / len(photos), 1000 * cpu / len(photos)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=100_000)
    args = parser.parse_args()
    seeds = range(args.seed, args.seed + args.n)
    with Pool(min(2, os.cpu_count() or 1)) as pool:
        photos = pool.map(_photo, [(seed, False) for seed in seeds], chunksize=8)
        small = pool.map(_photo, [(seed, True) for seed in seeds[: args.n // 2]], chunksize=8)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)
    decoders: dict[str, Callable[[np.ndarray], list[str]]] = {
        "opencv": decode_classic, "aruco": decode_aruco}
    wechat = wechat_decoder()
    if wechat is not None:
        decoders["wechat"] = wechat
    decoders["kiosk"] = read_qr
    rate, ms, small_rate = {}, {}, {}
    for name, decode in decoders.items():
        decode(photos[0][0])  # warm-up
        rate[name], ms[name] = (round(v, 3) for v in _measure(decode, photos))
        small_rate[name] = round(_measure(decode, small)[0], 3)
    print(json.dumps({
        "n": len(photos),
        "decode_rate": rate,
        "ms_per_frame": {k: round(v, 1) for k, v in ms.items()},
        "baseline": "opencv",
        "ratio_to_baseline": round(rate["kiosk"] / max(rate["opencv"], 1e-9), 2),
        "small_codes": {"n": len(small), "decode_rate": small_rate},
        "opencv": cv2.__version__,
        "wechat": "traditional detector, no CNN models" if wechat else "not installed",
        "target": 0.97,
    }))


if __name__ == "__main__":
    main()
