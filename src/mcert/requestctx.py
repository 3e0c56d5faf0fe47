"""The current HTTP request's id and client address, for logs and the audit log."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    request_id: str
    client_ip: str | None


_current: ContextVar[RequestInfo | None] = ContextVar("mcert_request", default=None)


def current_request() -> RequestInfo | None:
    return _current.get()


def set_request(info: RequestInfo | None) -> object:
    return _current.set(info)


def reset_request(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
