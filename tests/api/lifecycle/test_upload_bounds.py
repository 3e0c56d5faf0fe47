"""Image uploads through the API: refused from the header, decoded off the event loop."""

from __future__ import annotations

import inspect
import struct
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import params
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from tests.holders import USCC, Holder, licence_png

from mcert.main import create_app
from mcert.runtime import Runtime


def png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 256))
        + chunk(b"IEND", b"")
    )


def test_a_small_png_declaring_huge_dimensions_is_refused_before_decoding(
    holder: Holder, client: TestClient
) -> None:
    bomb = png_declaring(6000, 6000)  # 36 MP in a 100-byte file
    assert len(bomb) < 200
    auth = {"authorization": f"Bearer {holder.device.access_token}"}
    face = client.post("/api/app/v1/face-checks", files={"image": ("f.png", bomb)}, headers=auth)
    assert face.status_code == 422, face.text
    err = face.json()["error"]
    assert err["code"] == "image_too_large"
    assert err["details"] == {"reason": "pixels", "max_pixels": 4_000_000}

    holder.verify_by_phone()
    doc = client.post(
        "/api/app/v1/orders/company",
        data={
            "years": "1",
            "company_name": "福州某某建设工程有限公司",
            "uscc": USCC(7),
            "legal_rep_name": "张三",
            "applicant_is_legal_rep": "true",
        },
        files={"business_licence": ("licence.png", bomb)},
        headers=auth,
    )
    assert doc.status_code == 422, doc.text
    assert doc.json()["error"]["details"] == {"reason": "pixels", "max_pixels": 12_000_000}
    # A real scan of the same kind still goes through.
    ok = client.post(
        "/api/app/v1/orders/company",
        data={
            "years": "1",
            "company_name": "福州某某建设工程有限公司",
            "uscc": USCC(7),
            "legal_rep_name": "张三",
            "applicant_is_legal_rep": "true",
        },
        files={"business_licence": ("licence.png", licence_png())},
        headers=auth,
    )
    assert ok.status_code == 201, ok.text


def _api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (newer FastAPI nests them)."""
    for r in routes:
        if isinstance(r, APIRoute):
            yield r
        elif hasattr(r, "original_router"):
            yield from _api_routes(r.original_router.routes)


def test_upload_endpoints_do_not_run_on_the_event_loop(runtime: Runtime) -> None:
    """An ``async def`` endpoint runs on the event loop: decoding an image there stalls every
    other request. Every route that takes a file must be a plain ``def``, which
    ``TransactionScopedRoute`` sends to the thread pool (wrapped in one async hop)."""
    app = create_app(runtime=runtime)
    uploads = [
        r
        for r in _api_routes(app.routes)
        if any(isinstance(p.field_info, params.File) for p in r.dependant.body_params)
    ]
    assert len(uploads) >= 5
    for route in uploads:
        assert not inspect.iscoroutinefunction(inspect.unwrap(route.endpoint)), route.path
