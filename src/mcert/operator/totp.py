"""Time-based one-time passwords (RFC 6238): the console's second factor.

HMAC-SHA1, 6 digits, 30-second steps — what every authenticator app (Google Authenticator,
Microsoft Authenticator, FreeOTP, 1Password) reads from an ``otpauth://totp/`` URI. A code is
accepted for its own step and one step either side (clock drift), and the caller refuses a
step at or before the last one it accepted (:func:`verify` returns the step), so a code
seen over a shoulder or replayed from a log is useless once used.

Written out here (it is twenty lines) rather than taken from ``pyotp``; the RFC's own test
vectors are in ``tests/unit/test_totp.py``.
"""

from __future__ import annotations

import base64
import hmac
import io
import secrets
import struct
from datetime import datetime
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1
ISSUER = "mCert 控制台"


def generate_secret() -> str:
    """A new random secret, base32 without padding (160 bits, RFC 4226's recommendation)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def step_of(at: datetime | float) -> int:
    seconds = at.timestamp() if isinstance(at, datetime) else at
    return int(seconds // STEP_SECONDS)


def code_for_step(secret: str, step: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    mac = hmac.new(_key(secret), struct.pack(">Q", step), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def code_at(secret: str, at: datetime | float) -> str:
    """The code an authenticator app shows at ``at``."""
    return code_for_step(secret, step_of(at))


def matching_step(secret: str, code: str, at: datetime, *, after: int | None = None) -> int | None:
    """The step (within the drift window, later than ``after``) whose code is ``code``."""
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = step_of(at)
    found = None
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        # Compare every candidate (constant work whatever matches).
        if hmac.compare_digest(code_for_step(secret, step), code) and found is None:
            found = step
    if found is None or (after is not None and found <= after):
        return None
    return found


def otpauth_uri(secret: str, account: str) -> str:
    label = quote(f"{ISSUER}:{account}")
    query = urlencode({"secret": secret, "issuer": ISSUER, "digits": DIGITS, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def qr_svg(text: str) -> str:
    """``text`` as a QR code in an inline SVG document (for the console's enrolment page)."""
    import qrcode  # type: ignore[import-untyped]
    import qrcode.image.svg  # type: ignore[import-untyped]

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buf = io.BytesIO()
    image.save(buf)
    svg = buf.getvalue().decode()
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].lstrip()
    return svg
