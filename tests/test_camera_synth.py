"""The labelled-photo generator tells the truth: the page is exactly where its label says."""

from __future__ import annotations

import json

import cv2
import numpy as np

from drivers.camera.geometry import order_clockwise, polygon_area
from drivers.camera.synth import document_photo, qr_photo, write_dataset
from drivers.camera.synth.photo import _composite_page, place_page


def test_the_page_covers_exactly_its_labelled_outline():
    rng = np.random.default_rng(4)
    for size_mm in ((210.0, 297.0), (85.6, 54.0)):
        corners = place_page(rng, size_mm, (640, 360), 0.2)
        canvas = np.zeros((360, 640, 3), np.float32)
        texture = np.full((300, 200, 3), 255, np.uint8)
        coverage = _composite_page(canvas, texture, np.full((300, 200), 255, np.uint8),
                                   corners, np.float32(1))
        # Anti-aliased coverage adds up to the polygon's exact area, to a pixel.
        assert abs(coverage.sum() - polygon_area(corners)) < 1.5


def test_labels_are_clockwise_from_the_top_left_and_inside_the_frame():
    for seed in range(6):
        photo = document_photo(seed, width=640, height=360)
        corners = photo.corners
        assert np.allclose(corners, order_clockwise(corners))
        assert (corners >= 0).all() and (corners[:, 0] < 640).all() and (corners[:, 1] < 360).all()
        assert photo.image.shape == (360, 640, 3)


def test_the_same_seed_gives_the_same_photo():
    a, b = document_photo(11, width=320, height=180), document_photo(11, width=320, height=180)
    assert np.array_equal(a.image, b.image)
    assert a.label() == b.label()


def test_dataset_files_carry_their_truth(tmp_path):
    paths = write_dataset(tmp_path, 2, first_seed=5, width=320, height=180)
    paths += write_dataset(tmp_path / "qr", 1, qr=True, width=320, height=180)
    for path in paths:
        assert cv2.imread(str(path)) is not None
        label = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert len(label["corners"]) == 4


def test_qr_photos_carry_their_text():
    photo = qr_photo(3, text="YY000111", width=640, height=360)
    assert photo.texts == ["YY000111"]
    assert photo.corners.shape == (4, 2)
