"""Memory and concurrency bounds of image uploads (issue 9.5).

Peak memory is measured as the growth of the resident set of a fresh subprocess while it
cleans one upload just under the default pixel limit: Pillow allocates pixels outside
Python's allocator, so tracemalloc would not see them.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image

from mcert import uploads
from mcert.settings import Settings
from mcert.uploads import ImageTooLarge, UploadBusy, UploadKind, clean_upload, policy_for

SRC = Path(uploads.__file__).resolve().parents[1]
LIMIT_MB = 100

_CHILD = """
import sys
from mcert.settings import Settings
from mcert.uploads import UploadKind, clean_upload, policy_for

data = open(sys.argv[1], "rb").read()
policy = policy_for(UploadKind.DOCUMENT, Settings())
clean_upload(open(sys.argv[2], "rb").read(), policy)  # warm up: plugins, codecs, profiles

def status_kb(field):
    # VmHWM, not ru_maxrss: the latter carries the parent's peak over fork and exec.
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))

base = status_kb("VmRSS")
out = clean_upload(data, policy)
print(out.width * out.height, (status_kb("VmHWM") - base) // 1024)
"""


def _gradient(mode: str, size: tuple[int, int]) -> Image.Image:
    """A compressible picture of ``size``, so the file stays small and the pixels many."""
    band = Image.linear_gradient("L").resize(size)
    other = band.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    bands = {"RGBA": (band, other, band, other), "RGB": (band, other, band)}[mode]
    return Image.merge(mode, bands)


def _measure(tmp_path: Path, data: bytes) -> tuple[int, int]:
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the resident set size")
    small = io.BytesIO()
    _gradient("RGB", (64, 64)).save(small, "PNG")
    (tmp_path / "upload").write_bytes(data)
    (tmp_path / "small").write_bytes(small.getvalue())
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "upload"), str(tmp_path / "small")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout.split()
    return int(out[0]), int(out[1])


def test_document_pixel_limit_fits_a_licence_scan() -> None:
    policy = policy_for(UploadKind.DOCUMENT, Settings())
    assert policy.max_pixels == 12_000_000
    assert policy_for(UploadKind.FACE_IMAGE, Settings()).max_pixels == 4_000_000


@pytest.mark.parametrize(("mode", "fmt"), [("RGBA", "PNG"), ("RGB", "JPEG")])
def test_one_upload_just_under_the_pixel_limit_stays_under_100_mb(
    tmp_path: Path, mode: str, fmt: str
) -> None:
    size = (4000, 2990)  # 11.96 MP, under the 12 MP default
    img = _gradient(mode, size)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the re-encoder must also transpose
    out = io.BytesIO()
    img.save(out, fmt, exif=exif.tobytes())
    del img
    data = out.getvalue()
    assert len(data) < Settings().upload_max_document_bytes
    pixels, grown_mb = _measure(tmp_path, data)
    assert pixels == size[0] * size[1]
    assert grown_mb < LIMIT_MB, f"{fmt} {mode}: {grown_mb} MB"


def _png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _jpeg_declaring(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9 + sof


@pytest.mark.parametrize("make", [_png_declaring, _jpeg_declaring])
def test_declared_dimensions_are_refused_before_pillow_parses_anything(
    monkeypatch: pytest.MonkeyPatch, make: object
) -> None:
    def never(*_: object) -> None:
        raise AssertionError("decoded despite the header")

    monkeypatch.setattr(uploads, "_open", never)
    data = make(20_000, 20_000)  # type: ignore[operator]
    assert len(data) < 200
    with pytest.raises(ImageTooLarge) as exc:
        clean_upload(data, policy_for(UploadKind.FACE_IMAGE, Settings()))
    assert exc.value.code == "image_too_large"
    assert exc.value.details == {"reason": "pixels", "max_pixels": 4_000_000}


def test_png_with_many_compressed_text_chunks_is_refused() -> None:
    img = io.BytesIO()
    _gradient("RGB", (64, 64)).save(img, "PNG")
    data = img.getvalue()
    ztxt = b"zTXt"
    body = b"k\x00\x00" + zlib.compress(b"x" * 1_000_000)
    chunk = struct.pack(">I", len(body)) + ztxt + body + struct.pack(">I", zlib.crc32(ztxt + body))
    bomb = data[:33] + chunk * 20 + data[33:]  # after the IHDR, before the IDAT
    with pytest.raises(uploads.FileCorrupt) as exc:
        clean_upload(bomb, policy_for(UploadKind.DOCUMENT, Settings()))
    assert exc.value.details["reason"] == "text_chunks"


def test_decoding_waits_for_a_slot_and_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "SLOT_WAIT_SECONDS", 0.05)
    slots = threading.BoundedSemaphore(1)
    img = io.BytesIO()
    _gradient("RGB", (64, 64)).save(img, "PNG")
    policy = policy_for(UploadKind.DOCUMENT, Settings())
    assert clean_upload(img.getvalue(), policy, slots=slots).width == 64
    slots.acquire()  # every slot busy
    with pytest.raises(UploadBusy) as exc:
        clean_upload(img.getvalue(), policy, slots=slots)
    assert exc.value.code == "upload_busy"
    slots.release()
