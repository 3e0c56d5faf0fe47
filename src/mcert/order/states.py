"""Order statuses (订单状态) and the moves between them."""

from __future__ import annotations

from enum import StrEnum

from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.states import move


class OrderStatus(StrEnum):
    PENDING_REVIEW = "pending_review"  # 待审核
    REJECTED = "rejected"  # 未通过
    PENDING_PAYMENT = "pending_payment"  # 待支付
    COMPLETED = "completed"  # 已完成
    CANCELLED = "cancelled"  # 已取消
    CLOSED = "closed"  # 已关闭


class OrderKind(StrEnum):
    NEW = "new"
    RENEWAL = "renewal"
    CHANGE = "change"
    REISSUE = "reissue"
    # A member authorised by the company's admin claims a company certificate (待申领的证书):
    # the company's documents were reviewed already, so no review; free when prepaid.
    CLAIM = "claim"
    # An admin pays, when inviting, for the certificate a member will claim: no certificate
    # of its own; the member's claim order is then free.
    PREPAY = "prepay"
    # A priced electronic seal (MCERT_SEAL_PRICE_FEN > 0): paying it sends the seal to review;
    # no certificate comes of it. The seal domain finds its seal by ``seals.order_id``.
    SEAL = "seal"


LABELS = {
    OrderStatus.PENDING_REVIEW: "待审核",
    OrderStatus.REJECTED: "未通过",
    OrderStatus.PENDING_PAYMENT: "待支付",
    OrderStatus.COMPLETED: "已完成",
    OrderStatus.CANCELLED: "已取消",
    OrderStatus.CLOSED: "已关闭",
}

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PENDING_REVIEW: frozenset(
        {OrderStatus.REJECTED, OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED}
    ),
    OrderStatus.REJECTED: frozenset({OrderStatus.PENDING_REVIEW, OrderStatus.CANCELLED}),
    OrderStatus.PENDING_PAYMENT: frozenset(
        {OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.CLOSED}
    ),
    OrderStatus.COMPLETED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    OrderStatus.CLOSED: frozenset(),
}


def move_order(order: Order, target: OrderStatus) -> None:
    move(order, target, TRANSITIONS, LABELS)
    order.version += 1


class PaymentStatus(StrEnum):
    """One payment attempt (支付记录): one gateway trade with its own ``out_trade_no``."""

    OPEN = "open"  # trade created, the cashier may still take the money
    PAID = "paid"  # the gateway took the money (fulfilled the order, or refunded)
    CLOSED = "closed"  # closed at the gateway, cancelled in the cashier or superseded


PAYMENT_LABELS = {
    PaymentStatus.OPEN: "待支付",
    PaymentStatus.PAID: "已支付",
    PaymentStatus.CLOSED: "已关闭",
}

PAYMENT_TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    PaymentStatus.OPEN: frozenset({PaymentStatus.PAID, PaymentStatus.CLOSED}),
    # A trade we believed closed can still report a payment (a real gateway's close can
    # fail or race the buyer): the money is recorded, then refunded.
    PaymentStatus.CLOSED: frozenset({PaymentStatus.PAID}),
    PaymentStatus.PAID: frozenset(),
}


def move_payment(attempt: PaymentAttempt, target: PaymentStatus) -> None:
    move(attempt, target, PAYMENT_TRANSITIONS, PAYMENT_LABELS)


class RefundStatus(StrEnum):
    """A refund of a payment that must not pay the order (late or superseded)."""

    PENDING = "pending"  # recorded; the gateway has not accepted the request yet
    PROCESSING = "processing"  # 退款中: accepted, the result comes asynchronously
    SUCCEEDED = "succeeded"  # 已退款
    FAILED = "failed"  # 退款失败: the gateway refused; an operator takes over


REFUND_LABELS = {
    RefundStatus.PENDING: "退款中",
    RefundStatus.PROCESSING: "退款中",
    RefundStatus.SUCCEEDED: "已退款",
    RefundStatus.FAILED: "退款失败",
}

REFUND_TRANSITIONS: dict[RefundStatus, frozenset[RefundStatus]] = {
    RefundStatus.PENDING: frozenset(
        {RefundStatus.PROCESSING, RefundStatus.SUCCEEDED, RefundStatus.FAILED}
    ),
    RefundStatus.PROCESSING: frozenset({RefundStatus.SUCCEEDED, RefundStatus.FAILED}),
    RefundStatus.SUCCEEDED: frozenset(),
    RefundStatus.FAILED: frozenset(),
}


def move_refund(refund: Refund, target: RefundStatus) -> None:
    move(refund, target, REFUND_TRANSITIONS, REFUND_LABELS)
