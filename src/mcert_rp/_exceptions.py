"""Exceptions raised by the SDK.

MCertRPError
 ├── APIError               the server refused a request (``status``, ``code``, ``message``)
 ├── SessionFailed          the session ended without a result (``reason``)
 └── VerificationError      a result did not verify — never trust it
      ├── SignatureInvalid   a signature does not match the certificate
      ├── PayloadMismatch    the signed login payload is not for this RP/session/challenge
      ├── ChainInvalid       the certificate does not chain to the configured roots
      ├── CertificateRevoked the OCSP response says revoked (or unknown)
      ├── StatusUnavailable  no usable OCSP response
      └── TimestampInvalid   an RFC 3161 timestamp does not verify
"""

from __future__ import annotations

from typing import Any


class MCertRPError(Exception):
    """Base of every SDK error."""


class APIError(MCertRPError):
    def __init__(self, status: int, code: str, message: str, details: dict[str, Any]) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.details = status, code, message, details


class SessionFailed(MCertRPError):
    """The session ended without a result. ``reason`` is mCert's stable reason code:
    ``cancelled``, ``user_cancel``, ``expired``, ``not_eligible``, ``signature_invalid``,
    or one about the holder's certificate — ``cert_revoked`` (revoked, or replaced by a
    renewal, change or reissue), ``cert_locked`` (wrong passwords), ``cert_expired``. A
    certificate reason can end a session the phone had already confirmed."""

    CERTIFICATE_REASONS = frozenset({"cert_revoked", "cert_locked", "cert_expired"})

    def __init__(self, reason: str, session_id: str | None = None) -> None:
        super().__init__(f"session failed: {reason}")
        self.reason = reason
        self.session_id = session_id

    @property
    def certificate_unusable(self) -> bool:
        """True when the holder's certificate, not the holder or the RP, ended it."""
        return self.reason in self.CERTIFICATE_REASONS


class VerificationError(MCertRPError):
    """A result that must not be trusted."""


class SignatureInvalid(VerificationError):
    pass


class PayloadMismatch(VerificationError):
    pass


class ChainInvalid(VerificationError):
    pass


class CertificateRevoked(VerificationError):
    pass


class StatusUnavailable(VerificationError):
    pass


class TimestampInvalid(VerificationError):
    pass
