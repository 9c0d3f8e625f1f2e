"""A generated camera scene for `sim://`: a page (or a phone with a QR code) slides onto a
desk, is nudged into place, held still for a few seconds, then taken away; and again.

`render_scene` writes the clip as a Motion-JPEG AVI, which the simulated camera then plays
through the same OpenCV video path as `file://` sources, and a JSON file beside it with the
page's true corners in every frame (None when it is out of view), for tests.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from drivers.camera.geometry import order_clockwise
from drivers.camera.synth import effects
from drivers.camera.synth.backgrounds import background
from drivers.camera.synth.photo import _composite_page, place_page
from drivers.camera.synth.qr import _carrier, qr_modules
from drivers.camera.synth.textures import page_texture

SCENES = ("document", "qr", "empty")
# Seconds: empty desk, sliding in, settling, held still, taken away.
TIMELINE = (0.6, 1.6, 0.6, 3.0, 0.7)


@dataclass(frozen=True)
class SceneSpec:
    scene: str = "document"
    kind: str = "a4"
    backdrop: str = "wood"
    seed: int = 1
    width: int = 1280
    height: int = 720
    fps: int = 15
    text: str = "YY202406180042"

    def key(self) -> str:
        return (f"{self.scene}-{self.kind}-{self.backdrop}-{self.seed}-{self.width}x"
                f"{self.height}-{self.fps}-{abs(hash(self.text)) % 10**8}")


def _pose_offsets(fps: int, rng: np.random.Generator, frame: tuple[int, int]
                  ) -> list[tuple[float, float, float] | None]:
    """Per frame: (dx, dy, rotation) away from the resting pose, or None when out of view."""
    empty, slide, settle, still, leave = (round(t * fps) for t in TIMELINE)
    w, h = frame
    start = np.array([rng.choice([-1, 1]) * w * 0.9, rng.uniform(-0.3, 0.3) * h])
    spin = rng.uniform(-0.5, 0.5)
    poses: list[tuple[float, float, float] | None] = [None] * empty
    for i in range(slide):
        t = 1 - (1 - (i + 1) / slide) ** 2            # eases in
        off = start * (1 - t) + np.array([rng.normal(0, 2), rng.normal(0, 2)])
        poses.append((float(off[0]) + 25, float(off[1]) - 15, spin * (1 - t) + 0.05))
    for i in range(settle):
        t = (i + 1) / settle
        poses.append((25 * (1 - t), -15 * (1 - t), 0.05 * (1 - t)))
    for _ in range(still):  # a hand at rest still trembles a little
        poses.append((float(rng.normal(0, 0.15)), float(rng.normal(0, 0.15)), 0.0))
    for i in range(leave):
        t = ((i + 1) / leave) ** 2
        poses.append((-start[0] * t, h * 0.8 * t, -spin * t))
    return poses


def _moved(corners: np.ndarray, pose: tuple[float, float, float]) -> np.ndarray:
    dx, dy, angle = pose
    centre = corners.mean(axis=0)
    c, s = math.cos(angle), math.sin(angle)
    rotated = (corners - centre) @ np.array([[c, s], [-s, c]])
    return rotated + centre + [dx, dy]


def render_scene(spec: SceneSpec, path: Path) -> Path:
    """Write the clip for `spec` to `path` (.avi) and its truth to `path` with .json."""
    rng = np.random.default_rng([spec.seed, 11])
    frame = (spec.width, spec.height)
    desk = background(spec.backdrop, rng, spec.height, spec.width)
    light = np.ones((spec.height, spec.width, 3), np.float32)
    effects.uneven_light(light, rng, exposure=float(rng.uniform(0.85, 1.0)))
    if spec.scene == "qr":
        sheet, alpha, size, _ = _carrier(rng, qr_modules(spec.text), "phone", 8)
        area = 0.12
    else:
        texture = page_texture(spec.kind, spec.seed % 12)
        sheet, alpha, size = texture.image, texture.alpha, texture.size_mm
        area = 0.18 if spec.kind == "id_card" else 0.42
    rest = place_page(rng, size, frame, area, max_tilt_deg=10, margin=40)
    poses = _pose_offsets(spec.fps, rng, frame)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), spec.fps, frame)
    if not writer.isOpened():
        raise OSError(f"OpenCV cannot write Motion-JPEG video to {path}")
    noise = [rng.normal(0, 2.0, (spec.height, spec.width, 1)).astype(np.float32)
             for _ in range(4)]
    truth: list[list[list[float]] | None] = []
    previous = None
    for index, pose in enumerate(poses):
        canvas = desk.copy()
        corners = None
        if pose is not None and spec.scene != "empty":
            corners = _moved(rest, pose)
            _composite_page(canvas, sheet, alpha, corners, np.float32(0.97))
        canvas *= light
        if corners is not None and previous is not None:
            shift = float(np.abs(corners - previous).max())
            if shift > 1.5:  # moving hands blur
                canvas = effects.defocus_or_motion(canvas, rng, strength=min(1.0, shift / 40))
        canvas += noise[index % len(noise)]
        writer.write(np.clip(canvas, 0, 255).astype(np.uint8))
        visible = corners is not None and (corners >= 0).all() and \
            (corners[:, 0] < spec.width).all() and (corners[:, 1] < spec.height).all()
        truth.append(order_clockwise(corners).round(2).tolist() if visible else None)
        previous = corners
    writer.release()
    path.with_suffix(".json").write_text(json.dumps({"fps": spec.fps, "corners": truth}),
                                         encoding="utf-8")
    return path
