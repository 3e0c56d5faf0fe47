"""The sandbox payment gateway's own books: trades, refunds and the notification outbox.

These tables belong to "the gateway", not to mCert: on SQLite they live in a database file
of their own (``Runtime.aux_sessions``). Nothing here may import mCert's domains.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime

__all__ = [
    "DeliveryStatus",
    "SandboxNotification",
    "SandboxRefund",
    "SandboxTrade",
    "sandbox_tables",
]


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    ABANDONED = "abandoned"


class SandboxTrade(Base):
    __tablename__ = "sandbox_trades"
    __table_args__ = (
        UniqueConstraint("app_id", "out_trade_no", name="uq_sandbox_trades_app_id_out_trade_no"),
    )

    trade_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    app_id: Mapped[str] = mapped_column(String(32), nullable=False)
    out_trade_no: Mapped[str] = mapped_column(String(64), nullable=False)
    subject: Mapped[str] = mapped_column(String(256), nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    notify_url: Mapped[str] = mapped_column(Text, nullable=False)
    return_url: Mapped[str] = mapped_column(Text, nullable=False)
    decline_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SandboxNotification(IdMixin, Base):
    __tablename__ = "sandbox_notifications"

    trade_no: Mapped[str] = mapped_column(
        String(32), ForeignKey("sandbox_trades.trade_no"), index=True, nullable=False
    )
    notify_url: Mapped[str] = mapped_column(Text, nullable=False)
    params: Mapped[str] = mapped_column(Text, nullable=False)  # JSON of the signed form
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def form(self) -> dict[str, str]:
        params: dict[str, str] = json.loads(self.params)
        return params


class SandboxRefund(IdMixin, Base):
    """A refund request (``out_request_no``) against a paid trade."""

    __tablename__ = "sandbox_refunds"
    __table_args__ = (
        UniqueConstraint(
            "app_id", "out_request_no", name="uq_sandbox_refunds_app_id_out_request_no"
        ),
    )

    app_id: Mapped[str] = mapped_column(String(32), nullable=False)
    trade_no: Mapped[str] = mapped_column(
        String(32), ForeignKey("sandbox_trades.trade_no"), index=True, nullable=False
    )
    out_request_no: Mapped[str] = mapped_column(String(64), nullable=False)
    amount_fen: Mapped[int] = mapped_column(BigInteger, nullable=False)
    reason: Mapped[str] = mapped_column(String(256), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    notify_url: Mapped[str] = mapped_column(Text, nullable=False)
    failure: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    settles_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def sandbox_tables() -> list[Table]:
    """The gateway's own tables (kept apart from mCert's on SQLite; see Runtime.aux_sessions)."""
    return [
        SandboxTrade.__table__,  # type: ignore[list-item]
        SandboxNotification.__table__,  # type: ignore[list-item]
        SandboxRefund.__table__,  # type: ignore[list-item]
    ]
