"""Routes whose request session never keeps a transaction open past the endpoint.

Sync endpoints still run in the thread pool, as one job that also ends the transaction;
their response is validated on the event loop (no second job).

A sync endpoint runs as one thread-pool job and the session's teardown as another step
later. On SQLite every transaction holds the database's single write lock, so a read-only
endpoint that returned without committing kept that lock until its teardown ran; with all
threads waiting for the lock, nothing ran, and requests failed after the 30 s busy timeout
(docs/benchmarks.md). Wrapped endpoints end whatever transaction is still open before their
thread is released. Services commit their own writes; what is left here is only reads.

The same routes refuse a body holding a NUL or a lone surrogate (``mcert.http.guards``)
before FastAPI parses it; :class:`HeaderAuthenticatedRoute` leaves that check to the
dependency that authenticates the caller on headers first, so a stranger's body is never
received.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from mcert.http.guards import check_body


def _end_transactions_after(fn: Callable[..., Any]) -> Callable[..., Any]:
    def in_thread(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        finally:
            for value in kwargs.values():
                if isinstance(value, Session) and value.in_transaction():
                    value.rollback()

    # An async wrapper that sends the sync endpoint to the thread pool itself: FastAPI then
    # validates and serialises the response on the event loop instead of in a second
    # thread-pool job (pure CPU either way; one hop fewer per request, issue #14).
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        return await run_in_threadpool(in_thread, *args, **kwargs)

    return wrapper


class TransactionScopedRoute(APIRoute):
    guard_body = True

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _end_transactions_after(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if not self.guard_body:
            return handler

        async def guarded(request: Request) -> Response:
            # Before FastAPI parses the body (it reuses the bytes read here): a NUL in any
            # JSON string would otherwise reach the database (mcert.http.guards).
            await check_body(request)
            return await handler(request)

        return guarded


class HeaderAuthenticatedRoute(TransactionScopedRoute):
    """For callers authenticated on headers before the body is read (the RP API): the
    authenticating dependency calls :func:`mcert.http.guards.check_body` itself."""

    guard_body = False
