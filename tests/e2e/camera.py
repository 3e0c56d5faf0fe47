"""Feeding a QR code to Chromium's fake camera: a .y4m file (YUV4MPEG2, 4:2:0)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def qr_frame(text: str, width: int = 640, height: int = 480) -> Image.Image:
    """The QR code, black on white, centred in a camera-sized frame."""
    import qrcode  # a test-only dependency; skip_reason() checks for it

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=4)
    qr.add_data(text)
    qr.make(fit=True)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    side = min(width, height) - 60
    code = code.resize((side, side), Image.Resampling.NEAREST)
    frame = Image.new("RGB", (width, height), "white")
    frame.paste(code, ((width - side) // 2, (height - side) // 2))
    return frame


def write_y4m(image: Image.Image, path: Path, frames: int = 2) -> Path:
    """Chromium loops the file; a couple of identical frames are enough."""
    w, h = image.size
    y, cb, cr = image.convert("YCbCr").split()
    half = (w // 2, h // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{w} H{h} F15:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + planes)
    return path
