"""Access tokens (short-lived, signed) and refresh tokens (opaque, stored hashed)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from mcert.errors import AuthenticationFailed

_ALG = "HS256"
_AUDIENCE = "mcert-app"


class TokenInvalid(AuthenticationFailed):
    code = "token_invalid"
    default_message = "登录已失效，请重新登录"


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    session_id: str


class TokenSigner:
    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, b"mcert/access-token/v1", hashlib.sha256).digest()
        self._refresh_key = hmac.new(secret, b"mcert/refresh-token/v1", hashlib.sha256).digest()

    def issue_access(self, claims: AccessClaims, now: datetime, ttl: int) -> str:
        payload = {
            "sub": claims.user_id,
            "sid": claims.session_id,
            "aud": _AUDIENCE,
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        }
        return jwt.encode(payload, self._key, algorithm=_ALG)

    def verify_access(self, token: str, now: datetime) -> AccessClaims:
        try:
            payload = jwt.decode(
                token,
                self._key,
                algorithms=[_ALG],
                audience=_AUDIENCE,
                options={"verify_exp": False, "require": ["sub", "sid", "exp"]},
            )
        except jwt.PyJWTError as exc:
            raise TokenInvalid() from exc
        # Expiry is checked against the runtime clock, not the wall clock.
        if int(payload["exp"]) <= int(now.timestamp()):
            raise TokenInvalid("登录已过期，请重新登录", code="token_expired")
        return AccessClaims(user_id=str(payload["sub"]), session_id=str(payload["sid"]))

    @staticmethod
    def new_refresh() -> str:
        return secrets.token_urlsafe(32)

    def hash_refresh(self, token: str) -> str:
        return hmac.new(self._refresh_key, token.encode(), hashlib.sha256).hexdigest()
