"""The review of applications (审核): queue, approve, reject with a reason.

Two reviewers acting on one application: each decision is a conditional update on the
order's version, so the second gets a conflict, never a second decision. The reviewers
themselves (accounts, login, roles) are the operator domain's (:mod:`mcert.operator.service`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.db.base import lock_row
from mcert.errors import Conflict, InvalidInput
from mcert.notify.service import notify
from mcert.operator.models import Operator
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import TRANSITIONS, OrderKind, OrderStatus
from mcert.org import service as orgs
from mcert.org.models import Organization, OrganizationNameChange
from mcert.providers.sms import SMSTemplate
from mcert.realname.service import identity_of
from mcert.runtime import Runtime
from mcert.text import clean_text


class ReviewConflict(Conflict):
    code = "review_conflict"
    default_message = "该申请已被其他审核员处理"


class ReasonRequired(InvalidInput):
    code = "reject_reason_required"
    default_message = "请填写驳回原因"


class SecondOperatorRequired(Conflict):
    code = "approval_required"
    default_message = "驳回企业名称变更须由另一名审核员复核：请发起驳回申请，由他人在「复核」中批准"


def is_name_change(order: Order) -> bool:
    """A company's name-change application: rejecting it takes two operators (the
    proposer and an approver, ``mcert.approval``), wherever the rejection comes from."""
    return order.kind == OrderKind.CHANGE and order.cert_type == "org" and order.org_id is not None


def queue(db: Session, status: str = OrderStatus.PENDING_REVIEW, limit: int = 50) -> list[Order]:
    return list(
        db.scalars(
            select(Order).where(Order.status == status).order_by(Order.submitted_at).limit(limit)
        ).all()
    )


def _decide(
    db: Session, order: Order, target: OrderStatus, op: Operator, now: datetime, **values: object
) -> None:
    """Conditional update on (status, version): exactly one reviewer wins."""
    if target not in TRANSITIONS[OrderStatus(order.status)]:
        raise ReviewConflict(details={"status": order.status})
    result = db.execute(
        update(Order)
        .where(
            Order.id == order.id,
            Order.version == order.version,
            Order.status == OrderStatus.PENDING_REVIEW,
        )
        .values(
            status=target.value,
            version=order.version + 1,
            reviewer_id=op.id,
            reviewed_at=now,
            updated_at=now,
            **values,
        )
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise ReviewConflict()
    db.refresh(order)


def approve(
    db: Session, rt: Runtime, op: Operator, order_id: str, *, expected_version: int | None = None
) -> Order:
    now = rt.clock.now()
    order = db.get(Order, order_id)
    if order is None:
        raise orders.OrderNotFound()
    if expected_version is not None and order.version != expected_version:
        raise ReviewConflict()
    _decide(db, order, OrderStatus.PENDING_PAYMENT, op, now, reject_reason=None, pay_deadline=None)
    orders._awaiting_payment(rt, order, now)
    if order.kind == OrderKind.NEW and order.cert_type == "org":
        _create_organization(db, rt, order, now)
    elif order.kind == OrderKind.CHANGE:
        _rename_organization(db, order, now, op)
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="order.approved",
        target_type="order",
        target_id=order.id,
        details={"order_no": order.order_no, "kind": order.kind},
    )
    user = db.get(User, order.user_id)
    assert user is not None
    what = orders.label(order)
    notify(
        db,
        user=user,
        rt=rt,
        kind="order_approved",
        now=now,
        title="审核通过",
        body=f"您的{what}申请（订单号{order.order_no}）已审核通过，请尽快完成支付。",
        sms=(SMSTemplate.ORDER_APPROVED, {"what": what, "order_no": order.order_no}),
    )
    db.commit()
    return order


def reject(
    db: Session,
    rt: Runtime,
    op: Operator,
    order_id: str,
    reason: str,
    *,
    expected_version: int | None = None,
    approved: bool = False,
) -> Order:
    """Reject an application. A company's name change only with ``approved`` (the approval
    of a second operator carries it out); else 409 ``approval_required``."""
    now = rt.clock.now()
    reason = clean_text(reason, max_length=200, min_length=0, field="reason")
    if len(reason) < 2:
        raise ReasonRequired()
    order = db.get(Order, order_id)
    if order is None:
        raise orders.OrderNotFound()
    if is_name_change(order) and not approved:
        raise SecondOperatorRequired()
    if expected_version is not None and order.version != expected_version:
        raise ReviewConflict()
    _decide(db, order, OrderStatus.REJECTED, op, now, reject_reason=reason)
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="order.rejected",
        target_type="order",
        target_id=order.id,
        details={"order_no": order.order_no, "reason": reason},
    )
    user = db.get(User, order.user_id)
    assert user is not None
    what = orders.label(order)
    notify(
        db,
        user=user,
        rt=rt,
        kind="order_rejected",
        now=now,
        title="审核未通过",
        body=f"您的{what}申请（订单号{order.order_no}）未通过审核，原因：{reason}",
        sms=(
            SMSTemplate.ORDER_REJECTED,
            {"what": what, "order_no": order.order_no, "reason": reason},
        ),
    )
    db.commit()
    return order


def _create_organization(db: Session, rt: Runtime, order: Order, now: datetime) -> None:
    """The first approved application creates the organisation; its applicant is admin."""
    assert order.uscc
    assert order.company_name
    assert order.legal_rep_name_enc
    if orgs.verified_id(db, order.uscc):
        raise orders.OrgAlreadyVerified()
    legal_rep = rt.cipher.decrypt(order.legal_rep_name_enc, aad=f"order:{order.order_no}")
    org = Organization(
        name=order.company_name,
        uscc=order.uscc,
        legal_rep_name_enc=rt.cipher.encrypt(legal_rep, aad=f"org:{order.uscc}"),
        verified_at=now,
        created_at=now,
    )
    db.add(org)
    db.flush()
    applicant = db.get(User, order.user_id)
    identity = identity_of(db, applicant) if applicant else None
    assert applicant is not None
    assert identity is not None, "a company application needs a verified identity"
    orgs.add_founder(
        db,
        org,
        user_id=applicant.id,
        phone_bidx=applicant.phone_bidx,
        id_number_bidx=identity.id_number_bidx,
        now=now,
    )
    order.org_id = org.id
    record(
        db,
        at=now,
        actor=Actor.system("review"),
        action="organization.verified",
        target_type="organization",
        target_id=org.id,
        details={"name": org.name, "uscc": org.uscc, "admin": order.user_id},
    )


def _rename_organization(db: Session, order: Order, now: datetime, op: Operator) -> None:
    org = lock_row(db, Organization, order.org_id)
    assert org is not None
    assert order.company_name
    db.add(
        OrganizationNameChange(
            org_id=org.id,
            old_name=org.name,
            new_name=order.company_name,
            order_id=order.id,
            changed_at=now,
        )
    )
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="organization.renamed",
        target_type="organization",
        target_id=org.id,
        details={"old": org.name, "new": order.company_name},
    )
    org.name = order.company_name
