from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Identity(IdMixin, Base):
    """A holder's verified identity. Name and ID number are encrypted; found by blind index."""

    __tablename__ = "identities"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), unique=True, nullable=False)
    name_enc: Mapped[str] = mapped_column(Text, nullable=False)
    id_number_enc: Mapped[str] = mapped_column(Text, nullable=False)
    id_number_bidx: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    method: Mapped[str] = mapped_column(String(16), nullable=False)
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class RealnameAttempt(IdMixin, Base):
    """One verification attempt: elements check, then face; its status tells the step."""

    __tablename__ = "realname_attempts"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    method: Mapped[str] = mapped_column(String(16), nullable=False)  # bank_card | phone
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    name_enc: Mapped[str] = mapped_column(Text, nullable=False)
    id_number_enc: Mapped[str] = mapped_column(Text, nullable=False)
    card_enc: Mapped[str | None] = mapped_column(Text)
    bank_phone_enc: Mapped[str | None] = mapped_column(Text)
    failure_reason: Mapped[str | None] = mapped_column(String(40))
    face_object_key: Mapped[str | None] = mapped_column(String(128))
    # Retention (docs/privacy.md): the capture is deleted after MCERT_RETENTION_FACE_DAYS,
    # its hash stays as evidence of what was checked; the card number likewise.
    face_sha256: Mapped[str | None] = mapped_column(String(64))
    face_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    card_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class FaceCheck(IdMixin, Base):
    """A fresh face check against the verified identity, spent by one sensitive operation."""

    __tablename__ = "face_checks"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    passed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    reason: Mapped[str | None] = mapped_column(String(40))
    object_key: Mapped[str | None] = mapped_column(String(128))
    face_sha256: Mapped[str | None] = mapped_column(String(64))
    face_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_for: Mapped[str | None] = mapped_column(String(40))
