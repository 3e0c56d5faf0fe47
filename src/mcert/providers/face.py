"""Face verification (人脸核身): the ``FaceVerifier`` protocol and its sandbox.

A real vendor checks liveness on the captured image and compares the face with the photo
the national ID database holds for ``id_number``, returning a similarity score. The
sandbox decodes the image with Pillow (it must be a real JPEG or PNG) and decides from its
pixels, so the holder's browser, the web app's tests and a person at a laptop can all
reach every outcome. Rules (also in ``docs/sandbox.md``), on the image scaled to 64×64,
in this order:

=====================================================  ==========================
image                                                  outcome
=====================================================  ==========================
not a decodable JPEG/PNG, smaller than 64×64 or        ``image_unusable``
larger than 40 million pixels
ID number with birth date 1900-01-01                   ``provider_unavailable``
mean luminance below 30 (camera covered, dark room)    ``liveness_failed``
half or more of the pixels clearly red                 ``face_mismatch`` (score 20-59.99)
half or more of the pixels clearly blue                ``liveness_failed``
luminance standard deviation below 1 (a blank frame)   ``image_unusable``
anything else (e.g. Chromium's green fake camera)      ok, score 80-99.99
=====================================================  ==========================

"Clearly red" means R ≥ 120 and R exceeds both G and B by 50; blue likewise. Scores are
derived from a hash of the pixels, so the same image always gets the same score; the pass
threshold is :data:`PASS_SCORE`.

This module must never log, store or put into errors the image, the name or the ID number
unmasked; storing the capture (encrypted) is the caller's job.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from mcert.clock import CHINA_TZ, Clock
from mcert.errors import InvalidInput, ServiceUnavailable
from mcert.ident import parse_resident_id
from mcert.pii import mask_id_number, mask_name
from mcert.providers.realname import validate_person_name
from mcert.providers.registry import ProviderRegistry

if TYPE_CHECKING:  # Pillow and numpy are imported by the sandbox's checks, when they run
    from PIL import Image

__all__ = [
    "PASS_SCORE",
    "FaceFailed",
    "FaceReason",
    "FaceResult",
    "FaceUnavailable",
    "FaceVerifier",
    "SandboxFaceVerifier",
    "face_providers",
]

log = logging.getLogger(__name__)

PASS_SCORE = 70.0


class FaceReason(StrEnum):
    FACE_MISMATCH = "face_mismatch"
    LIVENESS_FAILED = "liveness_failed"
    IMAGE_UNUSABLE = "image_unusable"
    PROVIDER_UNAVAILABLE = "provider_unavailable"


REASON_MESSAGES: dict[FaceReason, str] = {
    FaceReason.FACE_MISMATCH: "人脸比对未通过，请确认为本人操作",
    FaceReason.LIVENESS_FAILED: "活体检测未通过，请在光线充足处正对镜头重试",
    FaceReason.IMAGE_UNUSABLE: "未检测到清晰的人脸，请重新拍摄",
    FaceReason.PROVIDER_UNAVAILABLE: "人脸识别服务暂不可用，请稍后再试",
}


class FaceFailed(InvalidInput):
    """Verification ran and said no; ``code`` is the :class:`FaceReason` value."""

    code = "face_failed"
    default_message = "人脸识别未通过"


class FaceUnavailable(ServiceUnavailable):
    code = FaceReason.PROVIDER_UNAVAILABLE.value
    default_message = REASON_MESSAGES[FaceReason.PROVIDER_UNAVAILABLE]


@dataclass(frozen=True)
class FaceResult:
    """Outcome of one verification; ``score`` is the 0-100 similarity when compared."""

    ok: bool
    score: float | None
    reason: FaceReason | None
    provider: str
    request_id: str

    @property
    def message(self) -> str | None:
        return REASON_MESSAGES[self.reason] if self.reason else None

    def raise_for_failure(self) -> None:
        """Raise :class:`FaceFailed` (or :class:`FaceUnavailable`) unless ``ok``."""
        if self.ok or self.reason is None:
            return
        details = {"request_id": self.request_id}
        if self.reason is FaceReason.PROVIDER_UNAVAILABLE:
            raise FaceUnavailable(details=details)
        raise FaceFailed(REASON_MESSAGES[self.reason], code=self.reason.value, details=details)


class FaceVerifier(Protocol):
    name: str

    def verify(self, name: str, id_number: str, image: bytes) -> FaceResult: ...


face_providers: ProviderRegistry[FaceVerifier] = ProviderRegistry("face")


# --------------------------------------------------------------------------- sandbox

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _decode(image: bytes, max_pixels: int) -> Image.Image | None:
    """The RGB pixels of a JPEG or PNG, or None; the pixel count is checked before decoding."""
    from PIL import JpegImagePlugin, PngImagePlugin

    plugin: type[Image.Image]
    if image.startswith(_JPEG_MAGIC):
        plugin = JpegImagePlugin.JpegImageFile
    elif image.startswith(_PNG_MAGIC):
        plugin = PngImagePlugin.PngImageFile
    else:
        return None
    try:
        # The plugin class, not Image.open: only the sniffed format is tried, and the
        # pixel bound below applies before any pixel data is decompressed.
        img = plugin(io.BytesIO(image))
        width, height = img.size
        if width * height > max_pixels:
            return None
        img.load()
        return img.convert("RGB")
    except (OSError, SyntaxError, ValueError, EOFError):
        return None


@dataclass(frozen=True)
class _Features:
    mean_luma: float
    luma_stdev: float
    red_share: float
    blue_share: float
    digest: int


def _features(img: Image.Image) -> _Features:
    import numpy as np
    from PIL import Image

    small = img.resize((64, 64), Image.Resampling.BILINEAR)
    raw = small.tobytes()
    rgb = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int16)
    r, g, b = rgb[:, 0], rgb[:, 1], rgb[:, 2]
    lumas = 0.299 * r + 0.587 * g + 0.114 * b
    red = np.count_nonzero((r >= 120) & (r - g >= 50) & (r - b >= 50))
    blue = np.count_nonzero((b >= 120) & (b - r >= 50) & (b - g >= 50))
    digest = int.from_bytes(hashlib.sha256(raw).digest()[:4], "big")
    return _Features(
        mean_luma=float(lumas.mean()),
        luma_stdev=float(lumas.std()),
        red_share=red / len(rgb),
        blue_share=blue / len(rgb),
        digest=digest,
    )


class SandboxFaceVerifier:
    """Deterministic outcomes from the image's pixels; see the module docstring."""

    name = "sandbox"
    MIN_SIDE = 64
    MAX_PIXELS = 40_000_000
    UNAVAILABLE_BIRTH_DATE = date(1900, 1, 1)

    def __init__(self, *, clock: Clock) -> None:
        self._clock = clock

    def verify(self, name: str, id_number: str, image: bytes) -> FaceResult:
        clean_name = validate_person_name(name)
        rid = parse_resident_id(id_number, today=self._clock.now().astimezone(CHINA_TZ).date())
        reason, score = self._judge(image, rid.birth_date)
        result = FaceResult(
            ok=reason is None,
            score=score,
            reason=reason,
            provider=self.name,
            request_id=uuid.uuid4().hex,
        )
        log.info(
            "face verification via sandbox for %s %s: %s score=%s request_id=%s",
            mask_name(clean_name),
            mask_id_number(rid.number),
            reason.value if reason else "ok",
            score,
            result.request_id,
        )
        return result

    def _judge(self, image: bytes, birth: date) -> tuple[FaceReason | None, float | None]:
        img = _decode(image, self.MAX_PIXELS)
        if img is None or min(img.size) < self.MIN_SIDE:
            return FaceReason.IMAGE_UNUSABLE, None
        if birth == self.UNAVAILABLE_BIRTH_DATE:
            return FaceReason.PROVIDER_UNAVAILABLE, None
        f = _features(img)
        if f.mean_luma < 30:
            return FaceReason.LIVENESS_FAILED, None
        if f.red_share >= 0.5:
            return FaceReason.FACE_MISMATCH, 20 + (f.digest % 4000) / 100
        if f.blue_share >= 0.5:
            return FaceReason.LIVENESS_FAILED, None
        if f.luma_stdev < 1:
            return FaceReason.IMAGE_UNUSABLE, None
        return None, 80 + (f.digest % 2000) / 100


@face_providers.register("sandbox")
def _sandbox(*, clock: Clock, **_: object) -> FaceVerifier:
    return SandboxFaceVerifier(clock=clock)
