"""HTTP for scan-to-use: the relying-party API (``/api/rp/v1``, HMAC-signed requests) and
the phone's side (``/api/app/v1/scan``, ``/api/app/v1/usage``)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from mcert.cert.schemas import cert_read
from mcert.codec import b64u_encode
from mcert.http.codecs import decode_b64u, transport_key
from mcert.http.deps import CurrentUser, DeviceId, RuntimeDep, SessionDep
from mcert.http.device_proof import DeviceProof
from mcert.http.guards import check_body
from mcert.http.openapi import RP_HMAC, errors, requires
from mcert.http.params import PageDep, QueryDatetime
from mcert.http.routing import HeaderAuthenticatedRoute, TransactionScopedRoute
from mcert.rp import service as rp_service
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert.scan import phone, relying
from mcert.scan import usage as usage_records
from mcert.scan.errors import REASON_MESSAGES
from mcert.scan.models import ScanSession
from mcert.scan.schemas import (
    CompleteRequest,
    EligibleCert,
    PrepareRequest,
    PrepareResponse,
    ScanRequest,
    ScanView,
    SessionCreate,
    SessionCreated,
    SessionStatus,
    UsagePage,
    UsageRead,
)
from mcert.scan.states import ScanStatus

rp_router = APIRouter(
    prefix="/api/rp/v1", tags=["rp: sessions"], route_class=HeaderAuthenticatedRoute
)
app_router = APIRouter(prefix="/api/app/v1", tags=["app: scan"], route_class=TransactionScopedRoute)
qr_router = APIRouter(tags=["app: scan"])

MAX_WAIT = 25


@requires(*RP_HMAC)
async def current_rp(request: Request, rt: RuntimeDep) -> RelyingParty:
    h = request.headers
    credentials = {
        "client_id": h.get("x-mcert-client-id"),
        "timestamp": h.get("x-mcert-timestamp"),
        "nonce": h.get("x-mcert-nonce"),
        "signature": h.get("x-mcert-signature"),
    }

    def check_headers() -> None:
        with rt.sessions() as db:
            rp_service.authenticate_headers(db, rt, **credentials)

    if request.method not in ("GET", "HEAD"):
        # The headers first: a stranger's body is refused before it is received.
        await run_in_threadpool(check_headers)
        await check_body(request)
    body = await request.body()
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")

    def check() -> RelyingParty:
        with rt.sessions() as db:
            rp = rp_service.authenticate(
                db, rt, **credentials, method=request.method, path=path, body=body
            )
            db.expunge(rp)
            return rp

    return await run_in_threadpool(check)


CurrentRP = Annotated[RelyingParty, Depends(current_rp)]


def _status(s: ScanSession) -> SessionStatus:
    return SessionStatus(
        session_id=s.id,
        type=s.type,
        status=s.status,
        hint=s.hint,
        reason=s.failure_reason,
        result=json.loads(s.result) if s.result else None,
        completed_at=s.completed_at,
    )


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its ``$defs`` inlined, for ``openapi_extra``."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(defs[ref.removeprefix("#/$defs/")])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    result: dict[str, Any] = inline(schema)
    return result


async def session_create_body(request: Request, rp: CurrentRP) -> SessionCreate:
    """The body, parsed only after the RP is authenticated (FastAPI reads a declared body
    model before any dependency runs, so the headers could not be checked first)."""
    try:
        return SessionCreate.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from None


@rp_router.post(
    "/sessions",
    response_model=SessionCreated,
    status_code=201,
    responses=errors(403, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline_schema(SessionCreate)}},
        }
    },
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
    rp: CurrentRP,
    rt: RuntimeDep,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT, description="Long-poll seconds")] = 0,
) -> SessionStatus:
    """Collect a session's status and result.

    Pending (with a hint), complete (with the result) or failed (with a reason). With
    `wait`, the call returns as soon as the status or hint changes. 404 once a finished
    session is no longer collectable.
    """

    def read() -> SessionStatus:
        with rt.sessions() as db:
            return _status(relying.collect(db, rt, rp, session_id))

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
    return _status(relying.cancel(db, rt, rp, session_id))


# ----------------------------------------------------------------------------- the phone


TYPE_LABELS = {"login": "登录", "sign": "签章", "decrypt": "解密"}


def _view(db: SessionDep, rt: Runtime, user: Any, device: str, s: ScanSession) -> ScanView:
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    payload = json.loads(s.payload)
    return ScanView(
        session_id=s.id,
        type=s.type,
        type_label=TYPE_LABELS[s.type],
        rp_name=rp.name,
        display_text=s.display_text,
        documents=[d["label"] for d in payload.get("digests", [])],
        finish_deadline=s.finish_deadline,
        certificates=[
            EligibleCert(
                certificate=cert_read(db, rt, e.cert, device).model_dump(mode="json"),
                eligible=e.reason is None,
                reason=e.reason,
                reason_message=REASON_MESSAGES.get(e.reason or ""),
            )
            for e in phone.eligible_certificates(db, rt, user, device, s)
        ],
    )


@app_router.post(
    "/scan", response_model=ScanView, operation_id="scanQr", responses=errors(403, 409)
)
def scan(
    body: ScanRequest, user: CurrentUser, device: DeviceId, db: SessionDep, rt: RuntimeDep
) -> ScanView:
    """Scan an RP's QR code (扫码).

    The QR frame is checked and the session bound to this phone; the answer lists the
    holder's certificates and whether each is eligible.
    """
    s = phone.scan(db, rt, user, device, body.qr)
    return _view(db, rt, user, device, s)


@app_router.post(
    "/scan/{session_id}/prepare",
    response_model=PrepareResponse,
    dependencies=[DeviceProof],
    operation_id="prepareScan",
    responses=errors(403, 409),
)
def prepare(
    session_id: str,
    body: PrepareRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> PrepareResponse:
    """Choose the certificate and prove its password.

    Returns the server's key share (sealed to the transport key) and the task to perform
    (what to sign or decrypt). A wrong password answers 403 with `attempts_left`.
    """
    _, sealed, task = phone.prepare(
        db,
        rt,
        user,
        device,
        session_id,
        cert_id=body.cert_id,
        prehash=decode_b64u(body.prehash),
        transport_key=transport_key(body.transport_key),
    )
    return PrepareResponse(sealed_server_share=sealed, task=task)


@app_router.post(
    "/scan/{session_id}/complete",
    response_model=SessionStatus,
    dependencies=[DeviceProof],
    operation_id="completeScan",
    responses=errors(403, 409),
)
def complete(
    session_id: str,
    body: CompleteRequest,
    user: CurrentUser,
    device: DeviceId,
    db: SessionDep,
    rt: RuntimeDep,
) -> SessionStatus:
    """Complete the session with the phone's signature or decryption result.

    Checked against the certificate (under its lock) before the RP can collect it.
    """
    s = phone.complete(db, rt, user, device, session_id, body.model_dump(exclude_none=True))
    return _status(s)


@app_router.post(
    "/scan/{session_id}/reject",
    response_model=SessionStatus,
    operation_id="rejectScan",
    responses=errors(409),
)
def reject(
    session_id: str, user: CurrentUser, device: DeviceId, db: SessionDep, rt: RuntimeDep
) -> SessionStatus:
    """Decline the session on the phone.

    The session fails with reason `user_cancel`.
    """
    return _status(phone.reject(db, rt, user, device, session_id))


@app_router.get("/usage", response_model=UsagePage, operation_id="listUsage")
def usage(
    user: CurrentUser,
    db: SessionDep,
    page: PageDep,
    cert_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[
        QueryDatetime | None, Query(alias="from", description="ISO 8601; no offset: Beijing time")
    ] = None,
    until: Annotated[
        QueryDatetime | None, Query(alias="to", description="ISO 8601; no offset: Beijing time")
    ] = None,
) -> UsagePage:
    """The holder's usage records (使用记录), newest first.

    Filter by certificate and time range; paged with `limit` and `offset`.
    """
    rows, total = usage_records.usage(
        db,
        user_id=user.id,
        cert_id=cert_id,
        since=since,
        until=until,
        limit=page.limit,
        offset=page.offset,
    )
    return UsagePage(
        items=[UsageRead.model_validate(r, from_attributes=True) for r in rows], total=total
    )


@qr_router.get("/q/{frame}", response_class=HTMLResponse, include_in_schema=False)
def qr_landing(frame: str) -> HTMLResponse:
    """What a phone's own camera opens: hand the frame to the app."""
    return HTMLResponse(
        "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'>"
        "<title>mCert</title><p>请使用 mCert 移动证书应用扫描此二维码完成操作。</p>",
        headers={"Cache-Control": "no-store"},
    )
