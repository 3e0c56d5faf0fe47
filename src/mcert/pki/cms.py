"""CMS EnvelopedData "digital envelopes" (RFC 5652) for encrypted bids, with split decryption.

Encryption: content under AES-256-CBC, one RecipientInfo per certificate — EC keys get a
KeyAgreeRecipientInfo (RFC 5753 ephemeral-static ECDH, X9.63 KDF, AES key wrap RFC 3394), RSA
keys a KeyTransRecipientInfo (RSAES-OAEP/SHA-256 by default, or PKCS#1 v1.5).

Decryption is split so the private key never leaves the phone that holds it:

1. :func:`extract_recipient` (server) — finds the certificate's RecipientInfo and returns a
   JSON-serialisable :data:`RecipientChallenge`;
2. :func:`key_holder_step` (key holder) — the ONLY private-key operation: the ECDH shared
   secret Z, or the RSA-decrypted content-encryption key;
3. :func:`finish_decrypt` (server) — KDF, key unwrap and content decryption.

Z is specific to one envelope (a fresh ephemeral key per envelope), so handing it to the
server only opens that envelope. This module is pure: no database, network, settings or
clock; it never stores or logs keys, Z or plaintext.

Why not ``cryptography``'s PKCS#7 decrypt: it cannot be split and only handles RSA. We use
``asn1crypto.cms`` for the structures; the RFC 5753 scheme OIDs unknown to asn1crypto are
handled as dotted strings rather than patching its global OID maps.

AES-CBC EnvelopedData has no integrity protection of the content: bids must be signed before
they are enveloped. A tampered wrapped key is detected (RFC 3394 integrity check / OAEP); a
tampered ciphertext usually shows up as a padding error, but not always.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.x963kdf import X963KDF
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from mcert.errors import InvalidInput

__all__ = [
    "EcdhChallenge",
    "EnvelopeKeyMismatch",
    "EnvelopeMalformed",
    "EnvelopeNoRecipient",
    "EnvelopeRecipientUnsupported",
    "RecipientChallenge",
    "RsaChallenge",
    "RsaPadding",
    "challenge_from_json",
    "decrypt",
    "encrypt",
    "extract_recipient",
    "finish_decrypt",
    "key_holder_step",
]


class EnvelopeMalformed(InvalidInput):
    code = "envelope_malformed"
    default_message = "数字信封格式错误"


class EnvelopeNoRecipient(InvalidInput):
    code = "envelope_no_recipient"
    default_message = "该证书不是此数字信封的接收者"


class EnvelopeKeyMismatch(InvalidInput):
    code = "envelope_key_mismatch"
    default_message = "私钥与数字信封不匹配，或信封已被篡改"


class EnvelopeRecipientUnsupported(InvalidInput):
    """Encryption was asked for a certificate we cannot (or must not) encrypt to."""

    code = "envelope_recipient_unsupported"
    default_message = "该证书不能用于加密数字信封"


class RsaPadding(enum.StrEnum):
    OAEP = "oaep"
    PKCS1V15 = "pkcs1v15"


# RFC 5753 / SEC 1 key-agreement schemes → KDF hash. For the NIST prime curves the cofactor
# is 1, so cofactor DH equals standard DH and both families decrypt the same way. OpenSSL's
# default when *it* encrypts is the SHA-1 KDF scheme, so decryption accepts it; we emit SHA-256.
_KA_SCHEMES: dict[str, str] = {
    "1.3.133.16.840.63.0.2": "sha1",  # dhSinglePass-stdDH-sha1kdf-scheme
    "1.3.132.1.11.0": "sha224",
    "1.3.132.1.11.1": "sha256",  # dhSinglePass-stdDH-sha256kdf-scheme
    "1.3.132.1.11.2": "sha384",
    "1.3.132.1.11.3": "sha512",
    "1.3.133.16.840.63.0.3": "sha1",  # dhSinglePass-cofactorDH-sha1kdf-scheme
    "1.3.132.1.14.0": "sha224",
    "1.3.132.1.14.1": "sha256",
    "1.3.132.1.14.2": "sha384",
    "1.3.132.1.14.3": "sha512",
}
_KA_SCHEME_SHA256 = "1.3.132.1.11.1"
_WRAP_KEY_LEN: dict[str, int] = {"aes128_wrap": 16, "aes192_wrap": 24, "aes256_wrap": 32}
_CONTENT_KEY_LEN: dict[str, int] = {"aes128_cbc": 16, "aes192_cbc": 24, "aes256_cbc": 32}
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_NIST_CURVES: dict[str, type[ec.EllipticCurve]] = {
    "secp256r1": ec.SECP256R1,
    "secp384r1": ec.SECP384R1,
    "secp521r1": ec.SECP521R1,
}


class _EccCmsSharedInfo(a_core.Sequence):  # type: ignore[misc]
    """ECC-CMS-SharedInfo (RFC 5753 §7.2), the X9.63 KDF's SharedInfo."""

    _fields = [  # noqa: RUF012 - asn1crypto's declarative schema
        ("key_info", a_core.Any),
        ("entity_u_info", a_core.OctetString, {"explicit": 0, "optional": True}),
        ("supp_pub_info", a_core.OctetString, {"explicit": 2}),
    ]


# --------------------------------------------------------------------------- challenges


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


@dataclass(frozen=True, slots=True)
class EcdhChallenge:
    """What the EC key holder needs (curve + ephemeral point) and what step (c) re-checks."""

    recipient_index: int  # position in recipientInfos
    key_index: int  # position in that KARI's recipientEncryptedKeys
    recipient_key_sha256: bytes  # SHA-256 of the recipient's SubjectPublicKeyInfo DER
    curve: str  # cryptography curve name, e.g. "secp256r1"
    ephemeral_public_key: bytes  # X9.62 point of the originator's ephemeral key
    kdf_hash: str
    key_wrap_algorithm: str
    key_wrap_algorithm_der: bytes  # keyInfo of ECC-CMS-SharedInfo, exactly as in the envelope
    ukm: bytes | None
    wrapped_key: bytes
    kind: Literal["ecdh"] = "ecdh"

    def ephemeral_public_key_spki(self) -> bytes:
        """The ephemeral key as SubjectPublicKeyInfo DER (what Android's KeyFactory wants)."""
        pub = ec.EllipticCurvePublicKey.from_encoded_point(
            _NIST_CURVES[self.curve](), self.ephemeral_public_key
        )
        return pub.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def to_json(self) -> str:
        return _to_json(self)


@dataclass(frozen=True, slots=True)
class RsaChallenge:
    """The RSA-encrypted content-encryption key and how to decrypt it."""

    recipient_index: int
    recipient_key_sha256: bytes
    padding: RsaPadding
    oaep_hash: str | None
    oaep_mgf_hash: str | None
    oaep_label: bytes | None
    encrypted_key: bytes
    kind: Literal["rsa"] = "rsa"

    def to_json(self) -> str:
        return _to_json(self)


RecipientChallenge = EcdhChallenge | RsaChallenge


def _to_json(ch: RecipientChallenge) -> str:
    data = {k: (_b64(v) if isinstance(v, bytes) else v) for k, v in asdict(ch).items()}
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


_BYTES_FIELDS = frozenset(
    {
        "recipient_key_sha256",
        "ephemeral_public_key",
        "key_wrap_algorithm_der",
        "ukm",
        "wrapped_key",
        "oaep_label",
        "encrypted_key",
    }
)


_INT_FIELDS = frozenset({"recipient_index", "key_index"})
_STR_FIELDS = frozenset({"curve", "kdf_hash", "key_wrap_algorithm", "oaep_hash", "oaep_mgf_hash"})
_OPTIONAL_FIELDS = frozenset({"ukm", "oaep_hash", "oaep_mgf_hash", "oaep_label"})


def _decode_field(key: str, value: object) -> object:
    # The JSON comes back from a phone: check types here so nothing odd reaches the crypto.
    if value is None and key in _OPTIONAL_FIELDS:
        return None
    if key in _BYTES_FIELDS:
        if not isinstance(value, str):
            raise TypeError(key)
        return base64.b64decode(value, validate=True)
    if key in _INT_FIELDS:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise TypeError(key)
        return value
    if key in _STR_FIELDS or key in ("kind", "padding"):
        if not isinstance(value, str):
            raise TypeError(key)
        return RsaPadding(value) if key == "padding" else value
    raise TypeError(key)


def challenge_from_json(data: str | bytes) -> RecipientChallenge:
    """Inverse of ``challenge.to_json()``; malformed input raises :class:`EnvelopeMalformed`."""
    try:
        raw = json.loads(data)
        if not isinstance(raw, dict):
            raise TypeError("not an object")
        fields: dict[str, Any] = {k: _decode_field(k, v) for k, v in raw.items()}
        kind = fields.get("kind")
        if kind == "ecdh":
            ch: RecipientChallenge = EcdhChallenge(**fields)
        elif kind == "rsa":
            ch = RsaChallenge(**fields)
        else:
            raise ValueError("unknown challenge kind")
    except (ValueError, TypeError, KeyError) as exc:
        raise EnvelopeMalformed(details={"reason": "bad challenge"}) from exc
    return ch


# --------------------------------------------------------------------------- helpers


def _spki_der(cert: x509.Certificate) -> bytes:
    return cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _a_cert(cert: x509.Certificate) -> a_x509.Certificate:
    return a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _key_usage_allows(cert: x509.Certificate, usage: str) -> bool:
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True  # no KeyUsage means no restriction (RFC 5280 §4.2.1.3)
    return bool(getattr(ku, usage))


def _shared_info(key_wrap_der: bytes, ukm: bytes | None, kek_len: int) -> bytes:
    info: dict[str, object] = {
        "key_info": a_core.Any.load(key_wrap_der),
        "supp_pub_info": (kek_len * 8).to_bytes(4, "big"),
    }
    if ukm is not None:
        info["entity_u_info"] = ukm
    return bytes(_EccCmsSharedInfo(info).dump())


def _kek(z: bytes, kdf_hash: str, key_wrap_der: bytes, ukm: bytes | None, kek_len: int) -> bytes:
    kdf = X963KDF(
        algorithm=_HASHES[kdf_hash](),
        length=kek_len,
        sharedinfo=_shared_info(key_wrap_der, ukm, kek_len),
    )
    return kdf.derive(z)


def _issuer_and_serial(cert: x509.Certificate) -> dict[str, object]:
    a = _a_cert(cert)
    return {"issuer": a.issuer, "serial_number": a.serial_number}


# --------------------------------------------------------------------------- encryption


def _kari(
    cert: x509.Certificate, pub: ec.EllipticCurvePublicKey, cek: bytes
) -> a_cms.RecipientInfo:
    ephemeral = ec.generate_private_key(pub.curve)
    z = ephemeral.exchange(ec.ECDH(), pub)
    wrap_der = a_cms.KeyEncryptionAlgorithm({"algorithm": "aes256_wrap"}).dump()
    kek = _kek(z, "sha256", wrap_der, None, 32)
    point = ephemeral.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    kari = a_cms.KeyAgreeRecipientInfo(
        {
            "version": "v3",
            # RFC 5753 §3.1.1: id-ecPublicKey with absent parameters; the curve is the
            # recipient's.
            "originator": a_cms.OriginatorIdentifierOrKey(
                name="originator_key",
                value={"algorithm": {"algorithm": "ec"}, "public_key": point},
            ),
            "key_encryption_algorithm": {
                "algorithm": _KA_SCHEME_SHA256,
                "parameters": a_core.Any.load(wrap_der),
            },
            "recipient_encrypted_keys": [
                {
                    "rid": a_cms.KeyAgreementRecipientIdentifier(
                        name="issuer_and_serial_number", value=_issuer_and_serial(cert)
                    ),
                    "encrypted_key": aes_key_wrap(kek, cek),
                }
            ],
        }
    )
    return a_cms.RecipientInfo(name="kari", value=kari)


def _ktri(
    cert: x509.Certificate, pub: rsa.RSAPublicKey, cek: bytes, rsa_padding: RsaPadding
) -> a_cms.RecipientInfo:
    if rsa_padding is RsaPadding.OAEP:
        pad: asym_padding.AsymmetricPadding = asym_padding.OAEP(
            mgf=asym_padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None
        )
        alg: dict[str, object] = {
            "algorithm": "rsaes_oaep",
            "parameters": {
                "hash_algorithm": {"algorithm": "sha256"},
                "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": "sha256"}},
            },
        }
    else:
        pad = asym_padding.PKCS1v15()
        alg = {"algorithm": "rsaes_pkcs1v15"}
    ktri = a_cms.KeyTransRecipientInfo(
        {
            "version": "v0",
            "rid": a_cms.RecipientIdentifier(
                name="issuer_and_serial_number", value=_issuer_and_serial(cert)
            ),
            "key_encryption_algorithm": alg,
            "encrypted_key": pub.encrypt(cek, pad),
        }
    )
    return a_cms.RecipientInfo(name="ktri", value=ktri)


def encrypt(
    content: bytes,
    recipients: Sequence[x509.Certificate],
    *,
    rsa_padding: RsaPadding = RsaPadding.OAEP,
) -> bytes:
    """Envelope ``content`` for ``recipients``; return DER ContentInfo(EnvelopedData)."""
    if not recipients:
        raise EnvelopeRecipientUnsupported(details={"reason": "no recipients"})
    cek = os.urandom(32)
    infos: list[a_cms.RecipientInfo] = []
    for cert in recipients:
        pub = cert.public_key()
        if isinstance(pub, ec.EllipticCurvePublicKey):
            if pub.curve.name not in _NIST_CURVES or not _key_usage_allows(cert, "key_agreement"):
                raise EnvelopeRecipientUnsupported(details={"serial": cert.serial_number})
            infos.append(_kari(cert, pub, cek))
        elif isinstance(pub, rsa.RSAPublicKey):
            if not _key_usage_allows(cert, "key_encipherment"):
                raise EnvelopeRecipientUnsupported(details={"serial": cert.serial_number})
            infos.append(_ktri(cert, pub, cek, rsa_padding))
        else:
            raise EnvelopeRecipientUnsupported(details={"serial": cert.serial_number})

    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(content) + padder.finalize()
    encryptor = Cipher(algorithms.AES(cek), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()

    # RFC 5652 §6.1: version 0 only when every RecipientInfo is a v0 ktri; kari forces 2.
    version = "v0" if all(ri.name == "ktri" for ri in infos) else "v2"
    enveloped = a_cms.EnvelopedData(
        {
            "version": version,
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


# --------------------------------------------------------------------------- decryption


def _load_envelope(der: bytes) -> a_cms.EnvelopedData:
    try:
        ci = a_cms.ContentInfo.load(der, strict=True)
        if ci["content_type"].native != "enveloped_data":
            raise EnvelopeMalformed(details={"reason": "not EnvelopedData"})
        env = ci["content"]
        env.native  # noqa: B018 - force the lazy parse so garbage fails here, not later
    except EnvelopeMalformed:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise EnvelopeMalformed(details={"reason": "cannot parse envelope"}) from exc
    return env


def _rid_matches(rid: a_core.Choice, cert: x509.Certificate) -> bool:
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
    if rid.name == "subject_key_identifier":
        return bool(rid.chosen.native == ski)
    if rid.name == "r_key_id":
        return bool(rid.chosen["subject_key_identifier"].native == ski)
    return False


def _ecdh_challenge(
    kari: a_cms.KeyAgreeRecipientInfo,
    ri_index: int,
    key_index: int,
    key_sha256: bytes,
    curve: str,
) -> EcdhChallenge:
    originator = kari["originator"]
    if originator.name != "originator_key":
        raise EnvelopeMalformed(details={"reason": "originator is not an ephemeral key"})
    # BIT STRING contents: one unused-bits octet, then the X9.62 point.
    point = bytes(originator.chosen["public_key"].contents[1:])
    kea = kari["key_encryption_algorithm"]
    scheme = kea["algorithm"].dotted
    if scheme not in _KA_SCHEMES:
        raise EnvelopeMalformed(details={"reason": f"unsupported key agreement {scheme}"})
    wrap_der = kea["parameters"].dump()
    wrap = a_cms.KeyEncryptionAlgorithm.load(wrap_der)
    wrap_name = wrap["algorithm"].native
    if wrap_name not in _WRAP_KEY_LEN:
        raise EnvelopeMalformed(details={"reason": f"unsupported key wrap {wrap_name}"})
    ukm = kari["ukm"].native
    return EcdhChallenge(
        recipient_index=ri_index,
        key_index=key_index,
        recipient_key_sha256=key_sha256,
        curve=curve,
        ephemeral_public_key=point,
        kdf_hash=_KA_SCHEMES[scheme],
        key_wrap_algorithm=wrap_name,
        key_wrap_algorithm_der=wrap_der,
        ukm=bytes(ukm) if ukm is not None else None,
        wrapped_key=bytes(kari["recipient_encrypted_keys"][key_index]["encrypted_key"].native),
    )


def _rsa_challenge(
    ktri: a_cms.KeyTransRecipientInfo, ri_index: int, key_sha256: bytes
) -> RsaChallenge:
    kea = ktri["key_encryption_algorithm"]
    name = kea["algorithm"].native
    encrypted_key = bytes(ktri["encrypted_key"].native)
    if name == "rsaes_pkcs1v15":
        return RsaChallenge(
            recipient_index=ri_index,
            recipient_key_sha256=key_sha256,
            padding=RsaPadding.PKCS1V15,
            oaep_hash=None,
            oaep_mgf_hash=None,
            oaep_label=None,
            encrypted_key=encrypted_key,
        )
    if name != "rsaes_oaep":
        raise EnvelopeMalformed(details={"reason": f"unsupported key transport {name}"})
    params = kea["parameters"]
    hash_name = params["hash_algorithm"]["algorithm"].native
    mgf = params["mask_gen_algorithm"]
    mgf_hash = mgf["parameters"]["algorithm"].native
    label_alg = params["p_source_algorithm"]
    label = bytes(label_alg["parameters"].native or b"")
    if mgf["algorithm"].native != "mgf1" or hash_name not in _HASHES or mgf_hash not in _HASHES:
        raise EnvelopeMalformed(details={"reason": "unsupported OAEP parameters"})
    return RsaChallenge(
        recipient_index=ri_index,
        recipient_key_sha256=key_sha256,
        padding=RsaPadding.OAEP,
        oaep_hash=hash_name,
        oaep_mgf_hash=mgf_hash,
        oaep_label=label or None,
        encrypted_key=encrypted_key,
    )


def _find_challenges(env: a_cms.EnvelopedData, cert: x509.Certificate) -> list[RecipientChallenge]:
    pub = cert.public_key()
    key_sha256 = hashlib.sha256(_spki_der(cert)).digest()
    found: list[RecipientChallenge] = []
    try:
        for i, ri in enumerate(env["recipient_infos"]):
            if ri.name == "kari" and isinstance(pub, ec.EllipticCurvePublicKey):
                for j, rek in enumerate(ri.chosen["recipient_encrypted_keys"]):
                    if _rid_matches(rek["rid"], cert):
                        found.append(_ecdh_challenge(ri.chosen, i, j, key_sha256, pub.curve.name))
            elif ri.name == "ktri" and isinstance(pub, rsa.RSAPublicKey):
                if _rid_matches(ri.chosen["rid"], cert):
                    found.append(_rsa_challenge(ri.chosen, i, key_sha256))
    except EnvelopeMalformed:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise EnvelopeMalformed(details={"reason": "bad RecipientInfo"}) from exc
    return found


def extract_recipient(envelope_der: bytes, cert: x509.Certificate) -> RecipientChallenge:
    """Step (a): the challenge for ``cert``'s RecipientInfo; no private key involved."""
    env = _load_envelope(envelope_der)
    found = _find_challenges(env, cert)
    if not found:
        raise EnvelopeNoRecipient()
    return found[0]


def key_holder_step(
    challenge: RecipientChallenge,
    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
) -> bytes:
    """Step (b), the only private-key operation: ECDH Z (EC) or the decrypted CEK (RSA).

    The key is first checked against the challenge's recipient fingerprint so a wrong key
    fails cleanly instead of producing a random Z (or, for PKCS#1 v1.5, a random "key").
    """
    spki = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if hashlib.sha256(spki).digest() != challenge.recipient_key_sha256:
        raise EnvelopeKeyMismatch()
    if isinstance(challenge, EcdhChallenge):
        if not isinstance(private_key, ec.EllipticCurvePrivateKey):
            raise EnvelopeKeyMismatch()
        curve_cls = _NIST_CURVES.get(challenge.curve)
        if curve_cls is None:
            raise EnvelopeMalformed(details={"reason": "unsupported curve"})
        try:
            peer = ec.EllipticCurvePublicKey.from_encoded_point(
                curve_cls(), challenge.ephemeral_public_key
            )
        except ValueError as exc:
            raise EnvelopeMalformed(details={"reason": "bad ephemeral key"}) from exc
        return private_key.exchange(ec.ECDH(), peer)
    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise EnvelopeKeyMismatch()
    pad: asym_padding.AsymmetricPadding
    if challenge.padding is RsaPadding.OAEP:
        if challenge.oaep_hash not in _HASHES or challenge.oaep_mgf_hash not in _HASHES:
            raise EnvelopeMalformed(details={"reason": "unsupported OAEP parameters"})
        pad = asym_padding.OAEP(
            mgf=asym_padding.MGF1(_HASHES[challenge.oaep_mgf_hash]()),
            algorithm=_HASHES[challenge.oaep_hash](),
            label=challenge.oaep_label,
        )
    else:
        # OpenSSL >= 3.2 (as bundled with cryptography) does implicit rejection here: a bad
        # block yields a pseudo-random "key" rather than an error, which step (c) then rejects.
        pad = asym_padding.PKCS1v15()
    try:
        return private_key.decrypt(challenge.encrypted_key, pad)
    except ValueError as exc:
        raise EnvelopeKeyMismatch() from exc


def finish_decrypt(
    envelope_der: bytes, challenge: RecipientChallenge, key_holder_output: bytes
) -> bytes:
    """Step (c): derive/unwrap the content-encryption key and decrypt the content."""
    env = _load_envelope(envelope_der)
    # Rebuild the challenge from the envelope itself: everything used below then comes from
    # the envelope, and a challenge that travelled and came back altered is caught here.
    try:
        ri = env["recipient_infos"][challenge.recipient_index]
        expected: RecipientChallenge
        if isinstance(challenge, EcdhChallenge):
            if ri.name != "kari":
                raise EnvelopeMalformed(details={"reason": "challenge does not match envelope"})
            expected = _ecdh_challenge(
                ri.chosen,
                challenge.recipient_index,
                challenge.key_index,
                challenge.recipient_key_sha256,
                challenge.curve,
            )
        else:
            if ri.name != "ktri":
                raise EnvelopeMalformed(details={"reason": "challenge does not match envelope"})
            expected = _rsa_challenge(
                ri.chosen, challenge.recipient_index, challenge.recipient_key_sha256
            )
    except EnvelopeMalformed:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise EnvelopeMalformed(details={"reason": "challenge does not match envelope"}) from exc
    if expected != challenge:
        raise EnvelopeMalformed(details={"reason": "challenge does not match envelope"})

    return _decrypt_content(env, content_key(challenge, key_holder_output))


def content_key(challenge: RecipientChallenge, key_holder_output: bytes) -> bytes:
    """The content-encryption key from the key holder's output (KDF + unwrap for EC).

    Lets the key holder hand on only the CEK (e.g. sealed to a relying party) while the
    envelope itself is decrypted elsewhere with :func:`decrypt_with_content_key`.
    """
    if isinstance(challenge, EcdhChallenge):
        kek_len = _WRAP_KEY_LEN.get(challenge.key_wrap_algorithm)
        if kek_len is None:
            raise EnvelopeMalformed(details={"reason": "unsupported key wrap"})
        kek = _kek(
            key_holder_output,
            challenge.kdf_hash,
            challenge.key_wrap_algorithm_der,
            challenge.ukm,
            kek_len,
        )
        try:
            return aes_key_unwrap(kek, challenge.wrapped_key)
        except (InvalidUnwrap, ValueError) as exc:
            raise EnvelopeKeyMismatch() from exc
    return key_holder_output


def decrypt_with_content_key(envelope_der: bytes, cek: bytes) -> bytes:
    """Decrypt the envelope's content with a content-encryption key recovered elsewhere."""
    return _decrypt_content(_load_envelope(envelope_der), cek)


def _decrypt_content(env: a_cms.EnvelopedData, cek: bytes) -> bytes:
    try:
        eci = env["encrypted_content_info"]
        alg = eci["content_encryption_algorithm"]
        name = alg["algorithm"].native
        iv = alg["parameters"].native
        ciphertext = eci["encrypted_content"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise EnvelopeMalformed(details={"reason": "bad EncryptedContentInfo"}) from exc
    if name not in _CONTENT_KEY_LEN:
        raise EnvelopeMalformed(details={"reason": f"unsupported content cipher {name}"})
    if not isinstance(iv, bytes) or len(iv) != 16:
        raise EnvelopeMalformed(details={"reason": "bad IV"})
    if ciphertext is None or len(ciphertext) == 0 or len(ciphertext) % 16:
        raise EnvelopeMalformed(details={"reason": "bad ciphertext length"})
    if len(cek) != _CONTENT_KEY_LEN[name]:
        raise EnvelopeKeyMismatch()
    decryptor = Cipher(algorithms.AES(cek), modes.CBC(iv)).decryptor()
    padded = decryptor.update(bytes(ciphertext)) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError as exc:
        # Wrong CEK (e.g. a PKCS#1 v1.5 implicit-rejection key) or tampered ciphertext.
        raise EnvelopeKeyMismatch() from exc


def decrypt(
    envelope_der: bytes,
    cert: x509.Certificate,
    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
) -> bytes:
    """Convenience: (a) → (b) → (c) in one process."""
    challenge = extract_recipient(envelope_der, cert)
    return finish_decrypt(envelope_der, challenge, key_holder_step(challenge, private_key))
