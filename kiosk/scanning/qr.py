"""Reading QR codes from camera frames: appointment codes on phones, receipts, licences.

OpenCV offers two QR detectors in its main build: the classic `QRCodeDetector` and the
ArUco-based `QRCodeDetectorAruco`; the contrib build adds WeChat's `wechat_qrcode`. Beside them
the kiosk has zxing-cpp (a PyPI wheel) and ZBar (pyzbar over Debian's libzbar0). `bench/qr.py`
measures each on the same generated photos: zxing-cpp reads about as many as ArUco at a
twentieth of the cost, and each reads some codes the others miss (a glared or blurred finder
pattern), so `read_qr` tries zxing-cpp first, then ArUco, classic and ZBar. WeChat's (without
its CNN models, which need a download from GitHub) reads no more at five times the cost, so
the kiosk does not use it.

All find a code by its finder patterns, which fail when a module is
under about three pixels, and glare, blur or a screen's pixel grid can hide them. So when the
whole frame yields nothing, `read_qr` looks for regions densely packed with black-and-white
steps (strong ones, else fainter), and reads each again in several views: enlarged three
times (as it is, thresholded against its local mean for glare, sharpened for a shaking hand),
and at its own size, halved, and doubled (against a wide local mean; sharpened harder); as a
last resort it reads the whole frame at twice its size.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import cv2
import numpy as np
import zxingcpp

Decoder = Callable[[np.ndarray], list[str]]
LOCATE_WIDTH = 640          # code regions are looked for on a frame this wide
ENLARGE = 3.0               # and read again this much larger
MAX_REGIONS = 4
STRONG_STEP = 60             # grey levels between neighbouring modules, at least
FAINT_STEP = 35              # or, when no region has such steps, this many


@cache
def _aruco() -> cv2.QRCodeDetectorAruco:
    return cv2.QRCodeDetectorAruco()


@cache
def _classic() -> cv2.QRCodeDetector:
    return cv2.QRCodeDetector()


def _multi(detector: cv2.QRCodeDetector | cv2.QRCodeDetectorAruco, image: np.ndarray
           ) -> list[str]:
    try:
        found, texts, _, _ = detector.detectAndDecodeMulti(image)
    except cv2.error:
        return []
    return [t for t in texts if t] if found else []


def decode_classic(image: np.ndarray) -> list[str]:
    """OpenCV's classic QRCodeDetector on the whole image."""
    return _multi(_classic(), image)


def decode_aruco(image: np.ndarray) -> list[str]:
    """OpenCV's ArUco-based QRCodeDetectorAruco on the whole image."""
    return _multi(_aruco(), image)


def decode_zxing(image: np.ndarray) -> list[str]:
    """zxing-cpp's QR reader on the whole image: its own binariser and finder search (it reads
    codes whose finder patterns are blurred or glared past what OpenCV's accept) at a few
    milliseconds a frame."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    try:
        found = zxingcpp.read_barcodes(np.ascontiguousarray(grey),
                                       formats=zxingcpp.BarcodeFormat.QRCode)
    except (RuntimeError, ValueError):
        return []
    return [code.text for code in found if code.valid and code.text]


@cache
def _zbar() -> Callable[..., list] | None:
    try:
        from pyzbar import pyzbar
    except ImportError:   # the libzbar0 Debian package is missing: scripts/ensure-env adds it
        return None
    return pyzbar.decode


def decode_zbar(image: np.ndarray) -> list[str]:
    """ZBar's QR reader (pyzbar over Debian's libzbar0) on the whole image, if installed: it
    scans lines for finder patterns its own way and reads some codes the others miss."""
    decode = _zbar()
    if decode is None:
        return []
    from pyzbar.pyzbar import ZBarSymbol

    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    texts = []
    for symbol in decode(np.ascontiguousarray(grey), symbols=[ZBarSymbol.QRCODE]):
        try:
            texts.append(symbol.data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return [t for t in texts if t]


def _any_decoder(image: np.ndarray) -> list[str]:
    return decode_zxing(image) or decode_aruco(image) or decode_classic(image)


def wechat_decoder() -> Decoder | None:
    """WeChat's detector from the contrib build, without its CNN models, if installed."""
    factory = getattr(cv2, "wechat_qrcode_WeChatQRCode", None)
    if factory is None:
        return None
    detector = factory()

    def decode(image: np.ndarray) -> list[str]:
        texts, _ = detector.detectAndDecode(image)
        return [t for t in texts if t]

    return decode


def code_regions(image: np.ndarray, *, limit: int = MAX_REGIONS,
                 strong_step: float = STRONG_STEP) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) in `image` around regions that look like a QR code: dense
    black-and-white detail (steps of `strong_step` grey levels), roughly square, densest
    first."""
    h, w = image.shape[:2]
    scale = min(1.0, LOCATE_WIDTH / w)
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    detail = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    # A code is black next to white everywhere within it: strong steps, densely packed.
    strong = (detail > strong_step).astype(np.float32)
    density = cv2.blur(strong, (9, 9))
    mask = (density > 0.35).astype(np.uint8) * 255
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours:
        area = cv2.contourArea(contour)
        if area < 150:
            continue
        (_, _), (bw, bh), _ = cv2.minAreaRect(contour)
        if min(bw, bh) < 10 or max(bw, bh) > 2.2 * min(bw, bh):
            continue
        fill = area / max(bw * bh, 1.0)
        if fill < 0.5:
            continue
        x, y, cw, ch = cv2.boundingRect(contour)
        margin = 0.25 * max(cw, ch) + 4
        box = (max(0, int((x - margin) / scale)), max(0, int((y - margin) / scale)),
               min(w, int((x + cw + margin) / scale)), min(h, int((y + ch + margin) / scale)))
        density = float(detail[y:y + ch, x:x + cw].mean()) * fill
        boxes.append((density, box))
    boxes.sort(key=lambda item: -item[0])
    return [box for _, box in boxes[:limit]]


def read_qr(image: np.ndarray) -> list[str]:
    """Every QR code's text in `image` (BGR or grey), each once, in the order found."""
    texts = decode_zxing(image)
    if not texts:
        texts = decode_aruco(image)
    if not texts:
        texts = decode_classic(image)
    if not texts:
        texts = decode_zbar(image)
    if not texts:
        # A blurred or glared code's steps are weaker: look again, less strictly.
        regions = code_regions(image) or code_regions(image, strong_step=FAINT_STEP)
        for x0, y0, x1, y1 in regions:
            crop = image[y0:y1, x0:x1]
            factor = min(ENLARGE, 1200 / max(1, x1 - x0, y1 - y0))
            large = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
            for view in [*_views(large), *_plain_views(crop)]:
                found = _any_decoder(view)
                if found:
                    texts += found
                    break
    if not texts:
        # Last, the whole frame at twice the size (slow, but only when all else failed).
        large = cv2.resize(image, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR)
        texts = decode_aruco(large) or decode_zxing(large)
    return list(dict.fromkeys(texts))


def _views(image: np.ndarray) -> list[np.ndarray]:
    """The enlarged region as it is, thresholded against its local mean (a phone's glare or
    a shadow leaves a finder pattern grey, not white), and sharpened (a shaking hand)."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    local = cv2.adaptiveThreshold(cv2.GaussianBlur(grey, (3, 3), 0), 255,
                                  cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, 2)
    sharp = cv2.addWeighted(grey, 2.0, cv2.GaussianBlur(grey, (0, 0), 2), -1.0, 0)
    return [image, local, sharp]


def _plain_views(crop: np.ndarray) -> list[np.ndarray]:
    """The region as it is (a crop's finder patterns stand out better than the whole
    frame's), halved (a large code's blur, glare and a screen's pixel grid shrink with it),
    twice as large against a wide local mean (a glare across a code that a narrow window
    takes for a module), and twice as large, sharpened harder (a small code, shaken)."""
    grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    half = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    double = cv2.GaussianBlur(cv2.resize(grey, None, fx=2, fy=2,
                                         interpolation=cv2.INTER_CUBIC), (5, 5), 0)
    wide = cv2.adaptiveThreshold(double, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
                                 cv2.THRESH_BINARY, 51, 5)
    large = cv2.resize(grey, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    crisp = cv2.addWeighted(large, 2.5, cv2.GaussianBlur(large, (0, 0), 2.4), -1.5, 0)
    return [grey, half, wide, crisp]
