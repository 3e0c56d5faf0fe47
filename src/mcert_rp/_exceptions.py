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
    def __init__(self, reason: str) -> None:
        super().__init__(f"session failed: {reason}")
        self.reason = reason


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
