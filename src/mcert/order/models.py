from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
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
