"""The PKCS#11 key backend: keys generated and used inside a token (SoftHSM2 in tests, a
real HSM in production).

Private keys come back as thin wrappers whose ``sign()`` runs on the token, so the key
material never enters this process; :func:`find_softhsm2_module` locates SoftHSM2. The
``pkcs11`` library is imported on first use only. Must never ask a token to export a key.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa, utils
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding

from mcert.pki.errors import (
    BlobDecryptionFailed,
    KeyBackendError,
    KeyExists,
    KeyNotFound,
    KeyOperationUnsupported,
)
from mcert.pki.keys.base import (
    BLOB_VERSION,
    NONCE_LEN,
    TAG_LEN,
    KeyAlgorithm,
    KeyBackend,
    PrivateKey,
    PublicKey,
    blob_aad,
    check_label,
    split_blob,
)

_T = TypeVar("_T")

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

    def has_mac_key(self, label: str) -> bool:
        # AES and HMAC keys are both CKO_SECRET_KEY objects: one label namespace on the token.
        return self.has_secret_key(label)

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
        from pkcs11 import KeyType, MechanismFlag

        self._generate_secret(
            label, KeyType.AES, MechanismFlag.ENCRYPT | MechanismFlag.DECRYPT, extra={}
        )

    def create_mac_key(self, label: str) -> None:
        """A CKK_GENERIC_SECRET key made on the token, usable for CKM_SHA256_HMAC only."""
        from pkcs11 import Attribute, KeyType, MechanismFlag

        refused = (Attribute.ENCRYPT, Attribute.DECRYPT, Attribute.WRAP, Attribute.UNWRAP)
        self._generate_secret(
            label,
            KeyType.GENERIC_SECRET,
            MechanismFlag.SIGN | MechanismFlag.VERIFY,
            extra={a: False for a in (*refused, Attribute.DERIVE)},
        )

    def _generate_secret(self, label: str, key_type: Any, caps: Any, extra: dict[Any, Any]) -> None:
        """A 256-bit secret key generated on the token: stored, private, sensitive and never
        extractable, with ``caps`` as its only uses (``extra`` turns others off)."""
        from pkcs11 import Attribute, ObjectClass

        check_label(label)

        def generate(session: Any) -> None:
            if self._find(session, ObjectClass.SECRET_KEY, label) is not None:
                raise KeyExists(details={"label": label})
            session.generate_key(
                key_type,
                256,
                label=label,
                store=True,
                capabilities=caps,
                template={
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: True,
                    Attribute.SENSITIVE: True,
                    Attribute.EXTRACTABLE: False,
                    **extra,
                },
            )

        self._call(generate)

    # -- operations --

    def mac(self, label: str, data: bytes) -> bytes:
        from pkcs11 import Mechanism

        check_label(label)

        def sign(session: Any) -> bytes:
            key = self._secret_key(session, label)
            return bytes(key.sign(data, mechanism=Mechanism.SHA256_HMAC))

        return self._call(sign)

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
        nonce = os.urandom(NONCE_LEN)
        param = GCMParams(nonce, blob_aad(aad), TAG_LEN * 8)

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
        nonce, ct = split_blob(blob)
        param = GCMParams(nonce, blob_aad(aad), TAG_LEN * 8)

        def decrypt(session: Any) -> bytes:
            key = self._secret_key(session, label)
            try:
                return bytes(key.decrypt(ct, mechanism=Mechanism.AES_GCM, mechanism_param=param))
            except (EncryptedDataInvalid, EncryptedDataLenRange, FunctionFailed, GeneralError):
                # Tokens differ in how they report a bad GCM tag (SoftHSM2 2.6 says
                # CKR_GENERAL_ERROR); all of these mean "does not open" here.
                raise BlobDecryptionFailed() from None

        return self._call(decrypt)
