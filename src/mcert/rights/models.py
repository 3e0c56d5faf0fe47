"""Data-subject requests: exports and account cancellations, the operator's report."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class PrivacyRequest(IdMixin, Base):
    """One request by a holder: an export (done at once) or a cancellation (注销账号),
    which waits ``due_at`` (the cooling-off period) before the job completes it."""

    __tablename__ = "privacy_requests"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # RequestKind
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    format: Mapped[str | None] = mapped_column(String(8))  # export: json | html
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(Text)  # JSON: what completion did (counts)
