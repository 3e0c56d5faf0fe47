"""Organisations and their members: who is verified, who administers a company's certificates.

The rules of membership that need nothing but the organisation's own tables live here: who
is an active admin, that a company always keeps one, and lookups by phone. It never imports
another domain: the order, review and certificate domains call it, and the company side
(``mcert.company``: invitations, claims, revocation with the certificates) builds on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mcert.db.base import lock_row
from mcert.errors import Conflict, NotFound, PermissionDenied
from mcert.org.models import Organization, OrgMember
from mcert.org.states import MemberRole, MemberStatus

ADMIN = MemberRole.ADMIN.value  # 证书管理员
USER = MemberRole.USER.value  # 证书使用人


class OrgNotFound(NotFound):
    code = "org_not_found"
    default_message = "单位不存在"


class OrgAdminRequired(PermissionDenied):
    code = "org_admin_required"
    default_message = "只有单位的证书管理员可以进行此操作"


class MemberNotFound(NotFound):
    code = "member_not_found"
    default_message = "成员不存在"


class LastAdmin(Conflict):
    code = "last_admin"
    default_message = "单位至少需要保留一名证书管理员，请先授权其他成员为证书管理员"


def verified_id(db: Session, uscc: str) -> str | None:
    """The id of the verified organisation with this credit code, if any."""
    return db.scalars(select(Organization.id).where(Organization.uscc == uscc)).first()


def by_uscc(db: Session, uscc: str) -> Organization:
    org = db.scalars(select(Organization).where(Organization.uscc == uscc)).first()
    if org is None:
        raise OrgNotFound()
    return org


def active_member(db: Session, org_id: str, user_id: str) -> OrgMember | None:
    return db.scalars(
        select(OrgMember).where(
            OrgMember.org_id == org_id,
            OrgMember.user_id == user_id,
            OrgMember.status == MemberStatus.ACTIVE,
        )
    ).first()


def role_of(db: Session, org_id: str, user_id: str) -> str | None:
    """The holder's role in the organisation (``admin`` or ``user``), None if not an active
    member (invited, revoked or never)."""
    member = active_member(db, org_id, user_id)
    return member.role if member else None


def require_admin(
    db: Session, org_id: str, user_id: str, *, lock: bool = False
) -> tuple[Organization, OrgMember]:
    """The organisation and the caller's membership, if the caller is an active admin of
    *this* organisation; 403 otherwise (also for strangers: an id reveals nothing).

    ``lock`` takes the organisation's row lock first: every change to a company's members
    runs under it, so two admins demoting each other cannot leave the company without one.
    """
    member = active_member(db, org_id, user_id)
    if member is None or member.role != ADMIN:
        raise OrgAdminRequired()
    org = lock_row(db, Organization, org_id) if lock else db.get(Organization, org_id)
    assert org is not None
    if lock:
        db.refresh(member)
        if member.status != MemberStatus.ACTIVE or member.role != ADMIN:
            raise OrgAdminRequired()
    return org, member


def get_member(db: Session, org_id: str, member_id: str, *, lock: bool = False) -> OrgMember:
    member = lock_row(db, OrgMember, member_id) if lock else db.get(OrgMember, member_id)
    if member is None or member.org_id != org_id:
        raise MemberNotFound()
    return member


def by_phone(db: Session, org_id: str, phone_bidx: str) -> OrgMember | None:
    return db.scalars(
        select(OrgMember).where(OrgMember.org_id == org_id, OrgMember.phone_bidx == phone_bidx)
    ).first()


def active_admin_count(db: Session, org_id: str) -> int:
    return int(
        db.scalar(
            select(func.count())
            .select_from(OrgMember)
            .where(
                OrgMember.org_id == org_id,
                OrgMember.role == ADMIN,
                OrgMember.status == MemberStatus.ACTIVE,
            )
        )
        or 0
    )


def check_admins_remain(db: Session, member: OrgMember) -> None:
    """Refuse a change that would take away the company's last active admin (demoting or
    revoking them, themself included). Call under the organisation's lock."""
    if member.role == ADMIN and member.status == MemberStatus.ACTIVE:
        if active_admin_count(db, member.org_id) <= 1:
            raise LastAdmin()


def admins(db: Session, org_id: str) -> list[OrgMember]:
    return list(
        db.scalars(
            select(OrgMember)
            .where(
                OrgMember.org_id == org_id,
                OrgMember.role == ADMIN,
                OrgMember.status == MemberStatus.ACTIVE,
            )
            .order_by(OrgMember.created_at, OrgMember.id)
        ).all()
    )


def members(db: Session, org_id: str) -> list[OrgMember]:
    """Every member, admins first, then by when they were added."""
    return list(
        db.scalars(
            select(OrgMember)
            .where(OrgMember.org_id == org_id)
            .order_by((OrgMember.role == ADMIN).desc(), OrgMember.created_at, OrgMember.id)
        ).all()
    )


def memberships(db: Session, user_id: str) -> list[OrgMember]:
    """The holder's active memberships (one person may belong to several companies)."""
    return list(
        db.scalars(
            select(OrgMember)
            .where(OrgMember.user_id == user_id, OrgMember.status == MemberStatus.ACTIVE)
            .order_by(OrgMember.created_at, OrgMember.id)
        ).all()
    )


def invitations(db: Session, phone_bidx: str) -> list[OrgMember]:
    """Invitations waiting for the person with this phone, in every company."""
    return list(
        db.scalars(
            select(OrgMember)
            .where(OrgMember.phone_bidx == phone_bidx, OrgMember.status == MemberStatus.INVITED)
            .order_by(OrgMember.invited_at, OrgMember.id)
        ).all()
    )


def add_founder(
    db: Session,
    org: Organization,
    *,
    user_id: str,
    phone_bidx: str,
    id_number_bidx: str,
    now: datetime,
) -> OrgMember:
    """The first applicant of a newly verified company: its first admin, active at once."""
    member = OrgMember(
        org_id=org.id,
        user_id=user_id,
        role=ADMIN,
        status=MemberStatus.ACTIVE.value,
        phone_bidx=phone_bidx,
        id_number_bidx=id_number_bidx,
        joined_at=now,
        created_at=now,
        updated_at=now,
    )
    db.add(member)
    return member
