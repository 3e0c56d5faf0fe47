from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class InvoiceTitle(IdMixin, Base):
    """A saved invoice title (发票抬头): a person's name, or a company and its tax number."""

    __tablename__ = "invoice_titles"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # personal | company
    # Encrypted (a personal title is a person's name; mcert.pii), read by service.title_name.
    name_enc: Mapped[str] = mapped_column(Text, nullable=False)
    tax_no: Mapped[str | None] = mapped_column(String(18))
    address: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    bank: Mapped[str | None] = mapped_column(String(60))
    bank_account: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class Invoice(IdMixin, Base):
    """One invoice for one or several completed orders (合并开票).

    The buyer is copied from the title at application time: editing or deleting the title
    later never changes an invoice. ``attempt`` numbers the requests sent to the invoicing
    service (``<id>-<attempt>``); a retry sends a new one.
    """

    __tablename__ = "invoices"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # normal | special
    status: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False)
    buyer_kind: Mapped[str] = mapped_column(String(10), nullable=False)
    buyer_name_enc: Mapped[str] = mapped_column(Text, nullable=False)  # service.buyer_name
    buyer_tax_no: Mapped[str | None] = mapped_column(String(18))
    buyer_address: Mapped[str | None] = mapped_column(String(120))
    buyer_phone: Mapped[str | None] = mapped_column(String(30))
    buyer_bank: Mapped[str | None] = mapped_column(String(60))
    buyer_account: Mapped[str | None] = mapped_column(String(40))
    email_enc: Mapped[str | None] = mapped_column(Text)  # service.email_of
    provider: Mapped[str] = mapped_column(String(20), nullable=False)
    attempt: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    failure_reason: Mapped[str | None] = mapped_column(String(200))
    invoice_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    pdf_key: Mapped[str | None] = mapped_column(String(128))
    xml_key: Mapped[str | None] = mapped_column(String(128))
    red_invoice_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    red_pdf_key: Mapped[str | None] = mapped_column(String(128))
    reverse_reason: Mapped[str | None] = mapped_column(String(200))
    void_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reverse_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class InvoiceItem(IdMixin, Base):
    """An order on an invoice.

    ``live_order_id`` is unique: at most one invoice that still counts per order, enforced
    by the database so two concurrent applications produce one invoice. It is cleared when
    the invoice is voided or reversed, so the order's history stays in ``order_id``.
    """

    __tablename__ = "invoice_items"

    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), nullable=False, index=True)
    live_order_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    order_no: Mapped[str] = mapped_column(String(32), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    amount_fen: Mapped[int] = mapped_column(Integer, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
