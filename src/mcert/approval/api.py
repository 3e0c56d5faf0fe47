"""Two-person approvals in the console (``/api/console/v1/approvals``) and the company-wide
revocation that needs one (``POST /companies/{org_id}/revoke-certificates``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from mcert.approval import service
from mcert.approval.schemas import (
    ACCEPTED,
    ApprovalRead,
    ApprovalReject,
    CompanyRevoke,
    SecretRead,
    accepted,
    approval_read,
)
from mcert.http.deps import CurrentOperator, RuntimeDep, SessionDep, require
from mcert.http.openapi import errors
from mcert.http.routing import TransactionScopedRoute
from mcert.operator.models import Operator
from mcert.operator.roles import Permission

router = APIRouter(
    prefix="/api/console/v1", tags=["console: approvals"], route_class=TransactionScopedRoute
)


@router.get("/approvals", response_model=list[ApprovalRead], operation_id="listApprovals")
def list_approvals(
    op: CurrentOperator,
    db: SessionDep,
    rt: RuntimeDep,
    status: Annotated[str | None, Query(max_length=12)] = None,
) -> list[ApprovalRead]:
    """Proposed actions (two-person approvals), newest first.

    `status=pending` for those waiting; proposals nobody decided within 24 hours are
    `expired`.
    """
    return [approval_read(db, a) for a in service.list_approvals(db, rt, status)]


@router.post(
    "/approvals/{approval_id}/approve",
    response_model=ApprovalRead,
    operation_id="approveApproval",
    responses=errors(403, 404, 409),
)
def approve(approval_id: str, op: CurrentOperator, db: SessionDep, rt: RuntimeDep) -> ApprovalRead:
    """Approve and carry out the action.

    Not by its proposer (403 `approval_self`); the approver needs the permission the action
    needs (403 `<permission>_required`); 409 `approval_decided` once decided or expired.
    """
    return approval_read(db, service.approve(db, rt, op, approval_id))


@router.post(
    "/approvals/{approval_id}/reject",
    response_model=ApprovalRead,
    operation_id="rejectApproval",
    responses=errors(403, 404, 409),
)
def reject(
    approval_id: str, body: ApprovalReject, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> ApprovalRead:
    """Reject a proposed action with a reason.

    Same rules as approving: not the proposer (403 `approval_self`), the permission the
    action needs, 409 `approval_decided` once decided or expired.
    """
    return approval_read(db, service.reject(db, rt, op, approval_id, body.reason))


@router.get(
    "/approvals/{approval_id}/secret",
    response_model=SecretRead,
    operation_id="takeApprovalSecret",
    responses=errors(404, 409, 410),
)
def take_secret(
    approval_id: str, op: CurrentOperator, db: SessionDep, rt: RuntimeDep
) -> SecretRead:
    """The new secret of an approved `rp_secret_rotate`.

    Once, for its proposer only (others 404); 410 `secret_gone` afterwards.
    """
    return SecretRead(secret=service.take_secret(db, rt, op, approval_id))


@router.post(
    "/companies/{org_id}/revoke-certificates",
    status_code=202,
    response_model=ApprovalRead,
    operation_id="proposeCompanyRevoke",
    responses={**ACCEPTED, **errors(403, 404, 409)},
)
def propose_company_revoke(
    org_id: str,
    body: CompanyRevoke,
    op: Annotated[Operator, require(Permission.REVOKE)],
    db: SessionDep,
    rt: RuntimeDep,
) -> JSONResponse:
    """Propose revoking every valid certificate of a company.

    Answers 202 with the approval; a second operator with `revoke` approves it
    (`/approvals/{id}/approve`), which revokes them. Needs `revoke`.
    """
    a = service.propose_company_revoke(db, rt, op, org_id, body.reason, body.note)
    return accepted(db, a)
