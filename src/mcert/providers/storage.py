"""Object storage for uploads: the ``ObjectStorage`` protocol and the encrypted local disk.

Licence scans, seal scans and face captures are personal data (PIPL), so the default
implementation keeps them under ``<data_dir>/objects/`` encrypted with AES-256-GCM: the key
is derived from ``MCERT_SECRET_KEY`` with its own label, and the object key is the
associated data, so a file copied or renamed to another key does not decrypt. Keys are
random (``<purpose>/<32 hex>``), not content hashes: equal uploads by different holders
must not be recognisable as equal. ``sha256`` of the plaintext is returned for the
caller's records.

File layout: ``b"MCO1"`` | nonce (12) | ciphertext + tag.

Keys are validated against a strict pattern before they touch the file system, and the
resolved path must stay under the root, so a key can never escape it. This module must
never log object contents, write plaintext to disk (temporary files included) or accept
a key it did not make.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mcert.errors import InvalidInput, NotFound
from mcert.pii import derive_key
from mcert.providers.registry import ProviderRegistry

__all__ = [
    "InvalidObjectKey",
    "LocalEncryptedStorage",
    "ObjectCorrupt",
    "ObjectNotFound",
    "ObjectStorage",
    "StoredObject",
    "storage_providers",
]

log = logging.getLogger(__name__)

# Versioned like the PII labels: changing it makes every stored object unreadable.
STORAGE_KEY_LABEL = b"mcert/storage/object-key/v1"
_MAGIC = b"MCO1"
_NONCE_LEN = 12
_PURPOSE_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_KEY_RE = re.compile(r"([a-z][a-z0-9_]{0,31})/([0-9a-f]{32})")


class InvalidObjectKey(InvalidInput):
    code = "object_key_invalid"
    default_message = "文件标识无效"


class ObjectNotFound(NotFound):
    code = "object_not_found"
    default_message = "文件不存在或已删除"


class ObjectCorrupt(Exception):
    """A stored object failed authentication: tampered, truncated or a wrong key.

    Internal, like :class:`mcert.pii.DecryptionError`: broken data, not a caller error.
    """


@dataclass(frozen=True)
class StoredObject:
    key: str
    sha256: str
    size: int
    content_type: str


class ObjectStorage(Protocol):
    name: str

    def put(self, data: bytes, content_type: str, purpose: str) -> StoredObject: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


storage_providers: ProviderRegistry[ObjectStorage] = ProviderRegistry("storage")


class LocalEncryptedStorage:
    """AES-256-GCM encrypted files under ``root``, one per object; see the module docstring.

    ``purpose`` (``licence``, ``face``, ``seal`` ...) is the first key segment and a folder,
    so retention jobs can work per purpose. ``delete`` of a missing key is not an error.
    """

    name = "local"

    def __init__(self, root: Path, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("storage key must be 32 bytes (AES-256)")
        self._root = root.resolve()
        self._aead = AESGCM(key)

    @classmethod
    def from_secret(cls, root: Path, secret: bytes | str) -> LocalEncryptedStorage:
        return cls(root, derive_key(secret, STORAGE_KEY_LABEL))

    def _path(self, key: str) -> Path:
        m = _KEY_RE.fullmatch(key) if isinstance(key, str) else None
        if m is None:
            raise InvalidObjectKey()
        purpose, name = m.groups()
        path = (self._root / purpose / name[:2] / name).resolve()
        if not path.is_relative_to(self._root):  # unreachable with the pattern; kept as a guard
            raise InvalidObjectKey()
        return path

    def put(self, data: bytes, content_type: str, purpose: str) -> StoredObject:
        if not _PURPOSE_RE.fullmatch(purpose):
            raise ValueError("purpose must be 1-32 of a-z 0-9 _ starting with a letter")
        key = f"{purpose}/{uuid.uuid4().hex}"
        path = self._path(key)
        nonce = os.urandom(_NONCE_LEN)
        blob = _MAGIC + nonce + self._aead.encrypt(nonce, bytes(data), key.encode("ascii"))
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        stored = StoredObject(
            key=key,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content_type=content_type,
        )
        log.info("stored object %s (%d bytes, %s)", key, stored.size, content_type)
        return stored

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise ObjectNotFound() from None
        if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _NONCE_LEN + 16:
            raise ObjectCorrupt(f"object {key} has no valid header")
        nonce = blob[len(_MAGIC) : len(_MAGIC) + _NONCE_LEN]
        try:
            return self._aead.decrypt(nonce, blob[len(_MAGIC) + _NONCE_LEN :], key.encode())
        except InvalidTag:
            raise ObjectCorrupt(f"object {key} failed authentication") from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
        log.info("deleted object %s", key)


@storage_providers.register("local")
def _local(*, data_dir: Path, secret_key: str, **_: object) -> ObjectStorage:
    return LocalEncryptedStorage.from_secret(data_dir / "objects", secret_key)
