"""Operator roles and what each may do (the console's authorisation table).

Four roles, after the separation of duties a CA's practice statement asks for:

* ``reviewer`` (审核员) — works the review queues (applications, changes, seals, invoices);
  sees personal data masked;
* ``officer`` (CA 业务员) — revokes certificates, manages relying parties, may reveal masked
  personal data with a reason (audited);
* ``auditor`` (审计员) — read-only: look-ups, the audit log and the dashboard;
* ``admin`` (管理员) — operators and settings, and every other permission.

Endpoints ask for a :class:`Permission`, never for a role (``mcert.http.deps.require``), so
this table is the one place that says who may do what.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.errors import PermissionDenied


class OperatorRole(StrEnum):
    REVIEWER = "reviewer"
    OFFICER = "officer"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Permission(StrEnum):
    REVIEW = "review"  # claim, approve and reject applications, changes and seals
    INVOICE_MANAGE = "invoice_manage"  # retry and void invoices
    LOOKUP = "lookup"  # search holders, companies, certificates, orders (masked)
    UNMASK = "unmask"  # reveal masked personal data, with a reason
    REVOKE = "revoke"  # revoke certificates
    RP_MANAGE = "rp_manage"  # relying parties: create, rotate secrets, enable operations
    AUDIT_READ = "audit_read"  # browse, verify and export the audit log
    DASHBOARD = "dashboard"  # queue sizes and daily figures
    OPERATOR_MANAGE = "operator_manage"  # operators, roles, second factors


ROLE_LABELS: dict[OperatorRole, str] = {
    OperatorRole.REVIEWER: "审核员",
    OperatorRole.OFFICER: "CA 业务员",
    OperatorRole.AUDITOR: "审计员",
    OperatorRole.ADMIN: "管理员",
}

GRANTS: dict[OperatorRole, frozenset[Permission]] = {
    OperatorRole.REVIEWER: frozenset(
        {Permission.REVIEW, Permission.INVOICE_MANAGE, Permission.LOOKUP, Permission.DASHBOARD}
    ),
    OperatorRole.OFFICER: frozenset(
        {
            Permission.REVOKE,
            Permission.RP_MANAGE,
            Permission.INVOICE_MANAGE,
            Permission.LOOKUP,
            Permission.UNMASK,
            Permission.DASHBOARD,
        }
    ),
    OperatorRole.AUDITOR: frozenset(
        {Permission.LOOKUP, Permission.AUDIT_READ, Permission.DASHBOARD}
    ),
    OperatorRole.ADMIN: frozenset(Permission),
}


def may(role: str, permission: Permission) -> bool:
    """Whether an operator of ``role`` holds ``permission`` (unknown roles hold nothing)."""
    try:
        return permission in GRANTS[OperatorRole(role)]
    except ValueError:
        return False


def ensure(role: str, permission: Permission, *, code: str = "", message: str = "") -> None:
    """403 unless ``role`` holds ``permission`` (code ``<permission>_required`` by default)."""
    if not may(role, permission):
        code = code or f"{permission.value}_required"
        raise PermissionDenied(message or "无此操作权限", code=code)
