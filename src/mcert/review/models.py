"""Claims on review queue items: who works on an application, seal or failed invoice now.

One row per claimed item (``subject`` order | seal | invoice, and its id), unique, so two
reviewers claiming at once get one claim. A claim lapses at ``expires_at``; a lapsed row is
taken over in place. Deciding an item ends its claim (the row is deleted).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class ReviewClaim(IdMixin, Base):
    __tablename__ = "review_claims"
    __table_args__ = (UniqueConstraint("subject", "item_id", name="uq_review_claims_item"),)

    subject: Mapped[str] = mapped_column(String(10), nullable=False)  # order | seal | invoice
    item_id: Mapped[str] = mapped_column(String(32), nullable=False)
    operator_id: Mapped[str] = mapped_column(ForeignKey("operators.id"), nullable=False, index=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
