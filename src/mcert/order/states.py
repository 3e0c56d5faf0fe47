"""Order statuses (订单状态) and the moves between them."""

from __future__ import annotations

from enum import StrEnum

from mcert.order.models import Order
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
