"""Approval statuses and kinds, and the moves between statuses."""

from __future__ import annotations

from enum import StrEnum

from mcert.approval.models import Approval
from mcert.operator.roles import Permission
from mcert.states import move


class ApprovalStatus(StrEnum):
    PENDING = "pending"  # 待复核
    APPROVED = "approved"  # 已批准 (and executed)
    REJECTED = "rejected"  # 已驳回
    EXPIRED = "expired"  # nobody decided within 24 hours


class ApprovalKind(StrEnum):
    COMPANY_REVOKE = "company_revoke"  # revoke every certificate of a company
    NAME_CHANGE_REJECT = "name_change_reject"  # reject a company's name-change application
    RP_SECRET_ROTATE = "rp_secret_rotate"  # give a relying party a new secret


LABELS = {
    ApprovalStatus.PENDING: "待复核",
    ApprovalStatus.APPROVED: "已批准",
    ApprovalStatus.REJECTED: "已驳回",
    ApprovalStatus.EXPIRED: "已过期",
}

KIND_LABELS = {
    ApprovalKind.COMPANY_REVOKE: "吊销企业全部证书",
    ApprovalKind.NAME_CHANGE_REJECT: "驳回企业名称变更",
    ApprovalKind.RP_SECRET_ROTATE: "轮换依赖方密钥",
}

#: What proposing and approving each kind needs (both operators must hold it).
PERMISSION = {
    ApprovalKind.COMPANY_REVOKE: Permission.REVOKE,
    ApprovalKind.NAME_CHANGE_REJECT: Permission.REVIEW,
    ApprovalKind.RP_SECRET_ROTATE: Permission.RP_MANAGE,
}

TRANSITIONS: dict[ApprovalStatus, frozenset[ApprovalStatus]] = {
    ApprovalStatus.PENDING: frozenset(
        {ApprovalStatus.APPROVED, ApprovalStatus.REJECTED, ApprovalStatus.EXPIRED}
    ),
    ApprovalStatus.APPROVED: frozenset(),
    ApprovalStatus.REJECTED: frozenset(),
    ApprovalStatus.EXPIRED: frozenset(),
}


def move_approval(approval: Approval, target: ApprovalStatus) -> None:
    move(approval, target, TRANSITIONS, LABELS)
