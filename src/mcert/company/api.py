"""The company side of the app: 授权管理 (admins only, of *that* company), 单位信息, and
待申领的证书 for the invited person."""

from __future__ import annotations

from fastapi import APIRouter

from mcert.company import claims, service
from mcert.company.schemas import (
    ClaimRead,
    ClaimRequest,
    CompanyBrief,
    CompanyRead,
    MemberInvite,
    MemberPage,
    MemberRead,
    RoleChange,
    claim_read,
    company_brief,
    company_read,
    member_read,
)
from mcert.http.deps import CurrentUser, RuntimeDep, SessionDep
from mcert.http.device_proof import DeviceProof
from mcert.http.openapi import errors
from mcert.http.params import PageDep
from mcert.http.routing import TransactionScopedRoute
from mcert.order.schemas import OrderRead, order_read
from mcert.org.models import OrgMember
from mcert.runtime import Runtime

router = APIRouter(prefix="/api/app/v1", tags=["app: company"], route_class=TransactionScopedRoute)


def _member(rt: Runtime, db: SessionDep, member: OrgMember, me: str) -> MemberRead:
    [view] = service.member_views(db, rt, [member])
    return member_read(view, me, rt.clock.now())


@router.get("/companies", response_model=list[CompanyBrief], operation_id="listMyCompanies")
def my_companies(user: CurrentUser, db: SessionDep) -> list[CompanyBrief]:
    """The companies the holder is an authorised member of, with their role.

    `admin` (证书管理员) opens 授权管理 and the company's usage records; `user`
    (证书使用人) has no authorisation screen.
    """
    return [company_brief(org, member) for org, member in service.my_companies(db, user)]


@router.get(
    "/companies/{org_id}",
    response_model=CompanyRead,
    operation_id="getCompany",
    responses=errors(403),
)
def company(org_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> CompanyRead:
    """The company page (单位信息), for its admins.

    Name, USCC, legal representative (masked), the reviewed documents, name changes,
    members and every certificate with its expiry; `needs_redownload` marks one still
    issued under an old name. 403 `org_admin_required` for anyone but an active admin of
    this company.
    """
    page = service.company_page(db, rt, user, org_id)
    return company_read(page, user.id, rt.clock.now())


@router.get(
    "/companies/{org_id}/members",
    response_model=MemberPage,
    operation_id="listMembers",
    responses=errors(403),
)
def members(
    org_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep, page: PageDep
) -> MemberPage:
    """The company's members (单位成员), admins first.

    Each with role, status, masked name, phone and ID number, their certificates of this
    company, last use and the admin's prepayment. Admins of this company only (403
    `org_admin_required`).
    """
    _, views, total = service.list_members(
        db, rt, user, org_id, limit=page.limit, offset=page.offset
    )
    now = rt.clock.now()
    return MemberPage(items=[member_read(v, user.id, now) for v in views], total=total)


@router.post(
    "/companies/{org_id}/members",
    response_model=MemberRead,
    status_code=201,
    dependencies=[DeviceProof],
    operation_id="inviteMember",
    responses=errors(403, 409),
)
def invite(
    org_id: str, body: MemberInvite, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> MemberRead:
    """Authorise a person as 证书使用人 or 证书管理员 (单位成员授权).

    Name, resident ID number and mobile number; the person gets an SMS, logs in with that
    phone and claims under 证书-待申领的证书. `prepay_years` creates an order for the admin
    to pay now (then the claim is free). The same invitation sent again answers with the
    first; the phone of a current member with other data is 409 `member_exists`. Needs the
    device proof (docs/protocol.md section 6).
    """
    invited = service.invite(
        db,
        rt,
        user,
        org_id,
        name=body.name,
        id_number=body.id_number,
        phone=body.phone,
        role=body.role,
        prepay_years=body.prepay_years,
    )
    return _member(rt, db, invited.member, user.id)


@router.post(
    "/companies/{org_id}/members/{member_id}/role",
    response_model=MemberRead,
    dependencies=[DeviceProof],
    operation_id="changeMemberRole",
    responses=errors(403, 409),
)
def change_role(
    org_id: str,
    member_id: str,
    body: RoleChange,
    user: CurrentUser,
    db: SessionDep,
    rt: RuntimeDep,
) -> MemberRead:
    """Make a member 证书管理员 or 证书使用人.

    409 `last_admin` when it would leave the company without an active admin. Needs the
    device proof.
    """
    member = service.change_role(db, rt, user, org_id, member_id, body.role)
    return _member(rt, db, member, user.id)


@router.post(
    "/companies/{org_id}/members/{member_id}/revoke",
    response_model=MemberRead,
    dependencies=[DeviceProof],
    operation_id="revokeMember",
    responses=errors(403, 409),
)
def revoke(
    org_id: str, member_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> MemberRead:
    """Revoke a member's authorisation (取消授权), with their company certificates.

    Their certificates of this company are revoked (reason affiliationChanged), their open
    scan sessions fail, an unpaid claim is cancelled and an unused prepayment refunded.
    409 `last_admin` for the company's last admin (themself included). Needs the device
    proof.
    """
    member = service.revoke(db, rt, user, org_id, member_id)
    return _member(rt, db, member, user.id)


@router.post(
    "/companies/{org_id}/members/{member_id}/resend",
    response_model=MemberRead,
    dependencies=[DeviceProof],
    operation_id="resendInvitation",
    responses=errors(403, 409, 429),
)
def resend(
    org_id: str, member_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> MemberRead:
    """Send the invitation SMS again.

    Only while the member has not claimed (409 `member_not_invited`); once a minute (429).
    Needs the device proof.
    """
    member = service.resend(db, rt, user, org_id, member_id)
    return _member(rt, db, member, user.id)


@router.get("/claims", response_model=list[ClaimRead], operation_id="listClaims")
def list_claims(user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> list[ClaimRead]:
    """Company certificates waiting for the holder to claim (待申领的证书).

    Invitations to the holder's phone in every company, and memberships whose certificate
    is gone (revoked or expired) and may be claimed again.
    """
    return [claim_read(c) for c in claims.claimable(db, rt, user)]


@router.post(
    "/claims/{member_id}",
    response_model=OrderRead,
    status_code=201,
    dependencies=[DeviceProof],
    operation_id="claimCertificate",
    responses=errors(403, 409),
)
def claim(
    member_id: str, body: ClaimRequest, user: CurrentUser, db: SessionDep, rt: RuntimeDep
) -> OrderRead:
    """Claim a company certificate (申领), without document review.

    Needs the holder's real-name identity, which must be the name and ID number the admin
    entered (403 `claim_identity_mismatch`), and a fresh face check. Answers the order: in
    待支付, or already completed when the admin prepaid; then download as usual. Needs the
    device proof.
    """
    order = claims.claim(
        db, rt, user, member_id, face_check_id=body.face_check_id, years=body.years
    )
    return order_read(db, order)
