"""The RP's one-time key for a decryption, and opening what the phone sealed to it.

The phone seals its key-agreement output to the RP's P-256 key with ECIES (ECDH, HKDF-SHA256,
AES-256-GCM), bound to the session by the AAD; only the RP backend can open it. This is the
protocol of ``docs/protocol.md`` (``mcert/keyprotect/v1/ecies``), written here from that
description so the SDK needs nothing of the server or the device client.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mcert_rp._b64 import b64u_decode, b64u_encode
from mcert_rp._exceptions import DecryptionFailed

SEALED_ALG = "ECDH-ES-P256+HKDF-SHA256+A256GCM"
_ECIES_INFO = b"mcert/keyprotect/v1/ecies"
_OUTPUT_AAD = b"mcert/scan/v1/key-agreement"


def _point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def public_key_jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    """The public half as a JWK, what ``rp_public_key`` carries."""
    nums = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64u_encode(nums.x.to_bytes(32, "big")),
        "y": b64u_encode(nums.y.to_bytes(32, "big")),
    }


def output_aad(session_id: str) -> bytes:
    raw = session_id.encode("utf-8")
    if not 1 <= len(raw) <= 255:
        raise ValueError("session id must be 1-255 bytes of UTF-8")
    return _OUTPUT_AAD + b"\x00" + len(raw).to_bytes(2, "big") + raw


def open_sealed(key: ec.EllipticCurvePrivateKey, sealed: Mapping[str, Any], aad: bytes) -> bytes:
    """``{"v", "alg", "epk", "iv", "ct"}`` sealed to ``key``; raises :class:`DecryptionFailed`."""
    try:
        if sealed["v"] != 1 or sealed["alg"] != SEALED_ALG:
            raise DecryptionFailed("unknown sealed output version")
        epk, iv, ct = (b64u_decode(sealed[k]) for k in ("epk", "iv", "ct"))
        if len(epk) != 65 or len(iv) != 12:
            raise DecryptionFailed("the sealed output is malformed")
        peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), epk)
    except DecryptionFailed:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise DecryptionFailed("the sealed output is malformed") from exc
    info = _ECIES_INFO + b"\x00" + epk + _point(key.public_key())
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        key.exchange(ec.ECDH(), peer)
    )
    try:
        return AESGCM(kek).decrypt(iv, ct, aad)
    except InvalidTag as exc:
        raise DecryptionFailed("the sealed output does not authenticate") from exc
