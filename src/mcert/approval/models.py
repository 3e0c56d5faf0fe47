"""A proposed action waiting for a second operator (``mcert.approval.service``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Approval(IdMixin, Base):
    __tablename__ = "approvals"

    kind: Mapped[str] = mapped_column(String(24), nullable=False)  # ApprovalKind
    status: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    summary: Mapped[str] = mapped_column(String(300), nullable=False)
    params: Mapped[str] = mapped_column(Text, nullable=False)  # JSON
    target_type: Mapped[str] = mapped_column(String(20), nullable=False)
    target_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    proposer_id: Mapped[str] = mapped_column(ForeignKey("operators.id"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("operators.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(String(200))
    result: Mapped[str | None] = mapped_column(Text)  # JSON
    # rp_secret_rotate: the new secret, encrypted, until the proposer has fetched it once.
    secret_enc: Mapped[str | None] = mapped_column(Text)
    secret_taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
