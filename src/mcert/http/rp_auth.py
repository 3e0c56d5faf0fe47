"""Relying-party authentication for the RP API (``/api/rp/v1``): the ``CurrentRP`` dependency.

The HMAC headers are checked before the body is received (a stranger's body is never read),
then the signature over method, path, timestamp, nonce and body (``mcert.rp.service``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from mcert.db.engine import read_only
from mcert.http.deps import RuntimeDep
from mcert.http.guards import check_body
from mcert.http.openapi import RP_HMAC, requires
from mcert.rp import service as rp_service
from mcert.rp.models import RelyingParty


@requires(*RP_HMAC)
async def current_rp(request: Request, rt: RuntimeDep) -> RelyingParty:
    h = request.headers
    credentials = {
        "client_id": h.get("x-mcert-client-id"),
        "timestamp": h.get("x-mcert-timestamp"),
        "nonce": h.get("x-mcert-nonce"),
        "signature": h.get("x-mcert-signature"),
    }

    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")

    def headers_only() -> RelyingParty:
        with rt.sessions() as db:
            rp = rp_service.authenticate_headers(read_only(db), rt, **credentials)
            db.expunge(rp)
            return rp

    if request.method in ("GET", "HEAD"):
        # No body to wait for: headers, signature and nonce in one thread-pool job.
        def check() -> RelyingParty:
            with rt.sessions() as db:
                rp = rp_service.authenticate(
                    read_only(db), rt, **credentials, method=request.method, path=path, body=b""
                )
                db.expunge(rp)
                return rp

        return await run_in_threadpool(check)
    # The headers first: a stranger's body is refused before it is received. The row read
    # here is the one the signature is checked against (no second read).
    rp = await run_in_threadpool(headers_only)
    await check_body(request)
    body = await request.body()
    signed = {k: str(v) for k, v in credentials.items() if k != "client_id"}
    await run_in_threadpool(
        lambda: rp_service.check_signature(
            rt, rp, **signed, method=request.method, path=path, body=body
        )
    )
    return rp


CurrentRP = Annotated[RelyingParty, Depends(current_rp)]
