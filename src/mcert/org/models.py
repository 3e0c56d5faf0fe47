"""Verified organisations (单位), their name history and members."""

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
    """A person's place in an organisation: ``admin`` (证书管理员) or ``user`` (证书使用人).

    An admin invites a person by name, resident ID number and mobile number; the phone is
    the invitation's key (one membership per phone and company: the unique constraint makes
    concurrent invitations one row), and the real-name identity must match the name and ID
    when the person claims (``status`` invited → active, ``user_id`` set). The first
    applicant of a verified company is its first admin, active from the start (``user_id``
    set, no invitation data: their identity is their real-name record).

    Personal data is encrypted (``mcert.pii``); ``id_number_bidx`` is the same blind index
    as ``identities.id_number_bidx``, so matching never decrypts anything.
    """

    __tablename__ = "org_members"
    __table_args__ = (
        UniqueConstraint("org_id", "user_id"),
        UniqueConstraint("org_id", "phone_bidx", name="uq_org_members_org_id_phone_bidx"),
    )

    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), nullable=False, index=True)
    # Unset until an invited person claims (the account may not exist yet).
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(8), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    phone_bidx: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    phone_enc: Mapped[str | None] = mapped_column(Text)
    name_enc: Mapped[str | None] = mapped_column(Text)
    id_number_enc: Mapped[str | None] = mapped_column(Text)
    id_number_bidx: Mapped[str | None] = mapped_column(String(64))
    invited_by: Mapped[str | None] = mapped_column(String(32))
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # An admin's prepayment for this member's certificate (an order of kind ``prepay``).
    prepaid_order_id: Mapped[str | None] = mapped_column(String(32))
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
