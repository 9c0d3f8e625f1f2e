"""`python -m drivers.camera.synth DIR [-n N] [--seed S] [--qr]`: write labelled photos."""

from __future__ import annotations

import argparse
from pathlib import Path

from drivers.camera.synth.dataset import write_dataset


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m drivers.camera.synth",
                                     description="Write generated photos with their truth beside.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("-n", "--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--qr", action="store_true", help="QR codes instead of documents")
    parser.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT (default 1280x720)")
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    paths = write_dataset(args.directory, args.count, first_seed=args.seed, qr=args.qr,
                          width=int(width), height=int(height))
    print(f"wrote {len(paths)} photos with their .json truth to {args.directory}")


if __name__ == "__main__":
    main()
