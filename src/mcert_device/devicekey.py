"""Device binding on the phone's side (``docs/protocol.md`` section 6): the device key that
makes this installation *this* device, and the two messages it signs — the login message
(over the single-use SMS code) and the proof of one binding-sensitive request (over the
server's single-use challenge, the method, the path and the body's SHA-256).

Signatures are raw ``r ‖ s`` (64 bytes, base64url), WebCrypto's ECDSA output. On a real
phone the key lives in the platform keystore (Android Keystore / iOS Secure Enclave,
non-exportable); the reference keeps it in ``keystore.json`` beside ``device_secret``.

Never imports the server package ``mcert``; never sends the private key anywhere.
"""

from __future__ import annotations

import hashlib
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from mcert_device.codec import b64u_encode
from mcert_device.crypto import public_key_der

__all__ = [
    "CHALLENGE_HEADER",
    "NEXT_CHALLENGE_HEADER",
    "NEXT_CHALLENGE_TTL_HEADER",
    "SIGNATURE_HEADER",
    "generate_device_key",
    "login_message",
    "proof_message",
    "sign_raw",
]

LOGIN_LABEL = b"mcert/device-login/v1"
PROOF_LABEL = b"mcert/device-proof/v1"
CHALLENGE_HEADER = "X-Mcert-Device-Challenge"
# A fresh challenge on every authenticated response, for the next proof (and its lifetime).
NEXT_CHALLENGE_HEADER = "X-Mcert-Next-Device-Challenge"
NEXT_CHALLENGE_TTL_HEADER = "X-Mcert-Next-Device-Challenge-Expires-In"
SIGNATURE_HEADER = "X-Mcert-Device-Signature"


def _lp(value: str) -> bytes:
    raw = value.encode()
    return struct.pack(">H", len(raw)) + raw


def generate_device_key() -> ec.EllipticCurvePrivateKey:
    """This installation's device key (P-256), made once, registered at login."""
    return ec.generate_private_key(ec.SECP256R1())


def login_message(device_id: str, code: str, key: ec.EllipticCurvePrivateKey) -> bytes:
    """``"mcert/device-login/v1" ‖ 0x00 ‖ lp(device_id) ‖ lp(code) ‖ SHA-256(SPKI)``."""
    spki = public_key_der(key)
    return LOGIN_LABEL + b"\x00" + _lp(device_id) + _lp(code) + hashlib.sha256(spki).digest()


def proof_message(challenge: str, method: str, path: str, body: bytes) -> bytes:
    """``"mcert/device-proof/v1" ‖ 0x00 ‖ lp(challenge) ‖ lp(METHOD) ‖ lp(path) ‖
    SHA-256(body)``."""
    return (
        PROOF_LABEL
        + b"\x00"
        + _lp(challenge)
        + _lp(method.upper())
        + _lp(path)
        + hashlib.sha256(body).digest()
    )


def sign_raw(key: ec.EllipticCurvePrivateKey, message: bytes) -> str:
    """ECDSA P-256 / SHA-256 of ``message`` as base64url ``r ‖ s``."""
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(hashes.SHA256())))
    raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return b64u_encode(raw)
