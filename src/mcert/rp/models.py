from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class RelyingParty(IdMixin, Base):
    """A bidding platform registered by an operator; holders see ``name`` on the phone."""

    __tablename__ = "relying_parties"

    client_id: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    secret_enc: Mapped[str] = mapped_column(Text, nullable=False)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    ops: Mapped[str] = mapped_column(String(40), nullable=False)  # comma separated
    callback_url: Mapped[str | None] = mapped_column(String(300))
    disabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
