"""Request and response bodies of the order API, and the builders that fill them from rows."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mcert.order import payments, products, service
from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.order.states import (
    LABELS,
    PAYMENT_LABELS,
    REFUND_LABELS,
    OrderStatus,
    PaymentStatus,
    RefundStatus,
)


class PersonalApply(BaseModel):
    years: int = Field(ge=1, le=3)


class DocumentBrief(BaseModel):
    id: str
    kind: str
    content_type: str
    size: int
    filename: str | None


class PaymentRead(BaseModel):
    """One payment attempt (支付记录): one gateway trade."""

    seq: int
    out_trade_no: str
    trade_no: str | None
    amount_yuan: str
    status: str
    status_label: str
    created_at: datetime
    paid_at: datetime | None


class RefundRead(BaseModel):
    out_request_no: str
    amount_yuan: str
    reason: str
    status: str
    status_label: str  # 退款中 / 已退款 / 退款失败
    requested_at: datetime
    refunded_at: datetime | None


class OrderRead(BaseModel):
    id: str
    order_no: str
    kind: str
    label: str
    cert_type: str
    years: int
    amount_fen: int
    amount_yuan: str
    status: str
    status_label: str
    company_name: str | None
    uscc: str | None
    reject_reason: str | None
    pay_deadline: datetime | None
    paid_at: datetime | None
    created_at: datetime
    target_cert_id: str | None
    documents: list[DocumentBrief] = []
    refund_status: str | None = Field(
        None, description="The newest refund's status, when money was refunded"
    )
    refund_label: str | None = Field(None, description="退款中 / 已退款 / 退款失败")
    payments: list[PaymentRead] = Field(
        [], description="Payment attempts, oldest first (one order's detail only)"
    )
    refunds: list[RefundRead] = Field([], description="Refunds (one order's detail only)")


class OrderPage(BaseModel):
    items: list[OrderRead]
    total: int


class PayStart(BaseModel):
    cashier_url: str


class PriceRead(BaseModel):
    personal: dict[int, int]
    org: dict[int, int]
    renewal_personal: dict[int, int]
    renewal_org: dict[int, int]
    change: int
    reissue: int
    seal: int = Field(0, description="An electronic seal (MCERT_SEAL_PRICE_FEN); 0: seals are free")


def _payment_read(a: PaymentAttempt) -> PaymentRead:
    return PaymentRead(
        seq=a.seq,
        out_trade_no=a.out_trade_no,
        trade_no=a.trade_no,
        amount_yuan=products.yuan(a.amount_fen),
        status=a.status,
        status_label=PAYMENT_LABELS[PaymentStatus(a.status)],
        created_at=a.created_at,
        paid_at=a.paid_at,
    )


def _refund_read(r: Refund) -> RefundRead:
    return RefundRead(
        out_request_no=r.out_request_no,
        amount_yuan=products.yuan(r.amount_fen),
        reason=r.reason,
        status=r.status,
        status_label=REFUND_LABELS[RefundStatus(r.status)],
        requested_at=r.requested_at,
        refunded_at=r.refunded_at,
    )


def order_read(
    db: Session,
    order: Order,
    *,
    with_documents: bool = False,
    refunds: list[Refund] | None = None,
) -> OrderRead:
    docs = service.current_documents(db, order) if with_documents else []
    if refunds is None:
        refunds = payments.refunds_of(db, [order.id])[order.id]
    latest = refunds[-1] if refunds else None
    return OrderRead(
        id=order.id,
        order_no=order.order_no,
        kind=order.kind,
        label=service.label(order),
        cert_type=order.cert_type,
        years=order.years,
        amount_fen=order.amount_fen,
        amount_yuan=products.yuan(order.amount_fen),
        status=order.status,
        status_label=LABELS[OrderStatus(order.status)],
        company_name=order.company_name,
        uscc=order.uscc,
        reject_reason=order.reject_reason,
        pay_deadline=order.pay_deadline,
        paid_at=order.paid_at,
        created_at=order.created_at,
        target_cert_id=order.target_cert_id,
        documents=[DocumentBrief.model_validate(d, from_attributes=True) for d in docs],
        refund_status=latest.status if latest else None,
        refund_label=REFUND_LABELS[RefundStatus(latest.status)] if latest else None,
        payments=[_payment_read(a) for a in payments.attempts(db, order)] if with_documents else [],
        refunds=[_refund_read(r) for r in refunds] if with_documents else [],
    )
