"""Verifying scan results against a test PKI: path validation with the purpose each
certificate is for, OCSP, signatures, RFC 3161 timestamps. Every failure raises."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from mcert_rp import (
    CertificateRevoked,
    ChainInvalid,
    PayloadMismatch,
    SessionHandle,
    SessionStatus,
    SignatureInvalid,
    StatusUnavailable,
    TimestampInvalid,
    Verifier,
)
from mcert_rp._b64 import b64u_encode
from testpki import DOCUMENT_SIGNING, NOW, PKI, _ku, _name, certificate

CHALLENGE = b"c" * 32


@pytest.fixture(scope="module")
def pki() -> PKI:
    return PKI()


def pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def handle(kind: str = "login", digests: tuple[bytes, ...] = ()) -> SessionHandle:
    return SessionHandle(
        "sess-1", kind, "tok_ABCDEFGHIJKLMNOPQRS", b"k" * 32, NOW, "https://m.x", CHALLENGE,
        digests,
    )  # fmt: skip


def login_status(
    pki: PKI,
    *,
    cert: x509.Certificate | None = None,
    key: ec.EllipticCurvePrivateKey | None = None,
    **overrides: Any,
) -> SessionStatus:
    cert, key = cert or pki.signing, key or pki.holder_key
    payload = {
        "op": "login",
        "session": "sess-1",
        "rp_id": "rp_0123",
        "challenge": b64u_encode(CHALLENGE),
        "cert_serial": format(cert.serial_number, "x"),
        "time": NOW.isoformat(),
    }
    raw = json.dumps(payload).encode()
    result = {
        "type": "login",
        "payload": b64u_encode(raw),
        "signature": b64u_encode(key.sign(raw, ec.ECDSA(hashes.SHA256()))),
        "certificate": pem(cert),
        "chain": pki.chain_pem,
        "ocsp": b64u_encode(pki.ocsp(cert)),
        **overrides,
    }
    return SessionStatus("sess-1", "login", "complete", None, None, result)


def verifier(pki: PKI) -> Verifier:
    return Verifier([pki.root], client_id="rp_0123")


def test_login_verifies(pki: PKI) -> None:
    result = verifier(pki).verify_login(login_status(pki), handle(), now=NOW)
    assert result.holder.name == "张三"
    assert result.holder.pseudonym == "P0123456789"
    assert result.holder.serial == format(pki.signing.serial_number, "x")


def test_a_company_certificate_names_the_company_and_the_member(pki: PKI) -> None:
    """A bidding platform learns which company (O, USCC) and which employee (CN) signed."""
    member = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "福州某某建设工程有限公司"),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, "NTRCN-91350100MA2XXXXX1Q"),
            x509.NameAttribute(NameOID.COMMON_NAME, "李四"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "P0123456789"),
        ]
    )
    cert = pki.leaf(
        member, pki.holder_key,
        ku=_ku(digital_signature=True, content_commitment=True),
        eku=[DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION],
    )  # fmt: skip
    holder = verifier(pki).verify_login(login_status(pki, cert=cert), handle(), now=NOW).holder
    assert (holder.name, holder.organization) == ("李四", "福州某某建设工程有限公司")
    assert holder.uscc == "91350100MA2XXXXX1Q"
    assert holder.organization_identifier == "NTRCN-91350100MA2XXXXX1Q"
    personal = verifier(pki).verify_login(login_status(pki), handle(), now=NOW).holder
    assert (personal.organization, personal.uscc) == (None, None)


def test_another_root_is_refused(pki: PKI) -> None:
    other = PKI()
    with pytest.raises(ChainInvalid):
        Verifier([other.root], client_id="rp_0123").verify_login(
            login_status(pki), handle(), now=NOW
        )


def test_the_encryption_certificate_cannot_log_in(pki: PKI) -> None:
    """Path validation checks the purpose: emailProtection alone is not a signing EKU."""
    status = login_status(pki, cert=pki.encryption, key=pki.enc_key)
    with pytest.raises(ChainInvalid, match="keyUsage"):
        verifier(pki).verify_login(status, handle(), now=NOW)
    # Even with digitalSignature, emailProtection alone is not document signing.
    key = ec.generate_private_key(ec.SECP256R1())
    mail = pki.leaf(
        pki.signing.subject, key, ku=_ku(digital_signature=True),
        eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION],
    )  # fmt: skip
    with pytest.raises(ChainInvalid, match="extendedKeyUsage"):
        verifier(pki).verify_login(login_status(pki, cert=mail, key=key), handle(), now=NOW)


def test_expired_certificate_is_refused(pki: PKI) -> None:
    with pytest.raises(ChainInvalid):
        verifier(pki).verify_login(login_status(pki), handle(), now=NOW + timedelta(days=400))


def test_a_leaf_cannot_act_as_a_ca(pki: PKI) -> None:
    """A holder certificate that signs another 'certificate' gives no path (the old fixed
    root -> issuing -> leaf check only compared names and signatures one level up)."""
    key = ec.generate_private_key(ec.SECP256R1())
    forged = certificate(
        _name("李四", None), key, pki.signing, pki.holder_key,
        ku=_ku(digital_signature=True), eku=[x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")],
    )  # fmt: skip
    status = login_status(pki, cert=forged, key=key, chain=pki.chain_pem + pem(pki.signing))
    with pytest.raises(ChainInvalid):
        verifier(pki).verify_login(status, handle(), now=NOW)


def test_revoked_certificate(pki: PKI) -> None:
    status = login_status(pki, ocsp=b64u_encode(pki.ocsp(pki.signing, revoked=True)))
    with pytest.raises(CertificateRevoked):
        verifier(pki).verify_login(status, handle(), now=NOW)


def test_ocsp_from_a_responder_without_ocsp_signing_is_refused(pki: PKI) -> None:
    """The TSA certificate is issued by the same CA but is not an OCSP responder."""
    bad = pki.ocsp(pki.signing, signer=pki.tsa, signer_key=pki.tsa_key)
    with pytest.raises(StatusUnavailable, match="not authorised"):
        verifier(pki).verify_login(login_status(pki, ocsp=b64u_encode(bad)), handle(), now=NOW)


def test_ocsp_signed_by_the_issuing_ca_itself_is_accepted(pki: PKI) -> None:
    direct = pki.ocsp(pki.signing, signer=pki.issuing, signer_key=pki.issuing_key)
    status = login_status(pki, ocsp=b64u_encode(direct))
    assert verifier(pki).verify_login(status, handle(), now=NOW).holder.name == "张三"


def test_stale_ocsp_is_refused(pki: PKI) -> None:
    with pytest.raises(StatusUnavailable):
        verifier(pki).verify_login(login_status(pki), handle(), now=NOW + timedelta(hours=2))


def test_payload_for_another_challenge(pki: PKI) -> None:
    other = SessionHandle("sess-1", "login", "tok_x", b"k", NOW, "https://m.x", b"d" * 32)
    with pytest.raises(PayloadMismatch, match="challenge"):
        verifier(pki).verify_login(login_status(pki), other, now=NOW)


def test_bad_signature(pki: PKI) -> None:
    wrong = b64u_encode(pki.holder_key.sign(b"other", ec.ECDSA(hashes.SHA256())))
    with pytest.raises(SignatureInvalid):
        verifier(pki).verify_login(login_status(pki, signature=wrong), handle(), now=NOW)


# ----------------------------------------------------------------------------- signing


def sign_status(pki: PKI, digest: bytes, token: bytes | None = None) -> SessionStatus:
    signature = pki.holder_key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
    token = token or pki.timestamp(hashlib.sha256(signature).digest())
    item = {
        "label": "投标函.pdf",
        "digest": b64u_encode(digest),
        "signature": b64u_encode(signature),
        "timestamp": b64u_encode(token),
    }
    result = {
        "type": "sign",
        "signatures": [item],
        "certificate": pem(pki.signing),
        "chain": pki.chain_pem,
        "ocsp": b64u_encode(pki.ocsp(pki.signing)),
    }
    return SessionStatus("sess-1", "sign", "complete", None, None, result)


def test_sign_with_timestamp_verifies(pki: PKI) -> None:
    digest = hashlib.sha256(b"bid").digest()
    result = verifier(pki).verify_sign(sign_status(pki, digest), handle("sign", (digest,)), NOW)
    [signed] = result.signatures
    assert signed.time == NOW
    assert signed.label == "投标函.pdf"


def test_timestamp_over_other_data_is_refused(pki: PKI) -> None:
    digest = hashlib.sha256(b"bid").digest()
    token = pki.timestamp(hashlib.sha256(b"something else").digest())
    with pytest.raises(TimestampInvalid, match="other data"):
        verifier(pki).verify_sign(sign_status(pki, digest, token), handle("sign", (digest,)), NOW)


def test_timestamp_from_a_non_tsa_certificate_is_refused(pki: PKI) -> None:
    """The OCSP responder's key is a valid key of the same CA, but not a TSA."""
    digest = hashlib.sha256(b"bid").digest()
    signature = pki.holder_key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
    token = pki.timestamp(
        hashlib.sha256(signature).digest(), tsa=pki.responder, tsa_key=pki.ocsp_key
    )
    status = sign_status(pki, digest)
    assert status.result is not None
    status.result["signatures"][0]["signature"] = b64u_encode(signature)
    status.result["signatures"][0]["timestamp"] = b64u_encode(token)
    with pytest.raises(TimestampInvalid, match="not trusted"):
        verifier(pki).verify_sign(status, handle("sign", (digest,)), NOW)


def test_signed_digests_must_be_the_requested_ones(pki: PKI) -> None:
    digest = hashlib.sha256(b"bid").digest()
    other = hashlib.sha256(b"other").digest()
    with pytest.raises(PayloadMismatch):
        verifier(pki).verify_sign(sign_status(pki, digest), handle("sign", (other,)), NOW)


# ----------------------------------------------------------------------------- decrypt


def decrypt_status(pki: PKI, enc: x509.Certificate) -> SessionStatus:
    result = {
        "type": "decrypt",
        "sealed_output": {},
        "encryption_certificate": pem(enc),
        "certificate": pem(pki.signing),
        "chain": pki.chain_pem,
        "ocsp": b64u_encode(pki.ocsp(pki.signing)),
    }
    return SessionStatus("sess-1", "decrypt", "complete", None, None, result)


def test_verify_decrypt_names_the_holder(pki: PKI) -> None:
    holder = verifier(pki).verify_decrypt(decrypt_status(pki, pki.encryption), pki.encryption, NOW)
    assert holder.name == "张三"


def test_verify_decrypt_refuses_another_key(pki: PKI) -> None:
    other = PKI()
    with pytest.raises(PayloadMismatch):
        verifier(pki).verify_decrypt(decrypt_status(pki, pki.encryption), other.encryption, NOW)


def test_verify_decrypt_refuses_a_signing_certificate_as_encryption_certificate(pki: PKI) -> None:
    with pytest.raises(ChainInvalid):
        verifier(pki).verify_decrypt(decrypt_status(pki, pki.signing), pki.signing, NOW)


def test_verify_decrypt_refuses_another_holder(pki: PKI) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    someone = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "李四")])
    enc = pki.leaf(
        someone, key, ku=_ku(key_agreement=True), eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION]
    )
    with pytest.raises(PayloadMismatch, match="different holders"):
        verifier(pki).verify_decrypt(decrypt_status(pki, enc), enc, NOW)


def test_an_rsa_issuing_ca_signing_ocsp_itself() -> None:
    """The CA's keys may be RSA (file or PKCS#11 backend): paths and OCSP still verify."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    pki = PKI(issuing_key=rsa.generate_private_key(public_exponent=65537, key_size=2048))  # type: ignore[arg-type]
    direct = pki.ocsp(pki.signing, signer=pki.issuing, signer_key=pki.issuing_key)
    status = login_status(pki, ocsp=b64u_encode(direct))
    assert verifier(pki).verify_login(status, handle(), now=NOW).holder.name == "张三"
