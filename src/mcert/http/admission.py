"""Admission control: a bound on the requests one worker works on at once.

Past its capacity a server that takes every request only makes every request slower: the
queue in front of the thread pool grows, each request waits behind all the others, clients
time out and retry, and the work done for the abandoned requests is wasted, so the
achieved rate *falls* under overload (docs/benchmarks.md). This middleware keeps the
number of requests in flight in this worker at or under ``MCERT_MAX_IN_FLIGHT``; one more
is answered at once (no body read, no database, no thread) with 503
``server_busy``, ``Retry-After`` and a Chinese message, and counted in
``mcert_requests_refused_total``. The clients that were admitted keep their latency.

What counts: requests under ``/api/`` and ``/pki/``. What does not: health checks and
metrics (a load balancer must still see the node), the web app's static files (cheap,
and a phone must load the page that will retry), and long-polls (an RP's
``GET /api/rp/v1/sessions/{id}?wait=…``), which wait far longer than they work.

New flows give way to flows under way: a relying party's ``POST /api/rp/v1/sessions`` (the
start of a scan flow, five requests in all, six when the phone first asks for a challenge)
is admitted only while the worker has fewer than half its bound in flight. Under overload
the new sessions are refused first, at the cheapest point, and the flows already started
(scan, prepare, complete, collect) keep the other half, instead of every flow being cut off
part-way with its earlier steps wasted.

The count is per worker process (one event loop), so no lock: the bound of a node is
``workers × MCERT_MAX_IN_FLIGHT``. 0 turns the bound off.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from mcert.http.errors import error_body
from mcert.metrics import Metrics

BUSY_CODE = "server_busy"
BUSY_MESSAGE = "服务器繁忙，请稍后重试"
RETRY_AFTER_SECONDS = 1
_COUNTED_PREFIXES = ("/api/", "/pki/")
_LONG_POLL = re.compile(r"/api/rp/v1/sessions/[^/]+")
_FLOW_START = "/api/rp/v1/sessions"
_BODY = json.dumps(error_body(BUSY_CODE, BUSY_MESSAGE), ensure_ascii=False).encode()
_HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(_BODY)).encode()),
    (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
    (b"cache-control", b"no-store"),
]


def is_long_poll(scope: Scope) -> bool:
    """An RP's status read with ``wait`` > 0: it sleeps between short reads."""
    if scope["method"] != "GET" or not _LONG_POLL.fullmatch(scope["path"]):
        return False
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query):
        if name == "wait":
            try:
                return float(value) > 0
            except ValueError:
                return False
    return False


def counts(scope: Scope) -> bool:
    path: str = scope["path"]
    return path.startswith(_COUNTED_PREFIXES) and not is_long_poll(scope)


def starts_a_flow(scope: Scope) -> bool:
    """A relying party opening a scan session: new work that can wait."""
    path: str = scope["path"]
    return bool(scope["method"] == "POST" and path.rstrip("/") == _FLOW_START)


class AdmissionMiddleware:
    def __init__(self, app: ASGIApp, *, max_in_flight: int, metrics: Metrics) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.start_limit = max(1, max_in_flight // 2)
        self.metrics = metrics
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_in_flight <= 0 or not counts(scope):
            await self.app(scope, receive, send)
            return
        limit = self.start_limit if starts_a_flow(scope) else self.max_in_flight
        if self.in_flight >= limit:
            self.metrics.requests_refused.labels(BUSY_CODE).inc()
            # A copy: a layer outside may add to the list it is handed.
            headers = list(_HEADERS)
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": _BODY})
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
