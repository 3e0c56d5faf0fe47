"""OCSP (RFC 6960) request parsing and response signing for our delegated responder.

This module turns request bytes into :class:`OCSPRequestInfo`, matches CertIDs to our issuing
CAs and encodes signed ``BasicOCSPResponse`` messages from statuses the caller looked up.
It is pure: it never reads a database, the clock, settings or the network. The caller
decides the status of each serial, the validity window and when to sign; the responder key
is only used through ``sign()`` so HSM-backed keys work.

Caching: a response without a nonce depends only on (issuer, serial, status, thisUpdate,
nextUpdate), so the service can pre-sign one per certificate and serve the same bytes until
``nextUpdate``. A request carrying a nonce needs a fresh signature. ``build_response`` costs
about 1 ms of pure-Python DER encoding plus one signature: with a software P-256 key the
encoding dominates (the ECDSA signature is ~25 µs); with an HSM the signing round trip does.
Either way it is cheap enough to sign nonce responses on demand.

Requests are parsed with ``asn1crypto`` rather than ``cryptography.x509.ocsp`` because the
latter refuses requests with more than one ``Request`` and we want to answer every CertID a
client sends (``openssl ocsp`` with several ``-serial`` options batches them, for one).
Responses are encoded with ``asn1crypto`` too, so one response can carry several
``SingleResponse`` entries.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import algos as a_algos
from asn1crypto import core as a_core
from asn1crypto import ocsp as a_ocsp
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from mcert.errors import InvalidInput

__all__ = [
    "SUPPORTED_CERTID_HASHES",
    "CertID",
    "CertStatus",
    "CertStatusInfo",
    "OCSPMalformedRequest",
    "OCSPRequestInfo",
    "build_response",
    "cert_id_for",
    "internal_error_response",
    "malformed_request_response",
    "match_issuer",
    "parse_request",
    "try_later_response",
    "unauthorized_response",
]

#: CertID hash algorithms we can match (asn1crypto names). SHA-1 stays because it is what
#: OpenSSL, Windows and most browsers still send; here it is an identifier, not a signature.
SUPPORTED_CERTID_HASHES: frozenset[str] = frozenset({"sha1", "sha256", "sha384", "sha512"})

# RFC 8954 §2.1: nonces longer than 32 octets are a known amplification/abuse vector.
_MAX_NONCE_LEN = 32

_EC_SIG_HASH: dict[str, type[hashes.HashAlgorithm]] = {
    "secp256r1": hashes.SHA256,
    "secp384r1": hashes.SHA384,
    "secp521r1": hashes.SHA512,
}

# RFC 5280 CRLReason codes; asn1crypto accepts the integer.
_REASON_CODE: dict[x509.ReasonFlags, int] = {
    x509.ReasonFlags.unspecified: 0,
    x509.ReasonFlags.key_compromise: 1,
    x509.ReasonFlags.ca_compromise: 2,
    x509.ReasonFlags.affiliation_changed: 3,
    x509.ReasonFlags.superseded: 4,
    x509.ReasonFlags.cessation_of_operation: 5,
    x509.ReasonFlags.certificate_hold: 6,
    x509.ReasonFlags.remove_from_crl: 8,
    x509.ReasonFlags.privilege_withdrawn: 9,
    x509.ReasonFlags.aa_compromise: 10,
}


class OCSPMalformedRequest(InvalidInput):
    """The request bytes are not a usable OCSPRequest; answer with ``malformedRequest``."""

    code = "ocsp_malformed_request"
    default_message = "OCSP 请求格式错误"


class CertStatus(enum.StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CertID:
    """One CertID from a request; ``hash_algorithm`` is an asn1crypto name or a dotted OID."""

    hash_algorithm: str
    issuer_name_hash: bytes
    issuer_key_hash: bytes
    serial_number: int


@dataclass(frozen=True, slots=True)
class OCSPRequestInfo:
    cert_ids: tuple[CertID, ...]
    #: The nonce octets (inner OCTET STRING value), or None when the request has no nonce.
    nonce: bytes | None
    #: True when the request carried an optionalSignature; we never require or check it.
    signed: bool = False


@dataclass(frozen=True, slots=True)
class CertStatusInfo:
    serial_number: int
    status: CertStatus
    revoked_at: datetime | None = None
    reason: x509.ReasonFlags | None = None

    def __post_init__(self) -> None:
        if self.status is CertStatus.REVOKED and self.revoked_at is None:
            raise ValueError("revoked status needs revoked_at")
        if self.status is not CertStatus.REVOKED and (
            self.revoked_at is not None or self.reason is not None
        ):
            raise ValueError("revoked_at/reason only apply to revoked status")


# --------------------------------------------------------------------------- requests


def parse_request(der: bytes) -> OCSPRequestInfo:
    """Parse a DER OCSPRequest; raise :class:`OCSPMalformedRequest` for anything unusable."""
    try:
        req = a_ocsp.OCSPRequest.load(der, strict=True)
        tbs = req["tbs_request"]
        cert_ids = tuple(_cert_id(r["req_cert"]) for r in tbs["request_list"])
        nonce = _nonce(tbs)
        signed = req["optional_signature"].native is not None
    except OCSPMalformedRequest:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # asn1crypto parses lazily, so decoding errors surface here as ValueError/TypeError.
        raise OCSPMalformedRequest(details={"reason": str(exc)[:200]}) from exc
    if not cert_ids:
        raise OCSPMalformedRequest(details={"reason": "empty requestList"})
    return OCSPRequestInfo(cert_ids=cert_ids, nonce=nonce, signed=signed)


def _cert_id(cid: a_ocsp.CertId) -> CertID:
    # .native is the asn1crypto name for known OIDs and the dotted string otherwise.
    name = cid["hash_algorithm"]["algorithm"].native
    serial = cid["serial_number"].native
    if not isinstance(serial, int):
        raise OCSPMalformedRequest(details={"reason": "bad serial"})
    return CertID(
        hash_algorithm=str(name),
        issuer_name_hash=bytes(cid["issuer_name_hash"].native),
        issuer_key_hash=bytes(cid["issuer_key_hash"].native),
        serial_number=serial,
    )


def _nonce(tbs: a_ocsp.TBSRequest) -> bytes | None:
    exts = tbs["request_extensions"]
    if exts.native is None:
        return None
    for ext in exts:
        if ext["extn_id"].native != "nonce":
            continue
        value = ext["extn_value"].parsed
        if not isinstance(value, a_core.OctetString):
            raise OCSPMalformedRequest(details={"reason": "nonce is not an OCTET STRING"})
        nonce = bytes(value.native)
        if not 1 <= len(nonce) <= _MAX_NONCE_LEN:
            raise OCSPMalformedRequest(details={"reason": "nonce length out of range"})
        return nonce
    return None


# --------------------------------------------------------------------------- CertID matching


def _hash(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def _issuer_parts(issuer_cert: x509.Certificate) -> tuple[bytes, bytes]:
    """(subject DER, subjectPublicKey BIT STRING value) exactly as encoded in the certificate."""
    cert = a_x509.Certificate.load(issuer_cert.public_bytes(serialization.Encoding.DER))
    tbs = cert["tbs_certificate"]
    # dump() returns the original bytes: the name hash must be over the issuer's own encoding.
    subject_der = tbs["subject"].dump()
    key_bits = bytes(tbs["subject_public_key_info"]["public_key"].contents[1:])
    return subject_der, key_bits


def cert_id_for(issuer_cert: x509.Certificate, serial_number: int, hash_alg: str) -> CertID:
    """The CertID a client would send for ``serial_number`` under ``issuer_cert``."""
    if hash_alg not in SUPPORTED_CERTID_HASHES:
        raise ValueError(f"unsupported CertID hash {hash_alg!r}")
    subject_der, key_bits = _issuer_parts(issuer_cert)
    return CertID(
        hash_algorithm=hash_alg,
        issuer_name_hash=_hash(hash_alg, subject_der),
        issuer_key_hash=_hash(hash_alg, key_bits),
        serial_number=serial_number,
    )


def match_issuer(cert_id: CertID, issuers: Iterable[x509.Certificate]) -> x509.Certificate | None:
    """Return the issuing CA whose name hash *and* key hash match ``cert_id``, else None.

    Both hashes must match: CAs re-keyed under the same name share the name hash. None means
    "not ours" — answer with :func:`unauthorized_response` (or ``unknown`` inside a response
    that is otherwise for one of our CAs).
    """
    if cert_id.hash_algorithm not in SUPPORTED_CERTID_HASHES:
        return None
    for issuer in issuers:
        subject_der, key_bits = _issuer_parts(issuer)
        if _hash(cert_id.hash_algorithm, subject_der) == cert_id.issuer_name_hash and (
            _hash(cert_id.hash_algorithm, key_bits) == cert_id.issuer_key_hash
        ):
            return issuer
    return None


# --------------------------------------------------------------------------- responses


def _status_only(status: str) -> bytes:
    return bytes(a_ocsp.OCSPResponse({"response_status": status}).dump())


def malformed_request_response() -> bytes:
    """Unsigned ``malformedRequest`` response (RFC 6960 §2.3)."""
    return _status_only("malformed_request")


def unauthorized_response() -> bytes:
    """Unsigned ``unauthorized`` response: the CertIDs are for an issuer we do not serve."""
    return _status_only("unauthorized")


def internal_error_response() -> bytes:
    return _status_only("internal_error")


def try_later_response() -> bytes:
    return _status_only("try_later")


def _tlv(tag: int, content: bytes) -> bytes:
    """DER tag-length-value for a single-octet tag."""
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _gentime(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    # Fractional seconds are legal but RFC 5280-style profiles and linters expect none.
    return dt.astimezone(UTC).replace(microsecond=0)


def _sign(key: object, data: bytes) -> tuple[str, bytes]:
    """Sign with only ``key.sign`` (HSM-safe); return (asn1crypto algorithm name, signature)."""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        hash_cls = _EC_SIG_HASH.get(key.curve.name)
        if hash_cls is None:
            raise ValueError(f"unsupported responder curve {key.curve.name}")
        h = hash_cls()
        return f"{h.name}_ecdsa", key.sign(data, ec.ECDSA(h))
    if isinstance(key, rsa.RSAPrivateKey):
        return "sha256_rsa", key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    raise TypeError(f"unsupported responder key type {type(key).__name__}")


def _single_response(
    info: CertStatusInfo,
    *,
    hash_alg: str,
    name_hash: bytes,
    key_hash: bytes,
    this_update: datetime,
    next_update: datetime,
) -> a_ocsp.SingleResponse:
    status: a_ocsp.CertStatus
    if info.status is CertStatus.GOOD:
        status = a_ocsp.CertStatus(name="good", value=a_core.Null())
    elif info.status is CertStatus.UNKNOWN:
        status = a_ocsp.CertStatus(name="unknown", value=a_core.Null())
    else:
        assert info.revoked_at is not None  # enforced by CertStatusInfo
        revoked: dict[str, object] = {"revocation_time": _gentime(info.revoked_at)}
        # RFC 5280 §5.3.1: "unspecified" SHOULD be expressed by omitting the reason.
        if info.reason is not None and info.reason is not x509.ReasonFlags.unspecified:
            revoked["revocation_reason"] = _REASON_CODE[info.reason]
        status = a_ocsp.CertStatus(name="revoked", value=a_ocsp.RevokedInfo(revoked))
    return a_ocsp.SingleResponse(
        {
            "cert_id": {
                "hash_algorithm": {"algorithm": hash_alg},
                "issuer_name_hash": name_hash,
                "issuer_key_hash": key_hash,
                "serial_number": info.serial_number,
            },
            "cert_status": status,
            "this_update": this_update,
            "next_update": next_update,
        }
    )


def build_response(
    *,
    responder_cert: x509.Certificate,
    responder_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
    issuer_cert: x509.Certificate,
    statuses: Sequence[CertStatusInfo],
    this_update: datetime,
    next_update: datetime,
    nonce: bytes | None = None,
    hash_alg: str = "sha1",
    produced_at: datetime | None = None,
) -> bytes:
    """Encode and sign a successful OCSPResponse (DER) from a delegated responder.

    ``hash_alg`` must be the request's CertID hash so clients can match the SingleResponse.
    ``responder_cert`` must be issued by ``issuer_cert`` with EKU id-kp-OCSPSigning — the
    caller chooses it; this is not re-checked per response. ``produced_at`` defaults to
    ``this_update`` (fine for pre-signed responses; pass "now" for nonce responses).
    """
    if not statuses:
        raise ValueError("statuses must not be empty")
    if hash_alg not in SUPPORTED_CERTID_HASHES:
        raise ValueError(f"unsupported CertID hash {hash_alg!r}")
    this_update = _gentime(this_update)
    next_update = _gentime(next_update)
    if next_update <= this_update:
        raise ValueError("next_update must be after this_update")
    if nonce is not None and not 1 <= len(nonce) <= _MAX_NONCE_LEN:
        raise ValueError("nonce length out of range")

    subject_der, key_bits = _issuer_parts(issuer_cert)
    name_hash = _hash(hash_alg, subject_der)
    key_hash = _hash(hash_alg, key_bits)
    _, responder_key_bits = _issuer_parts(responder_cert)
    responder_der = responder_cert.public_bytes(serialization.Encoding.DER)

    response_data: dict[str, object] = {
        # RFC 6960 §4.2.2.3: byKey is the SHA-1 of the responder's subjectPublicKey bits.
        "responder_id": a_ocsp.ResponderId(
            name="by_key", value=hashlib.sha1(responder_key_bits).digest()
        ),
        "produced_at": _gentime(produced_at) if produced_at is not None else this_update,
        "responses": [
            _single_response(
                s,
                hash_alg=hash_alg,
                name_hash=name_hash,
                key_hash=key_hash,
                this_update=this_update,
                next_update=next_update,
            )
            for s in statuses
        ],
    }
    if nonce is not None:
        response_data["response_extensions"] = [
            {"extn_id": "nonce", "critical": False, "extn_value": a_core.OctetString(nonce)}
        ]
    tbs_der = a_ocsp.ResponseData(response_data).dump()
    sig_alg, signature = _sign(responder_key, tbs_der)
    # The outer layers are assembled as DER directly: asn1crypto's dict-driven construction
    # re-copies the embedded responder certificate and tripled the cost of a response.
    basic = _tlv(
        0x30,
        tbs_der
        + a_algos.SignedDigestAlgorithm({"algorithm": sig_alg}).dump()
        + a_core.OctetBitString(signature).dump()
        + _tlv(0xA0, _tlv(0x30, responder_der)),
    )
    response_bytes = _tlv(
        0x30, a_ocsp.ResponseType("basic_ocsp_response").dump() + _tlv(0x04, basic)
    )
    successful = a_ocsp.OCSPResponseStatus("successful").dump()
    return _tlv(0x30, successful + _tlv(0xA0, response_bytes))
