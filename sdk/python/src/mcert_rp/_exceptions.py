"""Exceptions raised by the SDK: catch the class that says what to do next.

Hierarchy::

    MCertRPError
     ├── TransportError ─────────────── no answer from mCert (httpx's transport errors)
     │    ├── TimeoutException
     │    │    ├── ConnectTimeout
     │    │    ├── ReadTimeout
     │    │    ├── WriteTimeout
     │    │    └── PoolTimeout
     │    ├── NetworkError
     │    │    ├── ConnectError        server down, DNS, refused: "cannot reach mCert"
     │    │    ├── ReadError
     │    │    ├── WriteError
     │    │    └── CloseError
     │    ├── ProtocolError             not HTTP, or HTTP we cannot speak
     │    ├── ProxyError
     │    └── UnsupportedProtocol       the base URL is not http(s)
     ├── APIError ───────────────────── mCert answered with an error (status, code, message)
     │    ├── InvalidRequest            422: the request's content (see ``code``)
     │    │    ├── TextInvalid          text_invalid, nul_not_allowed: display_text, labels
     │    │    ├── ChallengeInvalid     challenge_invalid: login challenge not 16-64 bytes
     │    │    ├── DigestsInvalid       digests_invalid: sign digests
     │    │    ├── RecipientInvalid     recipient_invalid: decrypt recipient challenge
     │    │    ├── RPPublicKeyInvalid   rp_public_key_missing, rp_public_key_invalid
     │    │    ├── RequirementsInvalid  requirements_invalid: cert_type not personal | org
     │    │    ├── SessionTypeInvalid   session_type_invalid
     │    │    ├── DocumentInvalid      document_invalid, seal_kinds_invalid: a seal session
     │    │    └── EncodingInvalid      encoding_invalid: a field is not base64url
     │    ├── RequestRejected           400, 405, 413: malformed, wrong method, body too large
     │    ├── AuthenticationFailed      401: the HMAC-signed headers were refused
     │    │    ├── CredentialsRejected  rp_auth_failed, rp_signature_invalid: id or secret
     │    │    ├── ClockSkewed          rp_timestamp_stale, rp_timestamp_invalid: fix the clock
     │    │    └── NonceRejected        rp_nonce_reused, rp_nonce_invalid: a replay
     │    ├── OperationNotAllowed       403 operation_not_allowed: not registered for this op
     │    ├── NotFound                  404 not_found: no such route or resource
     │    │    └── SessionNotFound      404 session_not_found: unknown, another RP's, or expired
     │    ├── SessionNotPending         409 session_not_pending: already ended (cancel)
     │    ├── SealStepRejected          409 selection_missing, selection_changed, session_not_seal
     │    ├── RateLimited               429 rate_limited (``retry_after``)
     │    ├── ServiceUnavailable        503 storage_unavailable, service_unavailable, server_busy
     │    ├── ServerError               500 internal_error and any other 5xx
     │    └── UnexpectedResponse        an answer that is not mCert's (proxy page, bad JSON)
     ├── SessionFailed ──────────────── the session ended without a result (``reason``)
     ├── EnvelopeError ──────────────── a bid envelope cannot be used
     │    ├── EnvelopeMalformed         not a CMS EnvelopedData we can read
     │    ├── EnvelopeNoRecipient       not sealed to this certificate
     │    ├── EnvelopeRecipientUnsupported  cannot encrypt to this certificate
     │    └── DecryptionFailed          the phone's output does not open the envelope
     └── VerificationError ──────────── a result did not verify — never trust it
          ├── SignatureInvalid          a signature does not match the certificate
          ├── PayloadMismatch           the signed payload is not for this RP/session/challenge
          ├── ChainInvalid              no valid path to the configured roots
          ├── CertificateRevoked        the OCSP response says revoked (or unknown)
          ├── StatusUnavailable         no usable OCSP response
          └── TimestampInvalid          an RFC 3161 timestamp does not verify

Transport errors are raised ``from`` the httpx exception they replace; an :class:`APIError`
subclass is chosen by the error ``code`` first (:data:`ERROR_CODES`), then by HTTP status.
"""

from __future__ import annotations

from typing import Any

import httpx


class MCertRPError(Exception):
    """Base of every SDK error."""


# --------------------------------------------------------------------------- transport


class TransportError(MCertRPError):
    """No usable HTTP answer from mCert; ``request`` is the httpx request when known."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class TimeoutException(TransportError):
    pass


class ConnectTimeout(TimeoutException):
    pass


class ReadTimeout(TimeoutException):
    pass


class WriteTimeout(TimeoutException):
    pass


class PoolTimeout(TimeoutException):
    pass


class NetworkError(TransportError):
    pass


class ConnectError(NetworkError):
    pass


class ReadError(NetworkError):
    pass


class WriteError(NetworkError):
    pass


class CloseError(NetworkError):
    pass


class ProtocolError(TransportError):
    pass


class ProxyError(TransportError):
    pass


class UnsupportedProtocol(TransportError):
    pass


# Most specific first: httpx's own classes subclass each other the same way.
_TRANSPORT: tuple[tuple[type[httpx.TransportError], type[TransportError]], ...] = (
    (httpx.ConnectTimeout, ConnectTimeout),
    (httpx.ReadTimeout, ReadTimeout),
    (httpx.WriteTimeout, WriteTimeout),
    (httpx.PoolTimeout, PoolTimeout),
    (httpx.TimeoutException, TimeoutException),
    (httpx.ConnectError, ConnectError),
    (httpx.ReadError, ReadError),
    (httpx.WriteError, WriteError),
    (httpx.CloseError, CloseError),
    (httpx.NetworkError, NetworkError),
    (httpx.ProtocolError, ProtocolError),
    (httpx.ProxyError, ProxyError),
    (httpx.UnsupportedProtocol, UnsupportedProtocol),
)


def transport_error(exc: httpx.TransportError) -> TransportError:
    """The SDK's class for an httpx transport error (raise it ``from exc``)."""
    try:
        request: httpx.Request | None = exc.request
    except RuntimeError:  # httpx raises when the error carries no request
        request = None
    for theirs, ours in _TRANSPORT:
        if isinstance(exc, theirs):
            return ours(str(exc) or type(exc).__name__, request=request)
    return TransportError(str(exc) or type(exc).__name__, request=request)


# --------------------------------------------------------------------------- API errors


class APIError(MCertRPError):
    """mCert refused a request: HTTP ``status``, stable ``code``, ``message``, ``details``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        *,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.details: dict[str, Any] = details or {}
        self.retry_after = retry_after


class InvalidRequest(APIError):
    pass


class TextInvalid(InvalidRequest):
    pass


class ChallengeInvalid(InvalidRequest):
    pass


class DigestsInvalid(InvalidRequest):
    pass


class RecipientInvalid(InvalidRequest):
    pass


class DocumentInvalid(InvalidRequest):
    pass


class RPPublicKeyInvalid(InvalidRequest):
    pass


class RequirementsInvalid(InvalidRequest):
    pass


class SessionTypeInvalid(InvalidRequest):
    pass


class EncodingInvalid(InvalidRequest):
    pass


class RequestRejected(APIError):
    pass


class AuthenticationFailed(APIError):
    pass


class CredentialsRejected(AuthenticationFailed):
    pass


class ClockSkewed(AuthenticationFailed):
    pass


class NonceRejected(AuthenticationFailed):
    pass


class OperationNotAllowed(APIError):
    pass


class NotFound(APIError):
    pass


class SessionNotFound(NotFound):
    pass


class SessionNotPending(APIError):
    pass


class SealStepRejected(APIError):
    """A seal session's digest came before the holder's choice (``selection_missing``), for
    an earlier choice (``selection_changed``: collect again and prepare for the new one),
    or for a session that is not a seal session (``session_not_seal``)."""


class RateLimited(APIError):
    pass


class ServiceUnavailable(APIError):
    pass


class ServerError(APIError):
    pass


class UnexpectedResponse(APIError):
    pass


#: Every error code the RP API (``/api/rp/v1``) answers, and the class it raises.
ERROR_CODES: dict[str, type[APIError]] = {
    # 422: the request's content
    "invalid_request": InvalidRequest,
    "invalid_input": InvalidRequest,
    "text_invalid": TextInvalid,
    "nul_not_allowed": TextInvalid,
    "challenge_invalid": ChallengeInvalid,
    "digests_invalid": DigestsInvalid,
    "recipient_invalid": RecipientInvalid,
    "document_invalid": DocumentInvalid,
    "seal_kinds_invalid": DocumentInvalid,
    "rp_public_key_missing": RPPublicKeyInvalid,
    "rp_public_key_invalid": RPPublicKeyInvalid,
    "requirements_invalid": RequirementsInvalid,
    "session_type_invalid": SessionTypeInvalid,
    "encoding_invalid": EncodingInvalid,
    # 400, 405, 413
    "bad_request": RequestRejected,
    "method_not_allowed": RequestRejected,
    "body_too_large": RequestRejected,
    # 401
    "unauthenticated": AuthenticationFailed,
    "rp_auth_failed": CredentialsRejected,
    "rp_signature_invalid": CredentialsRejected,
    "rp_timestamp_stale": ClockSkewed,
    "rp_timestamp_invalid": ClockSkewed,
    "rp_nonce_reused": NonceRejected,
    "rp_nonce_invalid": NonceRejected,
    # 403, 404, 409, 429
    "operation_not_allowed": OperationNotAllowed,
    "forbidden": OperationNotAllowed,
    "session_not_found": SessionNotFound,
    "not_found": NotFound,
    "session_not_pending": SessionNotPending,
    "selection_missing": SealStepRejected,
    "selection_changed": SealStepRejected,
    "session_not_seal": SealStepRejected,
    "rate_limited": RateLimited,
    # 5xx
    "storage_unavailable": ServiceUnavailable,
    "service_unavailable": ServiceUnavailable,
    "server_busy": ServiceUnavailable,
    "internal_error": ServerError,
}

_BY_STATUS: dict[int, type[APIError]] = {
    400: RequestRejected,
    401: AuthenticationFailed,
    403: OperationNotAllowed,
    404: NotFound,
    405: RequestRejected,
    409: SessionNotPending,
    413: RequestRejected,
    422: InvalidRequest,
    429: RateLimited,
    503: ServiceUnavailable,
}


def api_error(response: httpx.Response) -> APIError:
    """The SDK's exception for an error answer (status >= 400)."""
    retry_after: float | None = None
    try:
        retry_after = float(response.headers["retry-after"])
    except (KeyError, ValueError):
        pass
    try:
        body = response.json()
        err = body["error"]
        code, message = str(err["code"]), str(err["message"])
        details = err.get("details") or {}
        if not isinstance(details, dict):
            raise TypeError("details")
    except (ValueError, KeyError, TypeError):
        text = response.text[:200] if response.content else response.reason_phrase
        return UnexpectedResponse(response.status_code, "unexpected_response", text)
    cls = ERROR_CODES.get(code)
    if cls is None:
        cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = ServerError if response.status_code >= 500 else APIError
    return cls(response.status_code, code, message, details, retry_after=retry_after)


# --------------------------------------------------------------------------- sessions


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


# --------------------------------------------------------------------------- envelopes


class EnvelopeError(MCertRPError):
    """A bid envelope cannot be made or opened."""


class EnvelopeMalformed(EnvelopeError):
    pass


class EnvelopeNoRecipient(EnvelopeError):
    pass


class EnvelopeRecipientUnsupported(EnvelopeError):
    pass


class DecryptionFailed(EnvelopeError):
    pass


# --------------------------------------------------------------------------- verification


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
