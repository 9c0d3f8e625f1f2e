"""The learned page mask: for each part of the shrunken frame, how likely it is to be the page.

Edges and lines say precisely where an outline runs but not which outline is the document:
a second sheet half in view, a pale patch of stone, a card's printed frame all have good
edges. A small convolutional network (`data/page_model.onnx`, trained on generated photos by
`scripts/page_model`; see docs/scanning.md) looks at the whole frame at 160×96 and says where
the page is, in about 3 ms on one core. The detector uses it to propose an outline and to
prefer, among outlines with good edges, the one that covers the page it sees; the corners
themselves still come from the edges on the full frame.

The network is read on first use, once per detector (OpenCV's dnn objects are not shared
between threads).
"""

from __future__ import annotations

from importlib import resources

import cv2
import numpy as np

from drivers.camera.geometry import polygon_area
from kiosk.scanning.quadfit import quad_from_contour

INPUT_SIZE = (160, 96)       # width, height the network was trained at
PAGE_PROBABILITY = 0.5
MIN_AREA_SHARE = 0.01
MODEL_FLOOR = 0.2            # the weight of an outline the model sees no page in


class PageModelError(RuntimeError):
    """The page model's file is missing or OpenCV could not read it."""


def model_bytes() -> bytes:
    return resources.files("kiosk.scanning").joinpath("data/page_model.onnx").read_bytes()


class PageModel:
    """Page probabilities for shrunken frames."""

    def __init__(self, onnx: bytes | None = None) -> None:
        self._onnx = onnx
        self._net: cv2.dnn.Net | None = None

    def _load(self) -> cv2.dnn.Net:
        if self._net is None:
            try:
                data = self._onnx if self._onnx is not None else model_bytes()
                net = cv2.dnn.readNetFromONNX(np.frombuffer(data, np.uint8))
            except (OSError, cv2.error) as exc:
                raise PageModelError(f"the page model could not be read: {exc}") from exc
            self._net = net
        return self._net

    def probabilities(self, small_bgr: np.ndarray) -> np.ndarray:
        """(H, W) float32 in 0..1 at the size of `small_bgr` (the detector's shrunken frame)."""
        net = self._load()
        blob = cv2.dnn.blobFromImage(small_bgr, 1 / 255, INPUT_SIZE)
        try:
            net.setInput(blob)
            logits = net.forward()[0, 0]
        except cv2.error as exc:   # a file OpenCV read but cannot run
            raise PageModelError(f"the page model could not be run: {exc}") from exc
        h, w = small_bgr.shape[:2]
        prob = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        return cv2.resize(prob.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)


def mask_quad(prob: np.ndarray) -> np.ndarray | None:
    """The quadrilateral outlining the largest region the model calls page, or None."""
    h, w = prob.shape
    mask = (prob > PAGE_PROBABILITY).astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    if cv2.contourArea(largest) < MIN_AREA_SHARE * h * w:
        return None
    quad = quad_from_contour(largest)
    if quad is None or polygon_area(quad) < MIN_AREA_SHARE * h * w:
        return None
    return quad


def agreement(prob: np.ndarray, quads: np.ndarray, *, grid: int = 8) -> np.ndarray:
    """For each of `quads` (Q, 4, 2) on the frame `prob` covers, the Jaccard index between it
    and the page the model sees, the probabilities taken as soft membership. The mass inside
    a quad is its area times the mean probability at a grid of points spread over it, so a
    thousand quads cost about as much as one filled polygon each would not."""
    quads = np.asarray(quads, np.float64).reshape(-1, 4, 2)
    if not len(quads):
        return np.zeros(0)
    t = (np.arange(grid) + 0.5) / grid
    u, v = np.meshgrid(t, t)
    u, v = u.ravel()[None, :, None], v.ravel()[None, :, None]
    a, b, c, d = (quads[:, i][:, None, :] for i in range(4))
    points = (1 - v) * ((1 - u) * a + u * b) + v * ((1 - u) * d + u * c)   # (Q, G, 2)
    flat = points.reshape(1, -1, 2).astype(np.float32)
    inside_prob = cv2.remap(prob, flat[..., 0], flat[..., 1], cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)
    mean_inside = inside_prob.reshape(len(quads), -1).mean(axis=1)
    x, y = quads[..., 0], quads[..., 1]
    area = 0.5 * np.abs((x * np.roll(y, -1, axis=1) - y * np.roll(x, -1, axis=1)).sum(axis=1))
    inside = mean_inside * area
    total = float(prob.sum())
    return inside / np.maximum(total + area - inside, 1e-6)


def model_weight(agreement: np.ndarray) -> np.ndarray:
    """What an outline's edge score is multiplied by, from its agreement with the model."""
    return MODEL_FLOOR + (1 - MODEL_FLOOR) * np.clip(agreement, 0.0, 1.0)
