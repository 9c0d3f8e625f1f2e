"""`kiosk scan-image` and `kiosk scan-qr` on photo files, as a technician runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np

from drivers.camera.synth import document_photo, qr_photo
from kiosk.scanning.geometry import order_clockwise
from tests.conftest import REPO


def kiosk_cli(*args):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120, check=False)


def test_scan_image_prints_one_json_line_per_input_in_order(tmp_path):
    page = document_photo(2, kind="a4", area=0.4, backdrop="wood", blur=0, glare=False,
                          finger=False, exposure=0.9, max_tilt_deg=10)
    card = document_photo(3, kind="id_card", area=0.15, backdrop="mat", blur=0, glare=False,
                          finger=False, exposure=0.9, max_tilt_deg=10)
    empty = document_photo(4, empty=True, backdrop="wood")
    paths = []
    for name, photo in (("page", page), ("card", card), ("empty", empty)):
        path = tmp_path / f"{name}.jpg"
        cv2.imwrite(str(path), photo.image)
        paths.append(str(path))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    out = tmp_path / "out"
    result = kiosk_cli("scan-image", paths[0], paths[1], str(broken), paths[2], "--json",
                       "--out", str(out))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1                     # one input could not be read
    assert [line["found"] for line in lines] == [True, True, False, False]
    assert "error" in lines[2] and "error" not in lines[3]
    for line, photo in zip(lines[:2], (page, card), strict=True):
        assert set(line) == {"found", "corners", "quality", "hint"}
        corners = np.array(line["corners"])
        assert np.allclose(corners, order_clockwise(corners))
        assert np.abs(corners - photo.corners).max() < 3
        assert line["hint"] == "ok"
    assert lines[0]["quality"]["kind"] == "a4" and lines[1]["quality"]["kind"] == "id_card"
    assert lines[3]["hint"] == "no_page"
    scans = sorted(p.name for p in out.iterdir())
    assert scans == ["card.scan.jpg", "page.scan.jpg"]
    a4 = cv2.imread(str(out / "page.scan.jpg"))
    assert abs(a4.shape[0] / a4.shape[1] - 2 ** 0.5) < 0.02


def test_scan_image_without_json_speaks_both_languages(tmp_path):
    path = tmp_path / "far.jpg"
    cv2.imwrite(str(path), document_photo(6, kind="a4", area=0.05, backdrop="wood",
                                          blur=0, glare=False, finger=False).image)
    result = kiosk_cli("scan-image", str(path))
    assert result.returncode == 0
    assert "离得太远" in result.stdout and "Too far away" in result.stdout


def test_scan_qr_reads_each_input(tmp_path):
    paths = []
    for i, (text, carrier) in enumerate((("YY202406180042", "phone"),
                                         ("https://zwfw.example/a?k=1", "paper"))):
        path = tmp_path / f"{i}.png"
        cv2.imwrite(str(path), qr_photo(i, text=text, carrier=carrier, module_px=5, blur=0).image)
        paths.append(str(path))
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((100, 100, 3), 200, np.uint8))
    result = kiosk_cli("scan-qr", *paths, str(blank), "--json")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"texts": ["YY202406180042"]}, {"texts": ["https://zwfw.example/a?k=1"]}, {"texts": []}]


def test_scan_commands_have_help():
    for command in ("scan-image", "scan-qr"):
        result = kiosk_cli(command, "--help")
        assert result.returncode == 0 and "usage: kiosk" in result.stdout
