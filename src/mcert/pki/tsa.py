"""RFC 3161 time-stamping: request parsing, token signing, response encoding, token checks.

The service layer feeds request bytes to :func:`handle_request` (or to :func:`parse_request`
then :func:`build_response`) and returns whatever bytes come back: a bad request becomes a
``rejection`` TimeStampResp with PKIFailureInfo, never an exception that reaches HTTP.
:func:`verify_token` is the relying-party side (the SDK checks our tokens with it).

This module is pure: it never reads the clock (the caller passes ``now``), a database, the
network or settings, and it never allocates serial numbers — the caller passes a unique one.
The TSA key is only used through ``sign()`` so HSM-backed keys work. Tokens are CMS
SignedData encoded with ``asn1crypto``; ``cryptography`` has no SignedData builder that takes
arbitrary eContent and signed attributes.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import tsp as a_tsp
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from mcert.errors import InvalidInput

__all__ = [
    "ACCEPTED_HASHES",
    "PKIFailure",
    "TimeStampRequestInfo",
    "TimeStampRequestRejected",
    "TimeStampResponseInfo",
    "TimeStampTokenInfo",
    "TimeStampTokenInvalid",
    "build_response",
    "build_token",
    "granted_response",
    "handle_request",
    "parse_request",
    "parse_response",
    "rejection_response",
    "verify_token",
]

#: Message-imprint hash algorithms we time-stamp, with their digest lengths. SHA-1 and MD5 are
#: refused (badAlg): a collision lets one token vouch for two documents.
ACCEPTED_HASHES: dict[str, int] = {"sha256": 32, "sha384": 48, "sha512": 64}

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_EC_SIG_HASH: dict[str, str] = {"secp256r1": "sha256", "secp384r1": "sha384", "secp521r1": "sha512"}

# RFC 3161 §2.4.2: serialNumber may be up to 160 bits.
_MAX_SERIAL = (1 << 160) - 1
# Path length cap for verify_token's chain walk; our hierarchy is root → issuing CA → TSA.
_MAX_CHAIN = 6


class PKIFailure(enum.StrEnum):
    """PKIFailureInfo bits (RFC 3161 §2.4.2); values are asn1crypto's names."""

    BAD_ALG = "bad_alg"
    BAD_REQUEST = "bad_request"
    BAD_DATA_FORMAT = "bad_data_format"
    TIME_NOT_AVAILABLE = "time_not_available"
    UNACCEPTED_POLICY = "unaccepted_policy"
    UNACCEPTED_EXTENSION = "unaccepted_extensions"
    ADD_INFO_NOT_AVAILABLE = "add_info_not_available"
    SYSTEM_FAILURE = "system_failure"


_FAILURE_NAMES = frozenset(f.value for f in PKIFailure)


class TimeStampRequestRejected(InvalidInput):
    """A request we refuse; turn it into bytes with :meth:`response`, do not let it escape."""

    code = "tsa_request_rejected"
    default_message = "时间戳请求被拒绝"

    def __init__(self, failure: PKIFailure, reason: str) -> None:
        self.failure = failure
        self.reason = reason
        super().__init__(details={"failure": failure.value, "reason": reason})

    def response(self) -> bytes:
        return rejection_response(self.failure, self.reason)


class TimeStampTokenInvalid(InvalidInput):
    """A time-stamp token (or response) failed verification; ``details['reason']`` says why."""

    code = "tsa_token_invalid"
    default_message = "时间戳无效"

    def __init__(self, reason: str) -> None:
        super().__init__(details={"reason": reason})


@dataclass(frozen=True, slots=True)
class TimeStampRequestInfo:
    hash_algorithm: str
    digest: bytes
    #: Requested policy as a dotted OID, or None.
    req_policy: str | None
    nonce: int | None
    cert_req: bool


@dataclass(frozen=True, slots=True)
class TimeStampTokenInfo:
    """What a verified token asserts."""

    policy: str
    serial_number: int
    gen_time: datetime
    accuracy: timedelta | None
    hash_algorithm: str
    digest: bytes
    nonce: int | None
    tsa_cert: x509.Certificate


@dataclass(frozen=True, slots=True)
class TimeStampResponseInfo:
    #: asn1crypto PKIStatus name: "granted", "granted_with_mods", "rejection", ...
    status: str
    failures: frozenset[PKIFailure]
    status_text: str | None
    token: bytes | None


# A TimeStampResp whose token is OPTIONAL, as RFC 3161 says; asn1crypto's makes it mandatory,
# which would stop us encoding (and parsing) rejections.
class _TimeStampResp(a_core.Sequence):  # type: ignore[misc]
    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("status", a_tsp.PKIStatusInfo),
        ("time_stamp_token", a_cms.ContentInfo, {"optional": True}),
    ]


# --------------------------------------------------------------------------- requests


def parse_request(der: bytes) -> TimeStampRequestInfo:
    """Parse a DER TimeStampReq; raise :class:`TimeStampRequestRejected` for anything we refuse."""
    try:
        req = a_tsp.TimeStampReq.load(der, strict=True)
        version = req["version"].native
        alg = req["message_imprint"]["hash_algorithm"]
        hash_name = alg["algorithm"].native
        params = alg["parameters"]
        digest = bytes(req["message_imprint"]["hashed_message"].native)
        policy = req["req_policy"]
        req_policy = policy.dotted if policy.native is not None else None
        nonce = req["nonce"].native
        cert_req = bool(req["cert_req"].native)
        has_extensions = req["extensions"].native is not None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise TimeStampRequestRejected(PKIFailure.BAD_DATA_FORMAT, "not a TimeStampReq") from exc
    if version != "v1":
        raise TimeStampRequestRejected(PKIFailure.BAD_REQUEST, "unsupported version")
    if hash_name not in ACCEPTED_HASHES:
        raise TimeStampRequestRejected(PKIFailure.BAD_ALG, f"hash {hash_name} not accepted")
    # Parameters must be absent or NULL for SHA-2 (RFC 5754 §2).
    if params.native is not None and not isinstance(params, a_core.Null):
        raise TimeStampRequestRejected(PKIFailure.BAD_ALG, "unexpected hash parameters")
    if len(digest) != ACCEPTED_HASHES[hash_name]:
        raise TimeStampRequestRejected(PKIFailure.BAD_DATA_FORMAT, "digest length mismatch")
    if has_extensions:
        raise TimeStampRequestRejected(PKIFailure.UNACCEPTED_EXTENSION, "extensions not supported")
    if nonce is not None and nonce < 0:
        raise TimeStampRequestRejected(PKIFailure.BAD_REQUEST, "negative nonce")
    return TimeStampRequestInfo(
        hash_algorithm=hash_name,
        digest=digest,
        req_policy=req_policy,
        nonce=nonce,
        cert_req=cert_req,
    )


# --------------------------------------------------------------------------- tokens


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def _a_cert(cert: x509.Certificate) -> a_x509.Certificate:
    return a_x509.Certificate.load(_der(cert))


def _hash(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def _signer_algorithms(key: object) -> tuple[str, str]:
    """(digest algorithm name, asn1crypto signature algorithm name) for the TSA key."""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        digest = _EC_SIG_HASH.get(key.curve.name)
        if digest is None:
            raise ValueError(f"unsupported TSA curve {key.curve.name}")
        return digest, f"{digest}_ecdsa"
    if isinstance(key, rsa.RSAPrivateKey):
        return "sha256", "sha256_rsa"
    raise TypeError(f"unsupported TSA key type {type(key).__name__}")


def _sign(key: object, digest_name: str, data: bytes) -> bytes:
    h = _HASHES[digest_name]()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(h))
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), h)
    raise TypeError(f"unsupported TSA key type {type(key).__name__}")


def _tlv(tag: int, content: bytes) -> bytes:
    """DER tag-length-value for a single-octet tag."""
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _attribute(name: str, value: a_core.Asn1Value) -> bytes:
    # Built as DER by hand: asn1crypto's dict-driven CMSAttribute construction costs
    # milliseconds per token (signingCertificateV2 especially), the signature microseconds.
    oid = a_cms.CMSAttributeType(name).dump()
    return _tlv(0x30, oid + _tlv(0x31, value.dump()))


def _gen_time(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    # Whole seconds: RFC 3161 forbids trailing zeros in fractions and we claim ±1 s anyway.
    return now.astimezone(UTC).replace(microsecond=0)


def build_token(
    request: TimeStampRequestInfo,
    *,
    tsa_cert: x509.Certificate,
    tsa_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
    policy: str,
    serial_number: int,
    now: datetime,
    accuracy_seconds: int = 1,
    accepted_policies: Iterable[str] = (),
    extra_certs: Sequence[x509.Certificate] = (),
    include_tsa_name: bool = False,
    include_signing_time: bool = False,
) -> bytes:
    """Sign a TimeStampToken (DER ContentInfo) for ``request``.

    ``policy`` is our default TSA policy OID; a request naming another policy is accepted only
    if it is in ``accepted_policies`` (else ``unaccepted_policy`` is raised as
    :class:`TimeStampRequestRejected`). ``serial_number`` must be unique per TSA — the caller
    allocates it. ``extra_certs`` (e.g. the issuing CA) are added with the TSA certificate when
    the request asks for certificates.
    """
    if not 0 < serial_number <= _MAX_SERIAL:
        raise ValueError("serial_number must be positive and at most 160 bits")
    token_policy = policy
    if request.req_policy is not None and request.req_policy != policy:
        if request.req_policy not in set(accepted_policies):
            raise TimeStampRequestRejected(PKIFailure.UNACCEPTED_POLICY, "policy not accepted")
        token_policy = request.req_policy
    gen_time = _gen_time(now)
    cert = _a_cert(tsa_cert)

    tst: dict[str, object] = {
        "version": "v1",
        "policy": token_policy,
        "message_imprint": {
            "hash_algorithm": {"algorithm": request.hash_algorithm},
            "hashed_message": request.digest,
        },
        "serial_number": serial_number,
        "gen_time": gen_time,
        "accuracy": {"seconds": accuracy_seconds},
    }
    if request.nonce is not None:
        tst["nonce"] = request.nonce
    if include_tsa_name:
        tst["tsa"] = a_x509.GeneralName(name="directory_name", value=cert.subject)
    tst_der = a_tsp.TSTInfo(tst).dump()

    digest_name, sig_alg = _signer_algorithms(tsa_key)
    # RFC 5816: ESSCertIDv2 (SHA-256, the DEFAULT, so omitted) pins the TSA certificate.
    ess = a_tsp.SigningCertificateV2(
        {
            "certs": [
                {
                    "cert_hash": _hash("sha256", cert.dump()),
                    "issuer_serial": {
                        "issuer": [a_x509.GeneralName(name="directory_name", value=cert.issuer)],
                        "serial_number": cert.serial_number,
                    },
                }
            ]
        }
    )
    attrs = [
        _attribute("content_type", a_cms.ContentType("tst_info")),
        _attribute("message_digest", a_core.OctetString(_hash(digest_name, tst_der))),
        _attribute("signing_certificate_v2", ess),
    ]
    if include_signing_time:
        attrs.append(_attribute("signing_time", a_core.UTCTime(gen_time)))
    # DER SET OF order (X.690 §11.6): OpenSSL re-encodes the attributes that way to verify.
    signed_attrs = a_cms.CMSAttributes.load(_tlv(0x31, b"".join(sorted(attrs))))
    signature = _sign(tsa_key, digest_name, signed_attrs.dump())

    certs = [cert, *(_a_cert(c) for c in extra_certs)] if request.cert_req else []
    signed_data: dict[str, object] = {
        "version": "v3",
        "digest_algorithms": [{"algorithm": digest_name}],
        "encap_content_info": {
            "content_type": "tst_info",
            "content": a_core.ParsableOctetString(tst_der),
        },
        "signer_infos": [
            {
                "version": "v1",
                "sid": a_cms.SignerIdentifier(
                    name="issuer_and_serial_number",
                    value={"issuer": cert.issuer, "serial_number": cert.serial_number},
                ),
                "digest_algorithm": {"algorithm": digest_name},
                "signed_attrs": signed_attrs,
                "signature_algorithm": {"algorithm": sig_alg},
                "signature": signature,
            }
        ],
    }
    if certs:
        signed_data["certificates"] = certs
    token = a_cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return bytes(token.dump())


def granted_response(token: bytes) -> bytes:
    """Wrap a token from :func:`build_token` in a ``granted`` TimeStampResp."""
    resp = _TimeStampResp(
        {"status": {"status": "granted"}, "time_stamp_token": a_cms.ContentInfo.load(token)}
    )
    return bytes(resp.dump())


def rejection_response(failure: PKIFailure, text: str | None = None) -> bytes:
    """A ``rejection`` TimeStampResp carrying ``failure`` (and ``text`` as statusString)."""
    status: dict[str, object] = {"status": "rejection", "fail_info": {failure.value}}
    if text:
        status["status_string"] = [text]
    return bytes(_TimeStampResp({"status": status}).dump())


def build_response(
    request: TimeStampRequestInfo,
    *,
    tsa_cert: x509.Certificate,
    tsa_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
    policy: str,
    serial_number: int,
    now: datetime,
    accuracy_seconds: int = 1,
    accepted_policies: Iterable[str] = (),
    extra_certs: Sequence[x509.Certificate] = (),
    include_tsa_name: bool = False,
) -> bytes:
    """A TimeStampResp: ``granted`` with a fresh token, or ``rejection`` (unaccepted policy)."""
    try:
        token = build_token(
            request,
            tsa_cert=tsa_cert,
            tsa_key=tsa_key,
            policy=policy,
            serial_number=serial_number,
            now=now,
            accuracy_seconds=accuracy_seconds,
            accepted_policies=accepted_policies,
            extra_certs=extra_certs,
            include_tsa_name=include_tsa_name,
        )
    except TimeStampRequestRejected as exc:
        return exc.response()
    return granted_response(token)


def handle_request(
    der: bytes,
    *,
    tsa_cert: x509.Certificate,
    tsa_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
    policy: str,
    serial_number: int,
    now: datetime,
    accuracy_seconds: int = 1,
    accepted_policies: Iterable[str] = (),
    extra_certs: Sequence[x509.Certificate] = (),
    include_tsa_name: bool = False,
) -> bytes:
    """Request bytes in, TimeStampResp bytes out; refused requests become rejections.

    Only caller mistakes (naive ``now``, bad serial) and key failures raise; map the latter to
    ``rejection_response(PKIFailure.SYSTEM_FAILURE)`` in the service if desired.
    """
    try:
        request = parse_request(der)
    except TimeStampRequestRejected as exc:
        return exc.response()
    return build_response(
        request,
        tsa_cert=tsa_cert,
        tsa_key=tsa_key,
        policy=policy,
        serial_number=serial_number,
        now=now,
        accuracy_seconds=accuracy_seconds,
        accepted_policies=accepted_policies,
        extra_certs=extra_certs,
        include_tsa_name=include_tsa_name,
    )


# --------------------------------------------------------------------------- verification


def parse_response(der: bytes) -> TimeStampResponseInfo:
    """Decode a TimeStampResp (does not verify the token; see :func:`verify_token`)."""
    try:
        resp = _TimeStampResp.load(der, strict=True)
        status = resp["status"]
        text = status["status_string"].native
        fail = status["fail_info"].native
        token = resp["time_stamp_token"]
        return TimeStampResponseInfo(
            status=str(status["status"].native),
            failures=frozenset(PKIFailure(f) for f in (fail or ()) if f in _FAILURE_NAMES),
            status_text="\n".join(text) if text else None,
            token=token.dump() if token.native is not None else None,
        )
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise TimeStampTokenInvalid("malformed TimeStampResp") from exc


def _check(cond: bool, reason: str) -> None:
    if not cond:
        raise TimeStampTokenInvalid(reason)


def _load_cert(c: a_cms.CertificateChoices) -> x509.Certificate | None:
    if c.name != "certificate":
        return None
    return x509.load_der_x509_certificate(c.chosen.dump())


def _matches_sid(sid: a_cms.SignerIdentifier, cert: x509.Certificate) -> bool:
    if sid.name == "issuer_and_serial_number":
        a_cert = _a_cert(cert)
        return bool(
            sid.chosen["serial_number"].native == a_cert.serial_number
            and sid.chosen["issuer"] == a_cert.issuer
        )
    try:
        ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return False
    return bool(sid.chosen.native == ski)


def _verify_signature(
    cert: x509.Certificate, sig_alg: str, digest_name: str, sig: bytes, data: bytes
) -> None:
    pub = cert.public_key()
    h = _HASHES[digest_name]()
    try:
        if isinstance(pub, ec.EllipticCurvePublicKey) and sig_alg in (
            "ecdsa",
            f"{digest_name}_ecdsa",
        ):
            pub.verify(sig, data, ec.ECDSA(h))
        elif isinstance(pub, rsa.RSAPublicKey) and sig_alg in (
            "rsassa_pkcs1v15",
            f"{digest_name}_rsa",
        ):
            pub.verify(sig, data, padding.PKCS1v15(), h)
        else:
            raise TimeStampTokenInvalid(f"unsupported signature algorithm {sig_alg}")
    except InvalidSignature as exc:
        raise TimeStampTokenInvalid("bad signature") from exc


def _valid_at(cert: x509.Certificate, at: datetime) -> bool:
    return cert.not_valid_before_utc <= at <= cert.not_valid_after_utc


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def _verify_chain(
    leaf: x509.Certificate,
    pool: Sequence[x509.Certificate],
    trusted: Sequence[x509.Certificate],
    at: datetime,
) -> None:
    """Walk issuer links from ``leaf`` to a trusted certificate, checking signatures and dates.

    Deliberately small: names + signatures + validity at ``at`` + CA flag. Revocation of the
    TSA certificate is the caller's business (it needs CRL/OCSP, which this module never
    fetches).
    """
    current = leaf
    for _ in range(_MAX_CHAIN):
        _check(_valid_at(current, at), "certificate not valid at genTime")
        if current in trusted:
            return
        issuer = None
        for candidate in (*trusted, *pool):
            if candidate.subject != current.issuer or candidate == current:
                continue
            try:
                current.verify_directly_issued_by(candidate)
            except (ValueError, TypeError, InvalidSignature):
                continue
            issuer = candidate
            break
        _check(issuer is not None, "no trusted chain for the TSA certificate")
        assert issuer is not None
        _check(_is_ca(issuer), "issuer is not a CA")
        current = issuer
    raise TimeStampTokenInvalid("certificate chain too long")


def _check_tsa_eku(cert: x509.Certificate) -> None:
    try:
        ext = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound as exc:
        raise TimeStampTokenInvalid("TSA certificate has no extendedKeyUsage") from exc
    # RFC 3161 §2.3: exactly id-kp-timeStamping, and critical.
    _check(ext.critical, "TSA extendedKeyUsage not critical")
    _check(list(ext.value) == [ExtendedKeyUsageOID.TIME_STAMPING], "TSA EKU is not timeStamping")


def verify_token(
    token_der: bytes,
    *,
    data: bytes | None = None,
    digest: bytes | None = None,
    trusted: Sequence[x509.Certificate],
    untrusted: Sequence[x509.Certificate] = (),
    nonce: int | None = None,
) -> TimeStampTokenInfo:
    """Verify a TimeStampToken over ``data`` (or its precomputed ``digest``); raise on mismatch.

    ``trusted`` are trust anchors (roots, or a pinned TSA certificate); ``untrusted`` may
    supply intermediates or the TSA certificate when the token omits it. Checks: CMS
    structure, imprint, nonce, contentType/messageDigest/ESSCertID(v2) attributes, the
    signature, TSA EKU, and a chain valid at genTime. Raises :class:`TimeStampTokenInvalid`.
    """
    if (data is None) == (digest is None):
        raise ValueError("pass exactly one of data or digest")
    try:
        ci = a_cms.ContentInfo.load(token_der, strict=True)
        _check(ci["content_type"].native == "signed_data", "not SignedData")
        sd = ci["content"]
        encap = sd["encap_content_info"]
        _check(encap["content_type"].native == "tst_info", "eContentType is not id-ct-TSTInfo")
        tst_der = bytes(encap["content"])
        tst = a_tsp.TSTInfo.load(tst_der)
        tst_native = tst.native
        signer_infos = list(sd["signer_infos"])
        _check(len(signer_infos) == 1, "expected exactly one SignerInfo")
        si = signer_infos[0]
        token_certs = [c for c in (_load_cert(x) for x in (sd["certificates"] or [])) if c]
        digest_name = si["digest_algorithm"]["algorithm"].native
        sig_alg = si["signature_algorithm"]["algorithm"].native
        signature = bytes(si["signature"].native)
        signed_attrs = si["signed_attrs"]
        _check(signed_attrs.native is not None, "no signed attributes")
        # Verify over the bytes as received, re-tagged from [0] IMPLICIT to SET (RFC 5652 §5.4).
        attrs_der = b"\x31" + signed_attrs.dump()[1:]
        attrs = {a["type"].native: a["values"] for a in signed_attrs}
    except TimeStampTokenInvalid:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise TimeStampTokenInvalid("malformed token") from exc

    _check(tst_native["version"] == "v1", "unsupported TSTInfo version")
    _check(digest_name in _HASHES, f"unsupported digest {digest_name}")
    imprint_alg = tst_native["message_imprint"]["hash_algorithm"]["algorithm"]
    imprint = tst_native["message_imprint"]["hashed_message"]
    _check(imprint_alg in ACCEPTED_HASHES, f"imprint hash {imprint_alg} not accepted")
    expected = _hash(imprint_alg, data) if data is not None else digest
    _check(imprint == expected, "message imprint does not match the data")
    if nonce is not None:
        _check(tst_native["nonce"] == nonce, "nonce mismatch")

    _check(
        "content_type" in attrs and attrs["content_type"][0].native == "tst_info",
        "bad contentType attribute",
    )
    _check("message_digest" in attrs, "no messageDigest attribute")
    _check(
        attrs["message_digest"][0].native == _hash(digest_name, tst_der), "messageDigest mismatch"
    )

    signer = next(
        (c for c in (*token_certs, *untrusted, *trusted) if _matches_sid(si["sid"], c)), None
    )
    _check(signer is not None, "TSA certificate not found")
    assert signer is not None
    _check_ess_cert_id(attrs, signer)
    _verify_signature(signer, sig_alg, digest_name, signature, attrs_der)
    _check_tsa_eku(signer)
    gen_time: datetime = tst_native["gen_time"]
    _verify_chain(signer, (*token_certs, *untrusted), trusted, gen_time)

    acc = tst_native["accuracy"]
    accuracy = None
    if acc is not None:
        accuracy = timedelta(
            seconds=acc.get("seconds") or 0,
            milliseconds=acc.get("millis") or 0,
            microseconds=acc.get("micros") or 0,
        )
    return TimeStampTokenInfo(
        policy=tst["policy"].dotted,
        serial_number=tst_native["serial_number"],
        gen_time=gen_time,
        accuracy=accuracy,
        hash_algorithm=imprint_alg,
        digest=imprint,
        nonce=tst_native["nonce"],
        tsa_cert=signer,
    )


def _check_ess_cert_id(attrs: dict[str, a_cms.SetOfAny], signer: x509.Certificate) -> None:
    signer_der = _der(signer)
    if "signing_certificate_v2" in attrs:
        first = attrs["signing_certificate_v2"][0]["certs"][0]
        alg = first["hash_algorithm"]["algorithm"].native
        _check(alg in _HASHES, f"ESSCertIDv2 hash {alg} not accepted")
    elif "signing_certificate" in attrs:
        first = attrs["signing_certificate"][0]["certs"][0]
        alg = "sha1"  # ESSCertID (v1) is SHA-1 by definition; accepted for foreign TSAs.
    else:
        raise TimeStampTokenInvalid("no signingCertificate attribute")
    _check(first["cert_hash"].native == _hash(alg, signer_der), "ESSCertID does not match signer")
    issuer_serial = first["issuer_serial"]
    if issuer_serial.native is not None:
        _check(
            issuer_serial["serial_number"].native == signer.serial_number,
            "ESSCertID serial mismatch",
        )


def build_request(
    digest: bytes,
    *,
    hash_algorithm: str = "sha256",
    nonce: int | None = None,
    cert_req: bool = True,
) -> bytes:
    """A DER TimeStampReq for ``digest`` (what ``openssl ts -query`` makes)."""
    fields: dict[str, object] = {
        "version": "v1",
        "message_imprint": {
            "hash_algorithm": {"algorithm": hash_algorithm},
            "hashed_message": digest,
        },
        "cert_req": cert_req,
    }
    if nonce is not None:
        fields["nonce"] = nonce
    return bytes(a_tsp.TimeStampReq(fields).dump())
