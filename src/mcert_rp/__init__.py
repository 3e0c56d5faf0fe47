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
status and the RFC 3161 timestamps.
"""

from mcert_rp._client import Client, Frames, SessionHandle, SessionStatus
from mcert_rp._envelope import decrypt_with_session, encrypt_bid, prepare_decrypt
from mcert_rp._exceptions import (
    APIError,
    CertificateRevoked,
    ChainInvalid,
    MCertRPError,
    PayloadMismatch,
    SessionFailed,
    SignatureInvalid,
    StatusUnavailable,
    TimestampInvalid,
    VerificationError,
)
from mcert_rp._verify import LoginResult, SignResult, Verifier

__all__ = [
    "APIError",
    "CertificateRevoked",
    "ChainInvalid",
    "Client",
    "Frames",
    "LoginResult",
    "MCertRPError",
    "PayloadMismatch",
    "SessionFailed",
    "SessionHandle",
    "SessionStatus",
    "SignResult",
    "SignatureInvalid",
    "StatusUnavailable",
    "TimestampInvalid",
    "VerificationError",
    "Verifier",
    "decrypt_with_session",
    "encrypt_bid",
    "prepare_decrypt",
]
