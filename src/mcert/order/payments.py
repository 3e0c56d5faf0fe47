"""Payment attempts and refunds of an order.

An order is paid through *attempts*: each is one gateway trade under its own
``out_trade_no`` (``<order_no>_<seq>``). A trade closed in the cashier (取消支付), by risk
control or by the gateway's timeout never blocks its order: the next 去支付 opens a new
attempt, until the order itself closes (``MCERT_ORDER_PAY_MINUTES``) or is cancelled.
Only the order's newest attempt can pay it.

Money that must not pay the order — it arrived after the order closed or was cancelled,
or on an attempt that was superseded, or after another attempt paid — is refunded through
the gateway's refund API, and the holder is told (in-app message and SMS). Refunds have
their own states (:class:`mcert.order.states.RefundStatus`); the gateway's answer comes
asynchronously (a signed refund notification, or a query by the jobs or when the holder
opens the order).

Duplicate notifications are idempotent no-ops, counted on the attempt (or refund) and
logged. This module never fulfils an order: :mod:`mcert.order.service` does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.db.base import lock_row
from mcert.errors import DomainError, InvalidInput
from mcert.notify.service import notify
from mcert.order import products
from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.order.states import (
    OrderStatus,
    PaymentStatus,
    RefundStatus,
    move_payment,
    move_refund,
)
from mcert.providers.payment import (
    PaymentNotificationInvalid,
    RefundRefused,
    RefundState,
    TradeAlreadyPaid,
    TradeState,
)
from mcert.providers.sms import SMSTemplate
from mcert.runtime import Runtime

log = logging.getLogger(__name__)

# Listeners told, in the transaction that records it, that the payment of a completed order
# has been refunded: the invoice domain reverses the order's invoice (红字发票). Registered
# by importing :mod:`mcert.flows`.
RefundedListener = Callable[[Session, Runtime, Order, datetime], object]
refunded_listeners: list[RefundedListener] = []

# A refund still 退款中 this long after the gateway accepted it is asked about (its
# notification may be lost), by the jobs and when the holder opens the order.
REFUND_QUERY_AFTER = timedelta(minutes=1)

REASON_CLOSED = "order_closed"
REASON_CANCELLED = "order_cancelled"
REASON_DUPLICATE = "duplicate_payment"  # another attempt paid the order already
REASON_SUPERSEDED = "superseded_attempt"  # a newer attempt is the order's only way to pay
REASON_PREPAY_UNUSED = "prepay_unused"  # an admin's prepayment for a member no longer invited
REASON_SEAL_REJECTED = "seal_rejected"  # a paid seal application the reviewer rejected
REASON_SEAL_VOIDED = "seal_voided"  # a paid seal voided before review (certificate revoked)
_REASON_TEXT = {  # "订单{order_no}{text}，您支付的…元将原路退回"
    REASON_CLOSED: "已超时关闭",
    REASON_CANCELLED: "已取消",
    REASON_DUPLICATE: "已支付完成，本次为重复支付",
    REASON_SUPERSEDED: "的该笔支付已失效，请以最新一次支付为准",
    REASON_PREPAY_UNUSED: "为成员预付的证书费用未被使用（授权已取消）",
    REASON_SEAL_REJECTED: "的电子印章申请未通过审核",
    REASON_SEAL_VOIDED: "的电子印章申请已作废",
}


class RefundMismatch(InvalidInput):
    code = "refund_mismatch"
    default_message = "退款通知与退款记录不符"


# ----------------------------------------------------------------------------- attempts


def attempts(db: Session, order: Order) -> list[PaymentAttempt]:
    return list(
        db.scalars(
            select(PaymentAttempt)
            .where(PaymentAttempt.order_id == order.id)
            .order_by(PaymentAttempt.seq)
        ).all()
    )


def current_attempt(db: Session, order: Order) -> PaymentAttempt | None:
    """The newest attempt: the only one that may pay the order."""
    return db.scalars(
        select(PaymentAttempt)
        .where(PaymentAttempt.order_id == order.id)
        .order_by(PaymentAttempt.seq.desc())
        .limit(1)
    ).first()


def by_out_trade_no(db: Session, out_trade_no: str) -> PaymentAttempt | None:
    return db.scalars(
        select(PaymentAttempt).where(PaymentAttempt.out_trade_no == out_trade_no)
    ).first()


def new_attempt(db: Session, order: Order, now: datetime) -> PaymentAttempt:
    previous = current_attempt(db, order)
    seq = previous.seq + 1 if previous else 1
    attempt = PaymentAttempt(
        order_id=order.id,
        seq=seq,
        out_trade_no=f"{order.order_no}_{seq}",
        amount_fen=order.amount_fen,
        status=PaymentStatus.OPEN.value,
        duplicate_notifications=0,
        created_at=now,
    )
    db.add(attempt)
    db.flush()
    return attempt


def close_attempt(attempt: PaymentAttempt, now: datetime) -> None:
    if attempt.status == PaymentStatus.OPEN:
        move_payment(attempt, PaymentStatus.CLOSED)
        attempt.closed_at = now


def mark_paid(attempt: PaymentAttempt, now: datetime, trade_no: str) -> None:
    move_payment(attempt, PaymentStatus.PAID)
    attempt.paid_at = now
    attempt.trade_no = trade_no


def count_duplicate(attempt: PaymentAttempt, notify_id: str) -> None:
    attempt.duplicate_notifications += 1
    log.info(
        "duplicate payment notification %s for %s (trade %s): %d so far, ignored",
        notify_id,
        attempt.out_trade_no,
        attempt.trade_no,
        attempt.duplicate_notifications,
    )


def close_open_attempts(db: Session, rt: Runtime, order_id: str) -> None:
    """After an order closed or was cancelled: close its open trades at the gateway.

    A trade that turns out to be paid (the buyer was quicker than the close) is a late
    payment: refunded at once, without waiting for its notification.
    """
    order = lock_row(db, Order, order_id)
    if order is None:  # pragma: no cover - orders are never deleted
        return
    now = rt.clock.now()
    refunds: list[str] = []
    for attempt in attempts(db, order):
        if attempt.status != PaymentStatus.OPEN:
            continue
        try:
            rt.payment.close_trade(attempt.out_trade_no)
        except TradeAlreadyPaid:
            try:
                status = rt.payment.query_trade(attempt.out_trade_no)
            except DomainError as exc:
                log.warning("query of %s failed: %s", attempt.out_trade_no, exc.code)
                continue
            if status.status is TradeState.TRADE_SUCCESS:
                refund = late_payment(
                    db,
                    rt,
                    order,
                    attempt,
                    now,
                    trade_no=status.trade_no,
                    actor=Actor.system("query"),
                )
                refunds.append(refund.id)
            continue
        except DomainError as exc:
            log.warning("closing trade %s failed: %s", attempt.out_trade_no, exc.code)
            continue
        close_attempt(attempt, now)
    db.commit()
    for refund_id in refunds:
        submit_refund(db, rt, refund_id)


# ----------------------------------------------------------------------------- late payments


def _pending_refund(
    db: Session, order: Order, attempt: PaymentAttempt, reason: str, now: datetime
) -> Refund:
    """A whole-attempt refund, pending until :func:`submit_refund` sends it."""
    refund = Refund(
        order_id=order.id,
        attempt_id=attempt.id,
        out_request_no=f"{attempt.out_trade_no}_R",
        amount_fen=attempt.amount_fen,
        reason=reason,
        status=RefundStatus.PENDING.value,
        duplicate_notifications=0,
        requested_at=now,
        updated_at=now,
    )
    db.add(refund)
    db.flush()
    return refund


def late_payment(
    db: Session,
    rt: Runtime,
    order: Order,
    attempt: PaymentAttempt,
    now: datetime,
    *,
    trade_no: str,
    actor: Actor,
) -> Refund:
    """Money on an attempt that must not pay the order: record it, refund it, tell the holder.

    The caller holds the order's lock and commits; then it calls :func:`submit_refund`.
    """
    mark_paid(attempt, now, trade_no)
    if order.status == OrderStatus.CLOSED:
        reason = REASON_CLOSED
    elif order.status == OrderStatus.CANCELLED:
        reason = REASON_CANCELLED
    elif order.status == OrderStatus.COMPLETED:
        reason = REASON_DUPLICATE
    else:
        reason = REASON_SUPERSEDED
    refund = _pending_refund(db, order, attempt, reason, now)
    record(
        db,
        at=now,
        actor=actor,
        action="payment.late",
        target_type="order",
        target_id=order.id,
        details={
            "order_no": order.order_no,
            "status": order.status,
            "out_trade_no": attempt.out_trade_no,
            "trade_no": trade_no,
            "amount_fen": attempt.amount_fen,
            "reason": reason,
            "out_request_no": refund.out_request_no,
        },
    )
    amount = products.yuan(attempt.amount_fen)
    why = _REASON_TEXT[reason]
    _tell(
        db,
        rt,
        order,
        now,
        kind="refund",
        title="款项将原路退回",
        body=f"订单{order.order_no}{why}，您支付的{amount}元将原路退回，无需操作。",
        sms=(
            SMSTemplate.PAYMENT_REFUNDING,
            {"order_no": order.order_no, "why": why, "amount": amount},
        ),
    )
    log.warning(
        "late payment on %s (order %s %s): refund %s requested",
        attempt.out_trade_no,
        order.order_no,
        order.status,
        refund.out_request_no,
    )
    return refund


def refund_paid(
    db: Session, rt: Runtime, order: Order, now: datetime, *, reason: str, actor: Actor
) -> Refund:
    """Give back a completed order's payment that bought nothing: an admin's prepayment for a
    member whose invitation was withdrawn before the claim (``prepay_unused``), a paid seal
    application rejected by the reviewer (``seal_rejected``) or voided before review.

    The caller holds the order's lock and commits; then it calls :func:`submit_refund` (a
    refund left pending is sent by the jobs, :func:`process_refunds`).
    """
    attempt = db.scalars(
        select(PaymentAttempt).where(
            PaymentAttempt.order_id == order.id,
            PaymentAttempt.status == PaymentStatus.PAID,
            PaymentAttempt.trade_no == order.trade_no,
        )
    ).first()
    assert attempt is not None, "a paid order has its paying attempt"
    refund = _pending_refund(db, order, attempt, reason, now)
    record(
        db,
        at=now,
        actor=actor,
        action="payment.refund_requested",
        target_type="order",
        target_id=order.id,
        details={
            "order_no": order.order_no,
            "amount_fen": attempt.amount_fen,
            "reason": reason,
            "out_request_no": refund.out_request_no,
        },
    )
    amount = products.yuan(attempt.amount_fen)
    why = _REASON_TEXT[reason]
    _tell(
        db,
        rt,
        order,
        now,
        kind="refund",
        title="款项将原路退回",
        body=f"订单{order.order_no}{why}，您支付的{amount}元将原路退回，无需操作。",
        sms=(
            SMSTemplate.PAYMENT_REFUNDING,
            {"order_no": order.order_no, "why": why, "amount": amount},
        ),
    )
    return refund


def _tell(
    db: Session,
    rt: Runtime,
    order: Order,
    now: datetime,
    *,
    kind: str,
    title: str,
    body: str,
    sms: tuple[SMSTemplate, dict[str, str]] | None,
) -> None:
    user = db.get(User, order.user_id)
    assert user is not None
    notify(
        db,
        user=user,
        rt=rt,
        kind=kind,
        now=now,
        title=title,
        body=body,
        sms=sms,
    )


# ----------------------------------------------------------------------------- refunds


def refunds_of(db: Session, order_ids: Iterable[str]) -> dict[str, list[Refund]]:
    ids = list(order_ids)
    found: dict[str, list[Refund]] = {i: [] for i in ids}
    if not ids:
        return found
    for refund in db.scalars(
        select(Refund).where(Refund.order_id.in_(ids)).order_by(Refund.requested_at, Refund.id)
    ).all():
        found[refund.order_id].append(refund)
    return found


def submit_refund(db: Session, rt: Runtime, refund_id: str) -> None:
    """Send a recorded refund to the gateway (after the commit that recorded it).

    A gateway that is down leaves it 退款中 (pending) for the jobs to send again; a refusal
    fails it for an operator.
    """
    refund = lock_row(db, Refund, refund_id)
    if refund is None or refund.status != RefundStatus.PENDING:
        db.rollback()
        return
    attempt = db.get(PaymentAttempt, refund.attempt_id)
    assert attempt is not None
    order = db.get(Order, refund.order_id)
    assert order is not None
    now = rt.clock.now()
    base = rt.settings.public_url.rstrip("/")
    try:
        result = rt.payment.refund(
            attempt.out_trade_no,
            refund.out_request_no,
            refund.amount_fen,
            f"{rt.settings.product_name} 订单{order.order_no}退款",
            f"{base}/api/payments/refund-notify/{rt.payment.name}",
        )
    except RefundRefused as exc:
        settle(db, rt, refund, RefundState.REFUND_CLOSED, now, failure=exc.message)
        db.commit()
        return
    except DomainError as exc:
        log.warning("refund %s not sent: %s; retried by the jobs", refund.out_request_no, exc.code)
        db.rollback()
        return
    refund.submitted_at = now
    settle(db, rt, refund, result.status, now, failure=result.reason)
    db.commit()


def settle(
    db: Session,
    rt: Runtime,
    refund: Refund,
    state: RefundState,
    now: datetime,
    *,
    failure: str | None = None,
) -> bool:
    """Apply the gateway's word on a refund; returns whether anything changed."""
    current = RefundStatus(refund.status)
    if current in (RefundStatus.SUCCEEDED, RefundStatus.FAILED):
        return False
    order = db.get(Order, refund.order_id)
    assert order is not None
    amount = products.yuan(refund.amount_fen)
    if state is RefundState.REFUND_PROCESSING:
        if current is not RefundStatus.PENDING:
            return False
        move_refund(refund, RefundStatus.PROCESSING)
        action = "payment.refund_requested"
    elif state is RefundState.REFUND_SUCCESS:
        move_refund(refund, RefundStatus.SUCCEEDED)
        refund.refunded_at = now
        attempt = db.get(PaymentAttempt, refund.attempt_id)
        paying = attempt is not None and attempt.trade_no == order.trade_no
        if order.status == OrderStatus.COMPLETED and paying:
            # The money that paid the order went back: what was bought is undone.
            for listener in refunded_listeners:
                listener(db, rt, order, now)
        action = "payment.refunded"
        _tell(
            db,
            rt,
            order,
            now,
            kind="refund",
            title="退款成功",
            body=f"订单{order.order_no}的{amount}元已原路退回，请注意查收。",
            sms=(SMSTemplate.REFUND_SUCCEEDED, {"order_no": order.order_no, "amount": amount}),
        )
    else:
        move_refund(refund, RefundStatus.FAILED)
        refund.failure = (failure or "退款失败")[:200]
        action = "payment.refund_failed"
        _tell(
            db,
            rt,
            order,
            now,
            kind="refund",
            title="退款遇到问题",
            body=f"订单{order.order_no}的{amount}元退款未能完成，客服将尽快与您联系处理。",
            sms=None,
        )
        log.warning("refund %s failed: %s; an operator must act", refund.out_request_no, failure)
    refund.updated_at = now
    record(
        db,
        at=now,
        actor=Actor("gateway", rt.payment.name),
        action=action,
        target_type="order",
        target_id=order.id,
        details={
            "order_no": order.order_no,
            "out_request_no": refund.out_request_no,
            "amount_fen": refund.amount_fen,
            "refund_status": refund.status,
            **({"failure": refund.failure} if refund.failure else {}),
        },
    )
    return True


def handle_refund_notification(db: Session, rt: Runtime, params: dict[str, str]) -> None:
    """Verify the gateway's refund result and apply it; duplicates are counted no-ops.

    Bad notifications are refused (the gateway retries) and logged, not audited: they
    change nothing.
    """
    try:
        note = rt.payment.verify_refund_notification(params)
    except PaymentNotificationInvalid as exc:
        log.warning("refund notification rejected: %s", exc.details.get("reason", exc.code))
        raise
    refund = db.scalars(
        select(Refund).where(Refund.out_request_no == note.out_request_no).with_for_update()
    ).first()
    attempt = db.get(PaymentAttempt, refund.attempt_id) if refund else None
    if (
        refund is None
        or attempt is None
        or attempt.out_trade_no != note.out_trade_no
        or note.amount_fen != refund.amount_fen
    ):
        log.warning("refund notification %s matches no refund", note.notify_id)
        db.rollback()
        raise RefundMismatch()
    if not settle(db, rt, refund, note.status, rt.clock.now(), failure=params.get("fail_reason")):
        if note.status is not RefundState.REFUND_PROCESSING:
            refund.duplicate_notifications += 1
            log.info(
                "duplicate refund notification %s for %s: %d so far, ignored",
                note.notify_id,
                refund.out_request_no,
                refund.duplicate_notifications,
            )
    db.commit()


def refresh_refunds(db: Session, rt: Runtime, refunds: Iterable[Refund]) -> None:
    """Ask the gateway about refunds still 退款中 (a notification may be lost); send the
    ones the gateway never accepted."""
    now = rt.clock.now()
    for refund in list(refunds):
        if refund.status == RefundStatus.PENDING:
            submit_refund(db, rt, refund.id)
            continue
        if refund.status != RefundStatus.PROCESSING or (
            refund.submitted_at and now - refund.submitted_at < REFUND_QUERY_AFTER
        ):
            continue
        attempt = db.get(PaymentAttempt, refund.attempt_id)
        assert attempt is not None
        try:
            result = rt.payment.query_refund(attempt.out_trade_no, refund.out_request_no)
        except DomainError as exc:
            log.warning("query of refund %s failed: %s", refund.out_request_no, exc.code)
            continue
        locked = lock_row(db, Refund, refund.id)
        assert locked is not None
        if settle(db, rt, locked, result.status, now, failure=result.reason):
            db.commit()
        else:
            db.rollback()


def process_refunds(db: Session, rt: Runtime, limit: int = 100) -> int:
    """Job: send pending refunds again and ask about the ones still 退款中 (oldest first)."""
    open_refunds = db.scalars(
        select(Refund)
        .where(Refund.status.in_([RefundStatus.PENDING.value, RefundStatus.PROCESSING.value]))
        .order_by(Refund.updated_at, Refund.id)
        .limit(limit)
    ).all()
    db.rollback()
    refresh_refunds(db, rt, open_refunds)
    return len(open_refunds)
