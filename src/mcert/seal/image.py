"""A phone photo (or scan) of a red seal stamped on paper becomes a clean seal image.

The holder stamps the seal on blank white paper and photographs it; what comes back is a
transparent PNG of the seal alone: the red stamp found in HSV, the paper removed, the seal
straightened, cropped and every inked pixel set to one seal red, with the ink's strength as
its opacity. Photos that are not a red seal are refused with a code the app can explain:
blue ink, a blank page, a black-and-white photocopy, a seal too small in the frame, a
blurred photo, or a red mark that is no round, oval or square seal.

Pure image processing (OpenCV + numpy): it never stores, logs or sends the image. Large
photos are decoded at a reduced size straight from the JPEG (libjpeg's DCT scaling), which
is what keeps a 12-megapixel photo within the time and memory budget of
``docs/benchmarks.md``.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from mcert.errors import InvalidInput

#: The colour every extracted seal is drawn in (the usual 印泥 red, #E60012).
SEAL_RED = (230, 0, 18)

#: Longest side of the image the seal is looked for in, and of the extracted seal.
DETECT_SIDE = 1024
OUTPUT_SIDE = 600

# OpenCV's HSV: hue 0..179, saturation and value 0..255.
_RED_HUE = 10  # red: hue within this of 0/180
_BLUE_HUES = (95, 135)
_MIN_SAT = 70
_MIN_VAL = 60
_MIN_FRACTION = 0.0015  # of the frame: less red than this is no seal
_MIN_SEAL_PX = 120  # the seal's longest side in the decoded photo
_MIN_SEAL_FRAME = 0.06  # ... and as a share of the frame's longest side
_MIN_SHARPNESS = 0.5  # see _sharpness: ~1.0 sharp, 0.66 at a blur of 0.75 % of the seal


class SealImageRejected(InvalidInput):
    """The upload is not a usable photo of a red seal; ``code`` says why."""

    code = "seal_image_rejected"
    default_message = "无法从图片中提取印章，请在白纸上清晰盖印后重新拍照"


def _reject(code: str, message: str, **details: object) -> SealImageRejected:
    return SealImageRejected(message, code=code, details=dict(details))


@dataclass(frozen=True)
class ExtractedSeal:
    png: bytes  # RGBA, every visible pixel SEAL_RED
    width: int
    height: int
    shape: str  # round | oval | square
    rotation: float  # degrees the seal was turned (counter-clockwise) to straighten it
    box: tuple[int, int, int, int]  # x, y, w, h of the stamp in the uploaded image's pixels


# OpenCV's stubs type every array loosely; these names say what each one holds.
U8 = NDArray[Any]  # uint8
F32 = NDArray[Any]  # float32
Rect = Any  # cv2.minAreaRect: ((cx, cy), (w, h), angle)


def _decode(data: bytes) -> tuple[U8, float]:
    """The photo in BGR and the factor from its pixels back to the uploaded image's."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
    except Exception as exc:
        raise _reject("seal_image_unreadable", "无法读取图片，请上传 JPG 或 PNG 图片") from exc
    pixels = width * height
    flag, factor = cv2.IMREAD_COLOR, 1.0
    if data[:3] == b"\xff\xd8\xff":  # DCT scaling: JPEG only
        if pixels > 16_000_000:
            flag, factor = cv2.IMREAD_REDUCED_COLOR_4, 4.0
        elif pixels > 3_000_000:
            flag, factor = cv2.IMREAD_REDUCED_COLOR_2, 2.0
    img = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    if img is None or img.ndim != 3 or min(img.shape[:2]) < 16:
        raise _reject("seal_image_unreadable", "无法读取图片，请上传 JPG 或 PNG 图片")
    return img, factor


def _masks(hsv: U8) -> tuple[U8, U8, U8]:
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    inked = (s >= _MIN_SAT) & (v >= _MIN_VAL)
    red = inked & ((h <= _RED_HUE) | (h >= 180 - _RED_HUE))
    blue = (s >= _MIN_SAT) & (v >= 40) & (h >= _BLUE_HUES[0]) & (h <= _BLUE_HUES[1])
    dark = (v < 110) & (s < 60)
    return red.astype(np.uint8), blue.astype(np.uint8), dark.astype(np.uint8)


def _no_seal(red: U8, blue: U8, dark: U8) -> SealImageRejected | None:
    area = red.size
    if red.sum() >= _MIN_FRACTION * area:
        return None
    if red.sum() >= 0.1 * _MIN_FRACTION * area:
        return _reject("seal_too_small", "印章在图片中过小，请靠近拍摄，使印章占据画面主要部分")
    if blue.sum() >= _MIN_FRACTION * area:
        return _reject("seal_blue_ink", "检测到蓝色印迹，电子印章须使用红色印泥盖印后拍照")
    if dark.sum() >= _MIN_FRACTION * area:
        return _reject("seal_photocopy", "图片为黑白复印件或黑白扫描件，请拍摄盖有红色印章的原件")
    return _reject("seal_not_found", "未检测到红色印章，请在白纸上清晰盖印后拍照上传")


def _component(red: U8) -> U8:
    """The largest group of red strokes: ring, text and star dilated into one blob."""
    side = max(red.shape)
    k = max(3, side // 40) | 1
    joined = cv2.dilate(red, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    count, labels = cv2.connectedComponents(joined, connectivity=8)
    if count <= 2:
        return _filled(joined)
    weights = np.bincount(labels[red > 0].ravel(), minlength=count)
    weights[0] = 0
    return _filled((labels == int(weights.argmax())).astype(np.uint8))


def _filled(blob: U8) -> U8:
    """The blob's convex hull, filled: the star and the inner text sit inside the ring."""
    points = cv2.findNonZero(blob)
    hull = cv2.convexHull(points)
    out = np.zeros_like(blob)
    cv2.fillConvexPoly(out, hull, 1)
    return out


def _alpha(bgr: U8) -> F32:
    """Ink strength 0..1: saturated red is ink, paper (any brightness, any tint) is not."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    h = hsv[..., 0].astype(np.float32)
    s = hsv[..., 1].astype(np.float32)
    v = hsv[..., 2].astype(np.float32)
    hue_dist = np.minimum(h, 180.0 - h)
    hue_w = np.clip((22.0 - hue_dist) / 10.0, 0.0, 1.0)
    val_w = np.clip((v - 40.0) / 40.0, 0.0, 1.0)
    sat_w = np.clip((s - 55.0) / 80.0, 0.0, 1.0)
    alpha: F32 = (hue_w * val_w * sat_w).astype(np.float32)
    return alpha


def _sharpness(alpha: F32) -> float:
    """Edge steepness of the ink, independent of scale and contrast.

    The ink mask is resampled to 400 px and its strongest gradients (99th percentile of the
    Sobel magnitude) compared with the ink's full range: a sharp stamp goes from paper to
    ink within a pixel or two, a blurred one over many.
    """
    scale = 400.0 / max(alpha.shape)
    small = cv2.resize(alpha, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    mag = np.sqrt(gx * gx + gy * gy)
    inked = small > 0.05
    if not inked.any():
        return 0.0
    spread = float(np.percentile(small[inked], 95))
    return float(np.percentile(mag, 99.5)) / (4.0 * max(spread, 1e-3))


def _shape(points: NDArray[Any]) -> tuple[str, Rect]:
    rect = cv2.minAreaRect(points)
    (_, _), (rw, rh), _ = rect
    if min(rw, rh) < 1:
        raise _reject("seal_shape_unknown", "未识别到圆形、椭圆形或方形印章")
    ratio = max(rw, rh) / min(rw, rh)
    hull = cv2.convexHull(points)
    fill = cv2.contourArea(hull) / (rw * rh)
    if ratio > 2.2 or fill < 0.6:
        raise _reject(
            "seal_shape_unknown",
            "未识别到圆形、椭圆形或方形印章，请上传完整、清晰的印章",
            ratio=round(ratio, 2),
        )
    if fill > 0.9:
        return "square", rect
    return ("round" if ratio < 1.15 else "oval"), rect


def _text_gap_angle(alpha: F32) -> float | None:
    """Where a round seal's text ring has its gap (degrees, image coordinates, y down).

    Round seals carry their name along the top of the ring and leave the bottom open; the
    longest empty arc of the band inside the ring is that opening.
    """
    ys, xs = np.nonzero(alpha > 0.3)
    if xs.size < 50:
        return None
    cx, cy = (xs.min() + xs.max()) / 2.0, (ys.min() + ys.max()) / 2.0
    radius = max(xs.max() - xs.min(), ys.max() - ys.min()) / 2.0
    dx, dy = xs - cx, ys - cy
    r = np.sqrt(dx * dx + dy * dy) / max(radius, 1.0)
    band = (r > 0.68) & (r < 0.9)
    if band.sum() < 30:
        return None
    angles = (np.degrees(np.arctan2(dy[band], dx[band])) + 360.0) % 360.0
    bins = np.bincount((angles // 5).astype(int), minlength=72)[:72]
    empty = bins <= 0.25 * np.median(bins[bins > 0])
    if empty.all() or not empty.any():
        return None
    # A ring of text needs an opening of at least 40°: the longest circular empty run.
    doubled = np.concatenate([empty, empty])
    best_len, run = 0, 0
    for e in doubled:
        run = run + 1 if e else 0
        best_len = max(best_len, run)
    if min(best_len, 72) * 5 < 40:
        return None
    # The opening is opposite the middle of the arc the text covers (every covered 5° step
    # counts once, so heavy letters at one end do not pull it).
    rad = np.radians(np.nonzero(~empty)[0] * 5.0 + 2.5)
    mass = math.degrees(math.atan2(float(np.sin(rad).sum()), float(np.cos(rad).sum())))
    return float((mass + 180.0) % 360.0)


def _rotation(shape: str, rect: Rect, alpha: F32) -> float:
    if shape == "round":
        gap = _text_gap_angle(alpha)
        if gap is None:
            return 0.0
        angle = gap - 90.0  # turn the opening to the bottom
    else:
        angle = rect[2]
        (_, _), (rw, rh), _ = rect
        if shape == "oval" and rh > rw:
            angle -= 90.0
    angle = (angle + 180.0) % 360.0 - 180.0
    if shape != "round":
        # a rectangle is the same every 90° (square) or 180° (oval): the smallest turn
        period = 90.0 if shape == "square" else 180.0
        angle = (angle + period / 2) % period - period / 2
    return angle


def _encode_png(alpha: F32) -> tuple[bytes, int, int]:
    h, w = alpha.shape
    rgba = np.empty((h, w, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 2] = SEAL_RED
    a = np.clip(alpha * 255.0 + 0.5, 0, 255).astype(np.uint8)
    rgba[..., 3] = a
    rgba[a == 0, :3] = 0  # fully transparent pixels carry no colour
    rgba[a == 0, 3] = 0
    rgba[a > 0, 0], rgba[a > 0, 1], rgba[a > 0, 2] = SEAL_RED
    ok, buf = cv2.imencode(".png", cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA))
    assert ok
    return buf.tobytes(), w, h


def extract_seal(data: bytes) -> ExtractedSeal:
    """The clean seal from a photo; raises :class:`SealImageRejected` with a code."""
    img, factor = _decode(data)
    scale = min(1.0, DETECT_SIDE / max(img.shape[:2]))
    small = (
        cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if scale < 1.0
        else img
    )
    red, blue, dark = _masks(cv2.cvtColor(small, cv2.COLOR_BGR2HSV))
    refused = _no_seal(red, blue, dark)
    if refused is not None:
        raise refused
    blob = _component(red)
    ys, xs = np.nonzero(red & blob)
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    longest_small = max(x1 - x0, y1 - y0)
    to_img = 1.0 / scale
    if longest_small * to_img * factor < _MIN_SEAL_PX or longest_small < _MIN_SEAL_FRAME * max(
        small.shape[:2]
    ):
        raise _reject(
            "seal_too_small",
            "印章在图片中过小，请靠近拍摄，使印章占据画面主要部分",
            seal_px=int(longest_small * to_img * factor),
        )
    shape, rect = _shape(np.column_stack([xs, ys]).astype(np.int32))

    # Crop the decoded photo around the stamp (with room to turn it) at working size.
    margin = int(0.25 * longest_small * to_img)
    H, W = img.shape[:2]
    cx0 = max(0, int(x0 * to_img) - margin)
    cy0 = max(0, int(y0 * to_img) - margin)
    cx1 = min(W, int(x1 * to_img) + margin)
    cy1 = min(H, int(y1 * to_img) + margin)
    crop = img[cy0:cy1, cx0:cx1]
    work = min(1.0, (OUTPUT_SIDE * 1.5) / max(crop.shape[:2]))
    if work < 1.0:
        crop = cv2.resize(crop, None, fx=work, fy=work, interpolation=cv2.INTER_AREA)
    alpha = _alpha(crop)
    # Only the stamp itself: red specks elsewhere on the page are not part of the seal.
    keep = cv2.resize(
        blob[int(cy0 * scale) : int(cy1 * scale) + 1, int(cx0 * scale) : int(cx1 * scale) + 1],
        (crop.shape[1], crop.shape[0]),
        interpolation=cv2.INTER_NEAREST,
    )
    alpha *= keep.astype(np.float32)
    if _sharpness(alpha) < _MIN_SHARPNESS:
        raise _reject(
            "seal_blurred", "图片模糊，请对焦后重新拍摄", sharpness=round(_sharpness(alpha), 3)
        )

    angle = _rotation(shape, rect, alpha)
    if abs(angle) > 0.5:
        h, w = alpha.shape
        diag = math.ceil(math.hypot(h, w))
        m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
        m[0, 2] += (diag - w) / 2.0
        m[1, 2] += (diag - h) / 2.0
        alpha = cv2.warpAffine(alpha, m, (diag, diag), flags=cv2.INTER_LINEAR, borderValue=(0.0,))
    # Solid ink is fully opaque; faint paper tint below 8 % is dropped.
    alpha = np.clip((alpha - 0.08) / 0.6, 0.0, 1.0).astype(np.float32)
    ys2, xs2 = np.nonzero(alpha > 0)
    pad = max(2, int(0.02 * max(alpha.shape)))
    alpha = alpha[
        max(0, ys2.min() - pad) : ys2.max() + 1 + pad, max(0, xs2.min() - pad) : xs2.max() + 1 + pad
    ]
    out = min(1.0, OUTPUT_SIDE / max(alpha.shape))
    if out < 1.0:
        alpha = cv2.resize(alpha, None, fx=out, fy=out, interpolation=cv2.INTER_AREA)
    png, w, h = _encode_png(alpha)
    f = to_img * factor
    box = (int(x0 * f), int(y0 * f), int((x1 - x0) * f), int((y1 - y0) * f))
    return ExtractedSeal(png=png, width=w, height=h, shape=shape, rotation=angle, box=box)
