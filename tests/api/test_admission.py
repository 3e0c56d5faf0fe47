"""Admission control (issue #14, item 3): past ``MCERT_MAX_IN_FLIGHT`` requests in flight in
a worker, the next counted request is answered 503 ``server_busy`` with ``Retry-After`` at
once; long-polls, health checks and metrics do not count and are never refused.

The app is driven through ASGI directly so that a request can be held open mid-body: the
held request is admitted and waits for a body that has not arrived, exactly as a slow
upload or a busy handler keeps its slot.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from mcert.http.admission import AdmissionMiddleware, is_long_poll
from mcert.main import create_app
from mcert.runtime import Runtime


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return {"max_in_flight": 1}


def _scope(method: str, path: str, query: bytes = b"", headers: list[Any] | None = None) -> Any:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"testserver"), *(headers or [])],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }


async def _call(app: Any, scope: Any, receive: Any = None) -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[Any] = []

    async def default_receive() -> Any:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    await app(scope, receive or default_receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body


def test_past_the_bound_the_next_request_is_refused_at_once(runtime: Runtime) -> None:
    app = create_app(runtime=runtime)

    async def scenario() -> None:
        release = asyncio.Event()

        async def slow_receive() -> Any:
            await release.wait()  # the body is still on its way
            return {"type": "http.request", "body": b'{"phone": "13900001111"}'}

        body = b'{"phone": "13900001111"}'
        held = asyncio.create_task(
            _call(
                app,
                _scope(
                    "POST",
                    "/api/app/v1/auth/sms-code",
                    headers=[
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                ),
                slow_receive,
            )
        )
        await asyncio.sleep(0.05)  # the held request is admitted and reading its body
        assert not held.done()

        started = time.perf_counter()
        status, headers, raw = await _call(app, _scope("GET", "/api/app/v1/me"))
        elapsed = time.perf_counter() - started
        assert status == 503
        assert headers[b"retry-after"] == b"1"
        assert headers[b"x-content-type-options"] == b"nosniff"  # the usual headers too
        error = json.loads(raw)["error"]
        assert error["code"] == "server_busy"
        assert "繁忙" in error["message"]
        assert elapsed < 0.1  # answered without queueing behind the held request

        # Not counted, so not refused: health, metrics, and an RP's long-poll (which
        # answers 401 here, unsigned: it reached the application).
        assert (await _call(app, _scope("GET", "/healthz")))[0] == 200
        assert (await _call(app, _scope("GET", "/metrics")))[0] == 200
        poll = await _call(app, _scope("GET", "/api/rp/v1/sessions/abc", b"wait=20"))
        assert poll[0] == 401

        release.set()
        assert (await held)[0] != 503
        # The slot is free again: the same request is admitted (401: no token).
        assert (await _call(app, _scope("GET", "/api/app/v1/me")))[0] == 401

    asyncio.run(scenario())
    metrics = runtime.metrics.registry.get_sample_value(
        "mcert_requests_refused_total", {"code": "server_busy"}
    )
    assert metrics == 1.0


def test_a_held_long_poll_takes_no_slot(runtime: Runtime) -> None:
    """A long-poll waiting in the application leaves the one slot to a normal request."""
    release = asyncio.Event()
    seen: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["path"])
        if scope["path"].startswith("/api/rp/"):
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    app = AdmissionMiddleware(inner, max_in_flight=1, metrics=runtime.metrics)

    async def scenario() -> None:
        polls = [
            asyncio.create_task(
                _call(app, _scope("GET", f"/api/rp/v1/sessions/s{i}", b"after=x&wait=25"))
            )
            for i in range(3)
        ]
        await asyncio.sleep(0.02)
        assert app.in_flight == 0
        assert (await _call(app, _scope("POST", "/api/app/v1/scan")))[0] == 200
        # A status read without wait is ordinary work and does take the slot.
        release_read = asyncio.create_task(_call(app, _scope("GET", "/api/rp/v1/sessions/s9")))
        await asyncio.sleep(0.02)
        assert app.in_flight == 1
        assert (await _call(app, _scope("POST", "/api/app/v1/scan")))[0] == 503
        release.set()
        for task in [*polls, release_read]:
            assert (await task)[0] == 200
        assert app.in_flight == 0

    asyncio.run(scenario())


def test_new_sessions_give_way_to_flows_under_way(runtime: Runtime) -> None:
    """Bound 4: with 2 requests in flight a new RP session is refused, while the steps of
    flows already started are admitted up to the full bound."""
    release = asyncio.Event()

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    app = AdmissionMiddleware(inner, max_in_flight=4, metrics=runtime.metrics)

    async def scenario() -> None:
        held = [
            asyncio.create_task(_call(app, _scope("POST", "/api/rp/v1/sessions"))),
            asyncio.create_task(_call(app, _scope("POST", "/api/app/v1/scan"))),
        ]
        await asyncio.sleep(0.02)
        assert app.in_flight == 2
        assert (await _call(app, _scope("POST", "/api/rp/v1/sessions")))[0] == 503
        held += [
            asyncio.create_task(_call(app, _scope("POST", "/api/app/v1/scan/s1/prepare"))),
            asyncio.create_task(_call(app, _scope("POST", "/api/app/v1/scan/s2/complete"))),
        ]
        await asyncio.sleep(0.02)
        assert app.in_flight == 4
        assert (await _call(app, _scope("POST", "/api/app/v1/scan/s3/prepare")))[0] == 503
        release.set()
        assert [(await t)[0] for t in held] == [200, 200, 200, 200]
        assert app.in_flight == 0
        assert (await _call(app, _scope("POST", "/api/rp/v1/sessions")))[0] == 200

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("query", "expected"),
    [(b"wait=25", True), (b"wait=0", False), (b"", False), (b"wait=abc", False)],
)
def test_long_poll_is_a_wait_above_zero(query: bytes, expected: bool) -> None:
    assert is_long_poll(_scope("GET", "/api/rp/v1/sessions/x", query)) is expected
    assert is_long_poll(_scope("POST", "/api/rp/v1/sessions/x", query)) is False
