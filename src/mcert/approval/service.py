"""Two-person approvals (四眼原则): weighty actions need a second operator.

An operator proposes (:func:`propose`, from the action's own endpoint, answered 202); a
different operator who holds the permission the action needs approves it
(:func:`approve`) — the action then runs in the same transaction as the approval, so
either both are written or neither — or rejects it with a reason. A proposal nobody
decided within :data:`EXPIRES_AFTER` expires. Every step is audited with the operator as
actor.

Kinds (``states.ApprovalKind``): ``company_revoke`` (revoke every certificate of a
company), ``name_change_reject`` (reject a company's name-change application),
``rp_secret_rotate`` (a new secret for a relying party, which only the proposer fetches,
once, from :func:`take_secret`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.approval.models import Approval
from mcert.approval.states import (
    KIND_LABELS,
    PERMISSION,
    ApprovalKind,
    ApprovalStatus,
    move_approval,
)
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.cert import service as certs
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.db.base import lock_row
from mcert.errors import Conflict, Gone, InvalidInput, NotFound, PermissionDenied
from mcert.operator.models import Operator
from mcert.operator.roles import ensure
from mcert.order.models import Order
from mcert.order.states import OrderStatus
from mcert.org.models import Organization
from mcert.pki.crl import RevocationReason
from mcert.review import service as review
from mcert.rp import service as rps
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert.text import clean_text

EXPIRES_AFTER = timedelta(hours=24)


class ApprovalNotFound(NotFound):
    code = "approval_not_found"
    default_message = "复核申请不存在"


class ApprovalDecided(Conflict):
    code = "approval_decided"
    default_message = "该申请已处理"


class ApprovalPending(Conflict):
    code = "approval_pending"
    default_message = "已有同一操作的待复核申请"


class ApprovalSelf(PermissionDenied):
    code = "approval_self"
    default_message = "不能复核自己发起的申请"


def _actor(op: Operator) -> Actor:
    return Actor("operator", op.id)


def _audit(
    db: Session, a: Approval, actor: Actor, action: str, now: datetime, **extra: Any
) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=action,
        target_type="approval",
        target_id=a.id,
        details={"kind": a.kind, "target": f"{a.target_type}:{a.target_id}", **extra},
    )


def expire_due(db: Session, rt: Runtime) -> int:
    """Expire the pending approvals older than 24 hours (audited, by the system)."""
    now = rt.clock.now()
    due = db.scalars(
        select(Approval).where(
            Approval.status == ApprovalStatus.PENDING, Approval.expires_at <= now
        )
    ).all()
    for a in due:
        move_approval(a, ApprovalStatus.EXPIRED)
        a.decided_at = now
        _audit(db, a, Actor.system("approvals"), "approval.expired", now)
    if due:
        db.commit()
    return len(due)


def propose(
    db: Session,
    rt: Runtime,
    op: Operator,
    kind: ApprovalKind,
    *,
    target_type: str,
    target_id: str,
    summary: str,
    params: dict[str, Any],
) -> Approval:
    ensure(op.role, PERMISSION[kind])
    expire_due(db, rt)
    now = rt.clock.now()
    existing = db.scalars(
        select(Approval.id).where(
            Approval.kind == kind,
            Approval.target_id == target_id,
            Approval.status == ApprovalStatus.PENDING,
        )
    ).first()
    if existing:
        raise ApprovalPending(details={"approval_id": existing})
    a = Approval(
        kind=kind.value,
        status=ApprovalStatus.PENDING.value,
        summary=summary,
        params=json.dumps(params, ensure_ascii=False, sort_keys=True),
        target_type=target_type,
        target_id=target_id,
        proposer_id=op.id,
        created_at=now,
        expires_at=now + EXPIRES_AFTER,
    )
    db.add(a)
    db.flush()
    _audit(db, a, _actor(op), "approval.proposed", now, params=params)
    db.commit()
    return a


def get(db: Session, rt: Runtime, approval_id: str, *, lock: bool = False) -> Approval:
    expire_due(db, rt)
    a = lock_row(db, Approval, approval_id) if lock else db.get(Approval, approval_id)
    if a is None:
        raise ApprovalNotFound()
    return a


def list_approvals(db: Session, rt: Runtime, status: str | None = None) -> list[Approval]:
    expire_due(db, rt)
    q = select(Approval).order_by(Approval.created_at.desc(), Approval.id.desc()).limit(200)
    if status:
        q = q.where(Approval.status == status)
    return list(db.scalars(q))


def _decidable(db: Session, rt: Runtime, op: Operator, approval_id: str) -> Approval:
    a = get(db, rt, approval_id, lock=True)
    if a.status != ApprovalStatus.PENDING:
        raise ApprovalDecided()
    if a.proposer_id == op.id:
        raise ApprovalSelf()
    ensure(op.role, PERMISSION[ApprovalKind(a.kind)])
    return a


def approve(db: Session, rt: Runtime, op: Operator, approval_id: str) -> Approval:
    """Approve and execute, in one transaction (nothing is written if the action fails)."""
    a = _decidable(db, rt, op, approval_id)
    now = rt.clock.now()
    move_approval(a, ApprovalStatus.APPROVED)
    a.decided_by_id = op.id
    a.decided_at = now
    proposer = db.get(Operator, a.proposer_id)
    assert proposer is not None
    try:
        result = _EXECUTORS[ApprovalKind(a.kind)](db, rt, a, proposer, op, now)
    except Exception:
        db.rollback()
        raise
    a.result = json.dumps(result, ensure_ascii=False, sort_keys=True)
    _audit(db, a, _actor(op), "approval.approved", now, result=result)
    db.commit()
    return a


def reject(db: Session, rt: Runtime, op: Operator, approval_id: str, reason: str) -> Approval:
    reason = clean_text(reason, max_length=200, min_length=0, field="reason")
    if len(reason) < 2:
        raise InvalidInput("请填写驳回原因", code="reason_required")
    a = _decidable(db, rt, op, approval_id)
    now = rt.clock.now()
    move_approval(a, ApprovalStatus.REJECTED)
    a.decided_by_id = op.id
    a.decided_at = now
    a.decision_reason = reason
    _audit(db, a, _actor(op), "approval.rejected", now, reason=reason)
    db.commit()
    return a


def take_secret(db: Session, rt: Runtime, op: Operator, approval_id: str) -> str:
    """The new secret of an approved ``rp_secret_rotate``: for its proposer, once."""
    a = get(db, rt, approval_id, lock=True)
    if a.kind != ApprovalKind.RP_SECRET_ROTATE or a.proposer_id != op.id:
        raise ApprovalNotFound()
    if a.status != ApprovalStatus.APPROVED:
        raise Conflict("申请尚未批准", code="approval_not_approved")
    if a.secret_enc is None:
        raise Gone("密钥只能查看一次", code="secret_gone")
    secret = rt.cipher.decrypt(a.secret_enc, aad=_secret_aad(a))
    a.secret_enc = None
    a.secret_taken_at = rt.clock.now()
    _audit(db, a, _actor(op), "approval.secret_taken", a.secret_taken_at)
    db.commit()
    return secret


def params_of(a: Approval) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(a.params)
    return value


def result_of(a: Approval) -> dict[str, Any] | None:
    return json.loads(a.result) if a.result else None


def kind_label(a: Approval) -> str:
    return KIND_LABELS[ApprovalKind(a.kind)]


# --------------------------------------------------------------------------- proposing


def propose_company_revoke(
    db: Session, rt: Runtime, op: Operator, org_id: str, reason: str, note: str | None
) -> Approval:
    org = db.get(Organization, org_id)
    if org is None:
        raise NotFound("企业不存在", code="organization_not_found")
    try:
        RevocationReason(reason)
    except ValueError as exc:
        raise InvalidInput("吊销原因无效", code="revocation_reason_invalid") from exc
    note = clean_text(note or "", max_length=200, min_length=0, field="note")
    count = len(_company_certs(db, org_id))
    return propose(
        db,
        rt,
        op,
        ApprovalKind.COMPANY_REVOKE,
        target_type="organization",
        target_id=org_id,
        summary=f"吊销「{org.name}」的全部有效证书（{count} 张）",
        params={"org_id": org_id, "reason": reason, "note": note, "count": count},
    )


def propose_name_change_reject(
    db: Session, rt: Runtime, op: Operator, order: Order, reason: str
) -> Approval:
    reason = clean_text(reason, max_length=200, min_length=0, field="reason")
    if len(reason) < 2:
        raise review.ReasonRequired()
    if order.status != OrderStatus.PENDING_REVIEW:
        raise review.ReviewConflict()
    return propose(
        db,
        rt,
        op,
        ApprovalKind.NAME_CHANGE_REJECT,
        target_type="order",
        target_id=order.id,
        summary=f"驳回企业名称变更申请（订单号{order.order_no}，新名称「{order.company_name}」）",
        params={"order_id": order.id, "order_no": order.order_no, "reason": reason},
    )


def propose_rp_secret_rotate(db: Session, rt: Runtime, op: Operator, rp_id: str) -> Approval:
    rp = _rp(db, rp_id)
    return propose(
        db,
        rt,
        op,
        ApprovalKind.RP_SECRET_ROTATE,
        target_type="rp",
        target_id=rp.id,
        summary=f"轮换依赖方「{rp.name}」（{rp.client_id}）的密钥",
        params={"rp_id": rp.id, "app_id": rp.client_id},
    )


def _rp(db: Session, rp_id: str) -> RelyingParty:
    return rps.get(db, rp_id)


# --------------------------------------------------------------------------- executing


def _company_certs(db: Session, org_id: str) -> list[HolderCertificate]:
    return list(
        db.scalars(
            select(HolderCertificate).where(
                HolderCertificate.org_id == org_id,
                HolderCertificate.status == HolderCertStatus.ACTIVE,
            )
        )
    )


def _run_company_revoke(
    db: Session, rt: Runtime, a: Approval, proposer: Operator, op: Operator, now: datetime
) -> dict[str, Any]:
    p = params_of(a)
    reason = RevocationReason(p["reason"])
    serials = []
    for cert in _company_certs(db, p["org_id"]):
        sign = db.get(IssuedCertificate, cert.sign_cert_id) if cert.sign_cert_id else None
        if sign is None:
            continue
        certs.revoke(db, rt, sign.serial, reason=reason, now=now, actor=_actor(op))
        serials.append(sign.serial)
    return {"revoked": len(serials), "serials": serials}


def _run_name_change_reject(
    db: Session, rt: Runtime, a: Approval, proposer: Operator, op: Operator, now: datetime
) -> dict[str, Any]:
    p = params_of(a)
    # review.reject commits: the approval's own changes (already made) go in the same commit.
    order = review.reject(db, rt, proposer, p["order_id"], p["reason"], approved=True)
    return {"order_id": order.id, "order_status": order.status}


def _run_rp_secret_rotate(
    db: Session, rt: Runtime, a: Approval, proposer: Operator, op: Operator, now: datetime
) -> dict[str, Any]:
    rp = _rp(db, params_of(a)["rp_id"])
    secret = rps.rotate_secret(db, rt, rp, actor=_actor(op))
    a.secret_enc = rt.cipher.encrypt(secret, aad=_secret_aad(a))
    return {"app_id": rp.client_id, "secret_for": proposer.id}


def _secret_aad(a: Approval) -> str:
    return f"approvals.secret_enc:{a.id}"


_EXECUTORS: dict[
    ApprovalKind,
    Callable[[Session, Runtime, Approval, Operator, Operator, datetime], dict[str, Any]],
] = {
    ApprovalKind.COMPANY_REVOKE: _run_company_revoke,
    ApprovalKind.NAME_CHANGE_REJECT: _run_name_change_reject,
    ApprovalKind.RP_SECRET_ROTATE: _run_rp_secret_rotate,
}
