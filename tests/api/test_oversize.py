"""Oversize bodies and images are refused, not processed (issue #9, items 4 and 5).

The contract: a body larger than its route's limit is answered 413 with the code
``body_too_large`` before it is read (a few KB for JSON, the upload limits for files,
16 KB for TSA/OCSP); a relying-party request may be refused on its headers first (401);
an image whose header claims more pixels than its purpose needs (a face ~4 MP, a licence
scan ~12 MP) is refused before it is decoded. What the refusals cost in memory on a live
server is measured by ``python -m bench upload_memory`` (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from fastapi.testclient import TestClient
from tests.holders import FAST_PASSWORDS, Holder, make_holder, pdf_document

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.ident import make_uscc
from mcert.runtime import Runtime

MB = 1024 * 1024


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return dict(FAST_PASSWORDS)


@pytest.fixture
def holder(client: TestClient, runtime: Runtime, clock: FrozenClock) -> Holder:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, clock.now())
    return make_holder(client, runtime, clock)


def png(width: int, height: int) -> bytes:
    """A valid, flat RGB PNG: ~1 KB per megapixel on the wire, ``width * height`` pixels
    once decoded. Built row by row, so making it costs the test no image buffer."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + b"\xc8" * (width * 3)  # filter type 0, then the pixels
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def _code(resp: object) -> str | None:
    try:
        return str(resp.json()["error"]["code"])  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError):
        return None


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/app/v1/auth/sms-code", "application/json"),
        ("/api/app/v1/auth/login", "application/json"),
        ("/api/console/v1/auth/login", "application/json"),
        ("/pki/tsa", "application/timestamp-query"),
        ("/pki/ocsp", "application/ocsp-request"),
        ("/api/payments/notify/sandbox", "application/x-www-form-urlencoded"),
    ],
)
def test_oversize_unauthenticated_bodies_are_refused(
    client: TestClient, path: str, content_type: str
) -> None:
    body = b"x" * (2 * MB)
    if content_type == "application/json":
        body = json.dumps({"phone": "1" * (2 * MB)}).encode()
    resp = client.post(path, content=body, headers={"content-type": content_type})
    assert resp.status_code == 413, resp.text[:200]
    if resp.headers.get("content-type", "").startswith("application/json"):
        assert _code(resp) == "body_too_large"


def test_oversize_rp_body_is_refused(client: TestClient) -> None:
    """In-process the whole body arrives at once; that a live server stops reading it early
    is what the upload_memory benchmark shows."""
    body = json.dumps({"type": "login", "display_text": "x" * (2 * MB)}).encode()
    resp = client.post(
        "/api/rp/v1/sessions",
        content=body,
        headers={"content-type": "application/json", "X-MCert-Client-Id": "rp_0000"},
    )
    assert resp.status_code in (401, 413), resp.text[:200]
    assert _code(resp) in ("body_too_large", "rp_auth_failed")


def test_oversize_authenticated_json_is_refused(holder: Holder, client: TestClient) -> None:
    resp = client.post(
        "/api/app/v1/orders/personal",
        content=json.dumps({"years": 1, "padding": "x" * (2 * MB)}).encode(),
        headers={
            "content-type": "application/json",
            "authorization": f"Bearer {holder.device.access_token}",
        },
    )
    assert resp.status_code == 413, resp.text[:200]
    assert _code(resp) == "body_too_large"


def test_upload_over_the_byte_limit_is_refused(holder: Holder, client: TestClient) -> None:
    attempt = holder.device.realname_phone(holder.name, holder.id_number)
    limit = holder.runtime.settings.upload_max_face_image_bytes
    resp = client.post(
        f"/api/app/v1/realname/{attempt['id']}/face",
        files={"image": ("face.jpg", b"\xff\xd8\xff" + b"\0" * (limit + 1), "image/jpeg")},
        headers={"authorization": f"Bearer {holder.device.access_token}"},
    )
    assert resp.status_code in (413, 422), resp.text[:200]
    assert _code(resp) in ("body_too_large", "file_too_large")


def test_face_image_over_its_pixel_limit_is_refused(holder: Holder, client: TestClient) -> None:
    """5.2 MP: more than a face capture needs (~4 MP), a few KB on the wire."""
    attempt = holder.device.realname_phone(holder.name, holder.id_number)
    resp = client.post(
        f"/api/app/v1/realname/{attempt['id']}/face",
        files={"image": ("face.png", png(2600, 2000), "image/png")},
        headers={"authorization": f"Bearer {holder.device.access_token}"},
    )
    assert resp.status_code in (413, 422), resp.text[:200]
    assert _code(resp) in ("file_too_large", "image_too_large")


def test_licence_scan_over_its_pixel_limit_is_refused(holder: Holder, client: TestClient) -> None:
    """20 MP: more than a licence scan needs (~12 MP), under the old 40 MP limit."""
    holder.verify_by_phone()
    resp = client.post(
        "/api/app/v1/orders/company",
        data={
            "years": "1",
            "company_name": "福州某某建设工程有限公司",
            "uscc": make_uscc(seq=1),
            "legal_rep_name": "王五",
            "applicant_is_legal_rep": "false",
        },
        files={
            "business_licence": ("licence.png", png(5000, 4000), "image/png"),
            "authorization_letter": ("a.pdf", pdf_document(), "application/pdf"),
        },
        headers={"authorization": f"Bearer {holder.device.access_token}"},
    )
    assert resp.status_code in (413, 422), resp.text[:200]
    assert _code(resp) in ("file_too_large", "image_too_large")


def test_image_claiming_more_pixels_than_any_limit_is_refused_undecoded(
    holder: Holder, client: TestClient
) -> None:
    """A 60 MP header (the old limit is 40 MP): refused from the header alone."""
    attempt = holder.device.realname_phone(holder.name, holder.id_number)
    resp = client.post(
        f"/api/app/v1/realname/{attempt['id']}/face",
        files={"image": ("face.png", png(10000, 6000), "image/png")},
        headers={"authorization": f"Bearer {holder.device.access_token}"},
    )
    assert resp.status_code in (413, 422), resp.text[:200]
    assert _code(resp) in ("file_too_large", "image_too_large")
