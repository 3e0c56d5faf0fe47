"""Checking an RFC 3161 timestamp token (CMS SignedData over a TSTInfo) the way an RP must:
the imprint covers our data, the signed attributes bind the TSTInfo and the TSA certificate
(ESSCertID / ESSCertIDv2, RFC 5816), the signature verifies, and the TSA certificate has a
valid path to a trusted root at the token's genTime with a critical timeStamping EKU.

Parsing is ``asn1crypto``; signatures and path validation are ``cryptography``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms as a_cms
from asn1crypto import tsp as a_tsp
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from mcert_rp import _pathval
from mcert_rp._exceptions import ChainInvalid, TimestampInvalid

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


@dataclass(frozen=True)
class TimestampInfo:
    gen_time: datetime
    serial_number: int
    policy: str
    tsa_certificate: x509.Certificate


def _check(cond: bool, reason: str) -> None:
    if not cond:
        raise TimestampInvalid(reason)


def _sid_matches(sid: a_cms.SignerIdentifier, cert: x509.Certificate) -> bool:
    if sid.name == "issuer_and_serial_number":
        a = a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
        return bool(
            sid.chosen["serial_number"].native == a.serial_number
            and sid.chosen["issuer"] == a.issuer
        )
    try:
        ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return False
    return bool(sid.chosen.native == ski)


def _verify_signature(
    cert: x509.Certificate, sig_alg: str, digest: str, signature: bytes, data: bytes
) -> None:
    key = cert.public_key()
    h = _HASHES[digest]()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey) and sig_alg in ("ecdsa", f"{digest}_ecdsa"):
            key.verify(signature, data, ec.ECDSA(h))
        elif isinstance(key, rsa.RSAPublicKey) and sig_alg in ("rsassa_pkcs1v15", f"{digest}_rsa"):
            key.verify(signature, data, padding.PKCS1v15(), h)
        else:
            raise TimestampInvalid(f"unsupported signature algorithm {sig_alg}")
    except InvalidSignature as exc:
        raise TimestampInvalid("the timestamp signature does not verify") from exc


def verify(
    token: bytes,
    *,
    digest: bytes,
    roots: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate] = (),
) -> TimestampInfo:
    """Verify ``token`` over the SHA-2 ``digest`` of the stamped data; raise
    :class:`TimestampInvalid` on any failure."""
    try:
        ci = a_cms.ContentInfo.load(token, strict=True)
        _check(ci["content_type"].native == "signed_data", "not a SignedData")
        sd = ci["content"]
        encap = sd["encap_content_info"]
        _check(encap["content_type"].native == "tst_info", "eContentType is not TSTInfo")
        tst_der = bytes(encap["content"])
        tst = a_tsp.TSTInfo.load(tst_der).native
        signers = list(sd["signer_infos"])
        _check(len(signers) == 1, "expected exactly one SignerInfo")
        si = signers[0]
        certs = [
            x509.load_der_x509_certificate(c.chosen.dump())
            for c in (sd["certificates"] or [])
            if c.name == "certificate"
        ]
        digest_name = si["digest_algorithm"]["algorithm"].native
        sig_alg = si["signature_algorithm"]["algorithm"].native
        signature = bytes(si["signature"].native)
        signed_attrs = si["signed_attrs"]
        _check(signed_attrs.native is not None, "no signed attributes")
        # RFC 5652 §5.4: the signature covers the attributes re-tagged as a SET.
        attrs_der = b"\x31" + signed_attrs.dump()[1:]
        attrs = {a["type"].native: a["values"] for a in signed_attrs}
        imprint_alg = tst["message_imprint"]["hash_algorithm"]["algorithm"]
        imprint = tst["message_imprint"]["hashed_message"]
    except TimestampInvalid:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise TimestampInvalid("the timestamp token does not parse") from exc

    _check(tst["version"] == "v1", "unsupported TSTInfo version")
    _check(digest_name in _HASHES, f"unsupported digest {digest_name}")
    _check(imprint_alg in _HASHES, f"imprint hash {imprint_alg} not accepted")
    _check(imprint == digest, "the timestamp is for other data")
    _check(
        "content_type" in attrs and attrs["content_type"][0].native == "tst_info",
        "bad contentType attribute",
    )
    _check(
        "message_digest" in attrs
        and attrs["message_digest"][0].native == hashlib.new(digest_name, tst_der).digest(),
        "messageDigest does not match the TSTInfo",
    )
    signer = next((c for c in (*certs, *intermediates) if _sid_matches(si["sid"], c)), None)
    _check(signer is not None, "the TSA certificate is missing")
    assert signer is not None
    signer_der = signer.public_bytes(serialization.Encoding.DER)
    if "signing_certificate_v2" in attrs:
        ess = attrs["signing_certificate_v2"][0]["certs"][0]
        alg = ess["hash_algorithm"]["algorithm"].native
        _check(alg in _HASHES, f"ESSCertIDv2 hash {alg} not accepted")
    elif "signing_certificate" in attrs:
        ess, alg = attrs["signing_certificate"][0]["certs"][0], "sha1"
    else:
        raise TimestampInvalid("no signingCertificate attribute")
    _check(
        ess["cert_hash"].native == hashlib.new(alg, signer_der).digest(),
        "ESSCertID does not name the signer",
    )
    _verify_signature(signer, sig_alg, digest_name, signature, attrs_der)
    gen_time: datetime = tst["gen_time"]
    others = [c for c in (*certs, *intermediates) if c != signer]
    try:
        _pathval.validate(signer, others, roots, gen_time, _pathval.TIME_STAMPING)
    except ChainInvalid as exc:
        raise TimestampInvalid(f"the TSA certificate is not trusted: {exc}") from exc
    return TimestampInfo(
        gen_time=gen_time,
        serial_number=tst["serial_number"],
        policy=str(tst["policy"]),
        tsa_certificate=signer,
    )
