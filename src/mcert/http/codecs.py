"""Codecs of request fields shared by the APIs: base64url fields and one-time transport keys.

A field that does not decode is the client's error: ``encoding_invalid`` (422), never a 500.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from mcert.codec import b64u_decode
from mcert.errors import InvalidInput


def decode_b64u(text: str) -> bytes:
    try:
        return b64u_decode(text)
    except ValueError:
        raise InvalidInput("编码格式有误", code="encoding_invalid") from None


TransportKey = Annotated[
    dict[str, Any] | str,
    Field(description="One-time P-256 key: JWK, or base64url of SPKI DER or the raw point"),
]


def transport_key(value: dict[str, Any] | str) -> Any:
    return value if isinstance(value, dict) else decode_b64u(value)
