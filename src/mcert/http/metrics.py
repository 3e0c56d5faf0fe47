"""``GET /metrics``: the runtime's counters in Prometheus text format.

On by default outside production; in production only with ``MCERT_METRICS_ENABLED=true``.
With ``MCERT_METRICS_TOKEN`` set, a scraper must send ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response

from mcert.errors import AuthenticationFailed
from mcert.http.deps import RuntimeDep
from mcert.metrics import CONTENT_TYPE


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
