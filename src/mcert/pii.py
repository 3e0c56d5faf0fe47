"""Personal information protection (PIPL): field encryption, blind indexes, masking, redaction.

* :class:`FieldCipher` encrypts one database field with AES-256-GCM. The ciphertext names
  its key id, so keys rotate without a flag day, and is bound to associated data (the
  ``table.column``, ideally plus the row id) so a value copied into another field or row
  does not decrypt.
* :class:`BlindIndex` is a keyed HMAC of a normalised value, for equality lookups on
  encrypted fields.
* ``mask_*`` produce display forms for holders and operators; :func:`redact` masks phone
  numbers, ID numbers, card numbers and SMS codes in free text bound for logs and audit.

Keys come from the caller (normally derived from ``MCERT_SECRET_KEY`` with the
``from_secret`` constructors); this module must never read the environment, log or put
plaintext, keys or ciphertext into exception messages, or fall back to an unencrypted or
unauthenticated form.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mcert.codec import b64u_decode, b64u_encode

__all__ = [
    "BlindIndex",
    "DecryptionError",
    "FieldCipher",
    "derive_key",
    "mask_bank_card",
    "mask_email",
    "mask_id_number",
    "mask_ip",
    "mask_name",
    "mask_phone",
    "redact",
]

# HKDF info labels. Changing one silently makes every stored ciphertext or index unreadable,
# so they are versioned and never edited in place.
FIELD_KEY_LABEL = b"mcert/pii/field-key/v1:"
BLIND_INDEX_LABEL = b"mcert/pii/blind-index/v1"


class DecryptionError(Exception):
    """A field ciphertext could not be decrypted: corrupt, tampered, wrong key or wrong AAD.

    Internal: it means data or configuration is broken, not that the caller erred, so it
    is deliberately not a :class:`~mcert.errors.DomainError`.
    """


def derive_key(secret: bytes | str, info: bytes, length: int = 32) -> bytes:
    """HKDF-SHA256 of the application secret; distinct ``info`` gives independent keys."""
    ikm = secret.encode() if isinstance(secret, str) else secret
    if not ikm:
        raise ValueError("secret must not be empty")
    return HKDF(algorithm=SHA256(), length=length, salt=None, info=info).derive(ikm)


# --------------------------------------------------------------------------- field cipher

_VERSION = 1
_NONCE_LEN = 12
_TAG_LEN = 16
_KEY_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,32}")


def _decode_token(text: str) -> bytes:
    try:
        return b64u_decode(text)
    except ValueError:
        raise DecryptionError("ciphertext is not URL-safe base64") from None


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


class FieldCipher:
    """AES-256-GCM encryption of single fields, with key ids for rotation.

    Token layout before URL-safe base64 (no padding)::

        version (1 byte, =1) | key id length (1) | key id (ASCII) | nonce (12) | ct+tag

    The header is part of the GCM associated data, followed by the caller's ``aad``, so
    neither the key id nor the field binding can be swapped without failing the tag.
    Nonces are random 96-bit values, which NIST SP 800-38D allows for up to 2**32
    encryptions per key; rotate long before a key gets near that.
    """

    def __init__(self, keys: Mapping[str, bytes], active_key_id: str) -> None:
        if active_key_id not in keys:
            raise ValueError("active_key_id is not among keys")
        self._aead: dict[str, AESGCM] = {}
        for key_id, key in keys.items():
            if not _KEY_ID_RE.fullmatch(key_id):
                raise ValueError("key ids are 1-32 characters of A-Z a-z 0-9 . _ -")
            if len(key) != 32:
                raise ValueError("field keys must be 32 bytes (AES-256)")
            self._aead[key_id] = AESGCM(key)
        self._active = active_key_id

    @classmethod
    def from_secret(
        cls,
        secret: bytes | str,
        key_id: str = "k1",
        *,
        retired: Mapping[str, bytes | str] | None = None,
    ) -> FieldCipher:
        """Derive the active key from ``secret`` and keep ``retired`` secrets for decryption.

        ``retired`` maps old key ids to the secrets they were derived from, so rotating
        ``MCERT_SECRET_KEY`` means: new secret under a new key id, old one moved here until
        :meth:`needs_rotation` finds nothing left.
        """
        secrets: dict[str, bytes | str] = dict(retired or {})
        if key_id in secrets:
            raise ValueError("the active key id is also listed as retired")
        secrets[key_id] = secret
        keys = {
            kid: derive_key(s, FIELD_KEY_LABEL + kid.encode("ascii")) for kid, s in secrets.items()
        }
        return cls(keys, key_id)

    @property
    def active_key_id(self) -> str:
        return self._active

    def encrypt(self, plaintext: str | bytes, *, aad: bytes | str) -> str:
        """Encrypt with the active key; ``aad`` names the field (e.g. ``b"users.phone"``)."""
        kid = self._active.encode("ascii")
        header = bytes([_VERSION, len(kid)]) + kid
        nonce = os.urandom(_NONCE_LEN)
        ct = self._aead[self._active].encrypt(nonce, _as_bytes(plaintext), header + _as_bytes(aad))
        return b64u_encode(header + nonce + ct)

    def _split(self, token: str) -> tuple[str, bytes, bytes, bytes]:
        if not isinstance(token, str):
            raise DecryptionError("ciphertext must be text")
        raw = _decode_token(token)
        if len(raw) < 2 or raw[0] != _VERSION:
            raise DecryptionError("unknown ciphertext version")
        end = 2 + raw[1]
        if raw[1] == 0 or len(raw) < end + _NONCE_LEN + _TAG_LEN:
            raise DecryptionError("ciphertext is truncated")
        try:
            kid = raw[2:end].decode("ascii")
        except UnicodeDecodeError:
            raise DecryptionError("malformed key id") from None
        return kid, raw[:end], raw[end : end + _NONCE_LEN], raw[end + _NONCE_LEN :]

    def key_id_of(self, token: str) -> str:
        """The key id a ciphertext was made with (not authenticated until decrypted)."""
        return self._split(token)[0]

    def needs_rotation(self, token: str) -> bool:
        """True when the ciphertext was made with a key other than the active one."""
        return self.key_id_of(token) != self._active

    def decrypt_bytes(self, token: str, *, aad: bytes | str) -> bytes:
        kid, header, nonce, ct = self._split(token)
        aead = self._aead.get(kid)
        if aead is None:
            raise DecryptionError(f"unknown key id {kid!r}")
        try:
            return aead.decrypt(nonce, ct, header + _as_bytes(aad))
        except InvalidTag:
            raise DecryptionError(
                "authentication failed: wrong key, wrong aad or tampered"
            ) from None

    def decrypt(self, token: str, *, aad: bytes | str) -> str:
        """Decrypt a ciphertext made from text; use :meth:`decrypt_bytes` for bytes."""
        data = self.decrypt_bytes(token, aad=aad)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise DecryptionError("plaintext is not UTF-8; use decrypt_bytes") from None

    def rotate(self, token: str, *, aad: bytes | str) -> str:
        """Re-encrypt under the active key (returns ``token`` itself if already current)."""
        if not self.needs_rotation(token):
            return token
        return self.encrypt(self.decrypt_bytes(token, aad=aad), aad=aad)


# --------------------------------------------------------------------------- blind index


def _normalise(value: str) -> str:
    # Callers should pass values normalised by mcert.ident; this is the guard that keeps
    # "11010519491231002x" and a full-width or padded copy from indexing differently.
    return unicodedata.normalize("NFKC", value).strip().upper()


class BlindIndex:
    """Deterministic HMAC-SHA256 (hex, 64 chars) of a normalised value, for lookups.

    ``scope`` separates kinds of value (``"phone"``, ``"id_number"``) when wanted; the
    default empty scope is what phone lookups use, so changing it means re-indexing.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("blind index key must be at least 16 bytes")
        self._key = bytes(key)

    @classmethod
    def from_secret(cls, secret: bytes | str) -> BlindIndex:
        return cls(derive_key(secret, BLIND_INDEX_LABEL))

    def compute(self, value: str, *, scope: str = "") -> str:
        msg = scope.encode("utf-8") + b"\x1f" + _normalise(value).encode("utf-8")
        return hmac.new(self._key, msg, hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------- masking


def _mask_middle(s: str, head: int, tail: int) -> str:
    # Short or unexpected input would reveal most of itself with fixed head/tail counts;
    # then hide everything rather than guess.
    if len(s) < head + tail + 4:
        return "*" * len(s) if s else ""
    return s[:head] + "*" * (len(s) - head - tail) + s[len(s) - tail :]


def mask_phone(phone: str) -> str:
    """``"13800138000"`` -> ``"138****8000"``; a ``+86`` prefix is kept as is."""
    s = phone.strip()
    prefix = ""
    if s.startswith("+86"):
        prefix, s = "+86", s[3:]
    return prefix + _mask_middle(s, 3, 4)


def mask_id_number(number: str) -> str:
    """``"11010119900307123X"`` -> ``"110***********123X"`` (first 3, last 4)."""
    return _mask_middle(number.strip(), 3, 4)


def mask_bank_card(number: str) -> str:
    """``"6222021234567891234"`` -> ``"6222 **** **** 1234"``; the length is not revealed."""
    digits = number.replace(" ", "").strip()
    if len(digits) < 12:
        return "*" * len(digits)
    return f"{digits[:4]} **** **** {digits[-4:]}"


# Two-character surnames common enough that keeping only the first character would leave
# the second (a surname character, not a given name) looking like a masked given name.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 "
    "宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 令狐 呼延 "
    "轩辕 西门 拓跋 百里 东郭 南门 羊舌 微生 梁丘 左丘 第五".split()
)
_NAME_KEEP = frozenset(" ·•・")  # separators in transliterated minority and foreign names


def mask_name(name: str) -> str:
    """Keep the surname, star each remaining character: ``"张三丰"`` -> ``"张**"``.

    ``"张三"`` -> ``"张*"``, ``"欧阳娜娜"`` -> ``"欧阳**"``; a one-character name becomes
    ``"*"``. Separators such as ``·`` are kept so the shape stays readable.
    """
    s = name.strip()
    if len(s) <= 1:
        return "*" * len(s)
    keep = 2 if len(s) >= 3 and s[:2] in _COMPOUND_SURNAMES else 1
    return s[:keep] + "".join(c if c in _NAME_KEEP else "*" for c in s[keep:])


def mask_email(email: str) -> str:
    """``"zhangsan@example.com"`` -> ``"z***@example.com"``; the domain stays visible."""
    s = email.strip()
    local, sep, domain = s.rpartition("@")
    if not sep or not local:
        return _mask_middle(s, 1, 0)
    return local[0] + "***" + "@" + domain


def mask_ip(address: str) -> str:
    """``"203.0.113.45"`` -> ``"203.0.113.*"``; IPv6 keeps its first three groups
    (``"2001:db8:1::5"`` -> ``"2001:db8:1:*"``), the part a provider assigns, not the host."""
    s = address.strip()
    if ":" in s:
        groups = s.split(":")
        return ":".join(groups[:3]) + ":*"
    head, sep, _ = s.rpartition(".")
    return f"{head}.*" if sep else "*"


# --------------------------------------------------------------------------- redaction

# A maximal ASCII digit run, with an optional trailing X (ID numbers). Digit boundaries
# only: letters around a number do not make it any less a phone number.
_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]+(?:[Xx](?![0-9]))?")
# Phones written in 3-4-4 groups: "138 0013 8000", "138-0013-8000".
_GROUPED_PHONE = re.compile(r"(?<![0-9])(1[3-9][0-9])([ -])([0-9]{4})\2([0-9]{4})(?![0-9])")
# SMS codes: exactly six digits, only right after a code-like key or Chinese label, or right
# before a Chinese label. Bare six-digit numbers (amounts, postcodes, region codes) pass.
_CODE_KEYS = (
    r"code|otp|sms_?code|sms-code|smscode|verify_?code|verifycode|verification_?code"
    r"|auth_?code|login_?code|captcha"
)
_CN_CODE_LABEL = r"(?:验证码|校验码|动态码|动态密码|短信码)"
_CODE_AFTER_KEY = re.compile(
    rf"(?i)(?<![A-Za-z0-9_])((?:{_CODE_KEYS})[\"']?\s*[:=]\s*[\"']?)([0-9]{{6}})(?![0-9])"
)
_CODE_AFTER_CN = re.compile(
    rf"({_CN_CODE_LABEL}\s*(?:是|为)?\s*[:：=]?\s*[\"'“]?)([0-9]{{6}})(?![0-9])"
)
_CODE_BEFORE_CN = re.compile(
    rf"(?<![0-9])([0-9]{{6}})(?=\s*[（(]?\s*(?:是|为)?\s*(?:您的|你的)?\s*"
    rf"(?:本次)?(?:登录|注册|身份|短信)?{_CN_CODE_LABEL})"
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_phone(digits: str) -> bool:
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"


def _mask_run(m: re.Match[str]) -> str:
    run = m.group(0)
    digits = run.rstrip("Xx")
    suffix = run[len(digits) :]
    if len(run) == 18:
        return mask_id_number(run)
    if len(digits) == 18:  # eighteen digits followed by a stray x
        return mask_id_number(digits) + suffix
    if _is_phone(digits):
        return mask_phone(digits) + suffix
    if len(digits) == 13 and digits.startswith("86") and _is_phone(digits[2:]):
        return "86" + mask_phone(digits[2:]) + suffix
    if 16 <= len(digits) <= 19 and _luhn_ok(digits):
        return mask_bank_card(digits) + suffix
    return run


def redact(text: str) -> str:
    """Mask personal data in free text bound for logs or audit records.

    Rules, applied in order:

    1. SMS codes: six digits directly after a key ``code``, ``otp``, ``sms_code``,
       ``verify_code``, ``auth_code``, ``captcha`` ... with ``=`` or ``:`` (JSON quotes
       allowed), or after/before a Chinese label (``验证码为123456``, ``123456是您的验证码``)
       become ``******``. Other six-digit numbers are left alone.
    2. Every maximal digit run (not part of a longer run) of 18 characters, the last
       possibly ``X``, is masked as an ID number whether or not its checksum is valid: a
       mistyped ID number is still personal data.
    3. Runs of exactly 11 digits starting ``13``-``19`` (optionally preceded by ``86`` or
       ``+86``) and phones written ``138 0013 8000`` / ``138-0013-8000`` are masked.
    4. Runs of 16-19 digits that pass Luhn are masked as card numbers.
    """
    text = _CODE_AFTER_KEY.sub(lambda m: m.group(1) + "******", text)
    text = _CODE_AFTER_CN.sub(lambda m: m.group(1) + "******", text)
    text = _CODE_BEFORE_CN.sub("******", text)
    text = _GROUPED_PHONE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}****{m.group(2)}{m.group(4)}", text
    )
    return _DIGIT_RUN.sub(_mask_run, text)
