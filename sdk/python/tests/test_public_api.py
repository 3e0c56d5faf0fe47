"""The SDK's public surface: ``__all__`` pinned, every server error code and every httpx
transport error mapped to its own class, envelopes round-trip without the server."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import NameOID

import mcert_rp
from mcert_rp import _exceptions as exc_module
from mcert_rp._b64 import b64u_decode, b64u_encode
from testpki import NOW, PKI

PUBLIC = [
    "APIError", "AuthenticationFailed", "CertificateRevoked", "ChainInvalid",
    "ChallengeInvalid", "Client", "ClockSkewed", "CloseError", "ConnectError",
    "ConnectTimeout", "CredentialsRejected", "DecryptionFailed", "DigestsInvalid",
    "DocumentInvalid",
    "ERROR_CODES", "EncodingInvalid", "EnvelopeError", "EnvelopeMalformed",
    "EnvelopeNoRecipient", "EnvelopeRecipientUnsupported", "Frames", "Holder",
    "InvalidRequest", "LoginResult", "MCertRPError", "NetworkError", "NonceRejected",
    "NotFound", "OperationNotAllowed", "PayloadMismatch", "PoolTimeout", "ProtocolError",
    "ProxyError",
    "RPPublicKeyInvalid", "RateLimited", "ReadError", "ReadTimeout", "RecipientInvalid",
    "RequestRejected", "RequirementsInvalid", "SealStepRejected", "ServerError",
    "ServiceUnavailable",
    "SessionFailed", "SessionHandle", "SessionNotFound", "SessionNotPending", "SessionStatus",
    "SessionTypeInvalid", "SignResult", "SignatureInvalid", "SignedDigest", "StatusUnavailable",
    "TextInvalid", "TimeoutException", "TimestampInvalid", "TransportError",
    "UnexpectedResponse", "UnsupportedProtocol", "VerificationError", "Verifier", "WriteError",
    "WriteTimeout", "decrypt_with_session", "encrypt_bid", "prepare_decrypt",
]  # fmt: skip


def test_public_names_are_pinned() -> None:
    assert sorted(mcert_rp.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(mcert_rp, name) is not None


def test_every_exception_is_drawn_in_the_docstring() -> None:
    doc = exc_module.__doc__ or ""
    for name in PUBLIC:
        obj = getattr(mcert_rp, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert f" {name}" in doc, name
            assert issubclass(obj, mcert_rp.MCertRPError)


# ----------------------------------------------------------------------------- API errors

# Every code the RP API answers (src/mcert/{rp,scan,text,http}), with its status.
SERVER_CODES: list[tuple[int, str, type[mcert_rp.APIError]]] = [
    (422, "invalid_request", mcert_rp.InvalidRequest),
    (422, "text_invalid", mcert_rp.TextInvalid),
    (422, "nul_not_allowed", mcert_rp.TextInvalid),
    (422, "challenge_invalid", mcert_rp.ChallengeInvalid),
    (422, "digests_invalid", mcert_rp.DigestsInvalid),
    (422, "recipient_invalid", mcert_rp.RecipientInvalid),
    (422, "rp_public_key_missing", mcert_rp.RPPublicKeyInvalid),
    (422, "rp_public_key_invalid", mcert_rp.RPPublicKeyInvalid),
    (422, "requirements_invalid", mcert_rp.RequirementsInvalid),
    (422, "session_type_invalid", mcert_rp.SessionTypeInvalid),
    (422, "encoding_invalid", mcert_rp.EncodingInvalid),
    (400, "bad_request", mcert_rp.RequestRejected),
    (405, "method_not_allowed", mcert_rp.RequestRejected),
    (413, "body_too_large", mcert_rp.RequestRejected),
    (401, "rp_auth_failed", mcert_rp.CredentialsRejected),
    (401, "rp_signature_invalid", mcert_rp.CredentialsRejected),
    (401, "rp_timestamp_stale", mcert_rp.ClockSkewed),
    (401, "rp_timestamp_invalid", mcert_rp.ClockSkewed),
    (401, "rp_nonce_reused", mcert_rp.NonceRejected),
    (401, "rp_nonce_invalid", mcert_rp.NonceRejected),
    (403, "operation_not_allowed", mcert_rp.OperationNotAllowed),
    (404, "session_not_found", mcert_rp.SessionNotFound),
    (404, "not_found", mcert_rp.NotFound),
    (409, "session_not_pending", mcert_rp.SessionNotPending),
    (409, "selection_changed", mcert_rp.SealStepRejected),
    (409, "selection_missing", mcert_rp.SealStepRejected),
    (409, "session_not_seal", mcert_rp.SealStepRejected),
    (422, "document_invalid", mcert_rp.DocumentInvalid),
    (422, "seal_kinds_invalid", mcert_rp.DocumentInvalid),
    (429, "rate_limited", mcert_rp.RateLimited),
    (503, "storage_unavailable", mcert_rp.ServiceUnavailable),
    (503, "service_unavailable", mcert_rp.ServiceUnavailable),
    (500, "internal_error", mcert_rp.ServerError),
]


def client_answering(respond: Any) -> mcert_rp.Client:
    http = httpx.Client(base_url="https://m.x", transport=httpx.MockTransport(respond))
    return mcert_rp.Client("https://m.x", "rp_0123", "s", http=http)


@pytest.mark.parametrize(("status", "code", "cls"), SERVER_CODES)
def test_each_server_code_raises_its_class(
    status: int, code: str, cls: type[mcert_rp.APIError]
) -> None:
    body = {"error": {"code": code, "message": "消息", "details": {"field": "x"}}}
    client = client_answering(
        lambda _: httpx.Response(status, json=body, headers={"Retry-After": "5"})
    )
    with pytest.raises(cls) as info:
        client.collect("s1")
    assert type(info.value) is cls
    assert (info.value.status, info.value.code, info.value.message) == (status, code, "消息")
    assert info.value.details == {"field": "x"}
    assert info.value.retry_after == 5.0


def test_the_table_is_the_list() -> None:
    assert set(mcert_rp.ERROR_CODES) >= {code for _, code, _ in SERVER_CODES}


@pytest.mark.parametrize(
    ("status", "cls"),
    [(422, mcert_rp.InvalidRequest), (401, mcert_rp.AuthenticationFailed),
     (502, mcert_rp.ServerError), (418, mcert_rp.APIError)],
)  # fmt: skip
def test_an_unknown_code_falls_back_to_the_status(status: int, cls: type) -> None:
    client = client_answering(
        lambda _: httpx.Response(status, json={"error": {"code": "new_code", "message": "m"}})
    )
    with pytest.raises(cls) as info:
        client.collect("s1")
    assert type(info.value) is cls
    assert info.value.code == "new_code"


def test_an_answer_that_is_not_mcerts() -> None:
    client = client_answering(lambda _: httpx.Response(502, text="<html>Bad Gateway</html>"))
    with pytest.raises(mcert_rp.UnexpectedResponse) as info:
        client.collect("s1")
    assert info.value.status == 502
    ok_but_not_json = client_answering(lambda _: httpx.Response(200, text="hello"))
    with pytest.raises(mcert_rp.UnexpectedResponse):
        ok_but_not_json.collect("s1")
    not_a_status = client_answering(lambda _: httpx.Response(200, json={"hello": 1}))
    with pytest.raises(mcert_rp.UnexpectedResponse):
        not_a_status.collect("s1")
    with pytest.raises(mcert_rp.UnexpectedResponse):
        not_a_status.start_login(display_text="登录")


# ----------------------------------------------------------------------------- transport

TRANSPORT = [
    (httpx.ConnectTimeout, mcert_rp.ConnectTimeout),
    (httpx.ReadTimeout, mcert_rp.ReadTimeout),
    (httpx.WriteTimeout, mcert_rp.WriteTimeout),
    (httpx.PoolTimeout, mcert_rp.PoolTimeout),
    (httpx.ConnectError, mcert_rp.ConnectError),
    (httpx.ReadError, mcert_rp.ReadError),
    (httpx.WriteError, mcert_rp.WriteError),
    (httpx.CloseError, mcert_rp.CloseError),
    (httpx.RemoteProtocolError, mcert_rp.ProtocolError),
    (httpx.LocalProtocolError, mcert_rp.ProtocolError),
    (httpx.ProxyError, mcert_rp.ProxyError),
    (httpx.UnsupportedProtocol, mcert_rp.UnsupportedProtocol),
]


@pytest.mark.parametrize(("theirs", "ours"), TRANSPORT)
def test_transport_errors_are_mapped_with_their_cause(
    theirs: type[httpx.TransportError], ours: type[mcert_rp.TransportError]
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise theirs("boom", request=request)

    with pytest.raises(ours) as info:
        client_answering(fail).collect("s1")
    assert type(info.value) is ours
    assert isinstance(info.value.__cause__, theirs)
    assert info.value.request is not None
    assert info.value.request.url.path == "/api/rp/v1/sessions/s1"


def test_a_real_refused_connection() -> None:
    client = mcert_rp.Client("http://127.0.0.1:9", "rp_0123", "s")
    with pytest.raises(mcert_rp.ConnectError):
        client.root_certificate()


# ----------------------------------------------------------------------------- envelopes


def seal_to(jwk: dict[str, str], plaintext: bytes, aad: bytes) -> dict[str, Any]:
    """The phone's sealing (ECIES as docs/protocol.md describes it), written out here."""
    point = b"\x04" + b64u_decode(jwk["x"]) + b64u_decode(jwk["y"])
    rp = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    eph = ec.generate_private_key(ec.SECP256R1())
    epk = eph.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    info = b"mcert/keyprotect/v1/ecies\x00" + epk + point
    key = HKDF(hashes.SHA256(), 32, None, info).derive(eph.exchange(ec.ECDH(), rp))
    iv = os.urandom(12)
    ct = AESGCM(key).encrypt(iv, plaintext, aad)
    alg = "ECDH-ES-P256+HKDF-SHA256+A256GCM"
    return {"v": 1, "alg": alg, "epk": b64u_encode(epk), "iv": b64u_encode(iv),
            "ct": b64u_encode(ct)}  # fmt: skip


def phone_output(pki: PKI, recipient: dict[str, Any]) -> bytes:
    eph = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), __import__("base64").b64decode(recipient["ephemeral_public_key"])
    )
    return pki.enc_key.exchange(ec.ECDH(), eph)


def decrypt_status(sealed: dict[str, Any]) -> mcert_rp.SessionStatus:
    return mcert_rp.SessionStatus(
        "sess-1", "decrypt", "complete", None, None, {"sealed_output": sealed}
    )


AAD = b"mcert/scan/v1/key-agreement\x00\x00\x06sess-1"


def test_bid_round_trip_without_the_server() -> None:
    pki = PKI()
    envelope = mcert_rp.encrypt_bid("第一标段 9,870,000 元".encode(), [pki.encryption])
    recipient, rp_key, jwk = mcert_rp.prepare_decrypt(envelope, pki.encryption)
    assert recipient["kind"] == "ecdh"
    assert recipient["curve"] == "secp256r1"
    sealed = seal_to(jwk, phone_output(pki, recipient), AAD)
    plain = mcert_rp.decrypt_with_session(envelope, recipient, decrypt_status(sealed), rp_key)
    assert plain.decode() == "第一标段 9,870,000 元"


def test_envelope_errors() -> None:
    pki, other = PKI(), PKI()
    envelope = mcert_rp.encrypt_bid(b"bid", [pki.encryption])
    with pytest.raises(mcert_rp.EnvelopeNoRecipient):
        mcert_rp.prepare_decrypt(envelope, other.encryption)
    with pytest.raises(mcert_rp.EnvelopeMalformed):
        mcert_rp.prepare_decrypt(b"not der", pki.encryption)
    with pytest.raises(mcert_rp.EnvelopeRecipientUnsupported):
        mcert_rp.encrypt_bid(b"bid", [pki.signing])  # no keyAgreement
    recipient, rp_key, jwk = mcert_rp.prepare_decrypt(envelope, pki.encryption)
    # Output sealed for another session (AAD) or the wrong Z: DecryptionFailed.
    wrong_session = seal_to(jwk, phone_output(pki, recipient), AAD.replace(b"1", b"2"))
    with pytest.raises(mcert_rp.DecryptionFailed):
        mcert_rp.decrypt_with_session(envelope, recipient, decrypt_status(wrong_session), rp_key)
    wrong_z = seal_to(jwk, b"\x00" * 32, AAD)
    with pytest.raises(mcert_rp.DecryptionFailed):
        mcert_rp.decrypt_with_session(envelope, recipient, decrypt_status(wrong_z), rp_key)
    # A challenge altered on its way back cannot steer the RP's half.
    altered = {**recipient, "key_index": 1}
    sealed = seal_to(jwk, phone_output(pki, recipient), AAD)
    with pytest.raises(mcert_rp.EnvelopeMalformed):
        mcert_rp.decrypt_with_session(envelope, altered, decrypt_status(sealed), rp_key)


def test_rsa_certificates_are_refused_cleanly() -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rsa")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW)
        .not_valid_after(NOW + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    with pytest.raises(mcert_rp.EnvelopeRecipientUnsupported):
        mcert_rp.encrypt_bid(b"bid", [cert])
