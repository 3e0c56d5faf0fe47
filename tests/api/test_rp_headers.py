"""Relying-party authentication headers carrying any bytes are refused with 401, never a
500 (found by tests/api/test_fuzz.py: a non-ASCII signature reached hmac.compare_digest)."""

from __future__ import annotations

import secrets

import pytest
from fastapi.testclient import TestClient

from mcert.clock import FrozenClock
from mcert.rp import service as rp_service
from mcert.runtime import Runtime


@pytest.mark.parametrize(
    "signature",
    [b"\xe9" * 64, "签名".encode() * 16, b"0" * 63 + b"\xff", b"g" * 64, b"0" * 65],
    ids=["latin-1", "utf-8", "one-byte", "not-hex", "too-long"],
)
def test_malformed_rp_signature_is_refused(
    client: TestClient, runtime: Runtime, clock: FrozenClock, signature: bytes
) -> None:
    with runtime.sessions() as db:
        rp, _ = rp_service.create(
            db, runtime, name="某某交易平台", ops=["login"], callback_url=None
        )
    headers = [
        (b"X-MCert-Client-Id", rp.client_id.encode()),
        (b"X-MCert-Timestamp", str(int(clock.now().timestamp())).encode()),
        (b"X-MCert-Nonce", secrets.token_urlsafe(16).encode()),
        (b"X-MCert-Signature", signature),
    ]
    resp = client.get("/api/rp/v1/sessions/0123456789abcdef", headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "rp_signature_invalid"
