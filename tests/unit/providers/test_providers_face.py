"""Sandbox face verification decides from real JPEG/PNG pixels, as documented."""

from __future__ import annotations

import io
import random
from datetime import UTC, date, datetime

import pytest
from PIL import Image, ImageDraw

from mcert.clock import FrozenClock
from mcert.errors import ServiceUnavailable
from mcert.ident import make_resident_id
from mcert.providers.face import (
    PASS_SCORE,
    FaceFailed,
    FaceReason,
    FaceVerifier,
    face_providers,
)

NAME = "张三"
ID = make_resident_id()


@pytest.fixture
def verifier() -> FaceVerifier:
    return face_providers.create("sandbox", clock=FrozenClock(datetime(2026, 11, 29, tzinfo=UTC)))


def encode(img: Image.Image, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    img.save(out, format=fmt)
    return out.getvalue()


def solid(color: tuple[int, int, int], size: tuple[int, int] = (320, 240)) -> Image.Image:
    return Image.new("RGB", size, color)


def noisy(base: tuple[int, int, int], spread: int = 40, seed: int = 1) -> Image.Image:
    rnd = random.Random(seed)
    img = Image.new("RGB", (160, 120))
    img.putdata(
        [
            tuple(max(0, min(255, c + rnd.randint(-spread, spread))) for c in base)
            for _ in range(160 * 120)
        ]
    )
    return img


def chromium_fake_camera(angle: int) -> Image.Image:
    """What Chromium's --use-fake-device-for-media-stream shows: a green frame, a green
    "pacman" sweeping ``angle`` degrees and a timer (I420 with U = V = 0, so all green)."""
    img = Image.new("RGB", (640, 480), (0, 135, 0))
    draw = ImageDraw.Draw(img)
    if angle:
        draw.pieslice((200, 120, 440, 360), 0, angle, fill=(76, 255, 28))
    draw.text((90, 60), "0:00:00:000 0", fill=(76, 255, 28), font_size=36)
    return img


@pytest.mark.parametrize("angle", [0, 45, 300])
@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_chromium_fake_camera_frame_passes(verifier: FaceVerifier, angle: int, fmt: str) -> None:
    result = verifier.verify(NAME, ID, encode(chromium_fake_camera(angle), fmt))
    assert result.ok, result.reason
    assert result.score is not None
    assert PASS_SCORE <= 80 <= result.score < 100
    result.raise_for_failure()


def test_score_is_deterministic_per_image(verifier: FaceVerifier) -> None:
    image = encode(noisy((180, 150, 120)))
    first = verifier.verify(NAME, ID, image)
    assert first.ok
    assert verifier.verify(NAME, ID, image).score == first.score
    assert verifier.verify(NAME, ID, encode(noisy((180, 150, 120), seed=2))).ok


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        (noisy((220, 40, 40)), FaceReason.FACE_MISMATCH),
        (noisy((40, 50, 220)), FaceReason.LIVENESS_FAILED),
        (noisy((10, 10, 12), spread=8), FaceReason.LIVENESS_FAILED),
        (solid((0, 0, 0)), FaceReason.LIVENESS_FAILED),
        (solid((128, 128, 128)), FaceReason.IMAGE_UNUSABLE),
        (solid((200, 160, 140), size=(48, 48)), FaceReason.IMAGE_UNUSABLE),
    ],
)
def test_documented_images_reach_every_reason(
    verifier: FaceVerifier, image: Image.Image, reason: FaceReason
) -> None:
    for fmt in ("JPEG", "PNG"):
        result = verifier.verify(NAME, ID, encode(image, fmt))
        assert not result.ok
        assert result.reason is reason
        if reason is FaceReason.FACE_MISMATCH:
            assert result.score is not None
            assert result.score < PASS_SCORE
        else:
            assert result.score is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        b"\xff\xd8\xff\xe0" + b"\x00" * 100,  # JPEG magic, garbage after
        encode(noisy((180, 150, 120)))[:300],  # truncated
        encode(noisy((180, 150, 120)), "GIF"),
        encode(noisy((180, 150, 120)), "BMP"),
    ],
)
def test_garbage_or_other_formats_are_unusable(verifier: FaceVerifier, data: bytes) -> None:
    result = verifier.verify(NAME, ID, data)
    assert result.reason is FaceReason.IMAGE_UNUSABLE
    with pytest.raises(FaceFailed) as exc:
        result.raise_for_failure()
    assert exc.value.code == "image_unusable"


def test_outage_identity_gives_provider_unavailable(verifier: FaceVerifier) -> None:
    result = verifier.verify(
        NAME, make_resident_id(birth=date(1900, 1, 1)), encode(chromium_fake_camera(90))
    )
    assert result.reason is FaceReason.PROVIDER_UNAVAILABLE
    with pytest.raises(ServiceUnavailable):
        result.raise_for_failure()


def test_face_mismatch_raises_with_its_code(verifier: FaceVerifier) -> None:
    with pytest.raises(FaceFailed) as exc:
        verifier.verify(NAME, ID, encode(noisy((220, 40, 40)))).raise_for_failure()
    assert exc.value.code == "face_mismatch"
    assert "人脸" in exc.value.message


def test_logs_show_only_masked_identity(
    verifier: FaceVerifier, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="mcert.providers.face"):
        verifier.verify("张三丰", ID, encode(chromium_fake_camera(90)))
    assert "张**" in caplog.text
    assert ID not in caplog.text
    assert "张三丰" not in caplog.text
