"""Device binding: a key pair made on the device, proven at login and on every
binding-sensitive call (docs/protocol.md section 6).

A device is what holds the private half of the P-256 key it registered at login, not the
id it declares: a copy of the app's exported storage and tokens carries the id but not a
non-extractable key, so it cannot answer a fresh challenge. Challenges are stateless
(HMAC-authenticated, naming the auth session and an expiry) and single-use (a used marker
in the key-value store for their lifetime), so a captured proof cannot be replayed and
unused challenges cost the server nothing.

This module verifies signatures; it never sees a device's private key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import struct
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from mcert.codec import b64u_decode, b64u_encode
from mcert.errors import InvalidInput, PermissionDenied
from mcert.runtime import Runtime

LOGIN_LABEL = b"mcert/device-login/v1"
PROOF_LABEL = b"mcert/device-proof/v1"
_CHALLENGE_LABEL = b"mcert/device-challenge/v1"
_NONCE_BYTES = 16
_MAC_BYTES = 16
_CHALLENGE_BYTES = _NONCE_BYTES + 8 + _MAC_BYTES

CHALLENGE_HEADER = "X-Mcert-Device-Challenge"
# On every authenticated app response: a fresh challenge for the device's next proof, so a
# binding-sensitive call needs no round trip to POST /device/challenge first.
NEXT_CHALLENGE_HEADER = "X-Mcert-Next-Device-Challenge"
NEXT_CHALLENGE_TTL_HEADER = "X-Mcert-Next-Device-Challenge-Expires-In"
SIGNATURE_HEADER = "X-Mcert-Device-Signature"


class DeviceKeyInvalid(InvalidInput):
    code = "device_key_invalid"
    default_message = "设备密钥格式有误，请更新应用后重试"


class DeviceProofRequired(PermissionDenied):
    code = "device_proof_required"
    default_message = "此操作需要本机设备验证，请更新应用并重新登录"


class DeviceProofInvalid(PermissionDenied):
    code = "device_proof_invalid"
    default_message = "设备验证失败，本机不是登录时绑定的设备，请重新登录"


def _decode(text: str) -> bytes:
    try:
        return b64u_decode(text)
    except ValueError:
        raise DeviceProofInvalid() from None


def _lp(value: str) -> bytes:
    raw = value.encode()
    if len(raw) > 0xFFFF:
        raise DeviceProofInvalid()
    return struct.pack(">H", len(raw)) + raw


# --------------------------------------------------------------------------- keys


def load_public_key(value: str | dict[str, Any]) -> bytes:
    """A P-256 public key as base64url SPKI DER or a public JWK; returns the SPKI DER."""
    try:
        if isinstance(value, dict):
            if "d" in value or value.get("kty") != "EC" or value.get("crv") != "P-256":
                raise ValueError("not a public P-256 JWK")
            x = int.from_bytes(_decode(str(value["x"])), "big")
            y = int.from_bytes(_decode(str(value["y"])), "big")
            key: Any = ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
        else:
            key = serialization.load_der_public_key(_decode(value))
    except (ValueError, KeyError, TypeError, UnsupportedAlgorithm, DeviceProofInvalid) as exc:
        raise DeviceKeyInvalid() from exc
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise DeviceKeyInvalid()
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def thumbprint(spki_der: bytes) -> str:
    """SHA-256 of the SPKI DER, hex: how a registered key is recognised."""
    return hashlib.sha256(spki_der).hexdigest()


def encode_spki(spki_der: bytes) -> str:
    return b64u_encode(spki_der)


def verify_signature(spki_der: bytes, message: bytes, signature_b64u: str) -> None:
    """ECDSA P-256 / SHA-256, signature as raw ``r ‖ s`` (64 bytes, WebCrypto's format)."""
    raw = _decode(signature_b64u)
    if len(raw) != 64:
        raise DeviceProofInvalid()
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    key = serialization.load_der_public_key(spki_der)
    assert isinstance(key, ec.EllipticCurvePublicKey)
    try:
        key.verify(der, message, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise DeviceProofInvalid() from None


# --------------------------------------------------------------------------- messages


def login_message(device_id: str, code: str, spki_der: bytes) -> bytes:
    """What the device signs at login: the single-use SMS code makes it fresh."""
    return LOGIN_LABEL + b"\x00" + _lp(device_id) + _lp(code) + hashlib.sha256(spki_der).digest()


def proof_message(challenge: str, method: str, path: str, body: bytes) -> bytes:
    """What the device signs for one request: the challenge, the request line, the body."""
    return (
        PROOF_LABEL
        + b"\x00"
        + _lp(challenge)
        + _lp(method.upper())
        + _lp(path)
        + hashlib.sha256(body).digest()
    )


# --------------------------------------------------------------------------- challenges


def _challenge_key(rt: Runtime) -> bytes:
    return hmac.new(rt.settings.secret_key.encode(), _CHALLENGE_LABEL, hashlib.sha256).digest()


def _challenge_mac(rt: Runtime, session_id: str, body: bytes) -> bytes:
    msg = _lp(session_id) + body
    return hmac.new(_challenge_key(rt), msg, hashlib.sha256).digest()[:_MAC_BYTES]


@dataclass(frozen=True)
class Challenge:
    value: str
    expires_in: int


def issue_challenge(rt: Runtime, session_id: str, now: datetime) -> Challenge:
    """``b64u(nonce (16) ‖ expiry (8, Unix seconds) ‖ HMAC(session, nonce ‖ expiry)[:16])``."""
    ttl = rt.settings.device_challenge_ttl_seconds
    body = secrets.token_bytes(_NONCE_BYTES) + struct.pack(">Q", int(now.timestamp()) + ttl)
    return Challenge(b64u_encode(body + _challenge_mac(rt, session_id, body)), ttl)


def check_proof(
    rt: Runtime,
    *,
    session_id: str,
    public_key: str | None,
    challenge: str | None,
    signature: str | None,
    method: str,
    path: str,
    body: bytes,
    now: datetime,
) -> None:
    """Raise unless ``signature`` is the session device's signature over a fresh, unused
    challenge of this session and this very request. Uses the challenge up on success."""
    if not challenge or not signature:
        raise DeviceProofRequired()
    if public_key is None:
        # A session from before device keys: log in again to register this device's key.
        raise DeviceProofRequired("请重新登录以绑定本设备", code="device_proof_required")
    raw = _decode(challenge)
    if len(raw) != _CHALLENGE_BYTES:
        raise DeviceProofInvalid("设备验证码无效，请重试")
    head, mac = raw[: _NONCE_BYTES + 8], raw[_NONCE_BYTES + 8 :]
    if not hmac.compare_digest(mac, _challenge_mac(rt, session_id, head)):
        raise DeviceProofInvalid("设备验证码无效，请重试")
    (expires,) = struct.unpack(">Q", head[_NONCE_BYTES:])
    left = expires - int(now.timestamp())
    if left <= 0:
        raise DeviceProofInvalid("设备验证已过期，请重试")
    verify_signature(
        _decode(public_key),
        proof_message(challenge, method, path, body),
        signature,
    )
    # Single use: the marker lives as long as the challenge could.
    if not rt.kv.set_if_absent(f"devproof:{b64u_encode(head[:_NONCE_BYTES])}", left + 1):
        raise DeviceProofInvalid("设备验证已使用过，请重试")
