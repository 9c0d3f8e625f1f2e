"""The tour's camera: `file://` photos of a phone held up to the kiosk, rendered on demand.

The tour points the kiosk's camera at one JPEG in a scratch folder and replaces it (atomically)
with what the citizen holds up next: an empty desk, a phone showing a QR code or a document
laid under the camera (填单's materials), drawn by
the same generator the tests and `sim://` use (drivers/camera/synth). The kiosk reads it
through the real camera driver, capture thread and QR reader.
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.synth import document_photo
from drivers.camera.synth.qr import qr_photo

WIDTH, HEIGHT = 960, 540


class TourCamera:
    def __init__(self, folder: Path) -> None:
        self._shown = folder / "camera"
        self._stage = folder / "camera-stage"
        self._shown.mkdir(parents=True, exist_ok=True)
        self._stage.mkdir(parents=True, exist_ok=True)
        self._seed = 0
        self.empty()

    @property
    def url(self) -> str:
        return f"file://{self._shown}/*.jpg?width={WIDTH}&height={HEIGHT}"

    def _show(self, image: np.ndarray) -> None:
        staged = self._stage / "shown.jpg"
        cv2.imwrite(str(staged), image)
        os.replace(staged, self._shown / "shown.jpg")

    def empty(self) -> None:
        """Nothing held up: the desk under the camera."""
        self._show(np.full((HEIGHT, WIDTH, 3), (90, 110, 130), np.uint8))

    def code(self, text: str) -> None:
        """A phone screen showing the QR code of `text`."""
        self._seed += 1
        photo = qr_photo(self._seed, width=WIDTH, height=HEIGHT, carrier="phone", text=text,
                         module_px=5, max_tilt_deg=10, blur=0)
        self._show(photo.image)

    def page(self) -> None:
        """A form laid flat under the camera (the technician's live view outlines it)."""
        photo = document_photo(5, width=WIDTH, height=HEIGHT, kind="a4", backdrop="wood",
                               area=0.45, max_tilt_deg=5, blur=0, glare=False, finger=False,
                               shadow=False, exposure=0.9)
        self._show(photo.image)

    def document(self, kind: str = "id_card") -> None:
        """A document laid flat under the camera and held still (填单's materials)."""
        self._seed += 1
        photo = document_photo(self._seed, width=WIDTH, height=HEIGHT, kind=kind,
                               backdrop="wood", area=0.3, max_tilt_deg=8, blur=0, glare=False,
                               finger=False, shadow=False, exposure=1.0, cut_off=False)
        self._show(photo.image)
