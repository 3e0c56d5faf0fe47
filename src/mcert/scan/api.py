"""HTTP for the phone's side of scan-to-use (``/api/app/v1/scan``, ``/api/app/v1/usage``)
and the ``/q/…`` page a phone's own camera opens. The relying party's side is
``mcert.rp.api``."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from mcert import keyprotect
from mcert.cert.schemas import cert_read
from mcert.db.engine import read_only
from mcert.http.codecs import decode_b64u, transport_key
from mcert.http.deps import CurrentUser, DeviceId, RuntimeDep, SessionDep
from mcert.http.device_proof import DeviceProof
from mcert.http.openapi import errors, text_csv
from mcert.http.params import PageDep, QueryDatetime
from mcert.http.routing import TransactionScopedRoute, in_endpoint_job
from mcert.org import service as orgs
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


TYPE_LABELS = usage_records.OPERATION_LABELS


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
        documents=[d["label"] for d in payload.get("digests", [])]
        + ([payload["document"]["label"]] if s.type == "seal" else []),
        document=(
            {**payload["document"], "seal_kinds": payload["seal_kinds"]}
            if s.type == "seal"
            else None
        ),
        seals=_seals(db, rt, user, device, s) if s.type == "seal" else [],
        finish_deadline=s.finish_deadline,
        certificates=[
            EligibleCert(
                certificate=cert_read(db, rt, e.cert, device).model_dump(mode="json"),
                eligible=e.reason is None,
                reason=e.reason,
                reason_message=REASON_MESSAGES.get(e.reason or ""),
                prehash=(
                    keyprotect.prehash_params(e.cert.verifier).to_json()
                    if e.reason is None and e.cert.verifier
                    else None
                ),
            )
            for e in phone.eligible_certificates(db, rt, user, device, s)
        ],
    )


def _seals(
    db: SessionDep, rt: Runtime, user: Any, device: str, s: ScanSession
) -> list[dict[str, Any]]:
    return [
        {"id": x.id, "seal_type": x.seal_type, "name": x.name, "cert_id": e.cert.id}
        for e in phone.eligible_certificates(db, rt, user, device, s)
        if e.reason is None
        for x in phone.usable_seals(db, s, e.cert)
    ]


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
    s = phone.scan(db, rt, user, device, body.qr)  # commits the binding
    # The answer only reads: on SQLite it needs no write lock (mcert.db.engine.read_only).
    return _view(read_only(db), rt, user, device, s)


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
        seal_id=body.seal_id,
    )
    return PrepareResponse(sealed_server_share=sealed, task=task)


@app_router.get(
    "/scan/{session_id}/digest",
    operation_id="sealDigest",
    responses=errors(404, 409),
)
def seal_digest(
    session_id: str, user: CurrentUser, device: DeviceId, db: SessionDep, rt: RuntimeDep
) -> dict[str, Any]:
    """Seal sessions: the digest to sign, once the RP prepared the PDF for the chosen seal.

    409 `digest_not_ready` until then (ask again in a moment).
    """
    return phone.seal_digest(db, rt, user, device, session_id)


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


class UsageScope(StrEnum):
    MINE = "mine"  # the holder's own records
    COMPANY = "company"  # every member's, for a company's admins


class Operation(StrEnum):
    LOGIN = "login"
    SIGN = "sign"
    DECRYPT = "decrypt"


@in_endpoint_job
def usage_query(
    user: CurrentUser,
    db: SessionDep,
    scope: Annotated[
        UsageScope,
        Query(
            description="`mine`, or `company`: every member's (admins only, else 403 "
            "`usage_company_forbidden`)"
        ),
    ] = UsageScope.MINE,
    org_id: Annotated[
        str | None,
        Query(
            max_length=32,
            description="Company scope: which company (needed only when the "
            "caller administers several)",
        ),
    ] = None,
    member_id: Annotated[
        str | None, Query(max_length=32, description="Company scope: one member's records")
    ] = None,
    cert_id: Annotated[str | None, Query(max_length=64)] = None,
    serial: Annotated[
        str | None, Query(max_length=42, pattern=r"^[0-9a-fA-F]+$", description="证书序列号")
    ] = None,
    operation: Operation | None = None,
    since: Annotated[
        QueryDatetime | None, Query(alias="from", description="ISO 8601; no offset: Beijing time")
    ] = None,
    until: Annotated[
        QueryDatetime | None, Query(alias="to", description="ISO 8601; no offset: Beijing time")
    ] = None,
) -> usage_records.UsageQuery:
    filters: dict[str, Any] = {
        "cert_id": cert_id,
        "serial": serial,
        "operation": operation.value if operation else None,
        "since": since,
        "until": until,
    }
    if scope is UsageScope.COMPANY:
        return usage_records.company_query(db, user.id, org_id, member_id, **filters)
    return usage_records.UsageQuery(user_id=user.id, **filters)


UsageQueryDep = Annotated[usage_records.UsageQuery, Depends(usage_query)]


@app_router.get("/usage", response_model=UsagePage, operation_id="listUsage", responses=errors(403))
def usage(query: UsageQueryDep, db: SessionDep, page: PageDep) -> UsagePage:
    """Usage records (使用记录), newest first: the holder's own, or a whole company's.

    `scope=company` is for the company's certificate admins (证书管理员): every member's
    scans with member, certificate serial, operation, platform, time and result; a
    certificate user (证书使用人) gets 403 `usage_company_forbidden`. Filter by member,
    certificate, operation and time; paged with `limit` and `offset`.
    """
    rows, total = usage_records.usage(db, query, limit=page.limit, offset=page.offset)
    members = {}
    if query.org_id is not None:
        members = {m.user_id: m.id for m in orgs.members(db, query.org_id) if m.user_id}
    return UsagePage(
        items=[
            UsageRead(
                id=r.id,
                operation=r.operation,
                operation_label=usage_records.OPERATION_LABELS.get(r.operation, r.operation),
                holder_name=r.holder_name,
                member_id=members.get(r.user_id),
                cert_serial=r.cert_serial,
                rp_name=r.rp_name,
                result=r.result,
                result_label=usage_records.RESULT_LABELS.get(r.result, r.result),
                created_at=r.created_at,
            )
            for r in rows
        ],
        total=total,
    )


@app_router.get(
    "/usage/export",
    operation_id="exportUsage",
    response_class=StreamingResponse,
    responses={**errors(403), **text_csv("The records, oldest first (UTF-8 with BOM)")},
)
def export_usage(query: UsageQueryDep, db: SessionDep, rt: RuntimeDep) -> StreamingResponse:
    """Export usage records as CSV (导出使用记录).

    The same scopes and filters as `listUsage`, every matching record oldest first, as
    UTF-8 with a byte-order mark so that Excel shows the Chinese; streamed.
    """
    # The rows are read while the body streams, in sessions of their own: the request's
    # (the caller's authorisation) ends here, or on SQLite it would hold the database.
    db.rollback()
    return StreamingResponse(
        usage_records.export_csv(rt.sessions, query),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="usage.csv"; '
            "filename*=UTF-8''%E4%BD%BF%E7%94%A8%E8%AE%B0%E5%BD%95.csv"
        },
    )
