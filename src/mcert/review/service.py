"""Operators and the review of applications (审核): queue, approve, reject with a reason.

Two reviewers acting on one application: each decision is a conditional update on the
order's version, so the second gets a conflict, never a second decision.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.account.service import user_phone
from mcert.audit.service import Actor, record
from mcert.errors import AuthenticationFailed, Conflict, InvalidInput, RateLimited
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

ROLES = frozenset({"reviewer", "admin"})
_USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{2,39}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class OperatorLoginFailed(AuthenticationFailed):
    code = "operator_login_failed"
    default_message = "用户名或密码错误"


class OperatorLoginLocked(RateLimited):
    code = "operator_login_locked"
    default_message = "登录失败次数过多，请稍后再试"


class ReviewConflict(Conflict):
    code = "review_conflict"
    default_message = "该申请已被其他审核员处理"


class ReasonRequired(InvalidInput):
    code = "reject_reason_required"
    default_message = "请填写驳回原因"


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    _, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


def create_operator(
    db: Session, rt: Runtime, *, username: str, password: str, role: str, display_name: str
) -> Operator:
    now = rt.clock.now()
    if not _USERNAME.match(username):
        raise InvalidInput("用户名为3-40位小写字母、数字或 _.-", code="username_invalid")
    if role not in ROLES:
        raise InvalidInput("角色只能是 reviewer 或 admin", code="role_invalid")
    display_name = clean_text(display_name, max_length=40, field="display_name")
    if len(password) < 10:
        raise InvalidInput("操作员密码至少10位", code="password_weak")
    if db.scalars(select(Operator.id).where(Operator.username == username)).first():
        raise Conflict("用户名已存在", code="username_taken")
    op = Operator(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        created_at=now,
    )
    db.add(op)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor.system("cli"),
        action="operator.created",
        target_type="operator",
        target_id=op.id,
        details={"username": username, "role": role},
    )
    db.commit()
    return op


@functools.cache
def _dummy_password_hash() -> str:
    """A hash no password matches, checked for unknown usernames so that they take the same
    work (one scrypt with the same parameters) as a known username with a wrong password."""
    return hash_password(secrets.token_urlsafe(32))


def _login_keys(rt: Runtime, username: str, source: str) -> tuple[str, str, str]:
    # Keyed on a blind index of the name as typed, known or not, so that locks and counters
    # behave the same for names that do not exist, and nothing typed is stored as such.
    ref = rt.blind_index.compute(username, scope="operator")[:32]
    return f"op:fail:{ref}", f"op:lock:{ref}", f"op:fail:ip:{source}"


def login(
    db: Session, rt: Runtime, username: str, password: str, client_ip: str | None = None
) -> Operator:
    """Log an operator in; every failure looks and costs the same, known name or not.

    Failures are limited per username (``operator_login_max_failures``, then the name is
    locked for ``operator_lockout_seconds``, audited when it is an operator's) and per client
    IP (``operator_login_ip_limit`` in the same period). Failures are metrics and security
    events; the audit chain gets lockouts and successful logins.
    """
    now = rt.clock.now()
    s = rt.settings
    source = client_ip or "-"
    fail_key, lock_key, source_key = _login_keys(rt, username, source)
    locked_for = rt.kv.ttl(lock_key)
    if locked_for is not None:
        rt.metrics.operator_login_failures.labels("locked").inc()
        raise OperatorLoginLocked(retry_after=locked_for)
    if rt.kv.get(source_key) >= s.operator_login_ip_limit:
        rt.metrics.operator_login_failures.labels("rate_limited").inc()
        raise RateLimited(
            code="operator_login_rate_limited",
            retry_after=rt.kv.ttl(source_key) or s.operator_lockout_seconds,
        )
    op = db.scalars(select(Operator).where(Operator.username == username)).first()
    # Always exactly one password check, before looking at whether the operator exists.
    password_ok = check_password(op.password_hash if op else _dummy_password_hash(), password)
    if op is None or op.disabled or not password_ok:
        rt.metrics.operator_login_failures.labels("bad_credentials").inc()
        rt.kv.incr(source_key, s.operator_lockout_seconds)
        if rt.kv.incr(fail_key, s.operator_lockout_seconds) >= s.operator_login_max_failures:
            _lock(db, rt, op, lock_key, fail_key, source, now)
        db.rollback()
        raise OperatorLoginFailed()
    rt.kv.delete(fail_key)
    op.last_login_at = now
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="operator.login",
        target_type="operator",
        target_id=op.id,
    )
    db.commit()
    return op


def _lock(
    db: Session,
    rt: Runtime,
    op: Operator | None,
    lock_key: str,
    fail_key: str,
    source: str,
    now: datetime,
) -> None:
    seconds = rt.settings.operator_lockout_seconds
    if not rt.kv.set_if_absent(lock_key, seconds):
        return
    rt.kv.delete(fail_key)
    rt.metrics.operator_lockouts.inc()
    rt.metrics.security_event(
        "operator.locked_out",
        client_ip=None if source == "-" else source,
        operator=op.id if op else "unknown",
        seconds=seconds,
    )
    if op is not None:  # an unknown name has no state to audit; the metric counts it
        record(
            db,
            at=now,
            actor=Actor.system("operator-login"),
            action="operator.locked_out",
            target_type="operator",
            target_id=op.id,
            details={
                "failures": rt.settings.operator_login_max_failures,
                "until": (now + timedelta(seconds=seconds)).isoformat(),
            },
        )
        db.commit()


def unlock_operator(db: Session, rt: Runtime, username: str) -> Operator:
    """Lift a login lockout early (``mcert operator unlock``); audited."""
    op = db.scalars(select(Operator).where(Operator.username == username)).first()
    if op is None:
        raise InvalidInput("操作员不存在", code="operator_not_found")
    fail_key, lock_key, _ = _login_keys(rt, username, "-")
    was_locked = rt.kv.ttl(lock_key) is not None
    rt.kv.delete(lock_key)
    rt.kv.delete(fail_key)
    record(
        db,
        at=rt.clock.now(),
        actor=Actor.system("cli"),
        action="operator.unlocked",
        target_type="operator",
        target_id=op.id,
        details={"was_locked": was_locked},
    )
    db.commit()
    return op


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
        phone=user_phone(rt, user),
        sender=rt.sms,
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
) -> Order:
    now = rt.clock.now()
    reason = clean_text(reason, max_length=200, min_length=0, field="reason")
    if len(reason) < 2:
        raise ReasonRequired()
    order = db.get(Order, order_id)
    if order is None:
        raise orders.OrderNotFound()
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
        phone=user_phone(rt, user),
        sender=rt.sms,
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
    org = db.get(Organization, order.org_id, with_for_update=True)
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
