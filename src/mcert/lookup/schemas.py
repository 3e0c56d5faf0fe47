"""Response bodies of the console's look-up API (masked unless named otherwise)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from mcert.text import Text


class HolderRow(BaseModel):
    id: str
    name_masked: str | None
    phone_masked: str
    id_number_masked: str | None
    realname_status: str = Field(description="verified | unverified")
    status: str
    created_at: datetime


class CertRow(BaseModel):
    id: str
    serial_hex: str | None
    subject_cn: str = Field(description="Masked (a person's name)")
    holder_name_masked: str
    kind: str = Field(description="personal | company")
    org_id: str | None
    org_name: str | None
    status: str
    not_before: datetime | None
    not_after: datetime | None
    created_at: datetime


class OrderRow(BaseModel):
    id: str
    order_no: str
    kind: str
    cert_type: str
    status: str
    amount_fen: int
    holder_id: str
    holder_name_masked: str | None
    company_name: str | None
    created_at: datetime
    paid_at: datetime | None


class HolderCompany(BaseModel):
    id: str
    name: str
    uscc: str
    role: str
    status: str


class HolderDetail(HolderRow):
    certificates: list[CertRow]
    orders: list[OrderRow]
    companies: list[HolderCompany]


class UnmaskRequest(BaseModel):
    fields: list[Literal["name", "phone", "id_number"]] = Field(min_length=1, max_length=3)
    reason: Annotated[str, Text(200, min_length=0)] = Field(
        description="Why you need to see it (required; kept in the audit log)"
    )


class Unmasked(BaseModel):
    name: str | None = None
    phone: str | None = None
    id_number: str | None = None


class CompanyRow(BaseModel):
    id: str
    name: str
    uscc: str
    legal_rep_masked: str
    status: str
    members: int = Field(description="Active members")
    certificates: int = Field(description="Active company certificates")
    verified_at: datetime


class CompanyMember(BaseModel):
    id: str
    holder_id: str | None
    name_masked: str | None
    role: str
    status: str
    joined_at: datetime | None


class NameChange(BaseModel):
    old_name: str
    new_name: str
    changed_at: datetime


class CompanyDetail(CompanyRow):
    member_list: list[CompanyMember]
    certificate_list: list[CertRow]
    name_history: list[NameChange]


class PaymentRow(BaseModel):
    id: str
    seq: int
    out_trade_no: str
    trade_no: str | None
    amount_fen: int
    status: str
    created_at: datetime
    paid_at: datetime | None
    closed_at: datetime | None


class RefundRow(BaseModel):
    id: str
    attempt_id: str
    out_request_no: str
    amount_fen: int
    reason: str
    status: str
    failure: str | None
    requested_at: datetime
    refunded_at: datetime | None


class OrderDetail(OrderRow):
    uscc: str | None
    years: int
    reject_reason: str | None
    submitted_at: datetime | None
    reviewed_at: datetime | None
    closed_at: datetime | None
    payments: list[PaymentRow]
    refunds: list[RefundRow]


class UsageRow(BaseModel):
    id: str
    created_at: datetime
    holder_id: str
    holder_name_masked: str
    org_id: str | None
    certificate_id: str | None
    cert_serial: str | None
    rp_id: str
    rp_name: str
    operation: str
    result: str
    session_id: str
