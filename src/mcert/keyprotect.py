"""Certificate-password key protection, server side (see ``docs/protocol.md``).

The holder's private keys stay on the phone, encrypted under
``K = HKDF-SHA256(device_secret ‖ server_share, wrap_salt, info)``. The device keeps
``device_secret``; this module gives the server its half of the bargain:

* :func:`check_password_strength` — the trivial-password rules (raises :class:`WeakPassword`);
* :func:`hash_password_verifier` — the stored verifier. Version 2 (current): HMAC-SHA256 of
  the PBKDF2 pre-hash (the value the device presents on every unlock), bound to a context
  (the holder's user id) and a per-verifier salt, under a server key that lives in the CA key
  backend (:class:`VerifierKey`). Version 1 (legacy): the pre-hash under scrypt. Every
  parameter is recorded in the string;
* :func:`verify_password_verifier` — constant-time check of a presented pre-hash against
  either version (raises :class:`WrongPassword`; the service layer counts failures and locks);
* :func:`upgrade_password_verifier` — after a successful check of a v1 verifier, the same
  pre-hash as a v2 verifier (the device notices nothing);
* :func:`new_server_share` — the 32 random bytes released only after a correct password;
* :func:`seal_to_transport_key` — ECIES (P-256 ECDH + HKDF-SHA256 + AES-256-GCM) to a key the
  device generated, for the escrowed encryption private key and the ``server_share``;
* :func:`context_aad` — the context encoding that binds every blob to certificate, device
  and purpose.

The device side (``mcert_device.crypto``) is a separate, independent implementation of the
same byte formats; ``docs/protocol-vectors.json`` pins both, so neither may change a label,
layout or parameter without regenerating the vectors and versioning the label.

This module must never see a signing private key or the ``device_secret``, never log or put
a password, pre-hash, share or key into an exception message, and never touch the
database, HTTP, settings or the failure counter: it is pure, the service layer persists.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from mcert.codec import b64u_decode, b64u_encode
from mcert.errors import InvalidInput, PermissionDenied

__all__ = [
    "DEFAULT_MAX_FAILED_ATTEMPTS",
    "PREHASH_ITERATIONS",
    "SCRYPT_PARAMS",
    "PasswordPrehashMalformed",
    "PrehashParams",
    "ScryptParams",
    "SealedBlob",
    "TransportKeyInvalid",
    "VerifierFormatError",
    "VerifierKey",
    "WeakPassword",
    "WrongPassword",
    "check_password_strength",
    "context_aad",
    "hash_password_verifier",
    "new_server_share",
    "normalise_password",
    "password_prehash",
    "prehash_params",
    "rehash_password_verifier",
    "seal_to_transport_key",
    "upgrade_password_verifier",
    "verifier_needs_rehash",
    "verifier_version",
    "verify_password_verifier",
]

# Labels. They are part of the wire format (HKDF info / AES-GCM associated data) shared
# with every device implementation: version them, never edit them in place.
SEAL_AAD_LABEL = b"mcert/keyprotect/v1/seal"
ECIES_INFO_LABEL = b"mcert/keyprotect/v1/ecies"
SEAL_PURPOSES = frozenset({"enc-key", "server-share"})
# HMAC input prefix of v2 verifiers (server side only; no device computes it).
VERIFIER_MAC_LABEL = b"mcert/keyprotect/v2/verifier"

SERVER_SHARE_BYTES = 32
PREHASH_BYTES = 32
PREHASH_SALT_BYTES = 16
# PBKDF2-HMAC-SHA256 because WebCrypto has it and not scrypt. ~90 ms here, a few hundred ms
# in mobile WebCrypto. It protects the password when a pre-hash leaks on its own (a log, a
# TLS-terminating proxy), and it is the whole guessing cost for someone who has both the
# database and the server's verifier key (v2); without the key a v2 verifier allows no
# guessing at all (docs/protocol.md, "What protects the certificate password").
PREHASH_ITERATIONS = 310_000
_MIN_PREHASH_ITERATIONS = 1_000  # a floor against corrupt records, not a recommendation

DEFAULT_MAX_FAILED_ATTEMPTS = 5
"""Consecutive wrong passwords before the service layer locks a certificate (configurable)."""

_VERIFIER_SCHEME = "mcert-pw"
_VERIFIER_VERSION = "v=1"
_VERIFIER_SALT_BYTES = 16
_MAX_PASSWORD_CHARS = 64
_MIN_PASSWORD_CHARS = 6


# --------------------------------------------------------------------------- errors


class WeakPassword(InvalidInput):
    """The new certificate password breaks a rule; ``details["rule"]`` names which."""

    code = "password_weak"
    default_message = "证书密码过于简单"


class WrongPassword(PermissionDenied):
    """The presented certificate password does not match. The caller counts the failure.

    A :class:`~mcert.errors.PermissionDenied` (403), not a 401: the holder's session is
    fine, and apps treat 401 as "log in again".
    """

    code = "password_wrong"
    default_message = "证书密码错误"


class PasswordPrehashMalformed(InvalidInput):
    """The presented value is not a 32-byte pre-hash: a client bug, not a guess."""

    code = "password_prehash_malformed"
    default_message = "证书密码数据格式有误"


class TransportKeyInvalid(InvalidInput):
    """The device's transport public key is not a valid P-256 point in DER, raw or JWK form."""

    code = "transport_key_invalid"
    default_message = "设备传输公钥无效"


class VerifierFormatError(ValueError):
    """A stored verifier string cannot be parsed: the record is corrupt, not the caller's fault.

    Deliberately not a :class:`~mcert.errors.DomainError`; the message never contains the
    stored string.
    """


# --------------------------------------------------------------------------- encoding


def _lp(value: str) -> bytes:
    raw = value.encode("utf-8")
    if not 1 <= len(raw) <= 255:
        raise ValueError("context values must be 1-255 bytes of UTF-8")
    return len(raw).to_bytes(2, "big") + raw


def context_aad(cert_id: str, device_id: str, purpose: str) -> bytes:
    """Associated data for a sealed blob.

    ``"mcert/keyprotect/v1/seal" ‖ 0x00 ‖ lp(cert_id) ‖ lp(device_id) ‖ lp(purpose)``, where
    ``lp(x)`` is the 2-byte big-endian length of UTF-8 ``x`` followed by its bytes.
    ``purpose`` is ``"enc-key"`` (the escrowed encryption private key) or ``"server-share"``.
    """
    if purpose not in SEAL_PURPOSES:
        raise ValueError(f"purpose must be one of {sorted(SEAL_PURPOSES)}")
    return SEAL_AAD_LABEL + b"\x00" + _lp(cert_id) + _lp(device_id) + _lp(purpose)


# --------------------------------------------------------------------------- password rules

# Ascending runs are found as substrings of these; descending ones in their reverses.
_SEQUENCES = ("0123456789", "abcdefghijklmnopqrstuvwxyz")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv", "1q2w3e4r5t6y")
# The most used passwords in Chinese leak corpora (CSDN/Tianya/12306 analyses), lower case.
# Pure runs and repeats are caught by the rules above and are not repeated here.
_COMMON_PASSWORDS = frozenset(
    """
    password password1 passw0rd p@ssw0rd iloveyou woaini woaini1314 woaini520 5201314
    520520 1314520 521521 a123456 a1234567 a12345678 a123456789 aa123456 qq123456 abc123
    abc123456 abcd1234 123abc 123qwe qwe123 qwe123456 qweasd qweasdzxc asd123
    zxc123 admin admin123 root123 test123 123123 123321 112233 121212 131313 123456a
    12345678a 147258 147258369 159357 159753 741852 789456 456789123 1234567890
    0987654321 666888 168168 888999 100200 110120 000123 aaa111 qazwsx
    """.split()
)


def normalise_password(password: str) -> str:
    """NFKC, so full-width digits from a Chinese IME count the same as ASCII ones."""
    return unicodedata.normalize("NFKC", password)


def _is_run(s: str) -> bool:
    low = s.lower()
    for seq in _SEQUENCES:
        if low in seq or low in seq[::-1]:
            return True
    return False


def _is_keyboard_walk(s: str) -> bool:
    low = s.lower()
    return any(low in row or low in row[::-1] for row in _KEYBOARD_ROWS)


def _birth_date_forms(birth_date: date | str) -> list[str]:
    if isinstance(birth_date, date):
        y, m, d = f"{birth_date.year:04d}", f"{birth_date.month:02d}", f"{birth_date.day:02d}"
    else:
        digits = re.sub(r"\D", "", birth_date)
        if len(digits) != 8:
            raise ValueError("birth_date must be a date or YYYY-MM-DD / YYYYMMDD")
        y, m, d = digits[:4], digits[4:6], digits[6:]
    return [y + m + d, m + d + y, d + m + y, y[2:] + m + d, m + d + y[2:], d + m + y[2:]]


def _reject(rule: str, message: str) -> WeakPassword:
    return WeakPassword(message, details={"rule": rule})


def check_password_strength(
    password: str, *, phone: str | None = None, birth_date: date | str | None = None
) -> None:
    """Raise :class:`WeakPassword` if ``password`` is trivial; return ``None`` otherwise.

    Rules, in order (``details["rule"]``): ``too_short`` (< 6 characters), ``too_long``
    (> 64), ``repeated`` (one character, 000000), ``sequence`` (an ascending or descending
    run of digits or letters such as 123456, 654321, abcdef; or a keyboard walk such as
    qwerty), ``common`` (a short list of the most used passwords), ``phone`` (contains the
    phone number or its last six digits, or is part of it), ``birth_date`` (contains the
    birth date as YYYYMMDD, MMDDYYYY, DDMMYYYY, YYMMDD, MMDDYY or DDMMYY).
    """
    pw = normalise_password(password)
    if len(pw) < _MIN_PASSWORD_CHARS:
        raise _reject("too_short", f"证书密码长度不能少于{_MIN_PASSWORD_CHARS}位")
    if len(pw) > _MAX_PASSWORD_CHARS:
        raise _reject("too_long", f"证书密码长度不能超过{_MAX_PASSWORD_CHARS}位")
    if len(set(pw)) == 1:
        raise _reject("repeated", "证书密码不能由同一个字符重复组成")
    if _is_run(pw) or _is_keyboard_walk(pw):
        raise _reject("sequence", "证书密码不能是连续的数字或字母（如123456、654321、abcdef）")
    if pw.lower() in _COMMON_PASSWORDS:
        raise _reject("common", "证书密码过于常见，请换一个")
    if phone:
        digits = re.sub(r"\D", "", phone)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if digits and (digits in pw or pw in digits or (len(digits) >= 6 and digits[-6:] in pw)):
            raise _reject("phone", "证书密码不能包含手机号")
    if birth_date is not None and any(form in pw for form in _birth_date_forms(birth_date)):
        raise _reject("birth_date", "证书密码不能包含出生日期")


# --------------------------------------------------------------------------- verifier


@dataclass(frozen=True)
class PrehashParams:
    """What the device needs to compute the pre-hash it presents; not secret."""

    salt: bytes
    iterations: int = PREHASH_ITERATIONS

    def to_json(self) -> dict[str, Any]:
        return {
            "alg": "PBKDF2-SHA256",
            "salt": b64u_encode(self.salt),
            "iterations": self.iterations,
        }


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost: ``n = 2**ln``, memory ``128 * r * n`` bytes (16 MiB for the defaults)."""

    ln: int = 14
    r: int = 8
    p: int = 1


SCRYPT_PARAMS = ScryptParams()
"""~70 ms per verification on the 2-core reference machine (cryptography 50, OpenSSL 3)."""


@dataclass(frozen=True)
class VerifierKey:
    """The server's v2 verifier key, as the CA key backend exposes it: a label and a MAC.

    ``mac(data)`` returns HMAC-SHA256 of ``data`` under the key named ``key_id`` (a file key
    sealed under the CA passphrase, or a non-extractable HMAC key inside the HSM). This module
    never sees the key itself. ``key_id`` is written into every verifier, so a new key can be
    introduced later while old verifiers still name theirs.
    """

    key_id: str
    mac: Callable[[bytes], bytes]


def password_prehash(password: str, params: PrehashParams) -> bytes:
    """``PBKDF2-HMAC-SHA256(UTF-8(NFKC(password)), salt, iterations, 32)``.

    The same function the device runs before every unlock (``mcert_device.crypto``); the
    server only runs it when a password is set, on the plaintext it needs for the rules.
    """
    if params.iterations < _MIN_PREHASH_ITERATIONS or len(params.salt) < 16:
        raise ValueError("pre-hash parameters are below the floor")
    return hashlib.pbkdf2_hmac(
        "sha256", normalise_password(password).encode("utf-8"), params.salt, params.iterations
    )


def _scrypt(prehash: bytes, salt: bytes, sp: ScryptParams) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**sp.ln, r=sp.r, p=sp.p).derive(prehash)


def _format_verifier(pp: PrehashParams, sp: ScryptParams, salt: bytes, digest: bytes) -> str:
    return "$".join(
        [
            "",
            _VERIFIER_SCHEME,
            _VERIFIER_VERSION,
            f"pbkdf2-sha256,i={pp.iterations},salt={b64u_encode(pp.salt)}",
            f"scrypt,ln={sp.ln},r={sp.r},p={sp.p},salt={b64u_encode(salt)}",
            b64u_encode(digest),
        ]
    )


_VERIFIER_RE = re.compile(
    r"\$mcert-pw\$v=1"
    r"\$pbkdf2-sha256,i=(?P<i>[0-9]{1,9}),salt=(?P<ps>[A-Za-z0-9_-]{22,86})"
    r"\$scrypt,ln=(?P<ln>[0-9]{1,2}),r=(?P<r>[0-9]{1,2}),p=(?P<p>[0-9]{1,2})"
    r",salt=(?P<ss>[A-Za-z0-9_-]{22,86})"
    r"\$(?P<h>[A-Za-z0-9_-]{43})"
)


def _parse_verifier(stored: str) -> tuple[PrehashParams, ScryptParams, bytes, bytes]:
    m = _VERIFIER_RE.fullmatch(stored) if isinstance(stored, str) else None
    if m is None:
        raise VerifierFormatError("stored password verifier is malformed")
    try:
        pp = PrehashParams(salt=b64u_decode(m["ps"], strict=True), iterations=int(m["i"]))
        sp = ScryptParams(ln=int(m["ln"]), r=int(m["r"]), p=int(m["p"]))
        salt, digest = b64u_decode(m["ss"], strict=True), b64u_decode(m["h"], strict=True)
    except ValueError:
        raise VerifierFormatError("stored password verifier is malformed") from None
    if not (1 <= sp.ln <= 24 and sp.r >= 1 and sp.p >= 1 and len(digest) == 32):
        raise VerifierFormatError("stored password verifier is malformed")
    return pp, sp, salt, digest


_KEY_ID_RE = r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}"
_VERIFIER_V2_RE = re.compile(
    r"\$mcert-pw\$v=2"
    r"\$pbkdf2-sha256,i=(?P<i>[0-9]{1,9}),salt=(?P<ps>[A-Za-z0-9_-]{22,86})"
    r"\$hmac-sha256,key=(?P<key>" + _KEY_ID_RE + r"),salt=(?P<ms>[A-Za-z0-9_-]{22})"
    r"\$(?P<h>[A-Za-z0-9_-]{43})"
)


@dataclass(frozen=True)
class _V2:
    pp: PrehashParams
    key_id: str
    salt: bytes
    digest: bytes


def verifier_version(stored: str) -> int:
    """1 (scrypt) or 2 (HMAC under the server key); raise :class:`VerifierFormatError`."""
    if isinstance(stored, str) and stored.startswith("$mcert-pw$v=2$"):
        return 2
    if isinstance(stored, str) and stored.startswith("$mcert-pw$v=1$"):
        return 1
    raise VerifierFormatError("stored password verifier is malformed")


def _parse_v2(stored: str) -> _V2:
    m = _VERIFIER_V2_RE.fullmatch(stored)
    if m is None:
        raise VerifierFormatError("stored password verifier is malformed")
    try:
        pp = PrehashParams(salt=b64u_decode(m["ps"], strict=True), iterations=int(m["i"]))
        salt, digest = b64u_decode(m["ms"], strict=True), b64u_decode(m["h"], strict=True)
    except ValueError:
        raise VerifierFormatError("stored password verifier is malformed") from None
    if len(salt) != _VERIFIER_SALT_BYTES or len(digest) != 32:
        raise VerifierFormatError("stored password verifier is malformed")
    return _V2(pp, m["key"], salt, digest)


def _v2_mac_input(context: str, salt: bytes, prehash: bytes) -> bytes:
    """``"mcert/keyprotect/v2/verifier" ‖ 0x00 ‖ lp(context) ‖ salt(16) ‖ prehash(32)``."""
    return VERIFIER_MAC_LABEL + b"\x00" + _lp(context) + salt + prehash


def _v2_verifier(
    prehash: bytes, pp: PrehashParams, key: VerifierKey, context: str, salt: bytes
) -> str:
    """Deterministic core of a v2 verifier (tests use it with a fixed salt)."""
    if len(prehash) != PREHASH_BYTES:
        raise PasswordPrehashMalformed()
    if not re.fullmatch(_KEY_ID_RE, key.key_id) or len(salt) != _VERIFIER_SALT_BYTES:
        raise ValueError("bad verifier key id or salt")
    digest = key.mac(_v2_mac_input(context, salt, prehash))
    if len(digest) != 32:
        raise ValueError("the verifier key must produce HMAC-SHA256")
    return "$".join(
        [
            "",
            _VERIFIER_SCHEME,
            "v=2",
            f"pbkdf2-sha256,i={pp.iterations},salt={b64u_encode(pp.salt)}",
            f"hmac-sha256,key={key.key_id},salt={b64u_encode(salt)}",
            b64u_encode(digest),
        ]
    )


def _hash_password_verifier(
    prehash: bytes, pp: PrehashParams, sp: ScryptParams, scrypt_salt: bytes
) -> str:
    """Deterministic core of :func:`hash_password_verifier` (test vectors use it)."""
    if len(prehash) != PREHASH_BYTES:
        raise PasswordPrehashMalformed()
    return _format_verifier(pp, sp, scrypt_salt, _scrypt(prehash, scrypt_salt, sp))


def hash_password_verifier(
    password: str,
    *,
    phone: str | None = None,
    birth_date: date | str | None = None,
    prehash_iterations: int = PREHASH_ITERATIONS,
    key: VerifierKey | None = None,
    context: str | None = None,
    scrypt_params: ScryptParams = SCRYPT_PARAMS,
) -> str:
    """Check the rules, then return the string to store for a new certificate password.

    Used for the first password, a change (after :func:`verify_password_verifier` on the
    old one) and a reset; the ``server_share`` is untouched by all three. Fresh salts each
    time. The result records every parameter, so defaults can change without a migration.

    With ``key`` (and ``context``, the holder's user id) the result is a v2 verifier; without,
    a legacy v1 scrypt verifier (kept for tests and the published vectors).
    """
    check_password_strength(password, phone=phone, birth_date=birth_date)
    pp = PrehashParams(salt=os.urandom(PREHASH_SALT_BYTES), iterations=prehash_iterations)
    if key is not None:
        if not context:
            raise ValueError("a v2 verifier needs a context")
        return _v2_verifier(
            password_prehash(password, pp), pp, key, context, os.urandom(_VERIFIER_SALT_BYTES)
        )
    return _hash_password_verifier(
        password_prehash(password, pp), pp, scrypt_params, os.urandom(16)
    )


def prehash_params(stored: str) -> PrehashParams:
    """The salt and iteration count the device needs; the server sends them before unlock."""
    if verifier_version(stored) == 2:
        return _parse_v2(stored).pp
    return _parse_verifier(stored)[0]


def _check_presented(presented: bytes) -> None:
    if not isinstance(presented, bytes | bytearray) or len(presented) != PREHASH_BYTES:
        raise PasswordPrehashMalformed()


def verify_password_verifier(
    stored: str,
    presented: bytes,
    *,
    key: VerifierKey | None = None,
    context: str | None = None,
) -> None:
    """Raise :class:`WrongPassword` unless ``presented`` is the pre-hash ``stored`` was made from.

    ``presented`` is the 32-byte pre-hash the device computed (decoded from base64url by
    the caller). A v2 verifier needs the server ``key`` it names and the ``context`` it was
    made for (a v2 verifier copied to another holder's record does not match); a v1 one
    ignores both. The comparison is constant-time; the MAC or slow hash runs whatever the
    outcome.
    """
    _check_presented(presented)
    if verifier_version(stored) == 2:
        v2 = _parse_v2(stored)
        if key is None or key.key_id != v2.key_id or not context:
            # A configuration error (wrong backend, key missing), not a wrong password.
            raise VerifierFormatError("the verifier key named by the stored verifier is absent")
        mac = key.mac(_v2_mac_input(context, v2.salt, bytes(presented)))
        if not hmac.compare_digest(mac, v2.digest):
            raise WrongPassword()
        return
    _, sp, salt, digest = _parse_verifier(stored)
    if not hmac.compare_digest(_scrypt(bytes(presented), salt, sp), digest):
        raise WrongPassword()


def upgrade_password_verifier(stored: str, presented: bytes, key: VerifierKey, context: str) -> str:
    """After a successful verify of ``stored``: the same pre-hash as a v2 verifier.

    The pre-hash parameters are kept, so the device notices nothing. The caller must have
    verified ``presented`` against ``stored`` first (this function does not repeat the slow
    v1 check).
    """
    _check_presented(presented)
    return _v2_verifier(
        bytes(presented), prehash_params(stored), key, context, os.urandom(_VERIFIER_SALT_BYTES)
    )


def verifier_needs_rehash(stored: str, scrypt_params: ScryptParams = SCRYPT_PARAMS) -> bool:
    """True when ``stored`` is a v1 verifier with other scrypt parameters than
    ``scrypt_params``; always False for v2 (use :func:`verifier_version` to upgrade)."""
    if verifier_version(stored) == 2:
        return False
    return _parse_verifier(stored)[1] != scrypt_params


def rehash_password_verifier(
    stored: str, presented: bytes, scrypt_params: ScryptParams = SCRYPT_PARAMS
) -> str:
    """After a successful verify: the same pre-hash under new scrypt parameters and salt.

    The pre-hash parameters are kept, so the device notices nothing; changing those needs
    the password, i.e. a password change.
    """
    verify_password_verifier(stored, presented)
    pp = _parse_verifier(stored)[0]
    return _hash_password_verifier(bytes(presented), pp, scrypt_params, os.urandom(16))


def new_server_share() -> bytes:
    """32 random bytes: the server's half of the wrap key, released only after the password."""
    return os.urandom(SERVER_SHARE_BYTES)


# --------------------------------------------------------------------------- ECIES seal


@dataclass(frozen=True)
class SealedBlob:
    """ECIES output: ephemeral public key (65-byte uncompressed point), GCM nonce, ct ‖ tag.

    JSON form: ``{"v": 1, "alg": "ECDH-ES-P256+HKDF-SHA256+A256GCM", "epk": …, "iv": …,
    "ct": …}``, byte strings in base64url without padding.
    """

    epk: bytes
    iv: bytes
    ct: bytes

    ALG: ClassVar[str] = "ECDH-ES-P256+HKDF-SHA256+A256GCM"

    def to_json(self) -> dict[str, Any]:
        return {
            "v": 1,
            "alg": self.ALG,
            "epk": b64u_encode(self.epk),
            "iv": b64u_encode(self.iv),
            "ct": b64u_encode(self.ct),
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any] | str) -> SealedBlob:
        try:
            data = json.loads(obj) if isinstance(obj, str) else obj
            if data["v"] != 1 or data["alg"] != cls.ALG:
                raise ValueError("unknown sealed blob version")
            blob = cls(
                epk=b64u_decode(data["epk"], strict=True),
                iv=b64u_decode(data["iv"], strict=True),
                ct=b64u_decode(data["ct"], strict=True),
            )
        except (KeyError, TypeError, ValueError):
            raise InvalidInput("密文格式有误", code="sealed_blob_malformed") from None
        if len(blob.epk) != 65 or len(blob.iv) != 12 or len(blob.ct) < 16:
            raise InvalidInput("密文格式有误", code="sealed_blob_malformed")
        return blob


def _raw_point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def _load_transport_key(key: bytes | str | Mapping[str, Any]) -> ec.EllipticCurvePublicKey:
    """DER SubjectPublicKeyInfo, 65-byte raw point, a JWK mapping or its JSON text."""
    try:
        if isinstance(key, bytes):
            if len(key) == 65 and key[0] == 4:
                pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key)
            else:
                loaded = serialization.load_der_public_key(key)
                if not isinstance(loaded, ec.EllipticCurvePublicKey):
                    raise TransportKeyInvalid()
                pub = loaded
        else:
            jwk = json.loads(key) if isinstance(key, str) else key
            if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256" or "d" in jwk:
                raise TransportKeyInvalid()
            x, y = b64u_decode(jwk["x"], strict=True), b64u_decode(jwk["y"], strict=True)
            if len(x) != 32 or len(y) != 32:
                raise TransportKeyInvalid()
            pub = ec.EllipticCurvePublicNumbers(
                int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
            ).public_key()
    except TransportKeyInvalid:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, UnsupportedAlgorithm):
        raise TransportKeyInvalid() from None
    if not isinstance(pub.curve, ec.SECP256R1):
        raise TransportKeyInvalid()
    return pub


def _ecies_key(shared: bytes, epk: bytes, rpk: bytes) -> bytes:
    info = ECIES_INFO_LABEL + b"\x00" + epk + rpk
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=info).derive(shared)


def _seal_with(
    recipient: ec.EllipticCurvePublicKey,
    plaintext: bytes,
    aad: bytes,
    ephemeral: ec.EllipticCurvePrivateKey,
    iv: bytes,
) -> SealedBlob:
    """Deterministic core of :func:`seal_to_transport_key` (test vectors use it)."""
    shared = ephemeral.exchange(ec.ECDH(), recipient)
    epk = _raw_point(ephemeral.public_key())
    key = _ecies_key(shared, epk, _raw_point(recipient))
    return SealedBlob(epk=epk, iv=iv, ct=AESGCM(key).encrypt(iv, plaintext, aad))


def seal_to_transport_key(
    transport_public_key: bytes | str | Mapping[str, Any], plaintext: bytes, aad: bytes
) -> SealedBlob:
    """Encrypt ``plaintext`` so that only the holder of the transport private key can read it.

    ``transport_public_key`` is the device's ephemeral P-256 key as DER SubjectPublicKeyInfo,
    a 65-byte uncompressed point or a JWK; ``aad`` comes from :func:`context_aad`. A fresh
    ephemeral key per call; raises :class:`TransportKeyInvalid` for anything but P-256.
    """
    recipient = _load_transport_key(transport_public_key)
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    return _seal_with(recipient, plaintext, aad, ephemeral, os.urandom(12))
