"""Labelled photos of QR codes as citizens hold them up: on paper slips and on phone screens.

A code is small or large, tilted up to 45°, blurred by a shaking hand, lit unevenly; a phone
screen adds its own brightness, a faint pixel grid (moiré) and the glare of its glass. The truth
is the payload text and where the code's four corners are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from drivers.camera.synth import effects
from drivers.camera.synth.backgrounds import BACKGROUNDS, background
from drivers.camera.synth.photo import _composite_page, place_page

CARRIERS = ("paper", "phone")


@dataclass
class LabelledQR:
    image: np.ndarray
    texts: list[str]
    corners: np.ndarray  # the code's own TL, TR, BR, BL in the photo
    seed: int
    conditions: dict[str, Any] = field(default_factory=dict)

    def label(self) -> dict[str, Any]:
        return {"seed": self.seed, "texts": self.texts,
                "corners": [[round(float(x), 3), round(float(y), 3)] for x, y in self.corners],
                "conditions": self.conditions}


def payload(rng: np.random.Generator) -> str:
    """What codes in a service hall carry: appointment numbers, receipt links, licence IDs."""
    number = "".join(str(d) for d in rng.integers(0, 10, 12))
    choice = rng.integers(6)
    if choice == 0:
        return f"YY{number}"
    if choice == 1:
        return f"https://zwfw.baokang.example/appt/{number}?k={int(rng.integers(1e8)):08x}"
    if choice == 2:
        return f"ZW-SL-{number[:4]}-{number[4:]}"
    if choice == 3:
        return f"https://dzzz.example.gov.cn/v?id={number}{number[::-1]}&t=ele_license"
    if choice == 4:
        return f"预约号:{number[:8]} 保康县政务服务中心"
    return number[:8]


def qr_modules(text: str) -> np.ndarray:
    """The code's modules, 0 (dark) or 255, with its 4-module quiet zone."""
    params = cv2.QRCodeEncoder_Params()
    params.correction_level = cv2.QRCodeEncoder_CORRECT_LEVEL_M
    return cv2.QRCodeEncoder.create(params).encode(text)


def _carrier(rng: np.random.Generator, code: np.ndarray, carrier: str,
             module_px: int) -> tuple[np.ndarray, np.ndarray, tuple[float, float], np.ndarray]:
    """The flat carrier (BGR, alpha), its size in 'mm' units and where the code sits on it."""
    side = code.shape[0] * module_px
    code_bgr = cv2.cvtColor(cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST),
                            cv2.COLOR_GRAY2BGR)
    if carrier == "paper":
        pad_x, pad_top, pad_bottom = side // 4, side // 3, side // 2
        w, h = side + 2 * pad_x, side + pad_top + pad_bottom
        sheet = np.full((h, w, 3), rng.uniform(225, 250), np.uint8)
        sheet[pad_top:pad_top + side, pad_x:pad_x + side] = np.minimum(
            sheet[pad_top:pad_top + side, pad_x:pad_x + side], code_bgr)
        for i in range(3):
            y = pad_top + side + pad_bottom * (0.25 + 0.22 * i)
            cv2.line(sheet, (pad_x, int(y)), (w - pad_x - int(rng.uniform(0, side / 2)), int(y)),
                     (70, 70, 70), max(1, module_px // 2))
        alpha = np.full((h, w), 255, np.uint8)
        origin = (pad_x, pad_top)
    else:
        bezel = side // 10
        screen_w = side + side // 3
        screen_h = int(screen_w * rng.uniform(1.9, 2.2))
        w, h = screen_w + 2 * bezel, screen_h + 2 * bezel
        sheet = np.full((h, w, 3), 18, np.uint8)
        brightness = rng.uniform(0.75, 1.0)
        screen = np.full((screen_h, screen_w, 3), 250 * brightness, np.uint8)
        cv2.rectangle(screen, (0, 0), (screen_w, screen_h // 9), (60, 160, 40), -1)  # app header
        top = (screen_h - side) // 2
        left = (screen_w - side) // 2
        screen[top:top + side, left:left + side] = (code_bgr * brightness).astype(np.uint8)
        # A faint grid of screen pixels, which beats with the camera's into moiré.
        pitch = max(2, module_px // 3)
        screen[::pitch] = (screen[::pitch] * 0.88).astype(np.uint8)
        screen[:, ::pitch] = (screen[:, ::pitch] * 0.9).astype(np.uint8)
        sheet[bezel:bezel + screen_h, bezel:bezel + screen_w] = screen
        alpha = np.zeros((h, w), np.uint8)
        radius = bezel * 3
        cv2.rectangle(alpha, (radius, 0), (w - radius, h - 1), 255, -1)
        cv2.rectangle(alpha, (0, radius), (w - 1, h - radius), 255, -1)
        for cx, cy in ((radius, radius), (w - radius, radius), (radius, h - radius),
                       (w - radius, h - radius)):
            cv2.circle(alpha, (cx, cy), radius, 255, -1, cv2.LINE_AA)
        origin = (bezel + left, bezel + top)
    quiet = 4 * module_px  # the encoder's quiet zone is inside `side`
    x0, y0 = origin[0] + quiet - 0.5, origin[1] + quiet - 0.5
    x1, y1 = origin[0] + side - quiet - 0.5, origin[1] + side - quiet - 0.5
    code_corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64)
    return sheet, alpha, (float(w), float(h)), code_corners


def qr_photo(seed: int, *, width: int = 1280, height: int = 720, carrier: str | None = None,
             text: str | None = None, module_px: float | None = None,
             max_tilt_deg: float = 35, blur: float | None = None,
             smallest_module: float = 2.5) -> LabelledQR:
    """A labelled photo of one QR code for `seed`; unspecified conditions are drawn at random.

    `module_px` is the size of one module on screen; unless given it is drawn between
    `smallest_module` and 8 pixels. Below about 2.5 pixels a module is finer than a 720p
    camera resolves once a hand shakes, and the kiosk asks the citizen to come closer
    (`bench/qr.py` reports those smaller codes separately).
    """
    rng = np.random.default_rng([seed, 7])
    carrier = carrier or CARRIERS[int(rng.integers(2))]
    text = text if text is not None else payload(rng)
    backdrop = BACKGROUNDS[int(rng.integers(len(BACKGROUNDS)))]
    canvas = background(backdrop, rng, height, width)
    code = qr_modules(text)
    sheet, alpha, size, code_flat = _carrier(rng, code, carrier, 8)
    modules = code.shape[0] - 8
    module_px = module_px if module_px is not None else float(rng.uniform(smallest_module, 8))
    # Choose the carrier's size on screen from the wanted module size.
    code_side_px = module_px * modules
    sheet_area = size[0] * size[1] * (code_side_px / (code_flat[1, 0] - code_flat[0, 0])) ** 2
    area = min(0.85, sheet_area / (width * height))
    corners = place_page(rng, size, (width, height), area, max_tilt_deg=max_tilt_deg, margin=2)
    source = np.float32([[-0.5, -0.5], [size[0] - 0.5, -0.5], [size[0] - 0.5, size[1] - 0.5],
                         [-0.5, size[1] - 0.5]])
    homography = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    code_corners = cv2.perspectiveTransform(code_flat.reshape(-1, 1, 2), homography).reshape(4, 2)
    _composite_page(canvas, sheet, alpha, corners, np.float32(rng.uniform(0.9, 1.0)))
    conditions: dict[str, Any] = {"carrier": carrier, "background": backdrop,
                                  "module_px": round(module_px, 2)}
    effects.uneven_light(canvas, rng, exposure=float(rng.uniform(0.65, 1.1)))
    if carrier == "phone" and rng.random() < 0.4:
        effects.glare(canvas, rng, code_corners)
        conditions["glare"] = True
    if rng.random() < 0.3:
        px_per_unit = math.sqrt(cv2.contourArea(corners.astype(np.float32)) / (size[0] * size[1]))
        # The carrier is in pixels-of-texture units; a finger is about a sixth of a phone wide.
        effects.fingers(canvas, rng, corners, px_per_unit * size[0] / 70, depth_mm=(-6, 2))
        conditions["finger"] = True
    blur = blur if blur is not None else (float(rng.uniform(0, 0.5)) if rng.random() < 0.5 else 0)
    if blur > 0:
        canvas = effects.defocus_or_motion(canvas, rng, strength=blur)
        conditions["blur"] = round(blur, 2)
    effects.sensor_noise(canvas, rng, float(rng.uniform(1, 6)))
    quality = int(rng.integers(50, 96))
    conditions["jpeg_quality"] = quality
    return LabelledQR(effects.jpeg(canvas, quality), [text], code_corners, seed, conditions)
