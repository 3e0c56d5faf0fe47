"""Organisations and their members: who is verified, who administers a company's certificates.

Small today; the authorisation issue (授权) fills it. It never imports another domain: the
order, review and certificate domains call it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.org.models import Organization, OrgMember

ADMIN = "admin"  # 证书管理员
USER = "user"  # 证书使用人


def verified_id(db: Session, uscc: str) -> str | None:
    """The id of the verified organisation with this credit code, if any."""
    return db.scalars(select(Organization.id).where(Organization.uscc == uscc)).first()


def role_of(db: Session, org_id: str, user_id: str) -> str | None:
    """The holder's role in the organisation (``admin`` or ``user``), None if not a member."""
    member = db.scalars(
        select(OrgMember).where(OrgMember.org_id == org_id, OrgMember.user_id == user_id)
    ).first()
    return member.role if member else None
