"""Request and response bodies of the console's login and operator management."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from mcert.operator.models import Operator
from mcert.operator.roles import GRANTS, ROLE_LABELS, OperatorRole


class OperatorLogin(BaseModel):
    username: str = Field(max_length=40)
    password: str = Field(max_length=200)
    totp_code: str | None = Field(default=None, max_length=12, description="6 digits")


class TotpEnrol(BaseModel):
    enrolment_token: str = Field(max_length=400)
    code: str = Field(max_length=12)


class OperatorInfo(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    role_label: str
    permissions: list[str]


class LoginResult(BaseModel):
    status: str = Field(description="ok | totp_required | enrol")
    token: str | None = None
    access_token: str | None = Field(default=None, description="the same as `token`")
    token_type: str = "Bearer"
    expires_at: datetime | None = None
    operator: OperatorInfo | None = None
    enrolment_token: str | None = None
    otpauth_uri: str | None = None
    qr_svg: str | None = Field(default=None, description="inline SVG of otpauth_uri")
    secret: str | None = Field(default=None, description="base32, for typing in by hand")


class OperatorRow(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    role_label: str
    totp_enrolled: bool
    disabled: bool
    last_login_at: datetime | None
    created_at: datetime


class OperatorCreate(BaseModel):
    username: str = Field(max_length=40)
    display_name: str = Field(max_length=40)
    role: str = Field(max_length=12)
    password: str = Field(max_length=200)


class RoleChange(BaseModel):
    role: str = Field(max_length=12)


def _label(role: str) -> str:
    try:
        return ROLE_LABELS[OperatorRole(role)]
    except ValueError:
        return role


def operator_info(op: Operator) -> OperatorInfo:
    try:
        perms = sorted(p.value for p in GRANTS[OperatorRole(op.role)])
    except ValueError:
        perms = []
    return OperatorInfo(
        id=op.id,
        username=op.username,
        display_name=op.display_name,
        role=op.role,
        role_label=_label(op.role),
        permissions=perms,
    )


def operator_row(op: Operator) -> OperatorRow:
    return OperatorRow(
        id=op.id,
        username=op.username,
        display_name=op.display_name,
        role=op.role,
        role_label=_label(op.role),
        totp_enrolled=op.totp_secret_enc is not None,
        disabled=op.disabled,
        last_login_at=op.last_login_at,
        created_at=op.created_at,
    )
