"""Uploads: type from content, metadata really stripped, bombs and truncation refused."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from mcert.settings import Settings
from mcert.uploads import (
    FileCorrupt,
    FileTooLarge,
    FileTypeUnsupported,
    UploadKind,
    UploadPolicy,
    clean_upload,
    policy_for,
    read_limited,
    sniff,
)

SETTINGS = Settings(env="test")
DOCUMENT = policy_for(UploadKind.DOCUMENT, SETTINGS)
FACE = policy_for(UploadKind.FACE_IMAGE, SETTINGS)
PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def picture(size: tuple[int, int] = (200, 100)) -> Image.Image:
    img = Image.new("RGB", size, (240, 240, 240))
    img.paste((200, 30, 30), (0, 0, size[0] // 2, size[1] // 2))  # marks the top-left corner
    return img


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0131] = "TrackerSoft 1.0"  # Software
    if orientation:
        exif[0x0112] = orientation
    gps = {
        1: "N",  # GPSLatitudeRef
        2: (39.0, 54.0, 26.0),  # GPSLatitude: Tiananmen
        3: "E",
        4: (116.0, 23.0, 29.0),
    }
    exif[0x8825] = gps  # GPSInfo IFD
    return exif


def jpeg_with_gps(orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    picture().save(out, format="JPEG", exif=gps_exif(orientation), comment=b"owner 13800138000")
    return out.getvalue()


def png_bytes(img: Image.Image | None = None, **params: object) -> bytes:
    out = io.BytesIO()
    (img or picture()).save(out, format="PNG", **params)
    return out.getvalue()


def test_sniff_reads_magic_bytes_only() -> None:
    assert sniff(jpeg_with_gps()) == "image/jpeg"
    assert sniff(png_bytes()) == "image/png"
    assert sniff(PDF_BYTES) == "application/pdf"
    assert sniff(b"GIF89a....") is None
    assert sniff(b"  %PDF-1.7") is None


def test_jpeg_exif_gps_and_comment_are_really_gone() -> None:
    raw = jpeg_with_gps()
    before = Image.open(io.BytesIO(raw))
    assert before.getexif().get_ifd(0x8825)  # the fixture really carries GPS
    assert b"SecretCam" in raw

    clean = clean_upload(raw, DOCUMENT, filename="licence.jpg")

    assert clean.content_type == "image/jpeg"
    assert clean.filename == "licence.jpg"
    for marker in (b"Exif", b"SecretCam", b"TrackerSoft", b"13800138000", b"GPS"):
        assert marker not in clean.data
    after = Image.open(io.BytesIO(clean.data))
    assert len(after.getexif()) == 0
    assert "exif" not in after.info
    assert "comment" not in after.info
    assert after.size == (200, 100)


def test_exif_orientation_is_applied_to_the_pixels() -> None:
    clean = clean_upload(jpeg_with_gps(orientation=6), FACE)  # 6: rotate 90° clockwise
    after = Image.open(io.BytesIO(clean.data)).convert("RGB")
    assert (clean.width, clean.height) == (100, 200) == after.size
    assert len(after.getexif()) == 0
    # The red top-left quarter is now the top-right one.
    r, g, _ = after.getpixel((75, 25))  # type: ignore[misc]
    assert r > 150 > g
    r, g, _ = after.getpixel((25, 25))  # type: ignore[misc]
    assert r > 200
    assert g > 200


def test_png_text_chunks_and_trailing_data_are_dropped() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "holder 110101199001010015")
    raw = png_bytes(pnginfo=info) + b"<script>alert(1)</script>"
    clean = clean_upload(raw, DOCUMENT)
    assert b"110101199001010015" not in clean.data
    assert b"<script>" not in clean.data
    assert Image.open(io.BytesIO(clean.data)).text == {}  # type: ignore[attr-defined]


def test_icc_profile_is_applied_and_dropped() -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    picture().save(out, format="JPEG", icc_profile=icc)
    clean = clean_upload(out.getvalue(), DOCUMENT)
    assert "icc_profile" not in Image.open(io.BytesIO(clean.data)).info


def test_png_transparency_is_kept() -> None:
    img = Image.new("RGBA", (80, 80), (255, 0, 0, 0))
    clean = clean_upload(png_bytes(img), DOCUMENT)
    assert Image.open(io.BytesIO(clean.data)).mode == "RGBA"


def test_png_named_pdf_is_sniffed_as_png() -> None:
    clean = clean_upload(png_bytes(), DOCUMENT, filename="营业执照.pdf")
    assert clean.content_type == "image/png"
    assert clean.filename == "营业执照.png"
    assert Image.open(io.BytesIO(clean.data)).format == "PNG"


def test_pdf_named_jpg_is_a_pdf_and_kept_byte_for_byte() -> None:
    clean = clean_upload(PDF_BYTES, DOCUMENT, filename="../../etc/scan.jpg")
    assert clean.content_type == "application/pdf"
    assert clean.data == PDF_BYTES
    assert clean.filename == "scan.pdf"


def test_pdf_is_not_a_face_image() -> None:
    with pytest.raises(FileTypeUnsupported) as exc:
        clean_upload(PDF_BYTES, FACE, filename="face.jpg")
    assert exc.value.code == "file_type_unsupported"
    assert "PDF" not in exc.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a" + b"\x00" * 64,
        b"MZ\x90\x00 windows executable",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"PK\x03\x04 a zip or docx",
    ],
)
def test_other_types_are_unsupported_whatever_the_name(data: bytes) -> None:
    with pytest.raises(FileTypeUnsupported):
        clean_upload(data, DOCUMENT, filename="scan.png")


def test_pdf_without_eof_is_corrupt() -> None:
    with pytest.raises(FileCorrupt) as exc:
        clean_upload(PDF_BYTES[:-7], DOCUMENT)
    assert exc.value.code == "file_corrupt"


def test_truncated_jpeg_is_corrupt() -> None:
    raw = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(raw, format="JPEG")
    data = raw.getvalue()
    with pytest.raises(FileCorrupt) as exc:
        clean_upload(data[: len(data) // 2], DOCUMENT)
    assert exc.value.code == "file_corrupt"


def test_jpeg_magic_with_garbage_is_corrupt() -> None:
    with pytest.raises(FileCorrupt):
        clean_upload(b"\xff\xd8\xff\xe0" + b"\x13" * 500, DOCUMENT)


def test_empty_file_is_corrupt() -> None:
    with pytest.raises(FileCorrupt):
        clean_upload(b"", DOCUMENT)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def decompression_bomb(side: int = 30_000) -> bytes:
    """A real bomb: a ~100 KB PNG of side × side 1-bit pixels (900 million)."""
    row = b"\x00" * (1 + side // 8)
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = decompression_bomb()
    assert len(bomb) < DOCUMENT.max_bytes
    with pytest.raises(FileTooLarge) as exc:
        clean_upload(bomb, DOCUMENT)
    assert exc.value.code == "image_too_large"
    assert exc.value.details["reason"] == "pixels"


def test_pixel_bound_comes_from_the_policy() -> None:
    tight = UploadPolicy(max_bytes=10**6, allowed_types=FACE.allowed_types, max_pixels=199 * 100)
    with pytest.raises(FileTooLarge):
        clean_upload(png_bytes(), tight)


def test_byte_limits_follow_settings() -> None:
    assert DOCUMENT.max_bytes == 10 * 1024 * 1024
    assert FACE.max_bytes == 5 * 1024 * 1024
    small = policy_for(
        UploadKind.FACE_IMAGE,
        Settings(env="test", upload_max_face_image_bytes=1000),
    )
    with pytest.raises(FileTooLarge) as exc:
        clean_upload(jpeg_with_gps(), small)
    assert exc.value.details == {"max_bytes": 1000}
    assert "KB" in exc.value.message


def test_read_limited_stops_at_the_limit() -> None:
    assert read_limited(io.BytesIO(b"x" * 10), 10) == b"x" * 10
    with pytest.raises(FileTooLarge) as exc:
        read_limited(io.BytesIO(b"x" * (5 * 1024 * 1024 + 1)), 5 * 1024 * 1024)
    assert "5MB" in exc.value.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (None, "upload.png"),
        ("", "upload.png"),
        ("C:\\Users\\张三\\营业执照 扫描件.PNG", "营业执照 扫描件.png"),
        ("evil\x00\n.png.exe", "evil.png.png"),
        ("...", "upload.png"),
    ],
)
def test_display_names_are_safe(name: str | None, expected: str) -> None:
    assert clean_upload(png_bytes(), DOCUMENT, filename=name).filename == expected
