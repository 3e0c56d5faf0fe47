"""HTTP for the phone's side of scan-to-use (``/api/app/v1/scan``, ``/api/app/v1/usage``)
and the ``/q/…`` page a phone's own camera opens. The relying party's side is
``mcert.rp.api``."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query

from mcert.cert.schemas import cert_read
from mcert.http.codecs import decode_b64u, transport_key
from mcert.http.deps import CurrentUser, DeviceId, RuntimeDep, SessionDep
from mcert.http.device_proof import DeviceProof
from mcert.http.openapi import errors
from mcert.http.params import PageDep, QueryDatetime
from mcert.http.routing import TransactionScopedRoute
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert.scan import phone
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
    SessionStatus,
    UsagePage,
    UsageRead,
    session_status,
)

app_router = APIRouter(prefix="/api/app/v1", tags=["app: scan"], route_class=TransactionScopedRoute)


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
    return session_status(s)


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
    return session_status(phone.reject(db, rt, user, device, session_id))


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
