from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Organization(IdMixin, Base):
    """A company verified by an approved application; the USCC identifies it."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(100), nullable=False)
    uscc: Mapped[str] = mapped_column(String(18), unique=True, nullable=False)
    legal_rep_name_enc: Mapped[str] = mapped_column(Text, nullable=False)
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class OrganizationNameChange(IdMixin, Base):
    __tablename__ = "organization_name_changes"

    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), nullable=False, index=True)
    old_name: Mapped[str] = mapped_column(String(100), nullable=False)
    new_name: Mapped[str] = mapped_column(String(100), nullable=False)
    order_id: Mapped[str | None] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class OrgMember(IdMixin, Base):
    """A holder's role in an organisation: ``admin`` (证书管理员) or ``user`` (证书使用人)."""

    __tablename__ = "org_members"
    __table_args__ = (UniqueConstraint("org_id", "user_id"),)

    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), nullable=False, index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(8), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
