"""The textbook document detector, as the benchmark's baseline.

Grey, 5×5 Gaussian blur, Canny (75, 200), the contours by area, and the largest one that a
Douglas-Peucker simplification at 2 % of its perimeter leaves with four corners; run, as the
textbook does, on the frame shrunk to 500 pixels high, and scaled back.
"""

from __future__ import annotations

import cv2
import numpy as np

from drivers.camera.geometry import order_clockwise


def detect_baseline(image: np.ndarray) -> np.ndarray | None:
    ratio = image.shape[0] / 500.0
    small = cv2.resize(image, (round(image.shape[1] / ratio), 500))
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edges = cv2.Canny(grey, 75, 200)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        approx = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(approx) == 4:
            return order_clockwise(approx.reshape(4, 2) * ratio)
    return None
