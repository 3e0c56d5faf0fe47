"""base64url without padding: the encoding of every binary field in the APIs and tokens.

The one pair of helpers for the server; ``encode`` and ``decode`` are in the names so that
no reader has to guess which way ``b64u`` goes. Decoding raises ``ValueError`` (never
``binascii.Error`` or ``TypeError``); callers turn it into their own domain error.
"""

from __future__ import annotations

import base64
import binascii

__all__ = ["b64u_decode", "b64u_encode"]


def b64u_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str, *, strict: bool = False) -> bytes:
    """Decode base64url text, padded or not (``strict``: padding refused).

    Raises ``ValueError`` for anything else, a non-string included.
    """
    if not isinstance(text, str) or not text.isascii() or (strict and "=" in text):
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None
