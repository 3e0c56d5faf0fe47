"""mcert_rp — the relying-party SDK for mCert scan-to-use (login, sign, decrypt).

    from mcert_rp import Client, Verifier

    client = Client("https://mcert.example", client_id, secret)
    session = client.start_login(display_text="登录 某某招投标平台")
    for qr in session.frames():           # a new QR text every second; show it in the page
        status = client.collect(session.session_id)
        ...
    result = Verifier(trusted_roots=[root_pem]).verify_login(status, session)

Everything an RP gets back is verified here: signatures, the login payload's binding to
this RP, session and challenge, the certificate chain to the configured roots, the OCSP
status and the RFC 3161 timestamps. Every failure is an :class:`MCertRPError`; the
hierarchy is drawn in ``mcert_rp/_exceptions.py``.

Install: ``pip install mcert-rp`` (``mcert-rp[cli]`` adds the ``mcert-rp`` command,
``mcert-rp[demo]`` the demo bidding platform). The SDK needs httpx, cryptography and
asn1crypto, nothing of the mCert server.
"""

from mcert_rp._client import Client, Frames, SessionHandle, SessionStatus
from mcert_rp._envelope import decrypt_with_session, encrypt_bid, prepare_decrypt
from mcert_rp._exceptions import (
    ERROR_CODES,
    APIError,
    AuthenticationFailed,
    CertificateRevoked,
    ChainInvalid,
    ChallengeInvalid,
    ClockSkewed,
    CloseError,
    ConnectError,
    ConnectTimeout,
    CredentialsRejected,
    DecryptionFailed,
    DigestsInvalid,
    EncodingInvalid,
    EnvelopeError,
    EnvelopeMalformed,
    EnvelopeNoRecipient,
    EnvelopeRecipientUnsupported,
    InvalidRequest,
    MCertRPError,
    NetworkError,
    NonceRejected,
    OperationNotAllowed,
    PayloadMismatch,
    PoolTimeout,
    ProtocolError,
    ProxyError,
    RateLimited,
    ReadError,
    ReadTimeout,
    RecipientInvalid,
    RequestRejected,
    RequirementsInvalid,
    RPPublicKeyInvalid,
    ServerError,
    ServiceUnavailable,
    SessionFailed,
    SessionNotFound,
    SessionNotPending,
    SessionTypeInvalid,
    SignatureInvalid,
    StatusUnavailable,
    TextInvalid,
    TimeoutException,
    TimestampInvalid,
    TransportError,
    UnexpectedResponse,
    UnsupportedProtocol,
    VerificationError,
    WriteError,
    WriteTimeout,
)
from mcert_rp._verify import Holder, LoginResult, SignedDigest, SignResult, Verifier

__all__ = [
    "ERROR_CODES",
    "APIError",
    "AuthenticationFailed",
    "CertificateRevoked",
    "ChainInvalid",
    "ChallengeInvalid",
    "Client",
    "ClockSkewed",
    "CloseError",
    "ConnectError",
    "ConnectTimeout",
    "CredentialsRejected",
    "DecryptionFailed",
    "DigestsInvalid",
    "EncodingInvalid",
    "EnvelopeError",
    "EnvelopeMalformed",
    "EnvelopeNoRecipient",
    "EnvelopeRecipientUnsupported",
    "Frames",
    "Holder",
    "InvalidRequest",
    "LoginResult",
    "MCertRPError",
    "NetworkError",
    "NonceRejected",
    "OperationNotAllowed",
    "PayloadMismatch",
    "PoolTimeout",
    "ProtocolError",
    "ProxyError",
    "RPPublicKeyInvalid",
    "RateLimited",
    "ReadError",
    "ReadTimeout",
    "RecipientInvalid",
    "RequestRejected",
    "RequirementsInvalid",
    "ServerError",
    "ServiceUnavailable",
    "SessionFailed",
    "SessionHandle",
    "SessionNotFound",
    "SessionNotPending",
    "SessionStatus",
    "SessionTypeInvalid",
    "SignResult",
    "SignatureInvalid",
    "SignedDigest",
    "StatusUnavailable",
    "TextInvalid",
    "TimeoutException",
    "TimestampInvalid",
    "TransportError",
    "UnexpectedResponse",
    "UnsupportedProtocol",
    "VerificationError",
    "Verifier",
    "WriteError",
    "WriteTimeout",
    "decrypt_with_session",
    "encrypt_bid",
    "prepare_decrypt",
]
