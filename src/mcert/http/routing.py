"""Routes whose request session never keeps a transaction open past the endpoint.

Sync endpoints still run in the thread pool, as one job that also ends the transaction;
their response is validated on the event loop (no second job).

Dependencies that touch the database (the bearer token, the device proof, consent, the
RP's signature) are marked with :func:`in_endpoint_job`. On these routes they do not get a
thread-pool job each: FastAPI's dependency solving records them, in order, and the
endpoint's one job runs them first, then the endpoint (issue #14: one thread hop per
request). Whatever else fails first (a malformed body, a bad query parameter), the recorded
checks still run before that error is answered: a stranger learns "log in" and nothing about
what they sent.

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
from contextvars import ContextVar
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from mcert.http.guards import check_body


class _Deferred:
    """A dependency call recorded during dependency solving, run in the endpoint's job."""

    __slots__ = ("call", "is_async", "kwargs", "value")

    def __init__(self, call: Callable[..., Any], kwargs: dict[str, Any], is_async: bool) -> None:
        self.call = call
        self.kwargs = kwargs
        self.is_async = is_async

    def run(self) -> None:
        # Recorded in solving order: what this call depends on has already run.
        result = self.call(**_resolved(self.kwargs))
        self.value = _completed(result) if self.is_async else result


class _Recorded(list[_Deferred]):
    """The calls recorded for one request; ``started`` once the endpoint's job ran them."""

    started = False

    def run_all(self) -> None:
        self.started = True
        for call in self:
            call.run()


_recording: ContextVar[_Recorded | None] = ContextVar("mcert_recorded_dependencies", default=None)


def _resolved(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {k: v.value if isinstance(v, _Deferred) else v for k, v in kwargs.items()}


def _completed(coro: Any) -> Any:
    """The result of a coroutine that returns without awaiting (``async def`` used for a
    cheap dependency that only reads another's result)."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError(f"{coro.__qualname__} awaited: it cannot run in the endpoint's job")


F = TypeVar("F", bound=Callable[..., Any])


def in_endpoint_job(fn: F) -> F:
    """Mark a dependency to run in the endpoint's thread-pool job (module docstring).

    On a route of this module with a sync endpoint the call is recorded and run there; on
    any other route (an ``async def`` endpoint, a long-poll) it runs as before: a sync
    function as a thread-pool job of its own, a coroutine on the event loop. A dependency
    that reads the result of a marked one must be marked too (tests/api/test_onehop.py).
    """
    is_async = inspect.iscoroutinefunction(fn)

    # functools.wraps keeps the signature FastAPI reads the parameters from (__wrapped__)
    # and the marks other code reads (``requires``).
    @functools.wraps(fn)
    async def dependency(**kwargs: Any) -> Any:
        recording = _recording.get()
        if recording is not None:
            call = _Deferred(fn, kwargs, is_async)
            recording.append(call)
            return call
        if is_async:
            return await fn(**kwargs)
        return await run_in_threadpool(fn, **kwargs)

    dependency.mcert_in_endpoint_job = True  # type: ignore[attr-defined]
    return dependency  # type: ignore[return-value]


def _end_transactions_after(fn: Callable[..., Any]) -> Callable[..., Any]:
    def in_thread(recorded: _Recorded | None, kwargs: dict[str, Any]) -> Any:
        try:
            if recorded is not None:
                recorded.run_all()
            return fn(**_resolved(kwargs))
        finally:
            for value in kwargs.values():
                if isinstance(value, Session) and value.in_transaction():
                    value.rollback()

    # An async wrapper that sends the sync endpoint to the thread pool itself: FastAPI then
    # validates and serialises the response on the event loop instead of in a second
    # thread-pool job (pure CPU either way; one hop fewer per request, issue #14).
    @functools.wraps(fn)
    async def wrapper(**kwargs: Any) -> Any:
        return await run_in_threadpool(in_thread, _recording.get(), kwargs)

    return wrapper


class TransactionScopedRoute(APIRoute):
    guard_body = True

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        self.records_dependencies = not inspect.iscoroutinefunction(endpoint)
        if self.records_dependencies:
            endpoint = _end_transactions_after(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        guard_body, records = self.guard_body, self.records_dependencies
        if not (guard_body or records):
            return handler

        async def guarded(request: Request) -> Response:
            if guard_body:
                # Before FastAPI parses the body (it reuses the bytes read here): a NUL in
                # any JSON string would otherwise reach the database (mcert.http.guards).
                await check_body(request)
            if not records:
                return await handler(request)
            recorded = _Recorded()
            token = _recording.set(recorded)
            try:
                return await handler(request)
            except Exception:
                if recorded and not recorded.started:
                    # Failed before the endpoint's job: who is asking is checked before
                    # what they sent is judged (their error, if any, replaces this one).
                    await run_in_threadpool(recorded.run_all)
                raise
            finally:
                _recording.reset(token)

        return guarded


class HeaderAuthenticatedRoute(TransactionScopedRoute):
    """For callers authenticated on headers before the body is read (the RP API): the
    authenticating dependency calls :func:`mcert.http.guards.check_body` itself."""

    guard_body = False
