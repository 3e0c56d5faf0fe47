from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Order(IdMixin, Base):
    """An application and its order: what is asked for, its review, its payment."""

    __tablename__ = "orders"

    order_no: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(12), nullable=False)  # new|renewal|change|reissue
    cert_type: Mapped[str] = mapped_column(String(10), nullable=False)  # personal | org
    years: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    org_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"))
    company_name: Mapped[str | None] = mapped_column(String(100))
    uscc: Mapped[str | None] = mapped_column(String(18), index=True)
    legal_rep_name_enc: Mapped[str | None] = mapped_column(Text)
    applicant_is_legal_rep: Mapped[bool | None] = mapped_column(Boolean)
    target_cert_id: Mapped[str | None] = mapped_column(String(32))

    reject_reason: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[str | None] = mapped_column(String(32))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pay_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    trade_no: Mapped[str | None] = mapped_column(String(64))
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class OrderDocument(IdMixin, Base):
    """An uploaded document (business licence, authorisation letter, change proof)."""

    __tablename__ = "order_documents"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    object_key: Mapped[str] = mapped_column(String(128), nullable=False)
    content_type: Mapped[str] = mapped_column(String(40), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    filename: Mapped[str | None] = mapped_column(String(120))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PaymentAttempt(IdMixin, Base):
    """One try at paying an order: one gateway trade under its own ``out_trade_no``.

    A trade closed in the cashier or at the gateway never blocks its order: 去支付 opens a
    new attempt (``seq`` + 1, a new ``out_trade_no``) until the order itself closes. Only
    the order's newest attempt may pay it; money arriving on any other is refunded.
    """

    __tablename__ = "payment_attempts"
    __table_args__ = (UniqueConstraint("order_id", "seq"),)

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), nullable=False, index=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    out_trade_no: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    trade_no: Mapped[str | None] = mapped_column(String(64))
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    # Verified notifications for an attempt already settled: idempotent no-ops, counted.
    duplicate_notifications: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Refund(IdMixin, Base):
    """Money returned through the gateway's refund API (a payment that must not count)."""

    __tablename__ = "refunds"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), nullable=False, index=True)
    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("payment_attempts.id"), unique=True, nullable=False
    )
    out_request_no: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    failure: Mapped[str | None] = mapped_column(String(200))
    duplicate_notifications: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
