"""Request and response bodies of the company API (授权管理, 待申领, 单位信息), and the
builders that fill them. Personal data leaves masked: names, phones, ID numbers."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from mcert.cert.models import HolderCertificate
from mcert.cert.service import effective_status
from mcert.cert.states import LABELS as CERT_LABELS
from mcert.cert.states import HolderCertStatus
from mcert.company.claims import Claimable
from mcert.company.service import CompanyPage, MemberView
from mcert.order import products
from mcert.order.models import Order
from mcert.order.states import LABELS as ORDER_LABELS
from mcert.order.states import OrderStatus
from mcert.org.models import Organization, OrgMember
from mcert.org.states import LABELS, ROLE_LABELS, MemberRole, MemberStatus
from mcert.pii import mask_id_number, mask_name, mask_phone


class MemberInvite(BaseModel):
    """单位成员授权: who, as what; optionally prepaid by the inviting admin."""

    name: str = Field(max_length=40, description="The person's real name (姓名)")
    id_number: str = Field(max_length=30, description="Resident ID number (身份证号), GB 11643")
    phone: str = Field(
        max_length=20, description="Mobile number: the person logs in with it to claim"
    )
    role: MemberRole = Field(description="`user` 证书使用人 or `admin` 证书管理员")
    prepay_years: int | None = Field(
        None,
        ge=1,
        le=3,
        description="Prepay the member's certificate for this many years: an order of kind "
        "`prepay` for the inviting admin to pay (the member's claim is then free). "
        "Omitted: the member pays when claiming.",
    )


class RoleChange(BaseModel):
    role: MemberRole


class PrepayRead(BaseModel):
    order_id: str
    order_no: str
    years: int
    amount_yuan: str
    status: str
    status_label: str


class MemberCertRead(BaseModel):
    id: str
    status: str
    status_label: str
    subject_org: str | None
    not_after: datetime | None


class MemberRead(BaseModel):
    id: str
    name_masked: str | None
    phone_masked: str
    id_number_masked: str | None
    role: MemberRole
    role_label: str
    status: MemberStatus
    status_label: str = Field(description="待申领 / 已授权 / 已取消授权")
    is_me: bool
    invited_by_masked: str | None
    invited_at: datetime | None
    joined_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(description="The member's last scan with this company")
    certificates: list[MemberCertRead]
    prepay: PrepayRead | None = Field(description="The admin's prepayment, until it is used")


class MemberPage(BaseModel):
    items: list[MemberRead]
    total: int


class CompanyBrief(BaseModel):
    """A company the holder is an active member of."""

    id: str
    name: str
    uscc: str
    role: MemberRole
    role_label: str


class CompanyDocumentRead(BaseModel):
    kind: str = Field(description="business_licence / authorization_letter / change_proof")
    label: str
    order_no: str
    uploaded_at: datetime
    status: str = Field(description="verified / reviewing / rejected")
    status_label: str


class NameChangeRead(BaseModel):
    old_name: str
    new_name: str
    changed_at: datetime


class CompanyCertRead(BaseModel):
    id: str
    member_id: str | None
    holder_name_masked: str
    status: str
    status_label: str
    serial: str | None
    subject_org: str | None
    not_after: datetime | None
    days_left: int | None
    needs_redownload: bool = Field(
        description="Issued under the company's old name: the holder downloads the renamed "
        "certificate (证书-待下载) with their password"
    )


class CompanyRead(BaseModel):
    """单位信息."""

    id: str
    name: str
    uscc: str
    legal_rep_masked: str
    verified_at: datetime
    my_role: MemberRole
    documents: list[CompanyDocumentRead]
    name_changes: list[NameChangeRead]
    members: list[MemberRead]
    certificates: list[CompanyCertRead]


class ClaimRead(BaseModel):
    """A company certificate waiting to be claimed (待申领的证书)."""

    member_id: str
    org_id: str
    company_name: str
    uscc: str
    role: MemberRole
    role_label: str
    status: MemberStatus
    invited_by_masked: str | None
    invited_at: datetime | None
    prepaid: bool = Field(description="The admin paid: the claim is free")
    prepay_pending: bool = Field(description="The admin's prepayment is not paid yet")
    prepaid_years: int | None
    open_order_id: str | None = Field(description="A claim waiting for payment")


class ClaimRequest(BaseModel):
    face_check_id: str = Field(
        max_length=64, description="A fresh passed face check (POST /face-checks)"
    )
    years: int = Field(1, ge=1, le=3, description="Ignored when the admin prepaid")


_DOC_LABELS = {
    "business_licence": "营业执照",
    "authorization_letter": "授权委托书",
    "change_proof": "变更证明",
}
_DOC_STATUS = {"verified": "已审核通过", "reviewing": "审核中", "rejected": "未通过"}


def _prepay(order: Order | None) -> PrepayRead | None:
    if order is None:
        return None
    return PrepayRead(
        order_id=order.id,
        order_no=order.order_no,
        years=order.years,
        amount_yuan=products.yuan(order.amount_fen),
        status=order.status,
        status_label=ORDER_LABELS[OrderStatus(order.status)],
    )


def _mask(name: str | None) -> str | None:
    return mask_name(name) if name else None


def member_read(view: MemberView, me_id: str, now: datetime) -> MemberRead:
    m = view.member
    return MemberRead(
        id=m.id,
        name_masked=_mask(view.name),
        phone_masked=mask_phone(view.phone),
        id_number_masked=mask_id_number(view.id_number) if view.id_number else None,
        role=MemberRole(m.role),
        role_label=ROLE_LABELS[MemberRole(m.role)],
        status=MemberStatus(m.status),
        status_label=LABELS[MemberStatus(m.status)],
        is_me=m.user_id == me_id,
        invited_by_masked=view.invited_by,
        invited_at=m.invited_at,
        joined_at=m.joined_at,
        revoked_at=m.revoked_at,
        last_used_at=view.last_used_at,
        certificates=[_member_cert(c, now) for c in view.certificates],
        prepay=_prepay(view.prepay),
    )


def _member_cert(cert: HolderCertificate, now: datetime) -> MemberCertRead:
    status = effective_status(cert, now)
    return MemberCertRead(
        id=cert.id,
        status=status,
        status_label=CERT_LABELS[status],
        subject_org=cert.subject_org,
        not_after=cert.not_after,
    )


def company_brief(org: Organization, member: OrgMember) -> CompanyBrief:
    role = MemberRole(member.role)
    return CompanyBrief(
        id=org.id, name=org.name, uscc=org.uscc, role=role, role_label=ROLE_LABELS[role]
    )


def company_read(page: CompanyPage, me_id: str, now: datetime) -> CompanyRead:
    org = page.org
    assert page.me is not None
    return CompanyRead(
        id=org.id,
        name=org.name,
        uscc=org.uscc,
        legal_rep_masked=mask_name(page.legal_rep),
        verified_at=org.verified_at,
        my_role=MemberRole(page.me.role),
        documents=[
            CompanyDocumentRead(
                kind=d.kind,
                label=_DOC_LABELS.get(d.kind, d.kind),
                order_no=d.order.order_no,
                uploaded_at=d.uploaded_at,
                status=d.status,
                status_label=_DOC_STATUS[d.status],
            )
            for d in page.documents
        ],
        name_changes=[
            NameChangeRead(old_name=c.old_name, new_name=c.new_name, changed_at=c.changed_at)
            for c in page.name_changes
        ],
        members=[member_read(v, me_id, now) for v in page.members],
        certificates=[
            CompanyCertRead(
                id=c.cert.id,
                member_id=c.member_id,
                holder_name_masked=mask_name(c.cert.subject_cn),
                status=c.status,
                status_label=CERT_LABELS[HolderCertStatus(c.status)],
                serial=c.serial,
                subject_org=c.cert.subject_org,
                not_after=c.cert.not_after,
                days_left=(c.cert.not_after - now).days if c.cert.not_after else None,
                needs_redownload=c.needs_redownload,
            )
            for c in page.certificates
        ],
    )


def claim_read(c: Claimable) -> ClaimRead:
    role = MemberRole(c.member.role)
    prepay = c.prepay
    return ClaimRead(
        member_id=c.member.id,
        org_id=c.org.id,
        company_name=c.org.name,
        uscc=c.org.uscc,
        role=role,
        role_label=ROLE_LABELS[role],
        status=MemberStatus(c.member.status),
        invited_by_masked=c.invited_by,
        invited_at=c.member.invited_at,
        prepaid=prepay is not None and prepay.status == OrderStatus.COMPLETED,
        prepay_pending=prepay is not None and prepay.status == OrderStatus.PENDING_PAYMENT,
        prepaid_years=prepay.years if prepay is not None else None,
        open_order_id=c.open_order.id if c.open_order else None,
    )
