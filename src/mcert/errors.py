"""Domain errors with stable codes.

Every error a caller can act on is a subclass of :class:`DomainError` carrying a stable
machine-readable ``code`` and a human message. Messages are Chinese because holders read
them in the app; operators and relying parties get the same text. The HTTP layer maps the
families below to statuses in one table (``mcert.http.errors``); nothing here knows HTTP.

    DomainError
     ├── InvalidInput          bad input from the caller (422)
     ├── AuthenticationFailed  missing or bad credentials (401)
     ├── PermissionDenied      authenticated but not allowed (403)
     ├── NotFound              (404)
     ├── Conflict              state does not allow this now (409)
     ├── Gone                  was there once, is no more (410)
     ├── RateLimited           too many requests; carries ``retry_after`` seconds (429)
     └── ServiceUnavailable    a dependency is down (503)
"""

from __future__ import annotations

from typing import Any, ClassVar


class DomainError(Exception):
    code: ClassVar[str] = "internal_error"
    default_message: ClassVar[str] = "服务内部错误"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.message = message or self.default_message
        if code is not None:
            self.code = code  # type: ignore[misc]  # instance override of the class default
        self.details = details or {}
        super().__init__(f"{self.code}: {self.message}")


class InvalidInput(DomainError):
    code = "invalid_input"
    default_message = "输入有误"


class AuthenticationFailed(DomainError):
    code = "unauthenticated"
    default_message = "请先登录"


class PermissionDenied(DomainError):
    code = "forbidden"
    default_message = "无权执行此操作"


class NotFound(DomainError):
    code = "not_found"
    default_message = "记录不存在"


class Conflict(DomainError):
    code = "conflict"
    default_message = "当前状态不允许此操作"


class Gone(DomainError):
    code = "gone"
    default_message = "内容已失效"


class RateLimited(DomainError):
    code = "rate_limited"
    default_message = "操作过于频繁，请稍后再试"

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: int,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(message, code=code, details=details)


class ServiceUnavailable(DomainError):
    code = "service_unavailable"
    default_message = "服务暂不可用，请稍后再试"


class IllegalTransition(Conflict):
    """A state machine was asked for a move its table does not allow."""

    code = "illegal_transition"
    default_message = "当前状态不允许此操作"
