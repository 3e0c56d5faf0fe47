"""Device-side cryptography for certificate-password key protection (``docs/protocol.md``).

The phone generates its signing key and a CSR, generates an ephemeral transport key to
receive the escrowed encryption key and the ``server_share``, and keeps its private keys
wrapped with AES-256-GCM under::

    K = HKDF-SHA256(ikm = device_secret ‖ server_share, salt = wrap_salt,
                    info = "mcert/keyprotect/v1/wrap-key" ‖ 0x00 ‖ lp(cert_id) ‖ lp(device_id))

The password never enters ``K``: it only unlocks the ``server_share`` at the server, which
counts failures. A copy of the keystore therefore offers nothing to guess offline, and a
password reset keeps the keys. What the device presents instead of the password is
:func:`password_prehash` (PBKDF2, because WebCrypto has no scrypt).

Every primitive here maps to one WebCrypto call (ECDH P-256 ``deriveBits``, HKDF, PBKDF2,
AES-GCM), so the web app can implement the same bytes; functions taking explicit randomness
(``_wrap_with_iv``) exist for the test vectors only.

This module must never send a private key, the ``device_secret``, a wrap key or a password
anywhere (it does no I/O but the keystore file), never write a certificate's key unwrapped
to disk, and never import the server package ``mcert``. (The device key of section 6 and
``device_secret`` sit in ``keystore.json``; on a phone they belong in the platform keystore.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import NameOID

from mcert_device.codec import b64u_decode, b64u_encode

__all__ = [
    "KEYSTORE_FILENAME",
    "DeviceCryptoError",
    "KeyEntry",
    "Keystore",
    "SealedBlobInvalid",
    "UnlockedKeys",
    "UnwrapFailed",
    "build_csr",
    "derive_wrap_key",
    "generate_signing_key",
    "generate_transport_key",
    "new_device_id",
    "new_device_secret",
    "new_wrap_salt",
    "open_sealed",
    "password_prehash",
    "public_key_der",
    "public_key_jwk",
    "seal_aad",
    "unwrap_private_key",
    "wrap_aad",
    "wrap_info",
    "wrap_private_key",
]

# Wire-format labels, identical to the server's (mcert.keyprotect). Versioned; never edit.
WRAP_KEY_INFO_LABEL = b"mcert/keyprotect/v1/wrap-key"
WRAP_AAD_LABEL = b"mcert/keyprotect/v1/wrap"
SEAL_AAD_LABEL = b"mcert/keyprotect/v1/seal"
ECIES_INFO_LABEL = b"mcert/keyprotect/v1/ecies"
WRAP_PURPOSES = frozenset({"sign-key", "enc-key"})
SEAL_PURPOSES = frozenset({"enc-key", "server-share"})
SEALED_ALG = "ECDH-ES-P256+HKDF-SHA256+A256GCM"

WRAP_VERSION = 1
DEVICE_SECRET_BYTES = 32
WRAP_SALT_BYTES = 16
KEYSTORE_FILENAME = "keystore.json"
CSR_PLACEHOLDER_CN = "mcert-device"


class DeviceCryptoError(Exception):
    """Base class for device-side failures; messages never contain key material."""


class UnwrapFailed(DeviceCryptoError):
    """A wrapped key did not decrypt: wrong ``server_share`` (wrong password upstream is
    caught by the server), another certificate's or device's blob, or tampering."""


class SealedBlobInvalid(DeviceCryptoError):
    """A sealed blob is malformed, tampered, for another context or another transport key."""


# --------------------------------------------------------------------------- encoding


def _lp(value: str) -> bytes:
    raw = value.encode("utf-8")
    if not 1 <= len(raw) <= 255:
        raise ValueError("context values must be 1-255 bytes of UTF-8")
    return len(raw).to_bytes(2, "big") + raw


def wrap_info(cert_id: str, device_id: str) -> bytes:
    """HKDF info for ``K``: ``label ‖ 0x00 ‖ lp(cert_id) ‖ lp(device_id)``."""
    return WRAP_KEY_INFO_LABEL + b"\x00" + _lp(cert_id) + _lp(device_id)


def wrap_aad(cert_id: str, device_id: str, purpose: str) -> bytes:
    """AAD of a wrapped key; ``purpose`` is ``"sign-key"`` or ``"enc-key"``."""
    if purpose not in WRAP_PURPOSES:
        raise ValueError(f"purpose must be one of {sorted(WRAP_PURPOSES)}")
    return WRAP_AAD_LABEL + b"\x00" + _lp(cert_id) + _lp(device_id) + _lp(purpose)


def seal_aad(cert_id: str, device_id: str, purpose: str) -> bytes:
    """AAD of a sealed blob from the server; ``purpose`` is ``"enc-key"`` or ``"server-share"``."""
    if purpose not in SEAL_PURPOSES:
        raise ValueError(f"purpose must be one of {sorted(SEAL_PURPOSES)}")
    return SEAL_AAD_LABEL + b"\x00" + _lp(cert_id) + _lp(device_id) + _lp(purpose)


# --------------------------------------------------------------------------- keys and CSR


def generate_signing_key() -> ec.EllipticCurvePrivateKey:
    """The holder's signing key (P-256). It never leaves the device unwrapped."""
    return ec.generate_private_key(ec.SECP256R1())


def generate_transport_key() -> ec.EllipticCurvePrivateKey:
    """An ephemeral P-256 key to receive sealed blobs; discard after one exchange."""
    return ec.generate_private_key(ec.SECP256R1())


def build_csr(signing_key: ec.EllipticCurvePrivateKey) -> bytes:
    """A PEM CSR for ``signing_key``. The subject is a placeholder: the server ignores it and
    takes the subject from the verified identity; the CSR only proves key possession."""
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CSR_PLACEHOLDER_CN)]))
        .sign(signing_key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM)


def public_key_der(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> bytes:
    """DER SubjectPublicKeyInfo (WebCrypto ``exportKey("spki")``)."""
    pub = key.public_key() if isinstance(key, ec.EllipticCurvePrivateKey) else key
    return pub.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_jwk(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> dict[str, str]:
    """Public JWK (WebCrypto ``exportKey("jwk")`` of the public key)."""
    pub = key.public_key() if isinstance(key, ec.EllipticCurvePrivateKey) else key
    nums = pub.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64u_encode(nums.x.to_bytes(32, "big")),
        "y": b64u_encode(nums.y.to_bytes(32, "big")),
    }


def _raw_point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def new_device_id() -> str:
    """A random UUID (WebCrypto ``crypto.randomUUID()``); identifies this installation."""
    return str(uuid.uuid4())


def new_device_secret() -> bytes:
    """32 random bytes, the device's half of ``K``. Never leaves the device."""
    return os.urandom(DEVICE_SECRET_BYTES)


def new_wrap_salt() -> bytes:
    """16 random bytes, the HKDF salt of one certificate's ``K``."""
    return os.urandom(WRAP_SALT_BYTES)


# --------------------------------------------------------------------------- password


def password_prehash(password: str, salt: bytes, iterations: int) -> bytes:
    """``PBKDF2-HMAC-SHA256(UTF-8(NFKC(password)), salt, iterations, 32 bytes)``.

    Presented (base64url) instead of the password on every unlock; the server's verifier
    (an HMAC under a server key, legacy: scrypt) is computed over it. ``salt`` and
    ``iterations`` come from the server.
    """
    pw = unicodedata.normalize("NFKC", password).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha256", pw, salt, iterations)


# --------------------------------------------------------------------------- wrap


def derive_wrap_key(
    device_secret: bytes, server_share: bytes, *, cert_id: str, device_id: str, salt: bytes
) -> bytes:
    """``K`` for one certificate on one device (32 bytes, AES-256-GCM)."""
    if len(device_secret) != DEVICE_SECRET_BYTES or len(server_share) != 32:
        raise ValueError("device_secret and server_share must be 32 bytes each")
    if len(salt) != WRAP_SALT_BYTES:
        raise ValueError("wrap salt must be 16 bytes")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=wrap_info(cert_id, device_id))
    return hkdf.derive(device_secret + server_share)


def _pkcs8(key: ec.EllipticCurvePrivateKey | bytes) -> bytes:
    if isinstance(key, bytes):
        return key
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _wrap_with_iv(pkcs8_der: bytes, wrap_key: bytes, aad: bytes, iv: bytes) -> str:
    """Deterministic core of :func:`wrap_private_key` (test vectors use it)."""
    ct = AESGCM(wrap_key).encrypt(iv, pkcs8_der, aad)
    return b64u_encode(bytes([WRAP_VERSION]) + iv + ct)


def wrap_private_key(key: ec.EllipticCurvePrivateKey | bytes, wrap_key: bytes, aad: bytes) -> str:
    """Encrypt a private key (object or PKCS#8 DER) under ``K``.

    Token: base64url(``0x01 ‖ iv (12) ‖ AES-256-GCM(K, iv, PKCS#8 DER, aad) ‖ tag (16)``);
    ``aad`` from :func:`wrap_aad`.
    """
    return _wrap_with_iv(_pkcs8(key), wrap_key, aad, os.urandom(12))


def unwrap_private_key(token: str, wrap_key: bytes, aad: bytes) -> ec.EllipticCurvePrivateKey:
    """Inverse of :func:`wrap_private_key`; raises :class:`UnwrapFailed`."""
    try:
        raw = b64u_decode(token, strict=True)
    except ValueError:
        raise UnwrapFailed("wrapped key is not base64url") from None
    if len(raw) < 1 + 12 + 16 or raw[0] != WRAP_VERSION:
        raise UnwrapFailed("unknown or truncated wrapped key")
    try:
        der = AESGCM(wrap_key).decrypt(raw[1:13], raw[13:], aad)
    except InvalidTag:
        raise UnwrapFailed("wrapped key did not authenticate") from None
    key = serialization.load_der_private_key(der, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise UnwrapFailed("wrapped key is not an EC key")
    return key


# --------------------------------------------------------------------------- sealed blobs


def _ecies_key(shared: bytes, epk: bytes, rpk: bytes) -> bytes:
    info = ECIES_INFO_LABEL + b"\x00" + epk + rpk
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def open_sealed(
    transport_key: ec.EllipticCurvePrivateKey, sealed: Mapping[str, Any] | str, aad: bytes
) -> bytes:
    """Decrypt a blob the server sealed to ``transport_key``; ``aad`` from :func:`seal_aad`.

    ``sealed`` is the JSON object (or its text) ``{"v", "alg", "epk", "iv", "ct"}``.
    Raises :class:`SealedBlobInvalid`.
    """
    try:
        data = json.loads(sealed) if isinstance(sealed, str) else sealed
        if data["v"] != 1 or data["alg"] != SEALED_ALG:
            raise SealedBlobInvalid("unknown sealed blob version")
        epk, iv, ct = (
            b64u_decode(data["epk"], strict=True),
            b64u_decode(data["iv"], strict=True),
            b64u_decode(data["ct"], strict=True),
        )
        ephemeral = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), epk)
    except SealedBlobInvalid:
        raise
    except (KeyError, TypeError, ValueError):
        raise SealedBlobInvalid("sealed blob is malformed") from None
    if len(epk) != 65 or len(iv) != 12:
        raise SealedBlobInvalid("sealed blob is malformed")
    shared = transport_key.exchange(ec.ECDH(), ephemeral)
    key = _ecies_key(shared, epk, _raw_point(transport_key.public_key()))
    try:
        return AESGCM(key).decrypt(iv, ct, aad)
    except InvalidTag:
        raise SealedBlobInvalid("sealed blob did not authenticate") from None


def seal_to(recipient: ec.EllipticCurvePublicKey, plaintext: bytes, aad: bytes) -> dict[str, Any]:
    """The same ECIES sealing, from the device to someone else's key — a relying party's
    ephemeral key when a decryption's key-agreement output is handed on."""
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    epk = _raw_point(ephemeral.public_key())
    key = _ecies_key(ephemeral.exchange(ec.ECDH(), recipient), epk, _raw_point(recipient))
    iv = os.urandom(12)
    return {
        "v": 1,
        "alg": SEALED_ALG,
        "epk": b64u_encode(epk),
        "iv": b64u_encode(iv),
        "ct": b64u_encode(AESGCM(key).encrypt(iv, plaintext, aad)),
    }


def public_key_from_jwk(jwk: Mapping[str, Any]) -> ec.EllipticCurvePublicKey:
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256" or "d" in jwk:
        raise ValueError("expected a public P-256 JWK")
    x, y = b64u_decode(str(jwk["x"]), strict=True), b64u_decode(str(jwk["y"]), strict=True)
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b"\x04" + x + y)


def scan_output_aad(session_id: str) -> bytes:
    """AAD of a decryption's key-agreement output sealed to the relying party."""
    return b"mcert/scan/v1/key-agreement\x00" + _lp(session_id)


# --------------------------------------------------------------------------- keystore


@dataclass(frozen=True)
class KeyEntry:
    """One certificate on this device: wrapped keys, certificates and salts (nothing secret
    in the clear). ``prehash_*`` cache what the server last said; the server's word wins."""

    cert_id: str
    wrap_salt: bytes
    wrapped_signing_key: str
    wrapped_encryption_key: str
    signing_cert_pem: str
    encryption_cert_pem: str
    prehash_salt: bytes | None = None
    prehash_iterations: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "cert_id": self.cert_id,
            "wrap_salt": b64u_encode(self.wrap_salt),
            "wrapped_signing_key": self.wrapped_signing_key,
            "wrapped_encryption_key": self.wrapped_encryption_key,
            "signing_cert_pem": self.signing_cert_pem,
            "encryption_cert_pem": self.encryption_cert_pem,
            "prehash_salt": None if self.prehash_salt is None else b64u_encode(self.prehash_salt),
            "prehash_iterations": self.prehash_iterations,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> KeyEntry:
        ps = data.get("prehash_salt")
        return cls(
            cert_id=str(data["cert_id"]),
            wrap_salt=b64u_decode(data["wrap_salt"], strict=True),
            wrapped_signing_key=str(data["wrapped_signing_key"]),
            wrapped_encryption_key=str(data["wrapped_encryption_key"]),
            signing_cert_pem=str(data["signing_cert_pem"]),
            encryption_cert_pem=str(data["encryption_cert_pem"]),
            prehash_salt=None if ps is None else b64u_decode(ps, strict=True),
            prehash_iterations=data.get("prehash_iterations"),
        )


@dataclass(frozen=True)
class UnlockedKeys:
    """Private keys after an unlock; keep only as long as the operation needs them."""

    signing_key: ec.EllipticCurvePrivateKey
    encryption_key: ec.EllipticCurvePrivateKey


@dataclass
class Keystore:
    """The device's key store: its id, its ``device_secret`` and one entry per certificate.

    Saved as ``keystore.json`` (mode 0600) in a directory (mode 0700). A real app keeps
    ``device_secret`` and the device key in the platform keystore (Android Keystore / iOS
    Keychain, non-exportable, excluded from backups) rather than in this file; the reference
    keeps them here for simplicity, so a copy of this file is a copy of the device.
    """

    device_id: str
    device_secret: bytes
    entries: dict[str, KeyEntry] = field(default_factory=dict)
    # The device key the server binds this installation to (docs/protocol.md section 6).
    # A keystore from before device keys gets one on load.
    # Key objects have no equality: compared by their numbers in tests, not by ``==`` here.
    device_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1()), compare=False
    )

    @classmethod
    def create(cls) -> Keystore:
        return cls(device_id=new_device_id(), device_secret=new_device_secret())

    # -- protocol steps

    def _wrap_key(self, cert_id: str, server_share: bytes, salt: bytes) -> bytes:
        return derive_wrap_key(
            self.device_secret, server_share, cert_id=cert_id, device_id=self.device_id, salt=salt
        )

    def install(
        self,
        cert_id: str,
        *,
        transport_key: ec.EllipticCurvePrivateKey,
        signing_key: ec.EllipticCurvePrivateKey,
        sealed_encryption_key: Mapping[str, Any] | str,
        sealed_server_share: Mapping[str, Any] | str,
        signing_cert_pem: str,
        encryption_cert_pem: str,
        prehash_salt: bytes | None = None,
        prehash_iterations: int | None = None,
    ) -> KeyEntry:
        """Finish a download, reissue or renewal: open the sealed blobs, wrap both keys.

        Replaces any existing entry for ``cert_id`` (renewal re-wraps under a fresh salt).
        """
        server_share = open_sealed(
            transport_key, sealed_server_share, seal_aad(cert_id, self.device_id, "server-share")
        )
        enc_der = open_sealed(
            transport_key, sealed_encryption_key, seal_aad(cert_id, self.device_id, "enc-key")
        )
        enc_key = serialization.load_der_private_key(enc_der, password=None)
        if not isinstance(enc_key, ec.EllipticCurvePrivateKey):
            raise SealedBlobInvalid("the sealed encryption key is not an EC key")
        salt = new_wrap_salt()
        k = self._wrap_key(cert_id, server_share, salt)
        entry = KeyEntry(
            cert_id=cert_id,
            wrap_salt=salt,
            wrapped_signing_key=wrap_private_key(
                signing_key, k, wrap_aad(cert_id, self.device_id, "sign-key")
            ),
            wrapped_encryption_key=wrap_private_key(
                enc_key, k, wrap_aad(cert_id, self.device_id, "enc-key")
            ),
            signing_cert_pem=signing_cert_pem,
            encryption_cert_pem=encryption_cert_pem,
            prehash_salt=prehash_salt,
            prehash_iterations=prehash_iterations,
        )
        self.entries[cert_id] = entry
        return entry

    def unlock(self, cert_id: str, server_share: bytes) -> UnlockedKeys:
        """Derive ``K`` from the released ``server_share`` and unwrap both keys."""
        entry = self.entries[cert_id]
        k = self._wrap_key(cert_id, server_share, entry.wrap_salt)
        return UnlockedKeys(
            signing_key=unwrap_private_key(
                entry.wrapped_signing_key, k, wrap_aad(cert_id, self.device_id, "sign-key")
            ),
            encryption_key=unwrap_private_key(
                entry.wrapped_encryption_key, k, wrap_aad(cert_id, self.device_id, "enc-key")
            ),
        )

    def update_prehash_params(self, cert_id: str, salt: bytes, iterations: int) -> None:
        """Cache new pre-hash parameters after a password change or reset (nothing re-wraps)."""
        self.entries[cert_id] = replace(
            self.entries[cert_id], prehash_salt=salt, prehash_iterations=iterations
        )

    # -- persistence

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "mcert-keystore",
            "version": 1,
            "device_id": self.device_id,
            "device_secret": b64u_encode(self.device_secret),
            "device_key": b64u_encode(_pkcs8(self.device_key)),
            "entries": [self.entries[k].to_json() for k in sorted(self.entries)],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Keystore:
        if data.get("format") != "mcert-keystore" or data.get("version") != 1:
            raise DeviceCryptoError("not a version 1 mcert keystore")
        entries = [KeyEntry.from_json(e) for e in data["entries"]]
        keystore = cls(
            device_id=str(data["device_id"]),
            device_secret=b64u_decode(data["device_secret"], strict=True),
            entries={e.cert_id: e for e in entries},
        )
        if data.get("device_key"):
            key = serialization.load_der_private_key(
                b64u_decode(data["device_key"], strict=True), password=None
            )
            if not isinstance(key, ec.EllipticCurvePrivateKey):
                raise DeviceCryptoError("the device key is not an EC key")
            keystore.device_key = key
        return keystore

    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write ``keystore.json`` atomically with mode 0600 (directory created 0700)."""
        d = Path(directory)
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = d / KEYSTORE_FILENAME
        text = json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(prefix=".keystore-", dir=d)  # mkstemp creates it 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return target

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Keystore:
        path = Path(directory) / KEYSTORE_FILENAME
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
