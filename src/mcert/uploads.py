"""Uploaded files (licence scans, seal scans, face captures): checked, cleaned, made safe.

What a holder uploads is untrusted: the file name and the client's content type are
ignored; the type comes from the content's magic bytes, and only JPEG, PNG and PDF are
accepted. Images are decoded and re-encoded from their pixels, so EXIF (GPS position,
camera serial), XMP, comments, text chunks and anything appended after the image are
gone, the EXIF orientation is applied to the pixels, and the pixel count is bounded before
any decompression (a 50 KB PNG can claim 60 000 × 60 000 pixels): the dimensions are read
from the PNG IHDR chunk or the JPEG frame header by this module's own parser before Pillow
sees the file, and a PNG may carry only a few compressed text chunks (each inflates to up
to 1 MB inside Pillow). The pixel bound fits the purpose (a licence scan needs ~12 MP, a
face ~4 MP), which keeps one upload's decoding under ~100 MB; decoding runs in a worker
thread, at most ``MCERT_IMAGE_DECODE_CONCURRENCY`` at once (``slots``), and callers do it
before their transaction starts, never under a database lock. PDFs are checked for a
``%PDF-`` header and an ``%%EOF`` trailer and kept byte for byte: rewriting them would
break signatures.

Limits come from settings (``MCERT_UPLOAD_MAX_*``) through :func:`policy_for`.

This module must never log or keep the content of a file, and never trust a file name
for anything but a display name.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin, PngImagePlugin

from mcert.errors import InvalidInput, ServiceUnavailable
from mcert.settings import Settings
from mcert.text import forbidden_char

__all__ = [
    "CleanFile",
    "FileCorrupt",
    "FileTooLarge",
    "FileTypeUnsupported",
    "ImageTooLarge",
    "UploadBusy",
    "UploadKind",
    "UploadPolicy",
    "clean_upload",
    "policy_for",
    "read_limited",
    "sniff",
]

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"

EXTENSIONS = {JPEG: ".jpg", PNG: ".png", PDF: ".pdf"}
_IMAGE_TYPES = frozenset({JPEG, PNG})


class FileTooLarge(InvalidInput):
    code = "file_too_large"
    default_message = "文件过大，请压缩后重新上传"


class ImageTooLarge(FileTooLarge):
    code = "image_too_large"
    default_message = "图片尺寸过大，请缩小后重新上传"


class UploadBusy(ServiceUnavailable):
    code = "upload_busy"
    default_message = "上传处理繁忙，请稍后再试"


# How long an upload waits for a decoding slot before it is told to come back later.
SLOT_WAIT_SECONDS = 30.0
# Compressed PNG text chunks (zTXt, iTXt) Pillow inflates while reading the header.
_MAX_PNG_COMPRESSED_TEXT = 8


class FileTypeUnsupported(InvalidInput):
    code = "file_type_unsupported"
    default_message = "不支持的文件类型，请上传 JPG、PNG 图片或 PDF 文件"


class FileCorrupt(InvalidInput):
    code = "file_corrupt"
    default_message = "文件已损坏或无法识别，请重新上传"


class UploadKind(StrEnum):
    DOCUMENT = "document"
    FACE_IMAGE = "face_image"


@dataclass(frozen=True)
class UploadPolicy:
    max_bytes: int
    allowed_types: frozenset[str]
    max_pixels: int


def policy_for(kind: UploadKind, settings: Settings) -> UploadPolicy:
    if kind is UploadKind.FACE_IMAGE:
        return UploadPolicy(
            settings.upload_max_face_image_bytes, _IMAGE_TYPES, settings.upload_max_face_pixels
        )
    return UploadPolicy(
        settings.upload_max_document_bytes,
        _IMAGE_TYPES | {PDF},
        settings.upload_max_image_pixels,
    )


@dataclass(frozen=True)
class CleanFile:
    """A file that passed the checks; ``data`` is what may be stored and served."""

    data: bytes
    content_type: str
    filename: str
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)


def _too_large(max_bytes: int) -> FileTooLarge:
    mb = max_bytes / (1024 * 1024)
    limit = f"{mb:.0f}MB" if mb >= 1 else f"{max_bytes // 1024}KB"
    return FileTooLarge(f"文件过大，请上传不超过{limit}的文件", details={"max_bytes": max_bytes})


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """Read a whole upload stream, refusing as soon as it exceeds ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    return data


def sniff(data: bytes) -> str | None:
    """The content type by magic bytes: JPEG, PNG or PDF; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"%PDF-"):
        return PDF
    return None


def clean_upload(
    data: bytes,
    policy: UploadPolicy,
    *,
    filename: str | None = None,
    slots: threading.Semaphore | None = None,
) -> CleanFile:
    """Check and clean one upload; ``filename`` only becomes the display name.

    Blocking (it decodes images): call it from a worker thread, outside any transaction.
    ``slots`` bounds how many images are decoded at once.

    Raises :class:`FileTooLarge` (:class:`ImageTooLarge`), :class:`FileTypeUnsupported`,
    :class:`FileCorrupt` or :class:`UploadBusy`.
    """
    if len(data) > policy.max_bytes:
        raise _too_large(policy.max_bytes)
    if not data:
        raise FileCorrupt("文件为空，请重新上传", details={"reason": "empty"})
    content_type = sniff(data)
    if content_type is None or content_type not in policy.allowed_types:
        allowed = "JPG、PNG 图片" if PDF not in policy.allowed_types else "JPG、PNG 图片或 PDF 文件"
        raise FileTypeUnsupported(f"不支持的文件类型，请上传{allowed}")
    name = _display_name(filename, content_type)
    if content_type == PDF:
        _check_pdf(data)
        return CleanFile(data=data, content_type=PDF, filename=name)
    _check_header(data, content_type, policy.max_pixels)
    if slots is None:
        clean, width, height = _reencode(data, content_type, policy.max_pixels)
    else:
        if not slots.acquire(timeout=SLOT_WAIT_SECONDS):
            raise UploadBusy()
        try:
            clean, width, height = _reencode(data, content_type, policy.max_pixels)
        finally:
            slots.release()
    return CleanFile(
        data=clean, content_type=content_type, filename=name, width=width, height=height
    )


def _check_pdf(data: bytes) -> None:
    # Readers tolerate trailing whitespace or junk after %%EOF; a missing one means the
    # upload was cut off.
    if b"%%EOF" not in data[-1024:]:
        raise FileCorrupt("PDF 文件不完整，请重新上传", details={"reason": "pdf_eof"})


_ORIENTATION = 0x0112
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _too_many_pixels(max_pixels: int) -> ImageTooLarge:
    return ImageTooLarge(
        "图片尺寸过大，请缩小后重新上传", details={"reason": "pixels", "max_pixels": max_pixels}
    )


def _png_header(data: bytes, max_pixels: int) -> None:
    pos, compressed_text = 8, 0
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if pos == 8:
            if kind != b"IHDR" or length < 8 or pos + 16 > len(data):
                break
            width, height = struct.unpack(">II", data[16:24])
            if width * height > max_pixels:
                raise _too_many_pixels(max_pixels)
        elif kind in (b"zTXt", b"iTXt"):
            compressed_text += 1
            if compressed_text > _MAX_PNG_COMPRESSED_TEXT:
                raise FileCorrupt(details={"reason": "text_chunks"})
        elif kind == b"IDAT":
            return
        pos += 12 + length
    raise FileCorrupt(details={"reason": "header"})


def _jpeg_header(data: bytes, max_pixels: int) -> None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # no length
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _SOF_MARKERS:
            if pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            if width * height > max_pixels:
                raise _too_many_pixels(max_pixels)
            return
        if marker == 0xDA:  # start of scan before any frame header
            break
        pos += 2 + length
    raise FileCorrupt(details={"reason": "header"})


def _check_header(data: bytes, content_type: str, max_pixels: int) -> None:
    """The declared dimensions, from our own parse of the header, before Pillow runs."""
    if content_type == PNG:
        _png_header(data, max_pixels)
    else:
        _jpeg_header(data, max_pixels)


def _open(data: bytes, content_type: str, max_pixels: int) -> Image.Image:
    plugin: Callable[[BinaryIO], Image.Image] = (
        JpegImagePlugin.JpegImageFile if content_type == JPEG else PngImagePlugin.PngImageFile
    )
    try:
        # The plugin class rather than Image.open: only the sniffed format is parsed, and
        # the pixel bound applies before anything is decompressed.
        img = plugin(io.BytesIO(data))
    except (OSError, SyntaxError, ValueError, EOFError):
        raise FileCorrupt(details={"reason": "header"}) from None
    width, height = img.size
    if width * height > max_pixels:
        raise _too_many_pixels(max_pixels)
    try:
        img.load()
    except (OSError, SyntaxError, ValueError, EOFError):
        raise FileCorrupt(details={"reason": "pixels"}) from None
    return img


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(img: Image.Image) -> Image.Image:
    """Apply an embedded ICC profile to the pixels, so dropping the profile keeps colours."""
    icc = img.info.get("icc_profile")
    if not icc or img.mode not in ("RGB", "RGBA"):
        return img
    try:
        converted = ImageCms.profileToProfile(
            img, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB, outputMode=img.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img  # an unreadable profile: keep the pixels as they are
    return converted if converted is not None else img


def _reencode(data: bytes, content_type: str, max_pixels: int) -> tuple[bytes, int, int]:
    # Every step replaces ``img``, so at most two copies of the pixels live at once.
    img = _open(data, content_type, max_pixels)
    has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    grey = img.mode in ("L", "LA", "1")
    try:
        if img.mode == "CMYK":
            img = img.convert("RGB")
        img = _to_srgb(img)
        if img.getexif().get(_ORIENTATION, 1) != 1:
            # Not in place: that keeps the decoded original alive beside the turned copy.
            img = ImageOps.exif_transpose(img)
    except (OSError, SyntaxError, ValueError):
        raise FileCorrupt(details={"reason": "pixels"}) from None
    if content_type == JPEG:
        mode = "L" if img.mode == "L" else "RGB"
    else:
        mode = ("LA" if has_alpha else "L") if grey else "RGB"
        if has_alpha and mode == "RGB":
            mode = "RGBA"
    try:
        if img.mode != mode:
            img = img.convert(mode)
    except (OSError, ValueError):
        raise FileCorrupt(details={"reason": "mode"}) from None
    # No info dict: nothing but pixels is written (no EXIF, XMP, ICC, comments, text chunks).
    img.info = {}
    out = io.BytesIO()
    if content_type == JPEG:
        img.save(out, format="JPEG", quality=90, optimize=True)
    else:
        img.save(out, format="PNG", optimize=False)
    return out.getvalue(), img.width, img.height


def _display_name(filename: str | None, content_type: str) -> str:
    """A safe display name: last path segment, no control characters, the sniffed extension."""
    ext = EXTENSIONS[content_type]
    raw = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    raw = "".join(c for c in unicodedata.normalize("NFC", raw) if not forbidden_char(c))
    stem = os.path.splitext(raw)[0].strip(" .")[:80] or "upload"
    return stem + ext
