from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class ScanSession(IdMixin, Base):
    """One login, signing or decryption request of a relying party."""

    __tablename__ = "scan_sessions"

    rp_id: Mapped[str] = mapped_column(ForeignKey("relying_parties.id"), nullable=False, index=True)
    type: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, index=True)
    hint: Mapped[str | None] = mapped_column(String(20))
    failure_reason: Mapped[str | None] = mapped_column(String(30))
    display_text: Mapped[str] = mapped_column(Text, nullable=False)
    requirements: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    payload: Mapped[str] = mapped_column(Text, nullable=False)
    start_token: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    qr_secret_enc: Mapped[str] = mapped_column(Text, nullable=False)
    server_random: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    scan_deadline: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    finish_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"))
    holder_cert_id: Mapped[str | None] = mapped_column(String(32))
    scanned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    result: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class UsageRecord(IdMixin, Base):
    """使用记录: every session a holder acted on, success or failure."""

    __tablename__ = "usage_records"
    # A company's records, newest first, whole or one member's (使用记录 of a company, the
    # CSV export of a month): docs/benchmarks.md measures them against the plain indexes.
    __table_args__ = (
        Index("ix_usage_records_org_id_created_at", "org_id", "created_at", "id"),
        Index("ix_usage_records_org_id_user_id", "org_id", "user_id", "created_at", "id"),
    )

    session_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    org_id: Mapped[str | None] = mapped_column(String(32))
    holder_cert_id: Mapped[str | None] = mapped_column(String(32), index=True)
    cert_serial: Mapped[str | None] = mapped_column(String(42))
    holder_name: Mapped[str] = mapped_column(String(64), nullable=False)
    rp_id: Mapped[str] = mapped_column(String(32), nullable=False)
    rp_name: Mapped[str] = mapped_column(String(60), nullable=False)
    operation: Mapped[str] = mapped_column(String(10), nullable=False)
    result: Mapped[str] = mapped_column(String(30), nullable=False)  # success | <reason>
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)


class CallbackDelivery(IdMixin, Base):
    """Outbox of signed callbacks to relying parties, retried with backoff."""

    __tablename__ = "rp_callbacks"

    session_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    url: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))
