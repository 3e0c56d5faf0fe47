"""The standalone SDK (sdk/python) and the server agree: QR frames, request signatures,
the decrypt recipient challenge. These need both packages, so they live here rather than in
the SDK's own tests (which run without the server)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mcert.pki import cms
from mcert.rp.service import string_to_sign
from mcert.scan import qr
from mcert_device.crypto import scan_output_aad, seal_to
from mcert_rp import Client, SessionHandle, SessionStatus, decrypt_with_session, prepare_decrypt

CREATED = datetime(2026, 11, 29, 2, 0, 0, tzinfo=UTC)
SECRET = b"\x07" * 32


@pytest.mark.parametrize("seconds", [0, 1, 59, 179, 100000])
def test_qr_text_is_the_servers_frame(seconds: int) -> None:
    h = SessionHandle("s1", "login", "tok_ABCDEFGHIJKLMNOPQRS", SECRET, CREATED, "https://m.x/")
    text = h.qr_text(seconds)
    assert text == qr.qr_text("https://m.x", h.start_token, SECRET, seconds)
    assert qr.parse_qr(text) == (
        h.start_token,
        seconds,
        qr.qr_code(SECRET, h.start_token, seconds),
    )


def test_requests_are_signed_as_the_server_checks() -> None:
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = {"session_id": "s1", "type": "login", "status": "pending", "hint": "outstanding"}
        return httpx.Response(200, json={**body, "reason": None, "result": None})

    http = httpx.Client(base_url="https://m.x", transport=httpx.MockTransport(respond))
    client = Client("https://m.x", "rp_0123", "s3cret", http=http)
    client.collect("s1", wait=20)
    client.cancel("s1")
    for request in seen:
        h = request.headers
        message = string_to_sign(
            request.method,
            request.url.raw_path.decode(),
            h["x-mcert-timestamp"],
            h["x-mcert-nonce"],
            request.content,
        )
        assert h["x-mcert-signature"] == hmac.new(b"s3cret", message, hashlib.sha256).hexdigest()


def test_the_sdk_envelope_opens_with_the_servers_cms_and_the_phones_sealing() -> None:
    """The SDK writes its own CMS and ECIES: the server's parser and the device's sealing
    must fit them byte for byte."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "张三")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(CREATED)
        .not_valid_after(CREATED + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    from mcert_rp import encrypt_bid

    envelope = encrypt_bid(b"bid 9,870,000", [cert])
    assert cms.decrypt(envelope, cert, key) == b"bid 9,870,000"  # the server's CMS reads it
    recipient, rp_key, rp_public = prepare_decrypt(envelope, cert)
    server_challenge = cms.extract_recipient(envelope, cert)
    assert recipient == json.loads(server_challenge.to_json())  # the same JSON as the server's
    z = cms.key_holder_step(server_challenge, key)  # the phone's half
    from mcert_device.crypto import public_key_from_jwk

    sealed = seal_to(public_key_from_jwk(rp_public), z, scan_output_aad("sess-1"))
    status = SessionStatus("sess-1", "decrypt", "complete", None, None, {"sealed_output": sealed})
    assert decrypt_with_session(envelope, recipient, status, rp_key) == b"bid 9,870,000"
