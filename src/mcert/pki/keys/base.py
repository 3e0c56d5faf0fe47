"""The key-backend interface: what every CA key store offers, and the sealed-blob format.

A :class:`KeyBackend` creates and looks up keys by *label* (:func:`check_label`). Private
keys come back as objects that ``cryptography`` accepts as ``private_key`` for certificate,
CRL and OCSP builders and for raw ``.sign()``. Each backend also holds AES-256 keys that
seal blobs (key escrow) with AES-GCM in one layout, ``version || nonce || ciphertext || tag``
(:func:`blob_aad`, :func:`split_blob`), and HMAC-SHA256 keys (the certificate-password
verifier key, :mod:`mcert.keyprotect`) that only ever compute a MAC.

Must never know about databases, HTTP or settings.
"""

from __future__ import annotations

import abc
import re
from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from mcert.pki.errors import BlobDecryptionFailed, KeyLabelInvalid

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey

# Labels become file names and token CKA_LABELs: keep them boring so neither a path
# traversal nor a token's label-length limit (32 bytes on many HSMs) can bite.
_LABEL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")

# Sealed blob layout: version(1) || nonce(12) || ciphertext || tag(16). The version byte is
# also fed into the AAD so it cannot be swapped without breaking the tag.
BLOB_VERSION = 1
NONCE_LEN = 12
TAG_LEN = 16


class KeyAlgorithm(StrEnum):
    EC_P256 = "ec-p256"
    EC_P384 = "ec-p384"
    RSA_2048 = "rsa-2048"
    RSA_3072 = "rsa-3072"
    RSA_4096 = "rsa-4096"

    @property
    def is_ec(self) -> bool:
        return self in (KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384)

    @property
    def rsa_bits(self) -> int:
        return int(self.value.removeprefix("rsa-"))

    def ec_curve(self) -> ec.EllipticCurve:
        return ec.SECP384R1() if self is KeyAlgorithm.EC_P384 else ec.SECP256R1()


def check_label(label: str) -> str:
    if not _LABEL_RE.fullmatch(label):
        raise KeyLabelInvalid(details={"label": label[:64]})
    return label


def blob_aad(aad: bytes) -> bytes:
    return bytes([BLOB_VERSION]) + aad


def split_blob(blob: bytes) -> tuple[bytes, bytes]:
    if len(blob) < 1 + NONCE_LEN + TAG_LEN or blob[0] != BLOB_VERSION:
        raise BlobDecryptionFailed()
    return blob[1 : 1 + NONCE_LEN], blob[1 + NONCE_LEN :]


class KeyBackend(abc.ABC):
    """A key store addressed by label. Implementations must be safe to share between threads."""

    @abc.abstractmethod
    def create_key(self, label: str, algorithm: KeyAlgorithm) -> PublicKey:
        """Generate a new key pair under ``label``; raise :class:`KeyExists` if taken."""

    @abc.abstractmethod
    def get_private_key(self, label: str) -> PrivateKey:
        """Return a signer for ``label``; raise :class:`KeyNotFound` if absent."""

    @abc.abstractmethod
    def has_key(self, label: str) -> bool:
        """Whether a key pair exists under ``label`` (secret keys are a separate namespace)."""

    def get_public_key(self, label: str) -> PublicKey:
        return self.get_private_key(label).public_key()

    @abc.abstractmethod
    def create_secret_key(self, label: str) -> None:
        """Generate an AES-256 key under ``label``; raise :class:`KeyExists` if taken."""

    @abc.abstractmethod
    def has_secret_key(self, label: str) -> bool: ...

    @abc.abstractmethod
    def encrypt_blob(self, label: str, plaintext: bytes, aad: bytes) -> bytes:
        """Seal ``plaintext`` with AES-256-GCM; ``aad`` must be given again to open it."""

    @abc.abstractmethod
    def decrypt_blob(self, label: str, blob: bytes, aad: bytes) -> bytes:
        """Open a blob from :meth:`encrypt_blob`; raise :class:`BlobDecryptionFailed`."""

    @abc.abstractmethod
    def create_mac_key(self, label: str) -> None:
        """Generate a 256-bit HMAC-SHA256 key under ``label``; raise :class:`KeyExists` if
        taken. The key can only MAC: never exported, never used to encrypt."""

    @abc.abstractmethod
    def has_mac_key(self, label: str) -> bool: ...

    @abc.abstractmethod
    def mac(self, label: str, data: bytes) -> bytes:
        """HMAC-SHA256 of ``data`` under the key ``label`` (32 bytes); raise
        :class:`KeyNotFound` if absent."""
