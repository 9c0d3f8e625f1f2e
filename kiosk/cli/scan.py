"""`kiosk scan-image` and `kiosk scan-qr`: the camera's scanning, on photos, over SSH.

    kiosk scan-image IN... [--out DIR] [--mode colour|bw] [--json]
    kiosk scan-qr IN... [--json]

`scan-image` finds the page in each photo, flattens and cleans it, and with `--out` writes
DIR/NAME.scan.jpg for each page found. With `--json` it prints one line per input, in order:
{"found", "corners" (input pixels, clockwise from the top-left), "quality": {...}, "hint"},
where `hint` is one of the codes of `kiosk.scanning.guidance.Hint`. `scan-qr` prints every
QR code's text, or with `--json` one line {"texts": [...]} per input.

An input that cannot be read gives a line with "error" and the command exits 1 at the end;
the other inputs are still processed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    image = commands.add_parser(
        "scan-image", help="find, flatten and clean the document in photos",
        description="Find the document in each photo, correct its perspective and clean it "
                    "up. Prints what was found; --out DIR writes the scans as JPEG files.")
    image.add_argument("inputs", nargs="+", type=Path, metavar="IN", help="photo files")
    image.add_argument("--out", type=Path, metavar="DIR",
                       help="write each scan as DIR/NAME.scan.jpg")
    image.add_argument("--mode", choices=("colour", "bw"), default="colour",
                       help="colour (default) or black-and-white scans")
    image.add_argument("--json", action="store_true", help="one JSON line per input")
    image.set_defaults(handler=run_scan_image)
    qr = commands.add_parser("scan-qr", help="read the QR codes in photos",
                             description="Read every QR code in each photo.")
    qr.add_argument("inputs", nargs="+", type=Path, metavar="IN", help="photo files")
    qr.add_argument("--json", action="store_true", help='one line {"texts": [...]} per input')
    qr.set_defaults(handler=run_scan_qr)


def _read(path: Path):  # -> (numpy image or None, error sentence or None)
    import cv2

    if not path.is_file():
        return None, f"{path}: no such file"
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        return None, f"{path}: not an image OpenCV can read (JPEG, PNG, BMP, TIFF, WebP)"
    return image, None


def run_scan_image(args: argparse.Namespace) -> int:
    from kiosk.scanning.detect import DocumentDetector
    from kiosk.scanning.guidance import ENGLISH, PHRASES, Hint
    from kiosk.scanning.live import capture_page
    from kiosk.scanning.quality import measure

    detector = DocumentDetector()
    failed = False
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    for path in args.inputs:
        image, error = _read(path)
        if image is None:
            failed = True
            _emit(args.json, {"found": False, "corners": [], "quality": {},
                              "hint": Hint.NO_PAGE.value, "error": error}, error or "", True)
            continue
        found = detector.detect(image)
        if found is None:
            record = {"found": False, "corners": [], "quality": {},
                      "hint": Hint.NO_PAGE.value}
            _emit(args.json, record, f"{path}: no document found ({PHRASES[Hint.NO_PAGE]} / "
                                     f"{ENGLISH[Hint.NO_PAGE]})")
            continue
        quality = measure(image, found.corners)
        hint = quality.hint()
        record = {"found": True,
                  "corners": [[round(float(x), 2), round(float(y), 2)] for x, y in found.corners],
                  "quality": {**quality.as_dict(), "support": round(found.support, 3)},
                  "hint": hint.value}
        line = (f"{path}: {quality.kind} page, {PHRASES[hint]} / {ENGLISH[hint]} "
                f"({quality.px_per_mm:.1f} px/mm, tilt {quality.tilt_deg:.0f}°, "
                f"blur {quality.blur_px:.1f} px)")
        if args.out is not None:
            jpeg, _, _ = capture_page(image, found.corners, args.mode)
            target = args.out / f"{path.stem}.scan.jpg"
            target.write_bytes(jpeg)
            line += f" -> {target}"
        _emit(args.json, record, line)
    return EXIT_FAILURE if failed else EXIT_OK


def run_scan_qr(args: argparse.Namespace) -> int:
    from kiosk.scanning.qr import read_qr

    failed = False
    for path in args.inputs:
        image, error = _read(path)
        if image is None:
            failed = True
            _emit(args.json, {"texts": [], "error": error}, error or "", True)
            continue
        texts = read_qr(image)
        human = "\n".join(f"{path}: {text}" for text in texts) or f"{path}: no QR code found"
        _emit(args.json, {"texts": texts}, human)
    return EXIT_FAILURE if failed else EXIT_OK


def _emit(as_json: bool, record: dict, line: str, error: bool = False) -> None:
    if as_json:
        print(json.dumps(record, ensure_ascii=False), flush=True)
    else:
        print(line, file=sys.stderr if error else sys.stdout, flush=True)
