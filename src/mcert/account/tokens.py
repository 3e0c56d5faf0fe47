"""Signed bearer tokens (short-lived JWTs checked against the runtime clock) and opaque
refresh tokens (stored hashed). The holder app and the operator console each have their
own key and audience, so one can never stand in for the other."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt

from mcert.errors import AuthenticationFailed

_ALG = "HS256"


class TokenInvalid(AuthenticationFailed):
    code = "token_invalid"
    default_message = "登录已失效，请重新登录"


class BearerTokens:
    """HS256 tokens for one audience, with a key derived from the secret and ``label``."""

    def __init__(self, secret: bytes, label: bytes, audience: str) -> None:
        self._key = hmac.new(secret, label, hashlib.sha256).digest()
        self._audience = audience

    def issue(self, claims: dict[str, Any], now: datetime, ttl: int) -> str:
        payload = {
            **claims,
            "aud": self._audience,
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        }
        return jwt.encode(payload, self._key, algorithm=_ALG)

    def verify(self, token: str, now: datetime, required: list[str]) -> dict[str, Any]:
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                self._key,
                algorithms=[_ALG],
                audience=self._audience,
                # Time is judged by the runtime clock below, not the library's wall clock.
                options={"verify_exp": False, "verify_iat": False, "require": [*required, "exp"]},
            )
        except jwt.PyJWTError as exc:
            raise TokenInvalid() from exc
        if int(payload["exp"]) <= int(now.timestamp()):
            raise TokenInvalid("登录已过期，请重新登录", code="token_expired")
        return payload


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    session_id: str


class TokenSigner:
    def __init__(self, secret: bytes) -> None:
        self._access = BearerTokens(secret, b"mcert/access-token/v1", "mcert-app")
        self._refresh_key = hmac.new(secret, b"mcert/refresh-token/v1", hashlib.sha256).digest()

    def issue_access(self, claims: AccessClaims, now: datetime, ttl: int) -> str:
        return self._access.issue({"sub": claims.user_id, "sid": claims.session_id}, now, ttl)

    def verify_access(self, token: str, now: datetime) -> AccessClaims:
        payload = self._access.verify(token, now, ["sub", "sid"])
        return AccessClaims(user_id=str(payload["sub"]), session_id=str(payload["sid"]))

    @staticmethod
    def new_refresh() -> str:
        return secrets.token_urlsafe(32)

    def hash_refresh(self, token: str) -> str:
        return hmac.new(self._refresh_key, token.encode(), hashlib.sha256).hexdigest()
