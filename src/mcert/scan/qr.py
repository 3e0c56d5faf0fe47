"""The animated QR code (BankID's algorithm): pure functions, no database.

The QR text changes every second: ``{public_url}/q/{start_token}.{seconds}.{code}`` with
``code = HMAC-SHA256(qr_secret, "{start_token}.{seconds}")``. The relying party draws the
frames (with the ``qr_secret`` it got when it created the session); the phone's scan is
accepted only for a frame within ``FRAME_TOLERANCE`` seconds of the server's own count, so a
photographed QR replayed later (phishing relay) fails. The SDK's ``Frames`` and
``mcert-qr.js`` compute the same text (tests/unit/rp/test_sdk_matches_server.py).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from mcert.runtime import Runtime
from mcert.scan.errors import QRInvalid
from mcert.scan.models import ScanSession

FRAME_TOLERANCE = 3
_QR_RE = re.compile(r"/q/([A-Za-z0-9_-]{16,40})\.(\d{1,6})\.([0-9a-f]{64})$")


def qr_code(qr_secret: bytes, start_token: str, seconds: int) -> str:
    return hmac.new(qr_secret, f"{start_token}.{seconds}".encode(), hashlib.sha256).hexdigest()


def qr_text(base_url: str, start_token: str, qr_secret: bytes, seconds: int) -> str:
    code = qr_code(qr_secret, start_token, seconds)
    return f"{base_url.rstrip('/')}/q/{start_token}.{seconds}.{code}"


def parse_qr(text: str) -> tuple[str, int, str]:
    match = _QR_RE.search(text.strip().split("?")[0].split("#")[0])
    if match is None:
        raise QRInvalid()
    return match.group(1), int(match.group(2)), match.group(3)


def session_qr_secret(rt: Runtime, s: ScanSession) -> bytes:
    """The session's QR secret, stored encrypted and bound to the session id."""
    return rt.cipher.decrypt_bytes(s.qr_secret_enc, aad=f"scan:{s.id}:qr")
