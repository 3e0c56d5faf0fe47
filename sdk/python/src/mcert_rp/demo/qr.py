"""QR frames as images for the browser: SVG (crisp at any size) and PNG."""

from __future__ import annotations

import io

import qrcode  # type: ignore[import-untyped]


def _matrix(text: str, border: int) -> list[list[bool]]:
    qr = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return [[bool(cell) for cell in row] for row in qr.get_matrix()]


def svg(text: str, border: int = 3) -> str:
    """One path of unit squares: small, and scales without blurring."""
    rows = _matrix(text, border)
    size = len(rows)
    cells = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(rows) for x, dark in enumerate(row) if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{cells}" fill="#000"/></svg>'
    )


def png(text: str, box_size: int = 8) -> bytes:
    out = io.BytesIO()
    qrcode.make(text, border=3, box_size=box_size).save(out, format="PNG")
    return out.getvalue()
