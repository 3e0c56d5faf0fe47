"""Hostile PDFs shown to a reviewer (``mcert.review.pdfpages``): whatever an applicant
uploads, the server answers in bounded time with a bounded PNG or a clear refusal; the
parsing happens in a throwaway child process."""

from __future__ import annotations

import hashlib
import io
import time
import zlib

import pytest
from PIL import Image

from mcert.review import pdfpages
from mcert.review.pdfpages import DocumentUnreadable, PageNotFound, page_count, render_page


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table; ``objects[i]`` is object ``i + 1``."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, *, flate: bool = False) -> bytes:
    head = b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if flate else b"")
    return head + data + b"\nendstream"


def _one_page(media_box: bytes, content: bytes, *, flate: bool = False) -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 4 0 R >>",
            _stream(content, flate=flate),
        ]
    )


def _count(pdf: bytes) -> int:
    return page_count(pdf, hashlib.sha256(pdf).hexdigest())


def test_an_ordinary_page_is_drawn() -> None:
    pdf = _one_page(b"[0 0 595 842]", b"0 0 1 rg 100 100 200 200 re f")
    assert _count(pdf) == 1
    image = Image.open(io.BytesIO(render_page(pdf, 1, max_pages=50)))
    assert image.format == "PNG"
    assert max(image.size) <= pdfpages.MAX_SIDE
    assert image.getpixel((image.width // 4, image.height - image.height // 4 - 5)) != (
        255,
        255,
        255,
    )  # the blue square is there: it was really drawn


def test_a_giant_page_is_drawn_no_larger_than_the_bound() -> None:
    pdf = _one_page(b"[0 0 14400 14400]", b"0 0 0 rg 0 0 14400 14400 re f")
    image = Image.open(io.BytesIO(render_page(pdf, 1, max_pages=50)))
    assert max(image.size) == pdfpages.MAX_SIDE


def test_pages_outside_the_document_or_the_bound_are_404() -> None:
    pdf = _one_page(b"[0 0 595 842]", b"")
    with pytest.raises(PageNotFound):
        render_page(pdf, 2, max_pages=50)
    with pytest.raises(PageNotFound):
        render_page(pdf, 51, max_pages=50)  # refused before any process starts
    with pytest.raises(PageNotFound):
        render_page(pdf, 0, max_pages=50)


@pytest.mark.parametrize(
    "pdf",
    [b"not a pdf at all", b"%PDF-1.7\n" + bytes(range(256)) * 40],
    ids=["garbage", "binary-noise"],
)
def test_an_unreadable_file_is_refused_clearly(pdf: bytes) -> None:
    assert _count(pdf) == 0  # shown as "0 pages", not an error
    with pytest.raises(DocumentUnreadable) as refused:
        render_page(pdf, 1, max_pages=50)
    assert refused.value.code == "document_unreadable"


def test_a_page_tree_that_contains_itself_does_not_hang() -> None:
    pdf = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    started = time.monotonic()
    assert _count(pdf) in (0, 1)
    with pytest.raises((DocumentUnreadable, PageNotFound)):
        render_page(pdf, 1, max_pages=50)
    assert time.monotonic() - started < pdfpages.TIMEOUT_SECONDS


def test_a_compression_bomb_costs_a_bounded_child_not_the_server() -> None:
    # ~1 GiB of drawing operators inflated from ~1 MB: more than the child may hold.
    packer = zlib.compressobj(1)
    chunk = b"0 0 m 1 1 l S\n" * (1 << 20)  # 14 MiB per chunk
    compressed = b"".join(packer.compress(chunk) for _ in range(72)) + packer.flush()
    assert len(compressed) < 8 * 1024 * 1024
    pdf = _one_page(b"[0 0 595 842]", compressed, flate=True)
    started = time.monotonic()
    outcome: object
    try:
        outcome = Image.open(io.BytesIO(render_page(pdf, 1, max_pages=50))).format
    except DocumentUnreadable as exc:
        outcome = exc.code
    # Drawn (pdfium streams the operators) or refused (the child hit a limit): either way
    # an answer, in bounded time, and this process untouched.
    assert outcome in ("PNG", "document_unreadable")
    assert time.monotonic() - started < pdfpages.TIMEOUT_SECONDS + 5
