"""我的信息 (export) and 注销账号 (cancellation) for holders; the request report for operators."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Response

from mcert.account.schemas import SMSCodeSent
from mcert.http.deps import ClientIP, CurrentUser, RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission
from mcert.rights import cancellation, service
from mcert.rights.schemas import (
    CancellationRead,
    CancellationRequest,
    CancellationStatus,
    DataCategory,
    DataSummary,
    PrivacyRequestRead,
    cancellation_read,
    cancellation_status,
)

app_router = APIRouter(
    prefix="/api/app/v1", tags=["app: privacy"], route_class=TransactionScopedRoute
)
console_router = APIRouter(
    prefix="/api/console/v1", tags=["console: privacy"], route_class=TransactionScopedRoute
)

EXPORT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The export file (attachment)",
        "content": {"application/json": {}, "text/html": {}},
    },
}


@app_router.get("/privacy/data", response_model=DataSummary, operation_id="getMyDataSummary")
def data_summary(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> DataSummary:
    """我的信息: the categories of personal data held.

    Each category mCert holds about the holder, with a description and a count; the data
    itself is downloaded from `/privacy/export`.
    """
    return DataSummary(categories=[DataCategory(**c) for c in service.summary(db, rt, user)])


@app_router.get(
    "/privacy/export",
    response_class=Response,
    responses={**EXPORT_RESPONSE, **errors(422)},
    operation_id="exportMyData",
)
def export_data(
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
    fmt: Annotated[str, Query(alias="format", pattern="^(json|html)$")] = "json",
) -> Response:
    """下载我的信息 (PIPL art. 45): everything mCert holds about the holder.

    `format=json` (default) or `html` (a readable page). ID number, bank card, phone
    numbers and e-mail are masked; secrets are never included. Each export is recorded
    as a data-subject request and audited.
    """
    f = service.export_file(db, rt, user, fmt)
    return Response(
        content=f.content,
        media_type=f.media_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(f.filename)}",
            "Cache-Control": "no-store",
        },
    )


@app_router.get(
    "/account/cancellation",
    response_model=CancellationStatus,
    operation_id="getAccountCancellation",
)
def cancellation_get(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> CancellationStatus:
    """注销账号: the state of the holder's cancellation.

    The pending request (in its cooling-off) if any, the consequences the holder must read,
    and what blocks cancellation now (last company admin, an order under way).
    """
    return cancellation_status(cancellation.status(db, rt, user))


@app_router.post(
    "/account/cancellation/sms-code",
    response_model=SMSCodeSent,
    responses=errors(429),
    operation_id="sendCancellationCode",
)
def cancellation_code(
    user: CurrentUser, db: SessionDep, rt: RuntimeDep, ip: ClientIP
) -> SMSCodeSent:
    """Send the re-verification code for 注销账号.

    To the account's own phone; the usual SMS limits apply (429 `sms_too_soon`).
    """
    issued = cancellation.send_code(db, rt, user, ip)
    return SMSCodeSent(
        resend_after_seconds=issued.resend_after_seconds,
        expires_in_seconds=issued.expires_in_seconds,
    )


@app_router.post(
    "/account/cancellation",
    response_model=CancellationRead,
    status_code=201,
    responses=errors(409, 429),
    operation_id="requestAccountCancellation",
)
def cancellation_request(
    body: CancellationRequest, user: CurrentUser, db: SessionDep, rt: RuntimeDep, ip: ClientIP
) -> CancellationRead:
    """Ask for cancellation with the SMS code.

    The account is cancelled after the cooling-off period (`due_at`) unless withdrawn.

    422 `sms_code_invalid`; 409 `cancel_last_admin` (hand the company over first),
    `cancel_order_open` (an order is under way) or `cancel_pending` (already asked).
    """
    return cancellation_read(cancellation.request(db, rt, user, body.code, ip))


@app_router.post(
    "/account/cancellation/withdraw",
    response_model=CancellationRead,
    responses=errors(409),
    operation_id="withdrawAccountCancellation",
)
def cancellation_withdraw(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> CancellationRead:
    """撤销注销: withdraw the pending cancellation.

    Only during its cooling-off; 409 `cancel_not_pending` when there is none.
    """
    return cancellation_read(cancellation.withdraw(db, rt, user))


@console_router.get(
    "/privacy/requests",
    response_model=list[PrivacyRequestRead],
    operation_id="listPrivacyRequests",
)
def console_requests(
    op: Annotated[Operator, require(Permission.AUDIT_READ)],
    db: SessionDep,
    kind: Annotated[str | None, Query(pattern="^(export|cancellation)$")] = None,
    status: Annotated[str | None, Query(pattern="^(pending|withdrawn|completed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[PrivacyRequestRead]:
    """Data-subject requests.

    Exports and account cancellations with their status, newest first; needs the
    `audit_read` permission (auditor, admin).
    """
    return [
        PrivacyRequestRead(**r) for r in service.requests(db, kind=kind, status=status, limit=limit)
    ]
