"""Generated photos of seals for the tests: a red stamp drawn with Pillow (ring, star,
curved name, a line of text) on off-white paper with noise, a shadow, a turn and JPEG
artefacts; and signature-pad captures."""

from __future__ import annotations

import functools
import io
import math
import random
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

INK = (205, 28, 36)
BLUE_INK = (30, 60, 190)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def draw_seal(
    diameter: int = 400,
    *,
    ink: tuple[int, int, int] = INK,
    shape: str = "round",
    text: str = "FUZHOU MOUMOU CONSTRUCTION CO LTD",
) -> Image.Image:
    """A seal on a transparent layer: ring, five-pointed star, curved name along the top
    (gap at the bottom), a horizontal line below the star."""
    w = diameter if shape != "oval" else int(diameter * 1.5)
    h = diameter
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    ring = max(4, diameter // 28)
    color = (*ink, 255)
    if shape == "square":
        d.rectangle((ring, ring, w - ring, h - ring), outline=color, width=ring)
        f = _font(diameter // 4)
        d.text((w * 0.18, h * 0.15), "WANG", font=f, fill=color)
        d.text((w * 0.18, h * 0.52), "YINZ", font=f, fill=color)
        return layer
    d.ellipse((ring // 2, ring // 2, w - ring // 2, h - ring // 2), outline=color, width=ring)
    cx, cy = w / 2, h / 2
    r = diameter * 0.11
    star = [
        (
            cx + (r if i % 2 == 0 else r * 0.4) * math.sin(math.pi * i / 5),
            cy - (r if i % 2 == 0 else r * 0.4) * math.cos(math.pi * i / 5),
        )
        for i in range(10)
    ]
    d.polygon(star, fill=color)
    # the name along the top 240°, letters upright towards the centre
    size = diameter // 11
    f = _font(size)
    span = 240.0
    for i, ch in enumerate(text):
        theta = math.radians(-90 - span / 2 + span * (i + 0.5) / len(text))
        rx, ry = (w / 2 - ring * 1.2 - size * 0.75), (h / 2 - ring * 1.2 - size * 0.75)
        px, py = cx + rx * math.cos(theta), cy + ry * math.sin(theta)
        glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size, size), ch, font=f, fill=color, anchor="mm")
        glyph = glyph.rotate(-math.degrees(theta) - 90, resample=Image.Resampling.BICUBIC)
        layer.alpha_composite(glyph, (int(px - size), int(py - size)))
    f2 = _font(diameter // 12)
    d.text((cx - diameter * 0.22, cy + diameter * 0.2), "HETONG", font=f2, fill=color)
    return layer


def paper_photo(
    seal: Image.Image | None,
    *,
    size: tuple[int, int] = (1600, 1200),
    at: tuple[int, int] = (600, 400),
    angle: float = 0.0,
    seed: int = 1,
    shadow: bool = True,
    blur: float = 0.0,
    quality: int = 85,
    grey: bool = False,
    extra: Image.Image | None = None,
) -> bytes:
    """A phone photo: off-white paper with grain and a shadow, the seal turned by
    ``angle`` degrees (counter-clockwise) at ``at``, JPEG-compressed."""
    rnd = random.Random(seed)
    paper = Image.new("RGB", size, (246, 242, 230))
    noise = Image.effect_noise(size, 12).convert("L")
    paper = Image.composite(
        Image.new("RGB", size, (232, 228, 214)), paper, noise.point(lambda v: max(0, v - 120))
    )
    if seal is not None:
        turned = seal.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
        # ink is slightly translucent and uneven
        a = turned.getchannel("A").point(lambda v: int(v * 0.92))
        turned.putalpha(a)
        paper.paste(turned, at, turned)
    if extra is not None:
        paper.paste(extra, (at[0] // 3, at[1] // 3), extra)
    if shadow:
        shade = Image.linear_gradient("L").resize(size).point(lambda v: int(v * 0.35))
        paper = Image.composite(Image.new("RGB", size, (90, 88, 80)), paper, shade)
    if blur:
        paper = paper.filter(ImageFilter.GaussianBlur(blur))
    if grey:
        paper = paper.convert("L").convert("RGB")
    px = paper.load()
    assert px is not None
    for _ in range(size[0] * size[1] // 200):  # sensor speckle
        x, y = rnd.randrange(size[0]), rnd.randrange(size[1])
        v = px[x, y]
        assert isinstance(v, tuple)
        j = rnd.randint(-18, 18)
        px[x, y] = tuple(max(0, min(255, c + j)) for c in v)
    out = io.BytesIO()
    paper.save(out, format="JPEG", quality=quality)
    return out.getvalue()


@functools.cache
def seal_photo(kind: str = "round", **kw: Any) -> bytes:
    """A phone photo of a seal, made once per test process for each set of arguments."""
    shape = {"round": "round", "oval": "oval", "square": "square"}[kind]
    return paper_photo(draw_seal(400, shape=shape), **kw)


def signature_capture(
    *, strokes: int = 3, width: int = 800, height: int = 300, opaque: bool = False
) -> tuple[bytes, list[list[list[float]]]]:
    """A signature pad capture: black strokes on a transparent (or white) canvas, and the
    stroke data (x, y, t ms, pressure) that drew them."""
    img = Image.new("RGBA", (width, height), (255, 255, 255, 255 if opaque else 0))
    d = ImageDraw.Draw(img)
    data: list[list[list[float]]] = []
    t = 0.0
    for s in range(strokes):
        pts: list[list[float]] = []
        x0 = 120 + s * 200
        for i in range(30):
            x = x0 + i * 5
            y = height / 2 + 60 * math.sin(i / 4 + s)
            t += 16
            pts.append([x, y, t, 0.5])
        d.line([(p[0], p[1]) for p in pts], fill=(0, 0, 0, 255), width=6, joint="curve")
        data.append(pts)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue(), data


# --- bid PDFs and claimed seals for the seal sessions (docs/pdf-sealing.md) ---------------

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
KEYWORD = "投标人（盖章）"
SIGNATURE_KEYWORD = "法定代表人（签字）"


def bid_pdf(pages: int = 2) -> bytes:
    """A bid PDF with real CJK text: 投标人（盖章） and 法定代表人（签字） on the last page."""
    import os

    import pytest

    fpdf = pytest.importorskip("fpdf")
    if not os.path.exists(FONT):
        pytest.skip(f"no CJK font at {FONT}")
    doc = fpdf.FPDF(unit="pt", format="A4")
    doc.add_font("wqy", fname=FONT)
    doc.set_font("wqy", size=14)
    for n in range(1, pages + 1):
        doc.add_page()
        doc.set_xy(72, 72)
        doc.cell(text=f"投标文件 第 {n} 页")
    doc.set_xy(300, 600)
    doc.cell(text=KEYWORD)
    doc.set_xy(300, 700)
    doc.cell(text=SIGNATURE_KEYWORD)
    return bytes(doc.output())


def claimed_seal(
    h: Any, client: Any, rt: Any, cert: dict[str, Any], seal_type: str
) -> dict[str, Any]:
    """Apply for a seal of ``seal_type`` on ``cert``, approve it as a reviewer, claim it on
    the holder's device (password ``tests.companies.PASSWORD``)."""
    from mcert_device import seals
    from tests.companies import PASSWORD, reviewer
    from tests.operators import console_login

    if seal_type == "personal_signature":
        png, strokes = signature_capture()
        image: tuple[str, bytes] = ("signature.png", png)
    else:
        shape = "square" if seal_type == "personal_stamp" else "round"
        image, strokes = ("seal.jpg", seal_photo(shape)), None
    applied = seals.apply(h.device, cert["id"], seal_type, image, strokes)
    reviewer(rt)
    token = console_login(client, rt, "company-reviewer")
    client.post(
        f"/api/console/v1/seals/{applied['id']}/approve",
        headers={"Authorization": f"Bearer {token}"},
    ).raise_for_status()
    return dict(seals.claim(h.device, applied["id"], PASSWORD)["seal"])
