"""Where CA private keys and escrow secrets live: one interface, several key stores.

A :class:`KeyBackend` creates and looks up keys by *label*. Private keys come back as objects
that ``cryptography`` accepts as ``private_key`` for certificate, CRL and OCSP builders and
for raw ``.sign()``; on a PKCS#11 token they are thin wrappers whose ``sign()`` runs on the
token, so the key material never enters this process. Each backend can also hold AES-256
keys used to seal blobs (key escrow) with AES-GCM.

Backends:

* :class:`FileKeyBackend` — encrypted PKCS#8 PEM files, for development and small installs.
* :class:`PKCS11KeyBackend` — any PKCS#11 module (SoftHSM2 in tests, a real HSM in production).

This module must never export a private key in the clear, overwrite an existing key, or
know about databases, HTTP or settings: the caller passes paths, PINs and passphrases in.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import hmac
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from mcert.pki.errors import (
    BlobDecryptionFailed,
    KeyBackendError,
    KeyExists,
    KeyLabelInvalid,
    KeyNotFound,
    KeyOperationUnsupported,
    KeyPassphraseInvalid,
)

__all__ = [
    "BLOB_VERSION",
    "FileKeyBackend",
    "KeyAlgorithm",
    "KeyBackend",
    "PKCS11KeyBackend",
    "PrivateKey",
    "PublicKey",
    "check_label",
    "find_softhsm2_module",
]

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey

_T = TypeVar("_T")

# Labels become file names and token CKA_LABELs: keep them boring so neither a path
# traversal nor a token's label-length limit (32 bytes on many HSMs) can bite.
_LABEL_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")

# Sealed blob layout: version(1) || nonce(12) || ciphertext || tag(16). The version byte is
# also fed into the AAD so it cannot be swapped without breaking the tag.
BLOB_VERSION = 1
_NONCE_LEN = 12
_TAG_LEN = 16


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


def _blob_aad(aad: bytes) -> bytes:
    return bytes([BLOB_VERSION]) + aad


def _split_blob(blob: bytes) -> tuple[bytes, bytes]:
    if len(blob) < 1 + _NONCE_LEN + _TAG_LEN or blob[0] != BLOB_VERSION:
        raise BlobDecryptionFailed()
    return blob[1 : 1 + _NONCE_LEN], blob[1 + _NONCE_LEN :]


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


# --- file backend ------------------------------------------------------------------------

_SECRET_MAGIC = b"MCERT-AES256-v1\n"
_SALT_LEN = 16
# scrypt at 2**15 costs ~32 MiB and ~0.1 s: paid once per secret key per process (cached).
_SCRYPT_N = 2**15


class FileKeyBackend(KeyBackend):
    """Keys as passphrase-encrypted files in one directory (mode 0700, files 0600).

    Private keys: ``<label>.key.pem``, PKCS#8 with ``BestAvailableEncryption``. Secret keys:
    ``<label>.aes``, the raw AES key sealed with AES-GCM under a scrypt-derived key-encryption
    key. Decrypted keys are cached in memory because the KDFs are deliberately slow.
    """

    def __init__(self, directory: Path, passphrase: bytes) -> None:
        if not passphrase:
            raise ValueError("FileKeyBackend needs a non-empty passphrase")
        self._dir = Path(directory)
        self._passphrase = passphrase
        self._lock = threading.Lock()
        self._keys: dict[str, PrivateKey] = {}
        self._secrets: dict[str, AESGCM] = {}

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

    def _kek(self, salt: bytes) -> bytes:
        return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=8, p=1).derive(self._passphrase)

    def create_secret_key(self, label: str) -> None:
        path = self._secret_path(label)
        if path.exists():
            raise KeyExists(details={"label": label})
        key = AESGCM.generate_key(bit_length=256)
        salt, nonce = os.urandom(_SALT_LEN), os.urandom(_NONCE_LEN)
        sealed = AESGCM(self._kek(salt)).encrypt(nonce, key, _SECRET_MAGIC + label.encode())
        self._write_new(path, _SECRET_MAGIC + salt + nonce + sealed)
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
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise KeyNotFound(details={"label": label}) from None
            if not data.startswith(_SECRET_MAGIC):
                raise KeyBackendError("密钥文件格式错误", details={"label": label})
            body = data[len(_SECRET_MAGIC) :]
            salt, nonce, sealed = (
                body[:_SALT_LEN],
                body[_SALT_LEN : _SALT_LEN + _NONCE_LEN],
                body[_SALT_LEN + _NONCE_LEN :],
            )
            try:
                # The label is in the AAD so a renamed file will not open as another key.
                raw = AESGCM(self._kek(salt)).decrypt(nonce, sealed, _SECRET_MAGIC + label.encode())
            except InvalidTag as exc:
                raise KeyPassphraseInvalid(
                    "密钥文件无法解密：口令错误或文件已损坏", details={"label": label}
                ) from exc
            aead = AESGCM(raw)
            self._secrets[label] = aead
            return aead

    def encrypt_blob(self, label: str, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE_LEN)
        ct = self._secret(label).encrypt(nonce, plaintext, _blob_aad(aad))
        return bytes([BLOB_VERSION]) + nonce + ct

    def decrypt_blob(self, label: str, blob: bytes, aad: bytes) -> bytes:
        aead = self._secret(label)
        nonce, ct = _split_blob(blob)
        try:
            return aead.decrypt(nonce, ct, _blob_aad(aad))
        except InvalidTag:
            raise BlobDecryptionFailed() from None


# --- PKCS#11 backend ---------------------------------------------------------------------

_SOFTHSM2_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)


def find_softhsm2_module() -> Path | None:
    """Locate SoftHSM2's PKCS#11 module; ``$SOFTHSM2_MODULE`` wins when set."""
    env = os.environ.get("SOFTHSM2_MODULE")
    candidates = [env] if env else []
    candidates.extend(_SOFTHSM2_CANDIDATES)
    candidates.extend(str(p) for p in sorted(Path("/usr/lib").glob("*/softhsm/libsofthsm2.so")))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _unsupported(what: str) -> NoReturn:
    raise KeyOperationUnsupported(f"硬件密钥不可导出，不支持{what}", details={"operation": what})


def _digest(data: bytes, algorithm: hashes.HashAlgorithm | utils.Prehashed) -> bytes:
    if isinstance(algorithm, utils.Prehashed):
        if len(data) != algorithm.digest_size:
            raise ValueError("prehashed data has the wrong length for its hash")
        return data
    h = hashes.Hash(algorithm)
    h.update(data)
    return h.finalize()


class _TokenECPrivateKey(ec.EllipticCurvePrivateKey):
    """An EC private key on a PKCS#11 token; only :meth:`sign` and public data work."""

    def __init__(
        self, backend: PKCS11KeyBackend, label: str, public: ec.EllipticCurvePublicKey
    ) -> None:
        self._backend = backend
        self._label = label
        self._public = public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        signature_algorithm: ec.EllipticCurveSignatureAlgorithm,
    ) -> bytes:
        if not isinstance(signature_algorithm, ec.ECDSA):
            raise KeyOperationUnsupported(details={"operation": type(signature_algorithm).__name__})
        algorithm = signature_algorithm.algorithm
        if not isinstance(algorithm, (hashes.HashAlgorithm, utils.Prehashed)):
            raise KeyOperationUnsupported(details={"operation": "hash"})
        # Hash here and send only the digest: CKM_ECDSA is the one ECDSA mechanism every
        # token implements, and streaming a whole TBSCertificate to an HSM buys nothing.
        raw = self._backend._sign_raw(self._label, _digest(bytes(data), algorithm), _ec_mechanism())
        half = len(raw) // 2
        return utils.encode_dss_signature(
            int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        )

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public

    @property
    def curve(self) -> ec.EllipticCurve:
        return self._public.curve

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def exchange(self, algorithm: ec.ECDH, peer_public_key: ec.EllipticCurvePublicKey) -> bytes:
        _unsupported("ECDH")

    def private_numbers(self) -> ec.EllipticCurvePrivateNumbers:
        _unsupported("导出私钥")

    def private_bytes(
        self,
        encoding: serialization.Encoding,
        format: serialization.PrivateFormat,
        encryption_algorithm: serialization.KeySerializationEncryption,
    ) -> bytes:
        _unsupported("导出私钥")

    def __copy__(self) -> _TokenECPrivateKey:
        return self  # immutable handle: a copy is the same key

    def __deepcopy__(self, memo: dict[int, object]) -> _TokenECPrivateKey:
        return self

    def __repr__(self) -> str:
        return f"<TokenECPrivateKey label={self._label!r} curve={self.curve.name}>"


class _TokenRSAPrivateKey(rsa.RSAPrivateKey):
    """An RSA private key on a PKCS#11 token: PKCS#1 v1.5 and PSS signing only."""

    def __init__(self, backend: PKCS11KeyBackend, label: str, public: rsa.RSAPublicKey) -> None:
        self._backend = backend
        self._label = label
        self._public = public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        padding: asym_padding.AsymmetricPadding,
        algorithm: hashes.HashAlgorithm | utils.Prehashed | utils.NoDigestInfo,
    ) -> bytes:
        from pkcs11 import Mechanism

        if isinstance(algorithm, utils.NoDigestInfo):
            raise KeyOperationUnsupported(details={"operation": "NoDigestInfo"})
        digest = _digest(bytes(data), algorithm)
        # Prehashed has no public accessor for its hash; _algorithm is all there is.
        hash_alg = algorithm._algorithm if isinstance(algorithm, utils.Prehashed) else algorithm
        if isinstance(padding, asym_padding.PKCS1v15):
            prefix = _DIGEST_INFO_PREFIX.get(hash_alg.name)
            if prefix is None:
                raise KeyOperationUnsupported(details={"operation": f"RSA-{hash_alg.name}"})
            # CKM_RSA_PKCS signs exactly what it is given, so wrap the digest in DigestInfo.
            info = prefix + digest
            return self._backend._sign_raw(self._label, info, (Mechanism.RSA_PKCS, None))
        if isinstance(padding, asym_padding.PSS):
            return self._backend._sign_raw(
                self._label, digest, _pss_mechanism(padding, hash_alg, self._public)
            )
        raise KeyOperationUnsupported(details={"operation": type(padding).__name__})

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def decrypt(self, ciphertext: bytes, padding: asym_padding.AsymmetricPadding) -> bytes:
        _unsupported("RSA解密")

    def private_numbers(self) -> rsa.RSAPrivateNumbers:
        _unsupported("导出私钥")

    def private_bytes(
        self,
        encoding: serialization.Encoding,
        format: serialization.PrivateFormat,
        encryption_algorithm: serialization.KeySerializationEncryption,
    ) -> bytes:
        _unsupported("导出私钥")

    def __copy__(self) -> _TokenRSAPrivateKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _TokenRSAPrivateKey:
        return self

    def __repr__(self) -> str:
        return f"<TokenRSAPrivateKey label={self._label!r} bits={self.key_size}>"


# DER DigestInfo headers (RFC 8017 §9.2 note 1), keyed by cryptography's hash names.
_DIGEST_INFO_PREFIX = {
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}


def _ec_mechanism() -> tuple[Any, Any]:
    from pkcs11 import Mechanism

    return (Mechanism.ECDSA, None)


def _pss_mechanism(
    pss: asym_padding.PSS, hash_alg: hashes.HashAlgorithm, public: rsa.RSAPublicKey
) -> tuple[Any, Any]:
    from pkcs11 import MGF, Mechanism

    mechs = {
        "sha256": (Mechanism.SHA256, MGF.SHA256),
        "sha384": (Mechanism.SHA384, MGF.SHA384),
        "sha512": (Mechanism.SHA512, MGF.SHA512),
    }
    if hash_alg.name not in mechs:
        raise KeyOperationUnsupported(details={"operation": f"PSS-{hash_alg.name}"})
    # cryptography keeps the salt length private; there is no public accessor.
    salt = pss._salt_length
    if salt is asym_padding.PSS.DIGEST_LENGTH or salt is asym_padding.PSS.AUTO:
        salt_len = hash_alg.digest_size
    elif salt is asym_padding.PSS.MAX_LENGTH:
        salt_len = asym_padding.calculate_max_pss_salt_length(public, hash_alg)
    elif isinstance(salt, int):
        salt_len = salt
    else:
        raise KeyOperationUnsupported(details={"operation": "PSS salt"})
    hash_mech, mgf = mechs[hash_alg.name]
    return (Mechanism.RSA_PKCS_PSS, (hash_mech, mgf, salt_len))


_EC_CURVE_OIDS = {
    KeyAlgorithm.EC_P256: "secp256r1",
    KeyAlgorithm.EC_P384: "secp384r1",
}


# (module path, token label) -> SHA-256 of the PIN that logged this process in.
_TOKEN_LOGINS: dict[tuple[str, str], bytes] = {}


class PKCS11KeyBackend(KeyBackend):
    """Keys generated and used inside a PKCS#11 token, found by ``CKA_LABEL``.

    Private and secret keys are created ``CKA_SENSITIVE``/non-``CKA_EXTRACTABLE``, so no
    call here can get them out. One logged-in R/W session is opened on first use and reused;
    PKCS#11 sessions must not be used by two threads at once, so every token call holds the
    lock. AES-GCM blobs use the token's ``CKM_AES_GCM`` with a nonce generated here.
    """

    def __init__(self, module_path: str | Path, token_label: str, user_pin: str) -> None:
        self._module_path = str(module_path)
        self._token_label = token_label
        self._user_pin = user_pin
        self._lock = threading.RLock()
        self._session: Any = None
        self._public_cache: dict[str, PublicKey] = {}

    # -- session handling --

    def _open(self) -> Any:
        import pkcs11
        from pkcs11.exceptions import PKCS11Error, UserAlreadyLoggedIn

        try:
            lib = pkcs11.lib(self._module_path)
            token = lib.get_token(token_label=self._token_label)
            login_id = (self._module_path, self._token_label)
            pin_digest = hashlib.sha256(self._user_pin.encode()).digest()
            try:
                session = token.open(rw=True, user_pin=self._user_pin)
            except UserAlreadyLoggedIn:
                # Login state belongs to the whole process, not to a session: another backend
                # instance already logged in to this token and new sessions share it. The token
                # cannot re-check a PIN now, so compare with the PIN that did log in.
                known = _TOKEN_LOGINS.get(login_id)
                if known is None or not hmac.compare_digest(known, pin_digest):
                    raise KeyBackendError(
                        "无法打开密码设备会话",
                        details={"token": self._token_label, "error": "PinIncorrect"},
                    ) from None
                return token.open(rw=True)
            _TOKEN_LOGINS[login_id] = pin_digest
            return session
        except PKCS11Error as exc:
            raise KeyBackendError(
                "无法打开密码设备会话",
                details={"token": self._token_label, "error": type(exc).__name__},
            ) from exc

    @contextlib.contextmanager
    def _locked_session(self) -> Iterator[Any]:
        with self._lock:
            if self._session is None:
                self._session = self._open()
            yield self._session

    def _call(self, fn: Callable[[Any], _T]) -> _T:
        """Run ``fn(session)`` under the lock; reopen once if the session went stale."""
        from pkcs11.exceptions import (
            DeviceRemoved,
            PKCS11Error,
            SessionClosed,
            SessionHandleInvalid,
            UserNotLoggedIn,
        )

        stale = (SessionClosed, SessionHandleInvalid, DeviceRemoved, UserNotLoggedIn)
        with self._lock:
            for attempt in (1, 2):
                with self._locked_session() as session:
                    try:
                        return fn(session)
                    except stale:
                        self._session = None
                        if attempt == 2:
                            raise KeyBackendError("密码设备会话失效") from None
                    except PKCS11Error as exc:
                        raise KeyBackendError(
                            "密码设备操作失败", details={"error": type(exc).__name__}
                        ) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            if self._session is not None:
                with contextlib.suppress(Exception):
                    self._session.close()
                self._session = None

    # -- lookups --

    @staticmethod
    def _find(session: Any, object_class: Any, label: str) -> Any | None:
        from pkcs11.exceptions import NoSuchKey

        try:
            return session.get_key(object_class=object_class, label=label)
        except NoSuchKey:
            return None

    def has_key(self, label: str) -> bool:
        from pkcs11 import ObjectClass

        check_label(label)
        return self._call(lambda s: self._find(s, ObjectClass.PRIVATE_KEY, label) is not None)

    def has_secret_key(self, label: str) -> bool:
        from pkcs11 import ObjectClass

        check_label(label)
        return self._call(lambda s: self._find(s, ObjectClass.SECRET_KEY, label) is not None)

    def _load_public(self, session: Any, label: str) -> PublicKey:
        from pkcs11 import Attribute, KeyType, ObjectClass
        from pkcs11.util.ec import encode_ec_public_key
        from pkcs11.util.rsa import encode_rsa_public_key

        pub = self._find(session, ObjectClass.PUBLIC_KEY, label)
        if pub is None:
            if self._find(session, ObjectClass.PRIVATE_KEY, label) is None:
                raise KeyNotFound(details={"label": label})
            raise KeyBackendError("密码设备中缺少对应公钥", details={"label": label})
        key_type = pub[Attribute.KEY_TYPE]
        if key_type == KeyType.EC:
            der = encode_ec_public_key(pub)
        elif key_type == KeyType.RSA:
            # load_der_public_key also takes a bare PKCS#1 RSAPublicKey, which is what this is.
            der = encode_rsa_public_key(pub)
        else:
            raise KeyBackendError("密码设备密钥类型不受支持", details={"label": label})
        loaded = serialization.load_der_public_key(der)
        if not isinstance(loaded, (ec.EllipticCurvePublicKey, rsa.RSAPublicKey)):
            raise KeyBackendError("密码设备密钥类型不受支持", details={"label": label})
        return loaded

    def get_public_key(self, label: str) -> PublicKey:
        check_label(label)
        cached = self._public_cache.get(label)
        if cached is not None:
            return cached
        public = self._call(lambda s: self._load_public(s, label))
        with self._lock:
            self._public_cache[label] = public
        return public

    def get_private_key(self, label: str) -> PrivateKey:
        from pkcs11 import ObjectClass

        public = self.get_public_key(label)
        if not self._call(lambda s: self._find(s, ObjectClass.PRIVATE_KEY, label) is not None):
            raise KeyNotFound(details={"label": label})
        if isinstance(public, ec.EllipticCurvePublicKey):
            return _TokenECPrivateKey(self, label, public)
        return _TokenRSAPrivateKey(self, label, public)

    # -- generation --

    def create_key(self, label: str, algorithm: KeyAlgorithm) -> PublicKey:
        from pkcs11 import Attribute, KeyType, MechanismFlag, ObjectClass
        from pkcs11.util.ec import encode_named_curve_parameters

        check_label(label)
        key_id = hashlib.sha256(label.encode()).digest()[:16]
        private_template = {
            Attribute.TOKEN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.EXTRACTABLE: False,
        }
        caps = MechanismFlag.SIGN | MechanismFlag.VERIFY

        def generate(session: Any) -> None:
            if self._find(session, ObjectClass.PRIVATE_KEY, label) is not None:
                raise KeyExists(details={"label": label})
            if algorithm.is_ec:
                params = session.create_domain_parameters(
                    KeyType.EC,
                    {Attribute.EC_PARAMS: encode_named_curve_parameters(_EC_CURVE_OIDS[algorithm])},
                    local=True,
                )
                params.generate_keypair(
                    store=True,
                    label=label,
                    id=key_id,
                    capabilities=caps,
                    private_template=private_template,
                )
            else:
                session.generate_keypair(
                    KeyType.RSA,
                    algorithm.rsa_bits,
                    store=True,
                    label=label,
                    id=key_id,
                    capabilities=caps,
                    private_template=private_template,
                )

        self._call(generate)
        return self.get_public_key(label)

    def create_secret_key(self, label: str) -> None:
        from pkcs11 import Attribute, KeyType, MechanismFlag, ObjectClass

        check_label(label)

        def generate(session: Any) -> None:
            if self._find(session, ObjectClass.SECRET_KEY, label) is not None:
                raise KeyExists(details={"label": label})
            session.generate_key(
                KeyType.AES,
                256,
                label=label,
                store=True,
                capabilities=MechanismFlag.ENCRYPT | MechanismFlag.DECRYPT,
                template={
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: True,
                    Attribute.SENSITIVE: True,
                    Attribute.EXTRACTABLE: False,
                },
            )

        self._call(generate)

    # -- operations --

    def _sign_raw(self, label: str, data: bytes, mechanism: tuple[Any, Any]) -> bytes:
        from pkcs11 import ObjectClass

        mech, param = mechanism

        def sign(session: Any) -> bytes:
            key = self._find(session, ObjectClass.PRIVATE_KEY, label)
            if key is None:
                raise KeyNotFound(details={"label": label})
            return bytes(key.sign(data, mechanism=mech, mechanism_param=param))

        return self._call(sign)

    def _secret_key(self, session: Any, label: str) -> Any:
        from pkcs11 import ObjectClass

        key = self._find(session, ObjectClass.SECRET_KEY, label)
        if key is None:
            raise KeyNotFound(details={"label": label})
        return key

    def encrypt_blob(self, label: str, plaintext: bytes, aad: bytes) -> bytes:
        from pkcs11 import Mechanism
        from pkcs11.mechanisms import GCMParams

        check_label(label)
        # Random 96-bit nonces: with < 2**32 blobs per key the collision risk is negligible.
        nonce = os.urandom(_NONCE_LEN)
        param = GCMParams(nonce, _blob_aad(aad), _TAG_LEN * 8)

        def encrypt(session: Any) -> bytes:
            key = self._secret_key(session, label)
            return bytes(key.encrypt(plaintext, mechanism=Mechanism.AES_GCM, mechanism_param=param))

        return bytes([BLOB_VERSION]) + nonce + self._call(encrypt)

    def decrypt_blob(self, label: str, blob: bytes, aad: bytes) -> bytes:
        from pkcs11 import Mechanism
        from pkcs11.exceptions import (
            EncryptedDataInvalid,
            EncryptedDataLenRange,
            FunctionFailed,
            GeneralError,
        )
        from pkcs11.mechanisms import GCMParams

        check_label(label)
        nonce, ct = _split_blob(blob)
        param = GCMParams(nonce, _blob_aad(aad), _TAG_LEN * 8)

        def decrypt(session: Any) -> bytes:
            key = self._secret_key(session, label)
            try:
                return bytes(key.decrypt(ct, mechanism=Mechanism.AES_GCM, mechanism_param=param))
            except (EncryptedDataInvalid, EncryptedDataLenRange, FunctionFailed, GeneralError):
                # Tokens differ in how they report a bad GCM tag (SoftHSM2 2.6 says
                # CKR_GENERAL_ERROR); all of these mean "does not open" here.
                raise BlobDecryptionFailed() from None

        return self._call(decrypt)
