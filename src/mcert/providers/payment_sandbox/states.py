"""The sandbox gateway's own lifecycles: trades, refunds and outbox notifications.

The trade and refund statuses are Alipay's (:class:`~mcert.providers.payment.TradeState`,
:class:`~mcert.providers.payment.RefundState`: the values merchants read in
notifications); the moves the sandbox allows between them are here. Like the rest of the
gateway, this module never imports mCert's domains.
"""

from __future__ import annotations

from mcert.providers.payment import RefundState, TradeState
from mcert.providers.payment_sandbox.models import (
    DeliveryStatus,
    SandboxNotification,
    SandboxRefund,
    SandboxTrade,
)
from mcert.states import move

__all__ = [
    "DELIVERY_TRANSITIONS",
    "REFUND_TRANSITIONS",
    "TRADE_TRANSITIONS",
    "move_notification",
    "move_refund",
    "move_trade",
]

TRADE_LABELS = {
    TradeState.WAIT_BUYER_PAY: "等待付款",
    TradeState.TRADE_SUCCESS: "支付成功",
    TradeState.TRADE_CLOSED: "交易关闭",
}

# A closed trade stays closed and a paid one stays paid (a full refund keeps TRADE_SUCCESS;
# the refund carries its own state), unlike our own payment attempts, which record a
# payment that races a close.
TRADE_TRANSITIONS: dict[TradeState, frozenset[TradeState]] = {
    TradeState.WAIT_BUYER_PAY: frozenset({TradeState.TRADE_SUCCESS, TradeState.TRADE_CLOSED}),
    TradeState.TRADE_SUCCESS: frozenset(),
    TradeState.TRADE_CLOSED: frozenset(),
}

REFUND_LABELS = {
    RefundState.REFUND_PROCESSING: "退款处理中",
    RefundState.REFUND_SUCCESS: "退款成功",
    RefundState.REFUND_CLOSED: "退款关闭",
}

REFUND_TRANSITIONS: dict[RefundState, frozenset[RefundState]] = {
    RefundState.REFUND_PROCESSING: frozenset(
        {RefundState.REFUND_SUCCESS, RefundState.REFUND_CLOSED}
    ),
    RefundState.REFUND_SUCCESS: frozenset(),
    RefundState.REFUND_CLOSED: frozenset(),
}

DELIVERY_LABELS = {
    DeliveryStatus.PENDING: "待通知",
    DeliveryStatus.DELIVERED: "已通知",
    DeliveryStatus.ABANDONED: "已放弃",
}

# A failed attempt keeps the notification pending (with its next attempt time) until the
# retry schedule runs out.
DELIVERY_TRANSITIONS: dict[DeliveryStatus, frozenset[DeliveryStatus]] = {
    DeliveryStatus.PENDING: frozenset({DeliveryStatus.DELIVERED, DeliveryStatus.ABANDONED}),
    DeliveryStatus.DELIVERED: frozenset(),
    DeliveryStatus.ABANDONED: frozenset(),
}


def move_trade(trade: SandboxTrade, target: TradeState) -> None:
    move(trade, target, TRADE_TRANSITIONS, TRADE_LABELS)


def move_refund(refund: SandboxRefund, target: RefundState) -> None:
    move(refund, target, REFUND_TRANSITIONS, REFUND_LABELS)


def move_notification(note: SandboxNotification, target: DeliveryStatus) -> None:
    move(note, target, DELIVERY_TRANSITIONS, DELIVERY_LABELS)
