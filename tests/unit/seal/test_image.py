"""Seal extraction from generated phone photos, and signature-pad captures."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from tests.seals import BLUE_INK, draw_seal, paper_photo, seal_photo, signature_capture

from mcert.seal.handwriting import SignatureRejected, render_signature
from mcert.seal.image import SEAL_RED, SealImageRejected, extract_seal


def _rgba(png: bytes) -> np.ndarray:
    img = Image.open(io.BytesIO(png))
    assert img.mode == "RGBA"
    return np.asarray(img)


def _assert_clean(png: bytes) -> np.ndarray:
    px = _rgba(png)
    alpha = px[..., 3]
    visible = alpha > 0
    # transparency: the corners (paper) are gone, most of a ring seal is see-through
    for corner in (alpha[0, 0], alpha[0, -1], alpha[-1, 0], alpha[-1, -1]):
        assert corner == 0
    assert 0.05 < visible.mean() < 0.6
    assert (alpha == 255).sum() > 0.5 * visible.sum(), "solid ink is opaque"
    # colour: every visible pixel is exactly the seal red
    assert (px[visible][:, :3] == SEAL_RED).all()
    # the ink reaches the edges of the crop (trimmed, a small margin only)
    ys, xs = np.nonzero(visible)
    h, w = alpha.shape
    assert xs.min() < 0.07 * w
    assert xs.max() > 0.93 * w
    assert ys.min() < 0.07 * h
    assert ys.max() > 0.93 * h
    return px


@pytest.mark.parametrize("angle", [0.0, 25.0, -40.0, 170.0])
def test_round_seal_is_found_cleaned_and_straightened(angle: float) -> None:
    photo = seal_photo("round", angle=angle, seed=int(angle) + 3)
    seal = extract_seal(photo)
    assert seal.shape == "round"
    # the stamp sits where it was pasted (400 px, turned: its bounding circle stays 400 px)
    x, y, w, h = seal.box
    assert 580 <= x <= 700
    assert 380 <= y <= 500
    assert 370 <= w <= 430
    assert 370 <= h <= 430
    # straightened: the turn undone within a few degrees (the name's opening at the bottom)
    undone = (seal.rotation + angle + 180.0) % 360.0 - 180.0
    assert abs(undone) <= 6.0, (seal.rotation, angle)
    px = _assert_clean(seal.png)
    assert abs(px.shape[0] - px.shape[1]) <= 0.05 * px.shape[0]
    # the star is kept: the centre of a round seal is inked
    alpha = px[..., 3]
    cy, cx = alpha.shape[0] // 2, alpha.shape[1] // 2
    assert (alpha[cy - 20 : cy + 20, cx - 20 : cx + 20] > 0).any()


def test_oval_and_square_seals_are_squared_up() -> None:
    oval = extract_seal(seal_photo("oval", angle=10.0))
    assert oval.shape == "oval"
    assert abs(oval.rotation + 10.0) <= 2.0
    px = _assert_clean(oval.png)
    assert px.shape[1] / px.shape[0] == pytest.approx(1.5, abs=0.1)

    square = extract_seal(seal_photo("square", angle=-8.0))
    assert square.shape == "square"
    assert abs(square.rotation - 8.0) <= 2.0
    px = _assert_clean(square.png)
    assert px.shape[1] / px.shape[0] == pytest.approx(1.0, abs=0.06)


def test_heavy_jpeg_artefacts_and_shadow_still_give_a_clean_seal() -> None:
    seal = extract_seal(seal_photo("round", angle=15.0, quality=25, shadow=True))
    _assert_clean(seal.png)


def test_a_twelve_megapixel_photo_is_decoded_reduced_and_boxed_in_its_own_pixels() -> None:
    photo = paper_photo(draw_seal(1000), size=(4000, 3000), at=(1500, 1000), quality=80)
    seal = extract_seal(photo)
    x, y, w, h = seal.box
    assert 1450 <= x <= 1560
    assert 950 <= y <= 1060
    assert 940 <= w <= 1060
    assert 940 <= h <= 1060
    _assert_clean(seal.png)
    assert max(seal.width, seal.height) <= 600


def test_red_specks_elsewhere_on_the_page_are_not_part_of_the_seal() -> None:
    speck = Image.new("RGBA", (12, 12), (200, 20, 30, 255))
    seal = extract_seal(paper_photo(draw_seal(400), extra=speck))
    _, _, w, h = seal.box
    assert w <= 430
    assert h <= 430


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        (lambda: paper_photo(draw_seal(400, ink=BLUE_INK)), "seal_blue_ink"),
        (lambda: paper_photo(None), "seal_not_found"),
        (lambda: seal_photo("round", grey=True), "seal_photocopy"),
        (lambda: paper_photo(draw_seal(60)), "seal_too_small"),
        (lambda: seal_photo("round", blur=6.0), "seal_blurred"),
        (lambda: b"not an image at all", "seal_image_unreadable"),
    ],
    ids=["blue-ink", "blank-page", "photocopy", "too-small", "blurred", "not-an-image"],
)
def test_photos_that_are_not_a_red_seal_are_refused(photo, code: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SealImageRejected) as caught:
        extract_seal(photo())
    assert caught.value.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


def test_a_red_line_is_no_seal() -> None:
    line = Image.new("RGBA", (600, 30), (0, 0, 0, 0))
    line.paste((205, 28, 36, 255), (0, 0, 600, 30))
    with pytest.raises(SealImageRejected) as caught:
        extract_seal(paper_photo(line))
    assert caught.value.code == "seal_shape_unknown"


# ----------------------------------------------------------------------------- signatures


@pytest.mark.parametrize("opaque", [False, True], ids=["transparent-pad", "white-pad"])
def test_a_signature_is_trimmed_scaled_and_transparent(opaque: bool) -> None:
    png, strokes = signature_capture(opaque=opaque)
    sig = render_signature(png, strokes)
    assert sig.height <= 240
    assert sig.height == 240 or sig.width == 960
    assert sig.strokes == 3
    assert sig.points == 90
    px = _rgba(sig.png)
    alpha = px[..., 3]
    assert alpha[0, 0] == 0
    assert alpha[-1, -1] == 0
    assert (px[alpha > 0][:, :3] == 0).all(), "black ink"
    assert alpha.max() == 255
    ys, xs = np.nonzero(alpha)
    assert xs.min() < 0.06 * sig.width
    assert xs.max() > 0.94 * sig.width
    assert ys.min() < 0.08 * sig.height
    assert ys.max() > 0.92 * sig.height


def test_empty_and_too_short_signatures_are_refused() -> None:
    png, _ = signature_capture()
    blank = io.BytesIO()
    Image.new("RGBA", (800, 300), (0, 0, 0, 0)).save(blank, format="PNG")
    with pytest.raises(SignatureRejected) as caught:
        render_signature(png, [])
    assert caught.value.code == "signature_empty"
    with pytest.raises(SignatureRejected) as caught:
        render_signature(blank.getvalue(), [[[1, 1], [2, 2]]])
    assert caught.value.code == "signature_empty"
    short_png, short = signature_capture(strokes=1)
    with pytest.raises(SignatureRejected) as caught:
        render_signature(short_png, [short[0][:5]])
    assert caught.value.code == "signature_too_short"
    with pytest.raises(SignatureRejected) as caught:
        render_signature(png, [[["x", 1]]])
    assert caught.value.code == "signature_strokes_invalid"
