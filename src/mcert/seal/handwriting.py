"""A handwritten signature from the app's signature pad becomes a clean signature image.

The pad sends what it drew (a PNG, ink on a transparent or white canvas) and the strokes
that drew it (points of x, y and optionally time and pressure). The strokes decide whether
it is a signature at all (empty and too-short scribbles are refused); the PNG becomes the
image: ink kept as opacity, trimmed to the ink with a small margin, scaled to a fixed
height, black on transparent.

Pure image processing: nothing is stored or logged here.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from mcert.errors import InvalidInput

OUTPUT_HEIGHT = 240
OUTPUT_MAX_WIDTH = 960
MIN_POINTS = 10
MAX_POINTS = 20_000
MAX_STROKES = 200


class SignatureRejected(InvalidInput):
    code = "signature_rejected"
    default_message = "签名无效，请重新签名"


@dataclass(frozen=True)
class ExtractedSignature:
    png: bytes
    width: int
    height: int
    strokes: int
    points: int


def parse_strokes(raw: Any) -> list[list[tuple[float, float]]]:
    """The strokes as lists of (x, y); anything else is refused."""
    bad = SignatureRejected("签名笔迹数据格式有误，请重新签名", code="signature_strokes_invalid")
    if not isinstance(raw, list) or len(raw) > MAX_STROKES:
        raise bad
    strokes: list[list[tuple[float, float]]] = []
    total = 0
    for stroke in raw:
        if not isinstance(stroke, list):
            raise bad
        points: list[tuple[float, float]] = []
        for p in stroke:
            if (
                not isinstance(p, list | tuple)
                or not 2 <= len(p) <= 4
                or not all(isinstance(v, int | float) and math.isfinite(v) for v in p)
            ):
                raise bad
            points.append((float(p[0]), float(p[1])))
        total += len(points)
        if total > MAX_POINTS:
            raise bad
        if points:
            strokes.append(points)
    return strokes


def _length(strokes: list[list[tuple[float, float]]]) -> float:
    return sum(math.dist(a, b) for stroke in strokes for a, b in itertools.pairwise(stroke))


def render_signature(png: bytes, raw_strokes: Any) -> ExtractedSignature:
    """Check the strokes, clean the pad's PNG; raises :class:`SignatureRejected`."""
    strokes = parse_strokes(raw_strokes)
    points = sum(len(s) for s in strokes)
    if points == 0:
        raise SignatureRejected("签名为空，请在签名板上签名", code="signature_empty")
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    if img is None or img.ndim not in (2, 3):
        raise SignatureRejected("无法读取签名图片", code="signature_image_unreadable")
    gray: NDArray[Any]
    opacity: NDArray[Any]
    if img.ndim == 2:
        gray, opacity = img, np.full(img.shape, 255, np.uint8)
    else:
        if img.shape[2] == 4:
            opacity = img[..., 3]
            gray = cv2.cvtColor(img[..., :3], cv2.COLOR_BGR2GRAY)
        else:
            opacity = np.full(img.shape[:2], 255, np.uint8)
            gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    # Ink: opaque and dark. Black on transparent and black on white both come out the same.
    ink = (opacity.astype(np.float32) / 255.0) * (1.0 - gray.astype(np.float32) / 255.0)
    ink[ink < 0.06] = 0.0
    ys, xs = np.nonzero(ink)
    w = ink.shape[1]
    if xs.size == 0:
        raise SignatureRejected("签名为空，请在签名板上签名", code="signature_empty")
    extent = max(xs.max() - xs.min(), ys.max() - ys.min())
    if points < MIN_POINTS or _length(strokes) < 0.3 * w or extent < 0.12 * w:
        raise SignatureRejected("签名过短，请在签名板上完整签署姓名", code="signature_too_short")
    px = max(2, int(0.03 * (xs.max() - xs.min())))
    py = max(2, int(0.03 * (ys.max() - ys.min())))
    ink = ink[max(0, ys.min() - py) : ys.max() + 1 + py, max(0, xs.min() - px) : xs.max() + 1 + px]
    scale = min(OUTPUT_HEIGHT / ink.shape[0], OUTPUT_MAX_WIDTH / ink.shape[1])
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    ink = np.clip(cv2.resize(ink, None, fx=scale, fy=scale, interpolation=interp), 0.0, 1.0)
    alpha = np.clip(ink * 1.25 * 255.0 + 0.5, 0, 255).astype(np.uint8)
    out = np.zeros((*alpha.shape, 4), np.uint8)
    out[..., 3] = alpha
    ok, buf = cv2.imencode(".png", out)
    assert ok
    return ExtractedSignature(
        png=buf.tobytes(),
        width=int(alpha.shape[1]),
        height=int(alpha.shape[0]),
        strokes=len(strokes),
        points=points,
    )
