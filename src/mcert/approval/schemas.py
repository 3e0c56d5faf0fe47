"""The console's view of a two-person approval."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mcert.approval import service
from mcert.approval.models import Approval
from mcert.approval.states import LABELS, ApprovalStatus
from mcert.operator.models import Operator


class OperatorRef(BaseModel):
    id: str
    display_name: str


class ApprovalRead(BaseModel):
    id: str
    kind: str
    kind_label: str
    summary: str
    params: dict[str, Any]
    status: str = Field(description="pending | approved | rejected | expired")
    status_label: str
    proposer: OperatorRef
    created_at: datetime
    expires_at: datetime
    decided_by: OperatorRef | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None
    result: dict[str, Any] | None = None
    secret_available: bool = Field(
        default=False, description="rp_secret_rotate: the proposer may fetch the secret once"
    )


class ApprovalReject(BaseModel):
    reason: str = Field(max_length=200)


class SecretRead(BaseModel):
    secret: str


def _ref(db: Session, operator_id: str | None) -> OperatorRef | None:
    if operator_id is None:
        return None
    op = db.get(Operator, operator_id)
    return OperatorRef(id=operator_id, display_name=op.display_name if op else "")


def approval_read(db: Session, a: Approval) -> ApprovalRead:
    proposer = _ref(db, a.proposer_id)
    assert proposer is not None
    return ApprovalRead(
        id=a.id,
        kind=a.kind,
        kind_label=service.kind_label(a),
        summary=a.summary,
        params=service.params_of(a),
        status=a.status,
        status_label=LABELS[ApprovalStatus(a.status)],
        proposer=proposer,
        created_at=a.created_at,
        expires_at=a.expires_at,
        decided_by=_ref(db, a.decided_by_id),
        decided_at=a.decided_at,
        decision_reason=a.decision_reason,
        result=service.result_of(a),
        secret_available=a.secret_enc is not None,
    )


def accepted(db: Session, a: Approval) -> JSONResponse:
    """202 with the approval: the action waits for a second operator."""
    return JSONResponse(status_code=202, content=jsonable_encoder(approval_read(db, a)))


#: ``responses=`` for an endpoint that proposes instead of acting.
ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {"model": ApprovalRead, "description": "Proposed: waits for a second operator."}
}


class CompanyRevoke(BaseModel):
    reason: str = Field(max_length=32, description="an RFC 5280 reason (RevocationReason)")
    note: str | None = Field(default=None, max_length=200)
