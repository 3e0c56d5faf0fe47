"""Errors raised by the PKI core, each with a stable ``code``.

Callers (the service and HTTP layers) branch on ``code``, never on the message or the class
name, so codes here are part of the public contract: never rename one. Bad input from a
caller is an :class:`~mcert.errors.InvalidInput`; a broken or misconfigured key store is a
:class:`~mcert.errors.ServiceUnavailable` because nothing the holder sends can fix it.

This module must never import anything beyond :mod:`mcert.errors`.
"""

from __future__ import annotations

from mcert.errors import Conflict, DomainError, InvalidInput, NotFound, ServiceUnavailable

__all__ = [
    "BlobDecryptionFailed",
    "CsrMalformed",
    "CsrSignatureInvalid",
    "IssuerKeyMismatch",
    "IssuerNotCA",
    "KeyBackendError",
    "KeyExists",
    "KeyLabelInvalid",
    "KeyNotFound",
    "KeyOperationUnsupported",
    "KeyPassphraseInvalid",
    "KeyTooWeak",
    "KeyTypeUnsupported",
    "ProfileUnknown",
    "SerialInvalid",
    "SubjectInvalid",
    "ValidityInvalid",
]


# --- bad input -------------------------------------------------------------------------


class CsrMalformed(InvalidInput):
    code = "csr_malformed"
    default_message = "证书请求格式错误"


class CsrSignatureInvalid(InvalidInput):
    code = "csr_signature_invalid"
    default_message = "证书请求签名无效"


class KeyTooWeak(InvalidInput):
    code = "key_too_weak"
    default_message = "密钥强度不足"


class KeyTypeUnsupported(InvalidInput):
    code = "key_type_unsupported"
    default_message = "不支持的密钥类型"


class ProfileUnknown(InvalidInput):
    code = "profile_unknown"
    default_message = "未知的证书模板"


class SubjectInvalid(InvalidInput):
    code = "subject_invalid"
    default_message = "证书主体信息不合法"


class ValidityInvalid(InvalidInput):
    code = "validity_invalid"
    default_message = "证书有效期不合法"


class SerialInvalid(InvalidInput):
    code = "serial_invalid"
    default_message = "证书序列号不合法"


class KeyLabelInvalid(InvalidInput):
    code = "key_label_invalid"
    default_message = "密钥标签不合法"


class BlobDecryptionFailed(InvalidInput):
    """The blob was tampered with, truncated, bound to other AAD, or sealed by another key."""

    code = "blob_decrypt_failed"
    default_message = "密文无法解密"


# --- key store state -------------------------------------------------------------------


class KeyNotFound(NotFound):
    code = "key_not_found"
    default_message = "密钥不存在"


class KeyExists(Conflict):
    code = "key_exists"
    default_message = "同名密钥已存在"


class KeyBackendError(ServiceUnavailable):
    code = "key_backend_error"
    default_message = "密钥服务不可用"


class KeyPassphraseInvalid(KeyBackendError):
    code = "key_passphrase_invalid"
    default_message = "密钥库口令错误"


class IssuerKeyMismatch(DomainError):
    """The CA private key does not belong to the CA certificate: a deployment error."""

    code = "issuer_key_mismatch"
    default_message = "签发者密钥与证书不匹配"


class IssuerNotCA(DomainError):
    """The would-be issuer certificate may not sign this certificate (not a CA, or path length)."""

    code = "issuer_not_ca"
    default_message = "签发者证书不是可签发此证书的 CA"


class KeyOperationUnsupported(DomainError):
    """Asked a token-held key for something a non-extractable key can never do."""

    code = "key_operation_unsupported"
    default_message = "该密钥不支持此操作"
