"""Relying-party authentication for the RP API (``/api/rp/v1``): the ``CurrentRP`` dependency.

The HMAC headers are checked before the body is received (a stranger's body is never read),
then the signature over method, path, timestamp, nonce and body (``mcert.rp.service``).
The signature check runs in the endpoint's own thread-pool job (``in_endpoint_job``), so a
signed request is one thread-pool job: the headers' forms are checked on the event loop,
and whether the client id belongs to a relying party is asked of the database (a job of
its own) only the first time this worker sees that id. A known id is remembered per worker
only as "not a stranger": its body is received, and everything — enabled, signature,
nonce — is still checked against the database in the endpoint's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from mcert.db.engine import read_only
from mcert.http.deps import RuntimeDep
from mcert.http.guards import check_body
from mcert.http.openapi import RP_HMAC, requires
from mcert.http.routing import in_endpoint_job
from mcert.rp import service as rp_service
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """What the signature covers; ``rp`` is the caller named by the headers when they were
    checked against the database before the body was received, ``None`` when that check is
    left to the endpoint's job (a GET; a POST from a client id this worker knows)."""

    rp: RelyingParty | None  # checked before the body; else checked with the signature
    credentials: dict[str, str | None]
    method: str
    path: str
    body: bytes


@requires(*RP_HMAC)
async def signed_request(request: Request, rt: RuntimeDep) -> SignedRequest:
    h = request.headers
    credentials = {
        "client_id": h.get("x-mcert-client-id"),
        "timestamp": h.get("x-mcert-timestamp"),
        "nonce": h.get("x-mcert-nonce"),
        "signature": h.get("x-mcert-signature"),
    }
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method in ("GET", "HEAD"):
        return SignedRequest(None, credentials, request.method, path, b"")

    def headers_only() -> RelyingParty:
        with rt.sessions() as db:
            rp = rp_service.authenticate_headers(read_only(db), rt, **credentials)
            db.expunge(rp)
            return rp

    # The headers first: a stranger's body is refused before it is received.
    rp_service.check_header_shapes(rt, **credentials)
    known = _known_clients(request)
    rp: RelyingParty | None = None
    if credentials["client_id"] not in known:
        # The row read here is the one the signature is checked against (no second read).
        rp = await run_in_threadpool(headers_only)
        _remember(known, rp.client_id)
    await check_body(request)
    return SignedRequest(rp, credentials, request.method, path, await request.body())


_KNOWN_MAX = 10_000


def _known_clients(request: Request) -> set[str]:
    """The client ids this worker found to be relying parties (per app, so per runtime)."""
    state = request.app.state
    known: set[str] | None = getattr(state, "rp_known_clients", None)
    if known is None:
        known = state.rp_known_clients = set()
    return known


def _remember(known: set[str], client_id: str) -> None:
    if len(known) >= _KNOWN_MAX:  # only real RPs get here: a bound, not an eviction policy
        known.clear()
    known.add(client_id)


SignedRequestDep = Annotated[SignedRequest, Depends(signed_request)]


def authenticated(signed: SignedRequest, rt: Runtime) -> RelyingParty:
    """The caller, if the signature (and the headers, when not checked before the body)
    hold; blocking I/O."""
    if signed.rp is None:
        # Headers, signature and nonce together, against the database.
        with rt.sessions() as db:
            rp = rp_service.authenticate(
                read_only(db),
                rt,
                **signed.credentials,
                method=signed.method,
                path=signed.path,
                body=signed.body,
            )
            db.expunge(rp)
            return rp
    given = {k: str(v) for k, v in signed.credentials.items() if k != "client_id"}
    rp_service.check_signature(
        rt, signed.rp, **given, method=signed.method, path=signed.path, body=signed.body
    )
    return signed.rp


@in_endpoint_job
def current_rp(signed: SignedRequestDep, rt: RuntimeDep) -> RelyingParty:
    return authenticated(signed, rt)


CurrentRP = Annotated[RelyingParty, Depends(current_rp)]
