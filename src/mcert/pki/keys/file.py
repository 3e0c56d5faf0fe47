"""The file key backend: keys as passphrase-encrypted files, for development and small installs.

Must never write a private key in the clear or overwrite an existing key file.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import tempfile
import threading
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from mcert.pki.errors import (
    BlobDecryptionFailed,
    KeyBackendError,
    KeyExists,
    KeyNotFound,
    KeyPassphraseInvalid,
)
from mcert.pki.keys.base import (
    BLOB_VERSION,
    NONCE_LEN,
    KeyAlgorithm,
    KeyBackend,
    PrivateKey,
    PublicKey,
    blob_aad,
    check_label,
    split_blob,
)

# v1: magic, salt, nonce, sealed key; scrypt cost fixed at 2**15.
# v2: magic, one byte log2(N), salt, nonce, sealed key: the cost travels with the file, so a
# reader never needs the writer's setting.
_SECRET_MAGIC_V1 = b"MCERT-AES256-v1\n"
_SECRET_MAGIC = b"MCERT-AES256-v2\n"
# HMAC keys: the v2 layout with their own magic, so an AES key file renamed to ``.hmac`` (or
# the reverse) does not open: the magic is in the AAD.
_MAC_MAGIC = b"MCERT-HMAC256-v1\n"
_SALT_LEN = 16
# scrypt at 2**15 costs ~32 MiB and ~0.1 s: paid once per secret key per process (cached).
DEFAULT_SCRYPT_LN = 15
MIN_SCRYPT_LN = 10


class FileKeyBackend(KeyBackend):
    """Keys as passphrase-encrypted files in one directory (mode 0700, files 0600).

    Private keys: ``<label>.key.pem``, PKCS#8 with ``BestAvailableEncryption``. Secret keys:
    ``<label>.aes``, the raw AES key sealed with AES-GCM under a scrypt-derived key-encryption
    key; HMAC keys: ``<label>.hmac``, sealed the same way. Decrypted keys are cached in
    memory because the KDFs are deliberately slow.
    """

    def __init__(
        self, directory: Path, passphrase: bytes, *, scrypt_ln: int = DEFAULT_SCRYPT_LN
    ) -> None:
        """``scrypt_ln``: log2 of the scrypt cost for secret keys this backend *creates*
        (``MCERT_CA_KEY_SCRYPT_LN``); files it reads carry their own."""
        if not passphrase:
            raise ValueError("FileKeyBackend needs a non-empty passphrase")
        if not MIN_SCRYPT_LN <= scrypt_ln <= 22:
            raise ValueError(f"scrypt_ln must be {MIN_SCRYPT_LN}..22")
        self._dir = Path(directory)
        self._passphrase = passphrase
        self._scrypt_ln = scrypt_ln
        self._lock = threading.Lock()
        self._keys: dict[str, PrivateKey] = {}
        self._secrets: dict[str, AESGCM] = {}
        self._macs: dict[str, bytes] = {}

    def _key_path(self, label: str) -> Path:
        return self._dir / f"{check_label(label)}.key.pem"

    def _secret_path(self, label: str) -> Path:
        return self._dir / f"{check_label(label)}.aes"

    def _write_new(self, path: Path, data: bytes) -> None:
        self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Write a private temp file, then hard-link it into place: link() fails if the name
        # exists (no overwrite, even under a race) and readers never see a half-written key.
        fd, tmp = tempfile.mkstemp(dir=self._dir, prefix=".tmp-")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise KeyExists(details={"label": path.name}) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def create_key(self, label: str, algorithm: KeyAlgorithm) -> PublicKey:
        path = self._key_path(label)
        if path.exists():
            raise KeyExists(details={"label": label})
        key: PrivateKey
        if algorithm.is_ec:
            key = ec.generate_private_key(algorithm.ec_curve())
        else:
            key = rsa.generate_private_key(public_exponent=65537, key_size=algorithm.rsa_bits)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self._passphrase),
        )
        self._write_new(path, pem)
        with self._lock:
            self._keys[label] = key
        return key.public_key()

    def has_key(self, label: str) -> bool:
        return self._key_path(label).is_file()

    def get_private_key(self, label: str) -> PrivateKey:
        path = self._key_path(label)
        with self._lock:
            cached = self._keys.get(label)
            if cached is not None:
                return cached
            try:
                pem = path.read_bytes()
            except FileNotFoundError:
                raise KeyNotFound(details={"label": label}) from None
            try:
                key = serialization.load_pem_private_key(pem, password=self._passphrase)
            except (ValueError, TypeError) as exc:
                # cryptography reports a wrong passphrase and a corrupt file alike.
                raise KeyPassphraseInvalid(
                    "密钥文件无法解密：口令错误或文件已损坏", details={"label": label}
                ) from exc
            if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
                raise KeyBackendError(
                    "密钥文件类型不受支持", details={"label": label, "type": type(key).__name__}
                )
            self._keys[label] = key
            return key

    def _kek(self, salt: bytes, ln: int) -> bytes:
        return Scrypt(salt=salt, length=32, n=2**ln, r=8, p=1).derive(self._passphrase)

    def _seal_new(self, path: Path, label: str, raw: bytes, magic: bytes) -> None:
        salt, nonce = os.urandom(_SALT_LEN), os.urandom(NONCE_LEN)
        ln = self._scrypt_ln
        sealed = AESGCM(self._kek(salt, ln)).encrypt(nonce, raw, magic + label.encode())
        self._write_new(path, magic + bytes([ln]) + salt + nonce + sealed)

    def _open_sealed(
        self, path: Path, label: str, magic_v2: bytes, magic_v1: bytes | None
    ) -> bytes:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise KeyNotFound(details={"label": label}) from None
        if data.startswith(magic_v2):
            magic, ln, body = magic_v2, data[len(magic_v2)], data[len(magic_v2) + 1 :]
        elif magic_v1 is not None and data.startswith(magic_v1):
            magic, ln, body = magic_v1, DEFAULT_SCRYPT_LN, data[len(magic_v1) :]
        else:
            raise KeyBackendError("密钥文件格式错误", details={"label": label})
        if not MIN_SCRYPT_LN <= ln <= 22:
            raise KeyBackendError("密钥文件格式错误", details={"label": label})
        salt, nonce, sealed = (
            body[:_SALT_LEN],
            body[_SALT_LEN : _SALT_LEN + NONCE_LEN],
            body[_SALT_LEN + NONCE_LEN :],
        )
        try:
            # The label is in the AAD so a renamed file will not open as another key.
            return AESGCM(self._kek(salt, ln)).decrypt(nonce, sealed, magic + label.encode())
        except InvalidTag as exc:
            raise KeyPassphraseInvalid(
                "密钥文件无法解密：口令错误或文件已损坏", details={"label": label}
            ) from exc

    def create_secret_key(self, label: str) -> None:
        path = self._secret_path(label)
        if path.exists():
            raise KeyExists(details={"label": label})
        key = AESGCM.generate_key(bit_length=256)
        self._seal_new(path, label, key, _SECRET_MAGIC)
        with self._lock:
            self._secrets[label] = AESGCM(key)

    def has_secret_key(self, label: str) -> bool:
        return self._secret_path(label).is_file()

    def _secret(self, label: str) -> AESGCM:
        path = self._secret_path(label)
        with self._lock:
            cached = self._secrets.get(label)
            if cached is not None:
                return cached
            aead = AESGCM(self._open_sealed(path, label, _SECRET_MAGIC, _SECRET_MAGIC_V1))
            self._secrets[label] = aead
            return aead

    def _mac_path(self, label: str) -> Path:
        return self._dir / f"{check_label(label)}.hmac"

    def create_mac_key(self, label: str) -> None:
        path = self._mac_path(label)
        if path.exists():
            raise KeyExists(details={"label": label})
        key = os.urandom(32)
        self._seal_new(path, label, key, _MAC_MAGIC)
        with self._lock:
            self._macs[label] = key

    def has_mac_key(self, label: str) -> bool:
        return self._mac_path(label).is_file()

    def mac(self, label: str, data: bytes) -> bytes:
        key = self._macs.get(label)
        if key is None:
            path = self._mac_path(label)
            with self._lock:
                key = self._macs.get(label)
                if key is None:
                    key = self._open_sealed(path, label, _MAC_MAGIC, None)
                    self._macs[label] = key
        return hmac.new(key, data, hashlib.sha256).digest()

    def encrypt_blob(self, label: str, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_LEN)
        ct = self._secret(label).encrypt(nonce, plaintext, blob_aad(aad))
        return bytes([BLOB_VERSION]) + nonce + ct

    def decrypt_blob(self, label: str, blob: bytes, aad: bytes) -> bytes:
        aead = self._secret(label)
        nonce, ct = split_blob(blob)
        try:
            return aead.decrypt(nonce, ct, blob_aad(aad))
        except InvalidTag:
            raise BlobDecryptionFailed() from None
