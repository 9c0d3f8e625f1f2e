"""What a real camera and a real hall do to a photo: light, shadows, glare, fingers, blur, noise.

Every function takes a float32 BGR image (values about 0..255) and a random generator and
returns or changes the image; none of them moves the document, so the labelled corners stay
exactly where the page is.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from drivers.camera.synth.backgrounds import smooth_noise

SKIN_BGR = ((120, 150, 205), (95, 130, 190), (140, 170, 225), (70, 100, 150))


def uneven_light(image: np.ndarray, rng: np.random.Generator, *, exposure: float) -> None:
    """A light gradient across the frame, vignetting and a colour cast, times `exposure`."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = ((xx - w / 2) * math.cos(angle) + (yy - h / 2) * math.sin(angle)) / max(w, h)
    field = 1 + rng.uniform(0.1, 0.9) * ramp
    r2 = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / ((w / 2) ** 2 + (h / 2) ** 2)
    field *= 1 - rng.uniform(0, 0.35) * r2
    field += smooth_noise(rng, h, w, 300) * rng.uniform(0, 0.08)
    cast = np.array([1, 1, 1], np.float32)
    if rng.random() < 0.6:  # warm bulbs, cool daylight, green-ish fluorescent tubes
        cast = np.array([(0.9, 0.97, 1.05), (1.05, 1.0, 0.94), (0.97, 1.03, 0.96)][rng.integers(3)],
                        np.float32) + rng.uniform(-0.02, 0.02, 3)
    image *= (field * exposure)[:, :, None] * cast[None, None, :].astype(np.float32)


def auto_exposure(image: np.ndarray) -> None:
    """What a camera's automatic exposure does to a bright scene: turn the light down until
    its highlights are no longer burnt out. Dark scenes stay dark (that is for the guidance to
    say); a lamp's glare, added later, still saturates where it falls."""
    luma = image.mean(axis=2)
    bright = float(np.percentile(luma, 99.5))
    if bright > 245:
        image *= np.float32(245 / bright)


def contact_shadow(image: np.ndarray, rng: np.random.Generator, coverage: np.ndarray) -> None:
    """The thin shadow a sheet casts on the desk just outside its edge (before compositing)."""
    h, w = image.shape[:2]
    dx, dy = rng.uniform(-4, 4, 2)
    shifted = cv2.warpAffine(coverage, np.float32([[1, 0, dx], [0, 1, dy]]), (w, h))
    soft = cv2.GaussianBlur(shifted, (0, 0), rng.uniform(1.5, 5))
    image *= (1 - rng.uniform(0.1, 0.35) * soft)[:, :, None]


def cast_shadow(image: np.ndarray, rng: np.random.Generator, near: np.ndarray) -> None:
    """A soft shadow (a head, an arm, the kiosk's hood) falling across part of the page."""
    h, w = image.shape[:2]
    centre = near[rng.integers(4)] + rng.normal(0, 40, 2)
    radius = rng.uniform(0.2, 0.5) * max(h, w)
    angles = np.sort(rng.uniform(0, 2 * math.pi, 9))
    blob = np.stack([centre[0] + radius * rng.uniform(0.5, 1.2, 9) * np.cos(angles),
                     centre[1] + radius * rng.uniform(0.5, 1.2, 9) * np.sin(angles)], 1)
    mask = np.zeros((h, w), np.float32)
    cv2.fillPoly(mask, [blob.astype(np.int32)], 1.0, cv2.LINE_AA)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(4, 35))
    image *= (1 - rng.uniform(0.2, 0.55) * mask)[:, :, None]


def glare(image: np.ndarray, rng: np.random.Generator, quad: np.ndarray) -> None:
    """A specular highlight from a ceiling lamp on glossy paper or a card's laminate."""
    h, w = image.shape[:2]
    a, b = rng.uniform(0.25, 1.0), rng.uniform(0.25, 1.0)
    weights = rng.dirichlet([a, b, a, b])
    centre = weights @ quad
    size = math.sqrt(cv2.contourArea(quad.astype(np.float32))) * rng.uniform(0.08, 0.3)
    axes = (size * rng.uniform(0.6, 1.6), size * rng.uniform(0.3, 0.9))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, math.pi)
    u = ((xx - centre[0]) * math.cos(angle) + (yy - centre[1]) * math.sin(angle)) / axes[0]
    v = (-(xx - centre[0]) * math.sin(angle) + (yy - centre[1]) * math.cos(angle)) / axes[1]
    spot = np.exp(-(u * u + v * v) * 1.5)
    image += (spot * rng.uniform(90, 320))[:, :, None]


def fingers(image: np.ndarray, rng: np.random.Generator, page_quad: np.ndarray,
            px_per_mm: float, depth_mm: tuple[float, float] = (3, 11)) -> list[int]:
    """One or two fingers over the page's edges, as a hand holding it would; returns the edges.

    A fingertip reaches `depth_mm` past the edge (plus the finger's rounded end).
    """
    h, w = image.shape[:2]
    edges = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        edge = int(rng.integers(4))
        edges.append(edge)
        a, b = page_quad[edge], page_quad[(edge + 1) % 4]
        t = rng.uniform(0.05, 0.25) if rng.random() < 0.25 else rng.uniform(0.2, 0.8)
        point = a + (b - a) * t
        along = (b - a) / np.linalg.norm(b - a)
        inward = np.array([-along[1], along[0]])
        if np.dot(page_quad.mean(axis=0) - point, inward) < 0:
            inward = -inward
        angle = rng.uniform(-0.5, 0.5)
        direction = np.array([inward[0] * math.cos(angle) - inward[1] * math.sin(angle),
                              inward[0] * math.sin(angle) + inward[1] * math.cos(angle)])
        width = rng.uniform(15, 21) * px_per_mm
        tip = point + direction * rng.uniform(*depth_mm) * px_per_mm
        base = tip - direction * rng.uniform(60, 110) * px_per_mm
        _draw_finger(image, rng, tip, base, width, h, w)
    return edges


def _draw_finger(image: np.ndarray, rng: np.random.Generator, tip: np.ndarray, base: np.ndarray,
                 width: float, h: int, w: int) -> None:
    def fixed(p: np.ndarray) -> tuple[int, int]:  # 2 fractional bits for cv2's shift=2
        return round(float(p[0]) * 4), round(float(p[1]) * 4)

    outline = np.zeros((h, w), np.uint8)
    cv2.line(outline, fixed(tip), fixed(base), 255, max(1, round(width)), cv2.LINE_AA, shift=2)
    mask = outline.astype(np.float32) / 255
    # Rounder in the middle than at the sides, as a finger is.
    shade = cv2.GaussianBlur(mask, (0, 0), max(1.0, width / 6))
    skin = np.array(SKIN_BGR[rng.integers(len(SKIN_BGR))], np.float32) * rng.uniform(0.8, 1.1)
    finger = skin[None, None, :] * (0.55 + 0.5 * shade[:, :, None])
    nail_mask = np.zeros((h, w), np.float32)
    direction = (base - tip) / max(1e-6, np.linalg.norm(base - tip))
    nail_centre = tip + direction * width * 0.45
    cv2.ellipse(nail_mask, (int(nail_centre[0]), int(nail_centre[1])),
                (int(width * 0.4), int(width * 0.28)),
                math.degrees(math.atan2(direction[1], direction[0])), 0, 360, 1.0, -1, cv2.LINE_AA)
    finger += (nail_mask * mask * 35)[:, :, None]
    # A soft shadow under the finger, offset slightly.
    shadow = cv2.GaussianBlur(mask, (0, 0), width / 5)
    image *= (1 - 0.35 * shadow)[:, :, None]
    image[:] = image * (1 - mask[:, :, None]) + finger * mask[:, :, None]


def defocus_or_motion(image: np.ndarray, rng: np.random.Generator, *,
                      strength: float) -> np.ndarray:
    """Defocus (Gaussian) or a shaking hand (a straight motion kernel), both centred."""
    if rng.random() < 0.7:
        return cv2.GaussianBlur(image, (0, 0), 0.4 + 1.8 * strength)
    length = int(3 + 9 * strength) | 1
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    return cv2.filter2D(image, -1, kernel / kernel.sum())


def sensor_noise(image: np.ndarray, rng: np.random.Generator, sigma: float) -> None:
    h, w = image.shape[:2]
    luma = rng.normal(0, sigma, (h, w, 1)).astype(np.float32)
    chroma = rng.normal(0, sigma * 0.4, (h, w, 3)).astype(np.float32)
    # Brighter pixels carry more shot noise.
    image += (luma + chroma) * np.sqrt(np.clip(image, 1, 255) / 128)


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """The uint8 image after a round trip through JPEG at `quality`."""
    pixels = np.clip(image, 0, 255).astype(np.uint8)
    ok, buffer = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:  # pragma: no cover - imencode fails only without a JPEG codec
        raise RuntimeError("OpenCV could not encode a JPEG")
    return cv2.imdecode(buffer, cv2.IMREAD_COLOR)
