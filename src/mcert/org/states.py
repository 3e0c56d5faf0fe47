"""Membership statuses (成员状态) and roles, and the moves between statuses."""

from __future__ import annotations

from enum import StrEnum

from mcert.org.models import OrgMember
from mcert.states import move


class MemberStatus(StrEnum):
    INVITED = "invited"  # 待申领: an admin authorised this phone; the person has not claimed
    ACTIVE = "active"  # 已授权: identity matched at claim (or the company's first applicant)
    REVOKED = "revoked"  # 已取消授权: the member's company certificates were revoked with it


class MemberRole(StrEnum):
    ADMIN = "admin"  # 证书管理员: authorises others, sees every member's usage records
    USER = "user"  # 证书使用人: uses the company certificate, sees only their own records


LABELS = {
    MemberStatus.INVITED: "待申领",
    MemberStatus.ACTIVE: "已授权",
    MemberStatus.REVOKED: "已取消授权",
}

ROLE_LABELS = {
    MemberRole.ADMIN: "证书管理员",
    MemberRole.USER: "证书使用人",
}

TRANSITIONS: dict[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.INVITED: frozenset({MemberStatus.ACTIVE, MemberStatus.REVOKED}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.REVOKED}),
    # Authorised again later: the same row (the phone is the key) becomes an invitation.
    MemberStatus.REVOKED: frozenset({MemberStatus.INVITED}),
}


def move_member(member: OrgMember, target: MemberStatus) -> None:
    move(member, target, TRANSITIONS, LABELS)
