"""The relying-party API (``/api/rp/v1``): HMAC-signed requests (``mcert.http.rp_auth``)
that create, collect and cancel scan sessions (``mcert.scan.relying``)."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from mcert.codec import b64u_encode
from mcert.http.deps import RuntimeDep, SessionDep
from mcert.http.openapi import errors, json_body
from mcert.http.routing import HeaderAuthenticatedRoute, in_endpoint_job
from mcert.http.rp_auth import CurrentRP, SignedRequest, SignedRequestDep, authenticated
from mcert.rp.models import RelyingParty
from mcert.scan import relying
from mcert.scan.schemas import (
    DigestSubmit,
    SessionCreate,
    SessionCreated,
    SessionStatus,
    session_status,
)
from mcert.scan.states import ScanStatus

rp_router = APIRouter(
    prefix="/api/rp/v1", tags=["rp: sessions"], route_class=HeaderAuthenticatedRoute
)

MAX_WAIT = 25

M = TypeVar("M", bound=BaseModel)


def _parsed(model: type[M], signed: SignedRequest) -> M:
    try:
        return model.model_validate_json(signed.body)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None


@in_endpoint_job
async def session_create_body(signed: SignedRequestDep, rp: CurrentRP) -> SessionCreate:
    """The body, parsed only after the RP is authenticated (FastAPI reads a declared body
    model before any dependency runs, so the headers could not be checked first): in the
    endpoint's job, after ``rp``'s signature check."""
    return _parsed(SessionCreate, signed)


@in_endpoint_job
async def digest_body(signed: SignedRequestDep, rp: CurrentRP) -> DigestSubmit:
    """Like :func:`session_create_body`."""
    return _parsed(DigestSubmit, signed)


@rp_router.post(
    "/sessions",
    response_model=SessionCreated,
    status_code=201,
    responses=errors(403, 422),
    openapi_extra=json_body(SessionCreate),
)
def create_session(
    body: Annotated[SessionCreate, Depends(session_create_body)],
    rp: CurrentRP,
    db: SessionDep,
    rt: RuntimeDep,
) -> SessionCreated:
    """Create a login, signing or decryption session (发起会话).

    The answer's `start_token` and `qr_secret` make the animated QR code the RP's page shows
    (docs/scan.md); keep `qr_secret` on the RP backend. 403 when the RP is not allowed this
    session type.
    """
    payload = {
        "challenge": body.challenge,
        "digests": (
            [d.model_dump(exclude_none=True) for d in body.digests] if body.digests else None
        ),
        "recipient": body.recipient,
        "rp_public_key": body.rp_public_key,
        "document": body.document.model_dump() if body.document else None,
        "seal_kinds": body.seal_kinds,
    }
    created = relying.create_session(
        db,
        rt,
        rp,
        kind=body.type,
        display_text=body.display_text,
        requirements=body.requirements.model_dump(),
        payload=payload,
    )
    s = created.session
    return SessionCreated(
        session_id=s.id,
        start_token=s.start_token,
        qr_secret=b64u_encode(created.qr_secret),
        created_at=s.created_at,
        scan_deadline=s.scan_deadline,
    )


@rp_router.get(
    "/sessions/{session_id}", response_model=SessionStatus, operation_id="collectSession"
)
async def collect(
    session_id: str,
    signed: SignedRequestDep,
    rt: RuntimeDep,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT, description="Long-poll seconds")] = 0,
) -> SessionStatus:
    """Collect a session's status and result.

    Pending (with a hint), complete (with the result) or failed (with a reason). With
    `wait`, the call returns as soon as the status or hint changes. 404 once a finished
    session is no longer collectable.
    """

    rp: RelyingParty | None = None

    def read() -> SessionStatus:
        # The caller is authenticated in the first read's thread-pool job (one hop, not two).
        nonlocal rp
        rp = rp or authenticated(signed, rt)
        with rt.sessions() as db:
            return session_status(relying.collect(db, rt, rp, session_id))

    first = await run_in_threadpool(read)
    deadline = time.monotonic() + wait
    current = first
    while (
        current.status == ScanStatus.PENDING
        and current.hint == first.hint
        and time.monotonic() < deadline
    ):
        await asyncio.sleep(0.2)
        current = await run_in_threadpool(read)
    return current


@rp_router.post(
    "/sessions/{session_id}/cancel",
    response_model=SessionStatus,
    operation_id="cancelSession",
    responses=errors(409),
)
def cancel(session_id: str, rp: CurrentRP, db: SessionDep, rt: RuntimeDep) -> SessionStatus:
    """Cancel a pending session.

    The phone is told; the session fails with reason `cancelled`.
    """
    return session_status(relying.cancel(db, rt, rp, session_id))


@rp_router.post(
    "/sessions/{session_id}/digest",
    response_model=SessionStatus,
    operation_id="submitSealDigest",
    responses=errors(409, 422),
    openapi_extra=json_body(DigestSubmit),
)
def submit_digest(
    session_id: str,
    body: Annotated[DigestSubmit, Depends(digest_body)],
    rp: CurrentRP,
    db: SessionDep,
    rt: RuntimeDep,
) -> SessionStatus:
    """Seal sessions, round two: the digest the phone signs (docs/pdf-sealing.md).

    After collect showed `selection` (hint `user_confirming`), the RP prepares the PDF for
    that certificate and seal and posts SHA-256 of the signed attributes with the
    `selection_id` it prepared for; the hint becomes `digest_ready`. 409 `selection_changed`
    when the holder chose again meanwhile, `selection_missing` before any choice.
    """
    return session_status(
        relying.submit_digest(
            db, rt, rp, session_id, selection_id=body.selection_id, digest=body.digest
        )
    )
