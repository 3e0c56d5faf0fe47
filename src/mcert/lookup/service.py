"""Operator look-ups (查询): holders, companies, orders with payments and refunds, usage.

Read-only, except :func:`unmask`. Personal data leaves here masked; revealing it takes the
``unmask`` permission and a reason, and is audited (``pii.unmask``: which fields and why,
never the values).

Finding a holder: a full mobile number or resident ID number goes through the blind index
(one indexed lookup, nothing decrypted). The last four digits of a phone, and a name, are
not indexed (a 4-digit or name index would be a dictionary away from the values): those
decrypt holders in creation order, newest first, at most :data:`SCAN_LIMIT` of them, and
say so (``scanned_all`` false) when they stopped early.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.company.service import member_name
from mcert.errors import InvalidInput, NotFound
from mcert.operator.models import Operator
from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.org.models import Organization, OrganizationNameChange, OrgMember
from mcert.org.states import MemberStatus
from mcert.pii import mask_id_number, mask_name, mask_phone
from mcert.realname.models import Identity
from mcert.realname.service import view
from mcert.runtime import Runtime
from mcert.scan.models import UsageRecord
from mcert.text import clean_text

SCAN_LIMIT = 5000
_PHONE = re.compile(r"1[3-9]\d{9}")
_ID_NUMBER = re.compile(r"\d{17}[\dX]")
_USCC = re.compile(r"[0-9A-HJ-NP-RTUW-Y]{18}")
UNMASKABLE = ("name", "phone", "id_number")


class HolderNotFound(NotFound):
    code = "holder_not_found"
    default_message = "用户不存在"


class CompanyNotFound(NotFound):
    code = "company_not_found"
    default_message = "单位不存在"


class OrderNotFound(NotFound):
    code = "order_not_found"
    default_message = "订单不存在"


class UnmaskReasonRequired(InvalidInput):
    code = "unmask_reason_required"
    default_message = "查看完整信息须填写原因"


class UnmaskFieldsInvalid(InvalidInput):
    code = "unmask_fields_invalid"
    default_message = "可查看的字段为 name、phone、id_number"


def _digits(q: str) -> str:
    return re.sub(r"[\s-]", "", q)


# ----------------------------------------------------------------------------- holders


@dataclass(frozen=True)
class HolderView:
    user: User
    identity: Identity | None
    phone: str
    name: str | None
    id_number: str | None


def _view(rt: Runtime, user: User, identity: Identity | None) -> HolderView:
    phone = rt.cipher.decrypt(user.phone_enc, aad=b"users.phone")
    if identity is None:
        return HolderView(user, None, phone, None, None)
    ident = view(rt, user, identity)
    return HolderView(user, identity, phone, ident.name, ident.id_number)


def masked(h: HolderView) -> dict[str, Any]:
    return {
        "id": h.user.id,
        "name_masked": mask_name(h.name) if h.name else None,
        "phone_masked": mask_phone(h.phone),
        "id_number_masked": mask_id_number(h.id_number) if h.id_number else None,
        "realname_status": "verified" if h.identity else "unverified",
        "status": h.user.status,
        "created_at": h.user.created_at,
    }


def _pairs(db: Session, where: Sequence[Any], limit: int) -> list[tuple[User, Identity | None]]:
    rows = db.execute(
        select(User, Identity)
        .outerjoin(Identity, Identity.user_id == User.id)
        .where(*where)
        .order_by(User.created_at.desc(), User.id)
        .limit(limit)
    ).all()
    return [(u, i) for u, i in rows]


def _scan(db: Session) -> Iterator[tuple[User, Identity | None]]:
    last: tuple[datetime, str] | None = None
    seen = 0
    while seen < SCAN_LIMIT:
        q = select(User, Identity).outerjoin(Identity, Identity.user_id == User.id)
        if last is not None:
            q = q.where(
                or_(User.created_at < last[0], (User.created_at == last[0]) & (User.id > last[1]))
            )
        rows = db.execute(q.order_by(User.created_at.desc(), User.id).limit(500)).all()
        if not rows:
            return
        for u, i in rows:
            yield u, i
            seen += 1
        last = (rows[-1][0].created_at, rows[-1][0].id)


@dataclass(frozen=True)
class HolderSearch:
    holders: list[HolderView]
    how: str  # phone | id_number | phone_tail | name
    scanned_all: bool


def search_holders(db: Session, rt: Runtime, q: str, limit: int = 50) -> HolderSearch:
    q = clean_text(q, max_length=40, min_length=0, field="q")
    compact = _digits(q).upper()
    if _PHONE.fullmatch(compact):
        pairs = _pairs(db, [User.phone_bidx == rt.blind_index.compute(compact)], limit)
        return HolderSearch([_view(rt, u, i) for u, i in pairs], "phone", True)
    if _ID_NUMBER.fullmatch(compact):
        pairs = _pairs(db, [Identity.id_number_bidx == rt.blind_index.compute(compact)], limit)
        return HolderSearch([_view(rt, u, i) for u, i in pairs], "id_number", True)
    if len(q) < 2 and not (compact.isdigit() and len(compact) == 4):
        raise InvalidInput(
            "请输入手机号、手机尾号4位、姓名或身份证号", code="lookup_query_too_short"
        )
    tail = compact if compact.isdigit() and len(compact) == 4 else None
    found: list[HolderView] = []
    scanned = 0
    for u, i in _scan(db):
        scanned += 1
        h = _view(rt, u, i)
        if (tail and h.phone.endswith(tail)) or (not tail and h.name == q):
            found.append(h)
            if len(found) >= limit:
                break
    return HolderSearch(found, "phone_tail" if tail else "name", scanned < SCAN_LIMIT)


def holder(db: Session, rt: Runtime, user_id: str) -> HolderView:
    user = db.get(User, user_id)
    if user is None:
        raise HolderNotFound()
    identity = db.scalars(select(Identity).where(Identity.user_id == user.id)).first()
    return _view(rt, user, identity)


def unmask(
    db: Session, rt: Runtime, op: Operator, user_id: str, fields: list[str], reason: str
) -> dict[str, str | None]:
    """The asked fields in clear; audited ``pii.unmask`` with the fields and the reason."""
    reason = clean_text(reason or "", max_length=200, min_length=0, field="reason")
    if len(reason) < 2:
        raise UnmaskReasonRequired()
    wanted = list(dict.fromkeys(fields))
    if not wanted or any(f not in UNMASKABLE for f in wanted):
        raise UnmaskFieldsInvalid()
    h = holder(db, rt, user_id)
    values = {"name": h.name, "phone": h.phone, "id_number": h.id_number}
    record(
        db,
        at=rt.clock.now(),
        actor=Actor("operator", op.id),
        action="pii.unmask",
        target_type="user",
        target_id=user_id,
        details={"fields": wanted, "reason": reason},
    )
    db.commit()
    return {f: values[f] for f in wanted}


# ----------------------------------------------------------------------------- certificates


def cert_rows(
    db: Session, rt: Runtime, where: Sequence[Any], limit: int = 100
) -> list[dict[str, Any]]:
    rows = db.execute(
        select(
            HolderCertificate,
            IssuedCertificate.serial,
            IssuedCertificate.not_before,
            Organization.name,
        )
        .outerjoin(IssuedCertificate, IssuedCertificate.id == HolderCertificate.sign_cert_id)
        .outerjoin(Organization, Organization.id == HolderCertificate.org_id)
        .where(*where)
        .order_by(HolderCertificate.created_at.desc())
        .limit(limit)
    ).all()
    return [
        {
            "id": c.id,
            "serial_hex": serial,
            "subject_cn": mask_name(c.subject_cn),
            "holder_name_masked": mask_name(c.subject_cn),
            "kind": "company" if c.cert_type == "org" else "personal",
            "org_id": c.org_id,
            "org_name": org_name,
            "status": c.status,
            "not_before": not_before,
            "not_after": c.not_after,
            "created_at": c.created_at,
        }
        for c, serial, not_before, org_name in rows
    ]


# ----------------------------------------------------------------------------- orders


def _holder_names(db: Session, rt: Runtime, user_ids: set[str]) -> dict[str, str]:
    if not user_ids:
        return {}
    rows = db.execute(
        select(User, Identity)
        .join(Identity, Identity.user_id == User.id)
        .where(User.id.in_(user_ids))
    ).all()
    return {u.id: mask_name(view(rt, u, i).name) for u, i in rows}


def order_rows(db: Session, rt: Runtime, orders: Sequence[Order]) -> list[dict[str, Any]]:
    names = _holder_names(db, rt, {o.user_id for o in orders})
    return [
        {
            "id": o.id,
            "order_no": o.order_no,
            "kind": o.kind,
            "cert_type": o.cert_type,
            "status": o.status,
            "amount_fen": o.amount_fen,
            "holder_id": o.user_id,
            "holder_name_masked": names.get(o.user_id),
            "company_name": o.company_name,
            "created_at": o.created_at,
            "paid_at": o.paid_at,
        }
        for o in orders
    ]


def search_orders(
    db: Session,
    rt: Runtime,
    *,
    q: str | None,
    status: str | None,
    kind: str | None,
    limit: int = 50,
    user_id: str | None = None,
) -> list[dict[str, Any]]:
    where: list[Any] = []
    if q:
        q = clean_text(q, max_length=40, min_length=0, field="q").upper()
        where.append(
            or_(Order.order_no.startswith(q, autoescape=True), Order.uscc == q, Order.id == q)
        )
    if status:
        where.append(Order.status == status)
    if kind:
        where.append(Order.kind == kind)
    if user_id:
        where.append(Order.user_id == user_id)
    orders = db.scalars(
        select(Order).where(*where).order_by(Order.created_at.desc(), Order.id).limit(limit)
    ).all()
    return order_rows(db, rt, orders)


def order_detail(db: Session, rt: Runtime, order_id: str) -> dict[str, Any]:
    order = db.get(Order, order_id)
    if order is None:
        raise OrderNotFound()
    row = order_rows(db, rt, [order])[0]
    payments = db.scalars(
        select(PaymentAttempt)
        .where(PaymentAttempt.order_id == order.id)
        .order_by(PaymentAttempt.seq)
    ).all()
    refunds = db.scalars(
        select(Refund).where(Refund.order_id == order.id).order_by(Refund.requested_at)
    ).all()
    return {
        **row,
        "uscc": order.uscc,
        "years": order.years,
        "reject_reason": order.reject_reason,
        "submitted_at": order.submitted_at,
        "reviewed_at": order.reviewed_at,
        "closed_at": order.closed_at,
        "payments": [
            {
                "id": p.id,
                "seq": p.seq,
                "out_trade_no": p.out_trade_no,
                "trade_no": p.trade_no,
                "amount_fen": p.amount_fen,
                "status": p.status,
                "created_at": p.created_at,
                "paid_at": p.paid_at,
                "closed_at": p.closed_at,
            }
            for p in payments
        ],
        "refunds": [
            {
                "id": r.id,
                "attempt_id": r.attempt_id,
                "out_request_no": r.out_request_no,
                "amount_fen": r.amount_fen,
                "reason": r.reason,
                "status": r.status,
                "failure": r.failure,
                "requested_at": r.requested_at,
                "refunded_at": r.refunded_at,
            }
            for r in refunds
        ],
    }


# ----------------------------------------------------------------------------- companies


def _company_rows(db: Session, rt: Runtime, orgs: Sequence[Organization]) -> list[dict[str, Any]]:
    ids = [o.id for o in orgs]
    members = (
        dict(
            db.execute(
                select(OrgMember.org_id, func.count())
                .where(OrgMember.org_id.in_(ids), OrgMember.status == MemberStatus.ACTIVE)
                .group_by(OrgMember.org_id)
            ).all()
        )
        if ids
        else {}
    )
    certs = (
        dict(
            db.execute(
                select(HolderCertificate.org_id, func.count())
                .where(
                    HolderCertificate.org_id.in_(ids),
                    HolderCertificate.status == HolderCertStatus.ACTIVE,
                )
                .group_by(HolderCertificate.org_id)
            ).all()
        )
        if ids
        else {}
    )
    return [
        {
            "id": o.id,
            "name": o.name,
            "uscc": o.uscc,
            "legal_rep_masked": mask_name(
                rt.cipher.decrypt(o.legal_rep_name_enc, aad=f"org:{o.uscc}")
            ),
            "status": "verified",
            "members": int(members.get(o.id, 0)),
            "certificates": int(certs.get(o.id, 0)),
            "verified_at": o.verified_at,
        }
        for o in orgs
    ]


def search_companies(db: Session, rt: Runtime, q: str, limit: int = 50) -> list[dict[str, Any]]:
    q = clean_text(q, max_length=100, min_length=0, field="q")
    compact = _digits(q).upper()
    if _USCC.fullmatch(compact):
        where: Any = Organization.uscc == compact
    else:
        if len(q) < 2:
            raise InvalidInput("请输入单位名称或统一社会信用代码", code="lookup_query_too_short")
        where = Organization.name.contains(q, autoescape=True)
    orgs = db.scalars(select(Organization).where(where).order_by(Organization.name).limit(limit))
    return _company_rows(db, rt, orgs.all())


def company_detail(db: Session, rt: Runtime, org_id: str) -> dict[str, Any]:
    org = db.get(Organization, org_id)
    if org is None:
        raise CompanyNotFound()
    row = _company_rows(db, rt, [org])[0]
    members = db.scalars(
        select(OrgMember).where(OrgMember.org_id == org.id).order_by(OrgMember.created_at)
    ).all()
    history = db.scalars(
        select(OrganizationNameChange)
        .where(OrganizationNameChange.org_id == org.id)
        .order_by(OrganizationNameChange.changed_at)
    ).all()
    return {
        **row,
        "member_list": [
            {
                "id": m.id,
                "holder_id": m.user_id,
                "name_masked": _masked_or_none(member_name(db, rt, m)),
                "role": m.role,
                "status": m.status,
                "joined_at": m.joined_at,
            }
            for m in members
        ],
        "certificate_list": cert_rows(db, rt, [HolderCertificate.org_id == org.id]),
        "name_history": [
            {"old_name": h.old_name, "new_name": h.new_name, "changed_at": h.changed_at}
            for h in history
        ],
    }


def _masked_or_none(name: str | None) -> str | None:
    return mask_name(name) if name else None


def companies_of(db: Session, rt: Runtime, user_id: str) -> list[dict[str, Any]]:
    rows = db.execute(
        select(OrgMember, Organization)
        .join(Organization, Organization.id == OrgMember.org_id)
        .where(OrgMember.user_id == user_id)
    ).all()
    return [
        {"id": o.id, "name": o.name, "uscc": o.uscc, "role": m.role, "status": m.status}
        for m, o in rows
    ]


# ----------------------------------------------------------------------------- usage


def usage(
    db: Session,
    *,
    holder_id: str | None,
    org_id: str | None,
    certificate_id: str | None,
    limit: int = 100,
    before: datetime | None = None,
) -> list[dict[str, Any]]:
    where: list[Any] = []
    if holder_id:
        where.append(UsageRecord.user_id == holder_id)
    if org_id:
        where.append(UsageRecord.org_id == org_id)
    if certificate_id:
        where.append(UsageRecord.holder_cert_id == certificate_id)
    if before is not None:
        where.append(
            UsageRecord.created_at < (before if before.tzinfo else before.replace(tzinfo=UTC))
        )
    rows = db.scalars(
        select(UsageRecord)
        .where(*where)
        .order_by(UsageRecord.created_at.desc(), UsageRecord.id)
        .limit(limit)
    ).all()
    return [
        {
            "id": r.id,
            "created_at": r.created_at,
            "holder_id": r.user_id,
            "holder_name_masked": mask_name(r.holder_name),
            "org_id": r.org_id,
            "certificate_id": r.holder_cert_id,
            "cert_serial": r.cert_serial,
            "rp_id": r.rp_id,
            "rp_name": r.rp_name,
            "operation": r.operation,
            "result": r.result,
            "session_id": r.session_id,
        }
        for r in rows
    ]
