"""Bid envelopes: CMS EnvelopedData (RFC 5652) to EC encryption certificates, opened in two
halves so the holder's private key never leaves the phone.

- :func:`encrypt` — AES-256-CBC content, one KeyAgreeRecipientInfo per certificate (RFC 5753
  ephemeral-static ECDH, X9.63 KDF with SHA-256, AES-256 key wrap);
- :func:`recipient_challenge` — what the phone needs for its half: the ephemeral point and
  the wrapped key of the certificate's RecipientInfo, as the JSON the RP API carries;
- :func:`finish` — the RP's half: from the phone's ECDH output Z, the KDF, key unwrap and
  content decryption. Everything used is re-read from the envelope, so a challenge that
  travelled and came back altered cannot steer it.

mCert's holder encryption keys are P-256, so only NIST-curve EC recipients are handled.
Structures come from ``asn1crypto``; ``cryptography`` does the arithmetic.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence
from typing import Any

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.x963kdf import X963KDF
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from mcert_rp._exceptions import (
    DecryptionFailed,
    EnvelopeMalformed,
    EnvelopeNoRecipient,
    EnvelopeRecipientUnsupported,
)

# RFC 5753 key-agreement schemes -> KDF hash (cofactor 1 on NIST curves: both families agree).
_SCHEMES = {
    "1.3.133.16.840.63.0.2": "sha1",
    "1.3.132.1.11.0": "sha224",
    "1.3.132.1.11.1": "sha256",
    "1.3.132.1.11.2": "sha384",
    "1.3.132.1.11.3": "sha512",
    "1.3.133.16.840.63.0.3": "sha1",
    "1.3.132.1.14.0": "sha224",
    "1.3.132.1.14.1": "sha256",
    "1.3.132.1.14.2": "sha384",
    "1.3.132.1.14.3": "sha512",
}
_SCHEME_SHA256 = "1.3.132.1.11.1"
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_WRAP_LEN = {"aes128_wrap": 16, "aes192_wrap": 24, "aes256_wrap": 32}
_CONTENT_LEN = {"aes128_cbc": 16, "aes192_cbc": 24, "aes256_cbc": 32}
_CURVES = ("secp256r1", "secp384r1", "secp521r1")
# The challenge's JSON fields that carry bytes (standard base64), as the server reads them.
_BYTES = ("recipient_key_sha256", "ephemeral_public_key", "key_wrap_algorithm_der", "ukm",
          "wrapped_key")  # fmt: skip


class _SharedInfo(a_core.Sequence):  # type: ignore[misc]
    """ECC-CMS-SharedInfo (RFC 5753 §7.2)."""

    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("key_info", a_core.Any),
        ("entity_u_info", a_core.OctetString, {"explicit": 0, "optional": True}),
        ("supp_pub_info", a_core.OctetString, {"explicit": 2}),
    ]


def _kek(z: bytes, kdf_hash: str, wrap_der: bytes, ukm: bytes | None, length: int) -> bytes:
    info: dict[str, object] = {
        "key_info": a_core.Any.load(wrap_der),
        "supp_pub_info": (length * 8).to_bytes(4, "big"),
    }
    if ukm is not None:
        info["entity_u_info"] = ukm
    shared = bytes(_SharedInfo(info).dump())
    return X963KDF(algorithm=_HASHES[kdf_hash](), length=length, sharedinfo=shared).derive(z)


def _a_cert(cert: x509.Certificate) -> a_x509.Certificate:
    return a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _spki_sha256(cert: x509.Certificate) -> bytes:
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).digest()


def encrypt(content: bytes, recipients: Sequence[x509.Certificate]) -> bytes:
    """DER ContentInfo(EnvelopedData) of ``content`` for each certificate's EC key."""
    if not recipients:
        raise EnvelopeRecipientUnsupported("no recipients")
    cek = os.urandom(32)
    wrap_der = a_cms.KeyEncryptionAlgorithm({"algorithm": "aes256_wrap"}).dump()
    infos = []
    for cert in recipients:
        pub = cert.public_key()
        if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name not in _CURVES:
            raise EnvelopeRecipientUnsupported(
                f"certificate {cert.serial_number:x}: not a NIST EC key"
            )
        try:
            ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
            if not ku.key_agreement:
                raise EnvelopeRecipientUnsupported(
                    f"certificate {cert.serial_number:x} is not for key agreement"
                )
        except x509.ExtensionNotFound:
            pass  # no KeyUsage: no restriction (RFC 5280 §4.2.1.3)
        ephemeral = ec.generate_private_key(pub.curve)
        kek = _kek(ephemeral.exchange(ec.ECDH(), pub), "sha256", wrap_der, None, 32)
        point = ephemeral.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        a = _a_cert(cert)
        kari = a_cms.KeyAgreeRecipientInfo(
            {
                "version": "v3",
                "originator": a_cms.OriginatorIdentifierOrKey(
                    name="originator_key",
                    value={"algorithm": {"algorithm": "ec"}, "public_key": point},
                ),
                "key_encryption_algorithm": {
                    "algorithm": _SCHEME_SHA256,
                    "parameters": a_core.Any.load(wrap_der),
                },
                "recipient_encrypted_keys": [
                    {
                        "rid": a_cms.KeyAgreementRecipientIdentifier(
                            name="issuer_and_serial_number",
                            value={"issuer": a.issuer, "serial_number": a.serial_number},
                        ),
                        "encrypted_key": aes_key_wrap(kek, cek),
                    }
                ],
            }
        )
        infos.append(a_cms.RecipientInfo(name="kari", value=kari))
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(cek), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padder.update(content) + padder.finalize())
    ciphertext += encryptor.finalize()
    enveloped = a_cms.EnvelopedData(
        {
            "version": "v2",
            "recipient_infos": infos,
            "encrypted_content_info": {
                "content_type": "data",
                "content_encryption_algorithm": {"algorithm": "aes256_cbc", "parameters": iv},
                "encrypted_content": ciphertext,
            },
        }
    )
    ci = a_cms.ContentInfo({"content_type": "enveloped_data", "content": enveloped})
    return bytes(ci.dump())


def _load(der: bytes) -> a_cms.EnvelopedData:
    try:
        ci = a_cms.ContentInfo.load(der, strict=True)
        if ci["content_type"].native != "enveloped_data":
            raise EnvelopeMalformed("not an EnvelopedData")
        env = ci["content"]
        env.native  # noqa: B018 - parse everything now so garbage fails here
    except EnvelopeMalformed:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise EnvelopeMalformed("the envelope does not parse") from exc
    return env


def _matches(rid: a_core.Choice, cert: x509.Certificate) -> bool:
    if rid.name == "issuer_and_serial_number":
        a = _a_cert(cert)
        return bool(
            rid.chosen["serial_number"].native == a.serial_number
            and rid.chosen["issuer"] == a.issuer
        )
    try:
        ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return False
    if rid.name == "r_key_id":
        return bool(rid.chosen["subject_key_identifier"].native == ski)
    return False


def _challenge(
    kari: a_cms.KeyAgreeRecipientInfo, ri: int, k: int, key_sha256: bytes, curve: str
) -> dict[str, Any]:
    originator = kari["originator"]
    if originator.name != "originator_key":
        raise EnvelopeMalformed("the originator is not an ephemeral key")
    kea = kari["key_encryption_algorithm"]
    scheme = kea["algorithm"].dotted
    if scheme not in _SCHEMES:
        raise EnvelopeMalformed(f"unsupported key agreement {scheme}")
    wrap_der = kea["parameters"].dump()
    wrap = a_cms.KeyEncryptionAlgorithm.load(wrap_der)["algorithm"].native
    if wrap not in _WRAP_LEN:
        raise EnvelopeMalformed(f"unsupported key wrap {wrap}")
    ukm = kari["ukm"].native
    return {
        "recipient_index": ri,
        "key_index": k,
        "recipient_key_sha256": key_sha256,
        "curve": curve,
        # BIT STRING contents: one unused-bits octet, then the X9.62 point.
        "ephemeral_public_key": bytes(originator.chosen["public_key"].contents[1:]),
        "kdf_hash": _SCHEMES[scheme],
        "key_wrap_algorithm": wrap,
        "key_wrap_algorithm_der": wrap_der,
        "ukm": bytes(ukm) if ukm is not None else None,
        "wrapped_key": bytes(kari["recipient_encrypted_keys"][k]["encrypted_key"].native),
        "kind": "ecdh",
    }


def _to_json(challenge: dict[str, Any]) -> dict[str, Any]:
    return {
        k: base64.b64encode(v).decode() if isinstance(v, bytes) else v for k, v in challenge.items()
    }


def recipient_challenge(envelope: bytes, cert: x509.Certificate) -> dict[str, Any]:
    """The JSON recipient challenge of ``cert``'s RecipientInfo (the decrypt ``recipient``)."""
    env = _load(envelope)
    pub = cert.public_key()
    if not isinstance(pub, ec.EllipticCurvePublicKey):
        raise EnvelopeRecipientUnsupported("only EC encryption certificates are supported")
    try:
        for i, ri in enumerate(env["recipient_infos"]):
            if ri.name != "kari":
                continue
            for j, rek in enumerate(ri.chosen["recipient_encrypted_keys"]):
                if _matches(rek["rid"], cert):
                    found = _challenge(ri.chosen, i, j, _spki_sha256(cert), pub.curve.name)
                    return _to_json(found)
    except EnvelopeMalformed:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise EnvelopeMalformed("a RecipientInfo does not parse") from exc
    raise EnvelopeNoRecipient("the envelope is not sealed to this certificate")


def finish(envelope: bytes, recipient: dict[str, Any], z: bytes) -> bytes:
    """Open ``envelope`` with the phone's ECDH output ``z`` for ``recipient``."""
    env = _load(envelope)
    try:
        ri = env["recipient_infos"][recipient["recipient_index"]]
        if ri.name != "kari":
            raise EnvelopeMalformed("the challenge does not match the envelope")
        expected = _to_json(
            _challenge(
                ri.chosen,
                recipient["recipient_index"],
                recipient["key_index"],
                base64.b64decode(recipient["recipient_key_sha256"]),
                recipient["curve"],
            )
        )
    except EnvelopeMalformed:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise EnvelopeMalformed("the challenge does not match the envelope") from exc
    if expected != recipient:
        raise EnvelopeMalformed("the challenge does not match the envelope")
    ukm = expected["ukm"]
    kek = _kek(
        z,
        expected["kdf_hash"],
        base64.b64decode(expected["key_wrap_algorithm_der"]),
        base64.b64decode(ukm) if ukm is not None else None,
        _WRAP_LEN[expected["key_wrap_algorithm"]],
    )
    try:
        cek = aes_key_unwrap(kek, base64.b64decode(expected["wrapped_key"]))
    except (InvalidUnwrap, ValueError) as exc:
        raise DecryptionFailed("the phone's key agreement does not open this envelope") from exc
    try:
        eci = env["encrypted_content_info"]
        alg = eci["content_encryption_algorithm"]
        name, iv = alg["algorithm"].native, alg["parameters"].native
        ciphertext = eci["encrypted_content"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise EnvelopeMalformed("bad EncryptedContentInfo") from exc
    if name not in _CONTENT_LEN or len(cek) != _CONTENT_LEN[name]:
        raise EnvelopeMalformed(f"unsupported content cipher {name}")
    if not isinstance(iv, bytes) or len(iv) != 16 or not ciphertext or len(ciphertext) % 16:
        raise EnvelopeMalformed("bad IV or ciphertext length")
    decryptor = Cipher(algorithms.AES(cek), modes.CBC(iv)).decryptor()
    padded = decryptor.update(bytes(ciphertext)) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError as exc:
        raise DecryptionFailed("the content does not decrypt") from exc


__all__ = ["encrypt", "finish", "recipient_challenge"]
