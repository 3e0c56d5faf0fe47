"""One table from domain error families to HTTP statuses, and the JSON error body.

Every error body is ``{"error": {"code": ..., "message": ..., "details": {...}}}``.

Failures of the storage underneath (the database unreachable or locked, the data directory
full or read-only, Redis down) are the server's temporary state, not a bug and not the
caller's fault: they answer 503 with ``Retry-After`` and ``storage_unavailable``. Errors
that describe the request's data (``IntegrityError`` and the like) stay what they were.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from mcert import errors

log = logging.getLogger(__name__)

STATUS: list[tuple[type[errors.DomainError], int]] = [
    (errors.InvalidInput, 422),
    (errors.AuthenticationFailed, 401),
    (errors.PermissionDenied, 403),
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (errors.Gone, 410),
    (errors.RateLimited, 429),
    (errors.ServiceUnavailable, 503),
]

_HTTP_CODES = {
    400: ("bad_request", "请求有误"),
    401: ("unauthenticated", "请先登录"),
    403: ("forbidden", "无权执行此操作"),
    404: ("not_found", "请求的资源不存在"),
    405: ("method_not_allowed", "不支持的请求方法"),
    413: ("body_too_large", "请求内容过大"),
}

STORAGE_RETRY_AFTER = 5


class BodyTooLarge(StarletteHTTPException):
    """A request body passed its route's limit (raised while it is being received)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413)
        self.max_bytes = max_bytes


def body_too_large_body(max_bytes: int) -> dict[str, Any]:
    code, message = _HTTP_CODES[413]
    return error_body(code, message, {"max_bytes": max_bytes})


def is_storage_failure(exc: BaseException) -> bool:
    """The database, the data directory or Redis failed underneath, not the request."""
    if isinstance(exc, OperationalError | PoolTimeout | OSError):
        return True
    if isinstance(exc, RedisConnectionError | RedisTimeoutError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def status_for(exc: errors.DomainError) -> int:
    for family, status in STATUS:
        if isinstance(exc, family):
            return status
    return 500


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.DomainError)
    status = status_for(exc)
    headers = {}
    if isinstance(exc, errors.RateLimited):
        headers["Retry-After"] = str(exc.retry_after)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status >= 500:
        log.error("domain error %s: %s", exc.code, exc.message)
    if status in (401, 429):
        _count_refusal(request, exc, status)
    return JSONResponse(
        error_body(exc.code, exc.message, exc.details), status_code=status, headers=headers
    )


def _count_refusal(request: Request, exc: errors.DomainError, status: int) -> None:
    """Refused credentials and rate limits are metrics and security events, not audit rows."""
    runtime = getattr(request.app.state, "runtime", None)
    if runtime is None:
        return
    metrics = runtime.metrics
    (metrics.auth_failures if status == 401 else metrics.rate_limited).labels(exc.code).inc()
    metrics.security_event(
        "auth_failed" if status == 401 else "rate_limited",
        code=exc.code,
        method=request.method,
        path=request.url.path,
    )


def _field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if p not in ("body", "query", "path"))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = []
    code, message = "invalid_request", "请求参数有误"
    for err in exc.errors():
        fields.append({"field": _field_path(tuple(err.get("loc", ()))), "problem": err["msg"]})
        ctx_error = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_error, errors.DomainError):
            # A validator raised one of ours: surface its stable code and Chinese message.
            code, message = ctx_error.code, ctx_error.message
    return JSONResponse(error_body(code, message, {"fields": fields}), status_code=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, BodyTooLarge):
        return JSONResponse(body_too_large_body(exc.max_bytes), status_code=413)
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", "请求失败"))
    return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)


def storage_unavailable_response() -> JSONResponse:
    return JSONResponse(
        error_body("storage_unavailable", "服务暂时繁忙，请稍后再试"),
        status_code=503,
        headers={"Retry-After": str(STORAGE_RETRY_AFTER)},
    )


async def _storage_error(request: Request, exc: Exception) -> JSONResponse:
    if not is_storage_failure(exc):
        return await _unhandled(request, exc)
    # The class only: driver messages can carry SQL with personal data in its parameters.
    log.error("storage failure on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return storage_unavailable_response()


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    # Sent by Starlette's outermost error middleware, outside SecurityHeadersMiddleware.
    return JSONResponse(
        error_body("internal_error", "服务内部错误"),
        status_code=500,
        headers={"X-Content-Type-Options": "nosniff"},
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for family in (DBAPIError, PoolTimeout, OSError, RedisConnectionError, RedisTimeoutError):
        app.add_exception_handler(family, _storage_error)
    app.add_exception_handler(Exception, _unhandled)
