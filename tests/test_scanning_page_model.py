"""The learned page mask: it sees the page, it helps the detector choose, and a broken model
file leaves scanning working on edges alone."""

from __future__ import annotations

import logging

import cv2
import numpy as np
import pytest

from drivers.camera.synth import document_photo
from kiosk.scanning.check import check_page_model
from kiosk.scanning.detect import DocumentDetector
from kiosk.scanning.geometry import jaccard
from kiosk.scanning.page_model import PageModel, PageModelError, agreement, mask_quad, model_bytes

# Seeds outside the model's training range (scripts/page_model/data.py: 1000000 on).
SEEDS = range(400, 412)


def _small(image: np.ndarray) -> np.ndarray:
    return cv2.resize(image, (320, 180), interpolation=cv2.INTER_AREA)


def _on_small(corners: np.ndarray) -> np.ndarray:
    return (np.asarray(corners) + 0.5) / 4 - 0.5


@pytest.fixture(scope="module")
def model():
    return PageModel()


def test_the_model_ships_with_the_package_and_is_small():
    data = model_bytes()
    assert 10_000 < len(data) < 2_000_000


def test_the_model_sees_the_page_where_it_lies(model):
    seen = []
    for seed in SEEDS:
        photo = document_photo(seed)
        prob = model.probabilities(_small(photo.image))
        assert prob.shape == (180, 320) and prob.dtype == np.float32
        assert prob.min() >= 0.0 and prob.max() <= 1.0
        seen.append(agreement(prob, _on_small(photo.corners)[None])[0])
    assert np.median(seen) > 0.85, seen


def test_an_outline_beside_the_page_agrees_less_than_the_page_itself(model):
    photo = document_photo(401, kind="a4", area=0.2, tilt_deg=0)
    prob = model.probabilities(_small(photo.image))
    truth = _on_small(photo.corners)
    # The same outline moved its own width sideways, towards the middle of the frame.
    towards_middle = -1 if truth[:, 0].mean() > 160 else 1
    beside = truth + np.array([towards_middle * (np.ptp(truth[:, 0]) + 10), 0])
    scores = agreement(prob, np.stack([truth, beside]))
    assert scores[0] > 0.8 and scores[1] < 0.2, scores


def test_the_mask_outline_is_near_the_page(model):
    photo = document_photo(403, kind="a4", backdrop="wood", area=0.35)
    quad = mask_quad(model.probabilities(_small(photo.image)))
    assert quad is not None
    assert jaccard((quad + 0.5) * 4 - 0.5, photo.page_corners, photo.size_mm) > 0.85


def test_an_empty_desk_shows_the_model_no_page(model):
    photo = document_photo(5, empty=True)
    prob = model.probabilities(_small(photo.image))
    assert mask_quad(prob) is None


def test_a_broken_model_file_is_reported_and_scanning_goes_on_without_it(caplog):
    broken = PageModel(b"not an onnx file")
    with pytest.raises(PageModelError, match="page model"):
        broken.probabilities(np.zeros((180, 320, 3), np.uint8))
    detector = DocumentDetector(model=PageModel(b"not an onnx file"))
    photo = document_photo(7, kind="a4", backdrop="wood", finger=False, glare=False,
                           shadow=False, blur=0, area=0.35)
    with caplog.at_level(logging.WARNING, logger="kiosk.scanning.detect"):
        found = detector.detect(photo.image)
    assert found is not None
    assert jaccard(found.corners, photo.page_corners, photo.size_mm) > 0.95
    assert "edges alone" in caplog.text
    assert detector.model is None          # said once, not at every frame


def test_the_doctor_check_reads_the_model():
    result = check_page_model()
    assert result.ok, result


def test_training_photos_are_shrunk_with_their_corners_and_masks_cover_the_page():
    # The training data's own code (scripts/page_model/data.py; training itself needs PyTorch,
    # which the kiosk does not install).
    from drivers.camera.geometry import polygon_area
    from scripts.page_model.data import WORK_SIZE, page_mask, training_photo

    image, corners = training_photo(1_000_123)
    assert image.shape == (WORK_SIZE[1], WORK_SIZE[0], 3)
    assert not np.isnan(corners).any() and (corners >= 0).all()
    assert (corners < WORK_SIZE).all()
    mask = page_mask(corners, WORK_SIZE, (80, 48))
    assert mask.mean() == pytest.approx(polygon_area(corners) / (WORK_SIZE[0] * WORK_SIZE[1]),
                                        rel=0.03)
    _, no_page = training_photo(1_000_128)          # one photo in twenty has none
    assert np.isnan(no_page).all()
    assert not page_mask(no_page, WORK_SIZE, (80, 48)).any()
