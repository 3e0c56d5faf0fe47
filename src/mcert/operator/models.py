"""An operator's account: username, password verifier, role (``mcert.operator.roles``),
second factor (TOTP, ``mcert.operator.totp``) and console sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Operator(IdMixin, Base):
    __tablename__ = "operators"

    username: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(40), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[str] = mapped_column(String(12), nullable=False)  # OperatorRole
    disabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The TOTP secret, encrypted (FieldCipher, bound to the row); None until enrolled.
    totp_secret_enc: Mapped[str | None] = mapped_column(Text)
    # A secret offered at login but not yet confirmed with a code.
    totp_pending_enc: Mapped[str | None] = mapped_column(Text)
    # The last time step whose code was accepted: a code of that step or earlier is refused.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    totp_enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ConsoleSession(IdMixin, Base):
    """One console login: absolute lifetime and idle timeout are checked on every request.

    Only a SHA-256 of the bearer token is stored.
    """

    __tablename__ = "console_sessions"

    operator_id: Mapped[str] = mapped_column(ForeignKey("operators.id"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
