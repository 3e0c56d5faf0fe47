"""``GET /metrics``: the runtime's counters in Prometheus text format, and the middleware
that counts HTTP requests by route template.

On by default outside production; in production only with ``MCERT_METRICS_ENABLED=true``.
With ``MCERT_METRICS_TOKEN`` set, a scraper must send ``Authorization: Bearer <token>``.
Labels are bounded: the matched route's path template (never the raw path), a fixed
``none`` when nothing matched, and a fixed set of methods.
"""

from __future__ import annotations

import hmac
import time

from fastapi import APIRouter, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mcert.errors import AuthenticationFailed
from mcert.http.deps import RuntimeDep
from mcert.metrics import CONTENT_TYPE, Metrics

UNMATCHED = "none"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class HTTPMetricsMiddleware:
    """Counts every HTTP request and its duration by method, route template and status.

    Requests under ``skip_prefix`` (the OCSP fast path, counted by
    ``mcert_ocsp_responses_total`` alone) pass untouched: a clock read and a histogram
    observation there would cost more than the pre-signed answer itself.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics, skip_prefix: str = "") -> None:
        self.app = app
        self.metrics = metrics
        self.skip_prefix = skip_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (
            self.skip_prefix and scope["path"].startswith(self.skip_prefix)
        ):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # an exception before any answer is the server's 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            # The router writes the matched route into the scope it was handed (ours).
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            method = scope["method"] if scope["method"] in _METHODS else "other"
            self.metrics.http_requests.labels(method, route, str(status)).inc()
            self.metrics.http_latency.labels(method, route).observe(time.perf_counter() - start)


def metrics_router() -> APIRouter:
    router = APIRouter(tags=["ops"])

    @router.get("/metrics", response_class=Response, include_in_schema=False)
    def metrics(request: Request, rt: RuntimeDep) -> Response:
        token = rt.settings.metrics_token
        if token:
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                given.strip().encode(), token.encode()
            ):
                raise AuthenticationFailed("需要监控令牌", code="metrics_unauthenticated")
        return Response(rt.metrics.exposition(), media_type=CONTENT_TYPE)

    return router
