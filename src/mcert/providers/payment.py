"""Payments: the ``PaymentGateway`` protocol, its errors and Alipay-style RSA2 signing.

The protocol follows Alipay's page-pay flow, which WeChat Pay's H5 flow matches closely:
the merchant creates a trade for its own order number (``out_trade_no``) and sends the
holder to the gateway's cashier; the gateway redirects back to ``return_url`` (for display
only: never trust it) and POSTs a signed **asynchronous notification** to ``notify_url``
until the merchant answers the plain text ``success``. Only a notification that
:meth:`PaymentGateway.verify_notification` accepts, or :meth:`PaymentGateway.query_trade`,
may mark an order paid, and the caller must still compare amount and order number.

Refunds follow the same pattern (Alipay ``alipay.trade.refund`` / WeChat Pay's refund
API): the merchant asks with its own refund request number (``out_request_no``), the
gateway answers ``REFUND_PROCESSING`` and later POSTs a signed refund notification (or
answers :meth:`PaymentGateway.query_refund`) with ``REFUND_SUCCESS`` or ``REFUND_CLOSED``.

Signing (Alipay "RSA2"): drop ``sign`` and ``sign_type`` and empty values, sort the rest
by key, join as ``k=v&k=v`` (raw values, no URL encoding), sign the UTF-8 bytes with
RSA-SHA256 PKCS#1 v1.5, base64.

Amounts are integer fen (分) everywhere in mCert; :func:`fen_to_yuan` /
:func:`yuan_to_fen` convert at the gateway boundary. This module must never use floats
for money or accept a notification whose signature it has not checked.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from mcert.errors import Conflict, InvalidInput, NotFound, ServiceUnavailable
from mcert.providers.registry import ProviderRegistry

__all__ = [
    "MAX_AMOUNT_FEN",
    "AmountInvalid",
    "Notification",
    "PaymentGateway",
    "PaymentNotificationInvalid",
    "PaymentUnavailable",
    "RefundNotFound",
    "RefundNotification",
    "RefundRefused",
    "RefundState",
    "RefundStatus",
    "Trade",
    "TradeAlreadyPaid",
    "TradeClosed",
    "TradeConflict",
    "TradeNotFound",
    "TradeState",
    "TradeStatus",
    "fen_to_yuan",
    "payment_providers",
    "rsa2_sign",
    "rsa2_verify",
    "sign_content",
    "yuan_to_fen",
]

MAX_AMOUNT_FEN = 100_000_000_00  # Alipay's limit per trade: 100 million yuan


class TradeState(StrEnum):
    WAIT_BUYER_PAY = "WAIT_BUYER_PAY"
    TRADE_SUCCESS = "TRADE_SUCCESS"
    TRADE_CLOSED = "TRADE_CLOSED"


class RefundState(StrEnum):
    """The gateway's view of one refund request (``out_request_no``)."""

    REFUND_PROCESSING = "REFUND_PROCESSING"
    REFUND_SUCCESS = "REFUND_SUCCESS"
    REFUND_CLOSED = "REFUND_CLOSED"  # refused or failed for good


@dataclass(frozen=True)
class Trade:
    trade_no: str
    cashier_url: str


@dataclass(frozen=True)
class TradeStatus:
    out_trade_no: str
    trade_no: str
    status: TradeState
    amount_fen: int
    paid_at: datetime | None


@dataclass(frozen=True)
class Notification:
    """A notification whose signature and merchant were verified; amount not yet compared."""

    notify_id: str
    out_trade_no: str
    trade_no: str
    status: TradeState
    amount_fen: int
    paid_at: datetime | None
    params: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class RefundStatus:
    out_trade_no: str
    trade_no: str
    out_request_no: str
    status: RefundState
    amount_fen: int
    refunded_at: datetime | None
    reason: str | None = None  # why a REFUND_CLOSED refund failed


@dataclass(frozen=True)
class RefundNotification:
    """A refund result whose signature and merchant were verified; amount not compared."""

    notify_id: str
    out_trade_no: str
    trade_no: str
    out_request_no: str
    status: RefundState
    amount_fen: int
    refunded_at: datetime | None
    params: Mapping[str, str] = field(repr=False)


class AmountInvalid(InvalidInput):
    code = "amount_invalid"
    default_message = "支付金额不正确"


class PaymentNotificationInvalid(InvalidInput):
    code = "payment_notification_invalid"
    default_message = "支付通知验签失败"


class TradeNotFound(NotFound):
    code = "trade_not_found"
    default_message = "交易不存在"


class TradeConflict(Conflict):
    code = "trade_conflict"
    default_message = "商户订单号已用于另一笔不同的交易"


class TradeAlreadyPaid(Conflict):
    code = "trade_already_paid"
    default_message = "交易已支付"


class TradeClosed(Conflict):
    code = "trade_closed"
    default_message = "交易已关闭"


class RefundNotFound(NotFound):
    code = "refund_not_found"
    default_message = "退款不存在"


class RefundRefused(Conflict):
    """The gateway will not take this refund request (trade unpaid, amount too large …)."""

    code = "refund_refused"
    default_message = "退款申请被拒绝"


class PaymentUnavailable(ServiceUnavailable):
    code = "payment_unavailable"
    default_message = "支付服务暂不可用，请稍后再试"


class PaymentGateway(Protocol):
    name: str

    def create_trade(
        self, out_trade_no: str, amount_fen: int, subject: str, notify_url: str, return_url: str
    ) -> Trade:
        """Create (or, for the same order and amount, return again) an unpaid trade."""
        ...

    def query_trade(self, out_trade_no: str) -> TradeStatus: ...

    def close_trade(self, out_trade_no: str) -> None:
        """Close an unpaid trade; closing a closed one is a no-op, a paid one a conflict."""
        ...

    def verify_notification(self, params: dict[str, str]) -> Notification:
        """Check signature and merchant of posted form params or raise."""
        ...

    def refund(
        self,
        out_trade_no: str,
        out_request_no: str,
        amount_fen: int,
        reason: str,
        notify_url: str,
    ) -> RefundStatus:
        """Ask for (part of) a paid trade back; the same ``out_request_no`` again returns
        the same refund. The result usually comes later: a signed refund notification to
        ``notify_url``, or :meth:`query_refund`. Raises :class:`RefundRefused`."""
        ...

    def query_refund(self, out_trade_no: str, out_request_no: str) -> RefundStatus: ...

    def verify_refund_notification(self, params: dict[str, str]) -> RefundNotification:
        """Check signature and merchant of a posted refund result or raise."""
        ...


payment_providers: ProviderRegistry[PaymentGateway] = ProviderRegistry("payment")


# --------------------------------------------------------------------------- money

_YUAN_RE = re.compile(r"(0|[1-9][0-9]{0,9})(?:\.([0-9]{1,2}))?")


def fen_to_yuan(amount_fen: int) -> str:
    """``1`` -> ``"0.01"``, ``12300`` -> ``"123.00"``: Alipay's ``total_amount`` format."""
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen < 0:
        raise AmountInvalid()
    return f"{amount_fen // 100}.{amount_fen % 100:02d}"


def yuan_to_fen(text: str) -> int:
    """``"0.01"`` -> ``1``; anything but plain decimal yuan with up to 2 places raises."""
    m = _YUAN_RE.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise AmountInvalid()
    return int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))


def check_amount(amount_fen: int) -> int:
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise AmountInvalid()
    if not 1 <= amount_fen <= MAX_AMOUNT_FEN:
        raise AmountInvalid("支付金额应在0.01元至1亿元之间")
    return amount_fen


# --------------------------------------------------------------------------- RSA2 signing


def sign_content(params: Mapping[str, str]) -> str:
    """The string Alipay signs: sorted non-empty params except sign/sign_type, ``k=v&k=v``."""
    return "&".join(
        f"{k}={v}" for k, v in sorted(params.items()) if k not in ("sign", "sign_type") and v != ""
    )


def rsa2_sign(private_key: rsa.RSAPrivateKey, params: Mapping[str, str]) -> str:
    signature = private_key.sign(
        sign_content(params).encode("utf-8"), padding.PKCS1v15(), hashes.SHA256()
    )
    return base64.b64encode(signature).decode("ascii")


def rsa2_verify(public_key: rsa.RSAPublicKey, params: Mapping[str, str]) -> None:
    """Raise :class:`PaymentNotificationInvalid` unless ``params`` carry a valid RSA2 sign."""
    if params.get("sign_type") != "RSA2":
        raise PaymentNotificationInvalid(details={"reason": "sign_type"})
    try:
        signature = base64.b64decode(params.get("sign", ""), validate=True)
    except (binascii.Error, ValueError):
        raise PaymentNotificationInvalid(details={"reason": "sign"}) from None
    try:
        public_key.verify(
            signature, sign_content(params).encode("utf-8"), padding.PKCS1v15(), hashes.SHA256()
        )
    except InvalidSignature:
        raise PaymentNotificationInvalid(details={"reason": "sign"}) from None
