"""The console's review queues across kinds, their service levels and reviewers' claims.

Five queues, each a view of records that wait for an operator:

* ``application`` — a company certificate application (or any other order under review)
  seen for the first time;
* ``resubmission`` — an order the holder corrected after a rejection (reviewed before);
* ``name_change`` — a certificate change (a company or a person renamed), first time;
* ``seal`` — an electronic seal waiting for review;
* ``invoice`` — an invoice the invoicing service refused (开票失败), to retry or void.

Items are listed oldest first with their age against the kind's service level
(``MCERT_REVIEW_SLA_HOURS``). An operator claims an item to work on it; a claim lapses
after ``MCERT_REVIEW_CLAIM_MINUTES`` (30) so an abandoned item returns to the pool.
Deciding an item (approve, reject, retry, void) takes the claim first — refused with
``review_claimed`` while another operator holds it — and ends it afterwards.

Claims are keyed by the record (``order``, ``seal``, ``invoice`` and its id), not by the
queue, so an order moving from ``application`` to ``resubmission`` keeps no stale claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.errors import Conflict, InvalidInput, NotFound
from mcert.invoice.models import Invoice
from mcert.invoice.service import buyer_name
from mcert.invoice.states import InvoiceStatus
from mcert.operator.models import Operator
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import OrderKind, OrderStatus
from mcert.pii import mask_name
from mcert.review.models import ReviewClaim
from mcert.runtime import Runtime
from mcert.seal.models import Seal
from mcert.seal.states import SealStatus


class QueueKind(StrEnum):
    APPLICATION = "application"
    RESUBMISSION = "resubmission"
    NAME_CHANGE = "name_change"
    SEAL = "seal"
    INVOICE = "invoice"


LABELS = {
    QueueKind.APPLICATION: "新申请",
    QueueKind.RESUBMISSION: "补正重提",
    QueueKind.NAME_CHANGE: "名称变更",
    QueueKind.SEAL: "电子印章",
    QueueKind.INVOICE: "开票失败",
}

#: The record a queue item is: claims are kept per record.
SUBJECT = {
    QueueKind.APPLICATION: "order",
    QueueKind.RESUBMISSION: "order",
    QueueKind.NAME_CHANGE: "order",
    QueueKind.SEAL: "seal",
    QueueKind.INVOICE: "invoice",
}

DEFAULT_SLA_HOURS = 24
QUEUE_LIMIT = 500


class ReviewClaimed(Conflict):
    code = "review_claimed"
    default_message = "该事项已被其他审核员认领"


class QueueItemNotFound(NotFound):
    code = "queue_item_not_found"
    default_message = "待办事项不存在或已处理"


class UnknownQueue(InvalidInput):
    code = "queue_kind_invalid"
    default_message = "队列类型只能是 application、resubmission、name_change、seal、invoice"


def queue_kind(value: str) -> QueueKind:
    try:
        return QueueKind(value)
    except ValueError as exc:
        raise UnknownQueue() from exc


@dataclass(frozen=True)
class Claim:
    operator_id: str
    display_name: str
    expires_at: datetime


@dataclass(frozen=True)
class QueueEntry:
    kind: QueueKind
    id: str
    title: str
    subject_name: str | None
    submitted_at: datetime
    age_seconds: int
    sla_seconds: int
    overdue: bool
    claim: Claim | None


def sla_seconds(rt: Runtime, kind: QueueKind) -> int:
    return int(rt.settings.review_sla_hours.get(kind.value, DEFAULT_SLA_HOURS)) * 3600


# ----------------------------------------------------------------------------- the queues


def _order_filter(kind: QueueKind) -> list[object]:
    pending = Order.status == OrderStatus.PENDING_REVIEW
    if kind is QueueKind.RESUBMISSION:
        # Reviewed before and back under review: the holder corrected a rejected application.
        return [pending, Order.reviewed_at.is_not(None)]
    first_time = Order.reviewed_at.is_(None)
    if kind is QueueKind.NAME_CHANGE:
        return [pending, first_time, Order.kind == OrderKind.CHANGE]
    return [pending, first_time, Order.kind != OrderKind.CHANGE]


def order_kind(order: Order) -> QueueKind:
    """The queue an order under review sits in."""
    if order.reviewed_at is not None:
        return QueueKind.RESUBMISSION
    return QueueKind.NAME_CHANGE if order.kind == OrderKind.CHANGE else QueueKind.APPLICATION


def _rows(db: Session, kind: QueueKind, limit: int) -> list[tuple[str, datetime, object]]:
    """(id, submitted_at, record) of one queue, oldest first."""
    if kind is QueueKind.SEAL:
        seals = db.scalars(
            select(Seal)
            .where(Seal.status == SealStatus.PENDING_REVIEW)
            .order_by(Seal.created_at, Seal.id)
            .limit(limit)
        ).all()
        return [(s.id, s.created_at, s) for s in seals]
    if kind is QueueKind.INVOICE:
        invoices = db.scalars(
            select(Invoice)
            .where(Invoice.status == InvoiceStatus.FAILED)
            .order_by(Invoice.updated_at, Invoice.id)
            .limit(limit)
        ).all()
        return [(i.id, i.updated_at, i) for i in invoices]
    submitted = func.coalesce(Order.submitted_at, Order.created_at)
    rows = db.scalars(
        select(Order).where(*_order_filter(kind)).order_by(submitted, Order.id).limit(limit)  # type: ignore[arg-type]
    ).all()
    return [(o.id, o.submitted_at or o.created_at, o) for o in rows]


def _title(rt: Runtime, kind: QueueKind, rec: object) -> tuple[str, str | None]:
    if isinstance(rec, Order):
        what = orders.label(rec)
        return f"{what}（{rec.order_no}）", rec.company_name
    if isinstance(rec, Seal):
        return f"电子印章：{rec.name}", rec.name
    assert isinstance(rec, Invoice)
    name = buyer_name(rt, rec)
    shown = name if rec.buyer_kind == "company" else mask_name(name)
    reason = f"：{rec.failure_reason}" if rec.failure_reason else ""
    return f"开票失败{reason}", shown


def _claims(db: Session, subject: str, ids: list[str], now: datetime) -> dict[str, Claim]:
    if not ids:
        return {}
    rows = db.execute(
        select(ReviewClaim, Operator.display_name)
        .join(Operator, Operator.id == ReviewClaim.operator_id)
        .where(
            ReviewClaim.subject == subject,
            ReviewClaim.item_id.in_(ids),
            ReviewClaim.expires_at > now,
        )
    ).all()
    return {c.item_id: Claim(c.operator_id, name, c.expires_at) for c, name in rows}


def _entry(
    rt: Runtime,
    kind: QueueKind,
    item_id: str,
    submitted_at: datetime,
    rec: object,
    claim: Claim | None,
    now: datetime,
) -> QueueEntry:
    title, subject_name = _title(rt, kind, rec)
    age = max(0, int((now - submitted_at).total_seconds()))
    sla = sla_seconds(rt, kind)
    return QueueEntry(kind, item_id, title, subject_name, submitted_at, age, sla, age > sla, claim)


def items(db: Session, rt: Runtime, kind: QueueKind, limit: int = QUEUE_LIMIT) -> list[QueueEntry]:
    """One queue, oldest first."""
    now = rt.clock.now()
    rows = _rows(db, kind, limit)
    claims = _claims(db, SUBJECT[kind], [r[0] for r in rows], now)
    return [_entry(rt, kind, i, at, rec, claims.get(i), now) for i, at, rec in rows]


@dataclass(frozen=True)
class QueueSummary:
    kind: QueueKind
    count: int
    oldest_age_seconds: int | None
    overdue: int


def summary(db: Session, rt: Runtime) -> list[QueueSummary]:
    """Per queue: how many wait, the oldest's age, how many are past the service level.

    Counted in SQL: one grouped query per queue, whatever the queue's length.
    """
    now = rt.clock.now()
    out = []
    for kind in QueueKind:
        sla = timedelta(seconds=sla_seconds(rt, kind))
        if kind is QueueKind.SEAL:
            at, where = Seal.created_at, [Seal.status == SealStatus.PENDING_REVIEW]
        elif kind is QueueKind.INVOICE:
            at, where = Invoice.updated_at, [Invoice.status == InvoiceStatus.FAILED]
        else:
            at, where = func.coalesce(Order.submitted_at, Order.created_at), _order_filter(kind)  # type: ignore[assignment]
        total, oldest = db.execute(select(func.count(), func.min(at)).where(*where)).one()
        overdue = db.execute(select(func.count()).where(*where, at < now - sla)).scalar_one()
        if oldest is not None:  # SQLite may hand min() back as naive or as text
            oldest = _as_utc(oldest)
        age = max(0, int((now - oldest).total_seconds())) if oldest is not None else None
        out.append(QueueSummary(kind, int(total), age, int(overdue)))
    return out


def _as_utc(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# ----------------------------------------------------------------------------- one item


def _record(db: Session, kind: QueueKind, item_id: str) -> tuple[datetime, object]:
    """The record behind a queue item, if it is in that queue now."""
    if kind is QueueKind.SEAL:
        seal = db.get(Seal, item_id)
        if seal is None or seal.status != SealStatus.PENDING_REVIEW:
            raise QueueItemNotFound()
        return seal.created_at, seal
    if kind is QueueKind.INVOICE:
        inv = db.get(Invoice, item_id)
        if inv is None or inv.status != InvoiceStatus.FAILED:
            raise QueueItemNotFound()
        return inv.updated_at, inv
    order = db.get(Order, item_id)
    if order is None or order.status != OrderStatus.PENDING_REVIEW or order_kind(order) != kind:
        raise QueueItemNotFound()
    return order.submitted_at or order.created_at, order


def item(db: Session, rt: Runtime, kind: QueueKind, item_id: str) -> QueueEntry:
    now = rt.clock.now()
    at, rec = _record(db, kind, item_id)
    claim = _claims(db, SUBJECT[kind], [item_id], now).get(item_id)
    return _entry(rt, kind, item_id, at, rec, claim, now)


def _holder(db: Session, subject: str, item_id: str) -> ReviewClaim | None:
    return db.scalars(
        select(ReviewClaim).where(ReviewClaim.subject == subject, ReviewClaim.item_id == item_id)
    ).first()


def _refuse(db: Session, claim: ReviewClaim) -> ReviewClaimed:
    other = db.get(Operator, claim.operator_id)
    name = other.display_name if other else "其他审核员"
    return ReviewClaimed(
        f"该事项已被{name}认领，认领于{claim.expires_at:%H:%M} UTC 前有效",
        details={
            "claimed_by": {"id": claim.operator_id, "display_name": name},
            "claim_expires_at": claim.expires_at.isoformat(),
        },
    )


def hold(db: Session, rt: Runtime, op: Operator, subject: str, item_id: str) -> ReviewClaim:
    """Take (or renew) ``op``'s claim on a record, in the caller's transaction.

    409 ``review_claimed`` while another operator's claim is live. Two operators taking the
    same free item at once: one insert wins on the unique (subject, item_id); a lapsed claim
    is taken over by a conditional update on its previous holder and expiry.
    """
    now = rt.clock.now()
    expires = now + timedelta(minutes=rt.settings.review_claim_minutes)
    current = _holder(db, subject, item_id)
    if current is None:
        claim = ReviewClaim(
            subject=subject, item_id=item_id, operator_id=op.id, claimed_at=now, expires_at=expires
        )
        try:
            with db.begin_nested():
                db.add(claim)
                db.flush()
        except IntegrityError:
            current = _holder(db, subject, item_id)
            if current is None:  # taken and released meanwhile: keep it simple, say so
                raise ReviewClaimed() from None
            raise _refuse(db, current) from None
        return claim
    if current.operator_id != op.id and current.expires_at > now:
        raise _refuse(db, current)
    result = db.execute(
        update(ReviewClaim)
        .where(
            ReviewClaim.id == current.id,
            ReviewClaim.operator_id == current.operator_id,
            ReviewClaim.expires_at == current.expires_at,
        )
        .values(operator_id=op.id, claimed_at=now, expires_at=expires)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.expire(current)
        raise _refuse(db, db.get(ReviewClaim, current.id) or current)
    db.expire(current)
    return current


def end(db: Session, subject: str, item_id: str) -> None:
    """A decided item's claim ends (the caller commits)."""
    db.execute(
        delete(ReviewClaim)
        .where(ReviewClaim.subject == subject, ReviewClaim.item_id == item_id)
        .execution_options(synchronize_session=False)
    )


def claim(db: Session, rt: Runtime, op: Operator, kind: QueueKind, item_id: str) -> QueueEntry:
    """``op`` claims a queue item (or renews their claim); audited ``review.claimed``."""
    _record(db, kind, item_id)
    held = hold(db, rt, op, SUBJECT[kind], item_id)
    record(
        db,
        at=rt.clock.now(),
        actor=Actor("operator", op.id),
        action="review.claimed",
        target_type=SUBJECT[kind],
        target_id=item_id,
        details={"queue": kind.value, "expires_at": held.expires_at.isoformat()},
    )
    db.commit()
    return item(db, rt, kind, item_id)


def release(db: Session, rt: Runtime, op: Operator, kind: QueueKind, item_id: str) -> QueueEntry:
    """``op`` gives their claim back; audited ``review.released``.

    Releasing another operator's live claim is refused (409 ``review_claimed``); releasing
    an unclaimed or lapsed item is a no-op that answers the item.
    """
    _record(db, kind, item_id)
    now = rt.clock.now()
    current = _holder(db, SUBJECT[kind], item_id)
    if current is not None and current.expires_at > now and current.operator_id != op.id:
        raise _refuse(db, current)
    if current is not None and current.operator_id == op.id and current.expires_at > now:
        end(db, SUBJECT[kind], item_id)
        record(
            db,
            at=now,
            actor=Actor("operator", op.id),
            action="review.released",
            target_type=SUBJECT[kind],
            target_id=item_id,
            details={"queue": kind.value},
        )
    db.commit()
    return item(db, rt, kind, item_id)


def is_claimed_by_other(db: Session, rt: Runtime, op: Operator, subject: str, item_id: str) -> None:
    """Raise 409 ``review_claimed`` if someone else holds a live claim (no write)."""
    current = _holder(db, subject, item_id)
    if current is not None and current.operator_id != op.id and current.expires_at > rt.clock.now():
        raise _refuse(db, current)
