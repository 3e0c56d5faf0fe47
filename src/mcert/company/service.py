"""Member authorisation (授权管理): invite, change role, revoke, resend; the company page.

A company's admins (证书管理员) authorise people by name, resident ID number and mobile
number, as 证书使用人 or 证书管理员; the phone is the invitation's key. Every change runs
under the organisation's row lock (a company always keeps one active admin), is audited,
and the member gets an SMS and, with an account, an in-app message. Revoking a member
revokes their company certificates (``affiliationChanged``), fails their open scan
sessions, cancels their unpaid claim and refunds an unused prepayment.

This is the domain a flow across ``org``, ``order``, ``cert`` and ``scan`` starts from:
those never import it. Personal data is encrypted at rest and masked in every answer,
audit record and log line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.account.service import user_phone
from mcert.audit.service import Actor, record
from mcert.cert import members as cert_members
from mcert.cert import service as cert_service
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.clock import china_date, seconds_until_china_midnight
from mcert.db.base import lock_row, new_id
from mcert.errors import Conflict, RateLimited
from mcert.ident import parse_resident_id, validate_mobile
from mcert.notify.service import notify, queue_sms
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import OrderKind, OrderStatus
from mcert.org import service as orgs
from mcert.org.models import Organization, OrganizationNameChange, OrgMember
from mcert.org.states import ROLE_LABELS, MemberRole, MemberStatus, move_member
from mcert.pii import mask_id_number, mask_name, mask_phone
from mcert.providers.realname import validate_person_name
from mcert.providers.sms import SMSTemplate
from mcert.realname.service import identity_of
from mcert.realname.service import view as identity_view
from mcert.runtime import Runtime
from mcert.scan.models import UsageRecord

RESEND_SECONDS = 60
# Invitation SMS a company may send a Beijing day (new invitations and resends): an abuse
# limit on texting strangers, well above onboarding a large company's staff in a day.
INVITATIONS_PER_DAY = 300


class MemberExists(Conflict):
    code = "member_exists"
    default_message = "该手机号已是本单位的成员或已被授权"


class MemberNotInvited(Conflict):
    code = "member_not_invited"
    default_message = "该成员不是待申领状态，无需重发授权短信"


class MemberRevoked(Conflict):
    code = "member_revoked"
    default_message = "该成员的授权已取消"


# ----------------------------------------------------------------------------- personal data


def _aad(member: OrgMember, field: str) -> str:
    return f"org_members.{field}:{member.id}"


def _user(db: Session, member: OrgMember) -> User | None:
    return db.get(User, member.user_id) if member.user_id else None


def member_name(db: Session, rt: Runtime, member: OrgMember) -> str | None:
    """The name the admin entered, or (the first admin) the real-name record's."""
    if member.name_enc:
        return rt.cipher.decrypt(member.name_enc, aad=_aad(member, "name"))
    user = _user(db, member)
    identity = identity_of(db, user) if user else None
    return identity_view(rt, user, identity).name if user and identity else None


def member_id_number(db: Session, rt: Runtime, member: OrgMember) -> str | None:
    if member.id_number_enc:
        return rt.cipher.decrypt(member.id_number_enc, aad=_aad(member, "id_number"))
    user = _user(db, member)
    identity = identity_of(db, user) if user else None
    return identity_view(rt, user, identity).id_number if user and identity else None


def member_phone(db: Session, rt: Runtime, member: OrgMember) -> str:
    if member.phone_enc:
        return rt.cipher.decrypt(member.phone_enc, aad=_aad(member, "phone"))
    user = _user(db, member)
    assert user is not None, "a member without an invitation phone has an account"
    return user_phone(rt, user)


def masked_name_of_user(db: Session, rt: Runtime, user_id: str | None) -> str | None:
    user = db.get(User, user_id) if user_id else None
    identity = identity_of(db, user) if user else None
    return mask_name(identity_view(rt, user, identity).name) if user and identity else None


def _tell(
    db: Session,
    rt: Runtime,
    member: OrgMember,
    *,
    kind: str,
    title: str,
    body: str,
    sms: tuple[SMSTemplate, dict[str, str]],
) -> None:
    """SMS to the member's phone; an in-app message too when they have an account."""
    now = rt.clock.now()
    phone = member_phone(db, rt, member)
    user = (
        _user(db, member)
        or db.scalars(select(User).where(User.phone_bidx == member.phone_bidx)).first()
    )
    if user is not None:
        notify(
            db,
            user=user,
            phone=phone,
            rt=rt,
            kind=kind,
            title=title,
            body=body,
            now=now,
            sms=sms,
        )
    else:
        queue_sms(db, rt, phone, *sms)


def _audit(
    db: Session, member: OrgMember, action: str, actor: Actor, now: datetime, **details: object
) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=action,
        target_type="org_member",
        target_id=member.id,
        details={"org": member.org_id, "status": member.status, "role": member.role, **details},
    )


# ----------------------------------------------------------------------------- invite


@dataclass(frozen=True)
class Invited:
    member: OrgMember
    created: bool  # False: the same invitation existed already (an idempotent repeat)


def invite(
    db: Session,
    rt: Runtime,
    admin: User,
    org_id: str,
    *,
    name: str,
    id_number: str,
    phone: str,
    role: MemberRole,
    prepay_years: int | None = None,
) -> Invited:
    """Authorise a person (单位成员授权) as 证书使用人 or 证书管理员.

    The same invitation sent twice (a double tap, two admins at once) is one membership:
    the unique (company, phone) key decides, and the repeat answers with the first. The
    same phone with other data is refused (``member_exists``). A revoked member's phone
    may be authorised again.
    """
    now = rt.clock.now()
    name = validate_person_name(name)
    id_number = parse_resident_id(id_number, today=now.date()).number
    phone = validate_mobile(phone)
    org, _ = orgs.require_admin(db, org_id, admin.id)
    _count_invitation(rt, org.id, now)
    phone_bidx = rt.blind_index.compute(phone)
    id_bidx = rt.blind_index.compute(id_number)
    existing = orgs.by_phone(db, org.id, phone_bidx)
    if existing is not None and existing.status != MemberStatus.REVOKED:
        return _repeat(db, rt, existing, name, id_bidx, role)
    if existing is None:
        member = OrgMember(
            id=new_id(),
            org_id=org.id,
            role=role.value,
            status=MemberStatus.INVITED.value,
            phone_bidx=phone_bidx,
            created_at=now,
            updated_at=now,
        )
        db.add(member)
    else:
        locked = lock_row(db, OrgMember, existing.id)
        assert locked is not None
        member = locked
        move_member(member, MemberStatus.INVITED)  # raises if another admin was quicker
        member.role, member.revoked_at, member.revoked_by = role.value, None, None
        member.updated_at = now
    member.phone_enc = rt.cipher.encrypt(phone, aad=_aad(member, "phone"))
    member.name_enc = rt.cipher.encrypt(name, aad=_aad(member, "name"))
    member.id_number_enc = rt.cipher.encrypt(id_number, aad=_aad(member, "id_number"))
    member.id_number_bidx = id_bidx
    member.invited_by, member.invited_at = admin.id, now
    member.prepaid_order_id = None
    try:
        db.flush()
    except IntegrityError:
        # Another invitation of this phone committed between our read and our insert.
        db.rollback()
        again = orgs.by_phone(db, org_id, phone_bidx)
        assert again is not None
        return _repeat(db, rt, again, name, id_bidx, role)
    if prepay_years:
        prepay = orders.create_prepay(
            db, rt, admin, org=org, years=prepay_years, member_id=member.id
        )
        member.prepaid_order_id = prepay.id
    _audit(
        db,
        member,
        "org_member.invited",
        Actor("user", admin.id),
        now,
        name=mask_name(name),
        id_number=mask_id_number(id_number),
        phone=mask_phone(phone),
        prepaid_order=member.prepaid_order_id,
        again=existing is not None,
    )
    inviter = masked_name_of_user(db, rt, admin.id) or "单位证书管理员"
    role_label = ROLE_LABELS[role]
    _tell(
        db,
        rt,
        member,
        kind="org_invited",
        title="单位证书授权",
        body=f"{inviter}已授权您作为“{org.name}”的{role_label}。请在“证书-待申领的证书”中"
        "完成身份认证后申领单位证书。",
        sms=(
            SMSTemplate.ORG_INVITED,
            {"admin": inviter, "company": org.name, "role": role_label},
        ),
    )
    db.commit()
    return Invited(member, created=True)


def _count_invitation(rt: Runtime, org_id: str, now: datetime) -> None:
    key = f"org:invitations:{org_id}:{china_date(now)}"
    if rt.kv.incr(key, seconds_until_china_midnight(now)) > INVITATIONS_PER_DAY:
        raise RateLimited(
            "今日授权短信发送次数已达上限，请明天再试",
            code="invitation_daily_limit",
            retry_after=seconds_until_china_midnight(now),
        )


def _repeat(
    db: Session, rt: Runtime, member: OrgMember, name: str, id_bidx: str, role: MemberRole
) -> Invited:
    same = (
        member.status == MemberStatus.INVITED
        and member.role == role
        and member.id_number_bidx == id_bidx
        and member_name(db, rt, member) == name
    )
    db.rollback()
    if not same:
        raise MemberExists(details={"member_id": member.id, "status": member.status})
    return Invited(member, created=False)


# ----------------------------------------------------------------------------- role, revoke


def change_role(
    db: Session, rt: Runtime, admin: User, org_id: str, member_id: str, role: MemberRole
) -> OrgMember:
    """证书使用人 ⇄ 证书管理员; never demotes the company's last active admin."""
    now = rt.clock.now()
    org, _ = orgs.require_admin(db, org_id, admin.id, lock=True)
    member = orgs.get_member(db, org.id, member_id, lock=True)
    if member.status == MemberStatus.REVOKED:
        raise MemberRevoked()
    if member.role == role:
        db.rollback()
        return member
    if role == MemberRole.USER:
        orgs.check_admins_remain(db, member)
    before = member.role
    member.role, member.updated_at = role.value, now
    _audit(db, member, "org_member.role_changed", Actor("user", admin.id), now, previous=before)
    label = ROLE_LABELS[role]
    _tell(
        db,
        rt,
        member,
        kind="org_role_changed",
        title="单位角色变更",
        body=f"您在“{org.name}”的角色已变更为{label}。",
        sms=(SMSTemplate.ORG_ROLE_CHANGED, {"company": org.name, "role": label}),
    )
    db.commit()
    return member


def revoke(db: Session, rt: Runtime, admin: User, org_id: str, member_id: str) -> OrgMember:
    """Take a member's authorisation away, with their company certificates.

    Their certificates of this company are revoked (``affiliationChanged``) and every open
    scan session using one fails; an unpaid claim is cancelled and an unused prepayment
    refunded. An admin may revoke themself, unless they are the last one.
    """
    now = rt.clock.now()
    actor = Actor("user", admin.id)
    org, _ = orgs.require_admin(db, org_id, admin.id, lock=True)
    member = orgs.get_member(db, org.id, member_id, lock=True)
    if member.status == MemberStatus.REVOKED:
        raise MemberRevoked()
    orgs.check_admins_remain(db, member)
    move_member(member, MemberStatus.REVOKED)
    member.revoked_at, member.revoked_by, member.updated_at = now, admin.id, now
    held = bool(member.user_id and cert_members.live_of_member(db, org.id, member.user_id))
    serials = (
        cert_members.revoke_member(
            db, rt, org_id=org.id, user_id=member.user_id, actor=actor, now=now
        )
        if member.user_id
        else []
    )
    withdrawn = orders.withdraw_member_orders(
        db,
        rt,
        org_id=org.id,
        user_id=member.user_id,
        prepay_order_id=member.prepaid_order_id,
        actor=actor,
    )
    _audit(db, member, "org_member.revoked", actor, now, revoked_serials=serials)
    certs = "，您持有的该单位证书已吊销" if held else ""
    _tell(
        db,
        rt,
        member,
        kind="org_member_revoked",
        title="单位授权已取消",
        body=f"您在“{org.name}”的证书授权已被取消{certs}。如有疑问请联系单位的证书管理员。",
        sms=(SMSTemplate.ORG_MEMBER_REVOKED, {"company": org.name, "certs": certs}),
    )
    db.commit()
    orders.finish_withdrawal(db, rt, withdrawn)
    return member


def resend(db: Session, rt: Runtime, admin: User, org_id: str, member_id: str) -> OrgMember:
    """Send the invitation SMS again (at most once a minute per member)."""
    now = rt.clock.now()
    org, _ = orgs.require_admin(db, org_id, admin.id)
    member = orgs.get_member(db, org.id, member_id)
    if member.status != MemberStatus.INVITED:
        raise MemberNotInvited(details={"status": member.status})
    _count_invitation(rt, org.id, now)
    key = f"org:invite-resend:{member.id}"
    if not rt.kv.set_if_absent(key, RESEND_SECONDS):
        raise RateLimited(
            "授权短信发送过于频繁，请稍后再试",
            code="invitation_resend_too_soon",
            retry_after=rt.kv.ttl(key) or RESEND_SECONDS,
        )
    _audit(db, member, "org_member.invitation_resent", Actor("user", admin.id), now)
    inviter = masked_name_of_user(db, rt, admin.id) or "单位证书管理员"
    role_label = ROLE_LABELS[MemberRole(member.role)]
    queue_sms(
        db,
        rt,
        member_phone(db, rt, member),
        SMSTemplate.ORG_INVITED,
        {"admin": inviter, "company": org.name, "role": role_label},
    )
    db.commit()
    return member


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class MemberView:
    member: OrgMember
    name: str | None
    phone: str
    id_number: str | None
    certificates: list[HolderCertificate]
    last_used_at: datetime | None
    prepay: Order | None
    invited_by: str | None  # masked


def member_views(db: Session, rt: Runtime, rows: list[OrgMember]) -> list[MemberView]:
    """Members with their company certificates, last use and prepayment, in few queries."""
    if not rows:
        return []
    org_id = rows[0].org_id
    user_ids = [m.user_id for m in rows if m.user_id]
    certs: dict[str, list[HolderCertificate]] = {}
    for cert in cert_members.of_company(db, org_id):
        certs.setdefault(cert.user_id, []).append(cert)
    last: dict[str, datetime] = {}
    if user_ids:
        last = {
            user_id: at
            for user_id, at in db.execute(
                select(UsageRecord.user_id, func.max(UsageRecord.created_at))
                .where(UsageRecord.org_id == org_id, UsageRecord.user_id.in_(user_ids))
                .group_by(UsageRecord.user_id)
            ).all()
        }
    prepay_ids = [m.prepaid_order_id for m in rows if m.prepaid_order_id]
    prepays = (
        {o.id: o for o in db.scalars(select(Order).where(Order.id.in_(prepay_ids))).all()}
        if prepay_ids
        else {}
    )
    inviters: dict[str, str | None] = {}
    views = []
    for m in rows:
        if m.invited_by and m.invited_by not in inviters:
            inviters[m.invited_by] = masked_name_of_user(db, rt, m.invited_by)
        views.append(
            MemberView(
                member=m,
                name=member_name(db, rt, m),
                phone=member_phone(db, rt, m),
                id_number=member_id_number(db, rt, m),
                certificates=certs.get(m.user_id, []) if m.user_id else [],
                last_used_at=last.get(m.user_id) if m.user_id else None,
                prepay=prepays.get(m.prepaid_order_id) if m.prepaid_order_id else None,
                invited_by=inviters.get(m.invited_by) if m.invited_by else None,
            )
        )
    return views


def list_members(
    db: Session, rt: Runtime, admin: User, org_id: str, *, limit: int, offset: int
) -> tuple[Organization, list[MemberView], int]:
    org, _ = orgs.require_admin(db, org_id, admin.id)
    rows = orgs.members(db, org.id)
    return org, member_views(db, rt, rows[offset : offset + limit]), len(rows)


def my_companies(db: Session, user: User) -> list[tuple[Organization, OrgMember]]:
    result = []
    for member in orgs.memberships(db, user.id):
        org = db.get(Organization, member.org_id)
        assert org is not None
        result.append((org, member))
    return result


def legal_rep_name(rt: Runtime, org: Organization) -> str:
    return rt.cipher.decrypt(org.legal_rep_name_enc, aad=f"org:{org.uscc}")


# ----------------------------------------------------------------------------- company page


@dataclass(frozen=True)
class CompanyDocument:
    kind: str
    order: Order
    uploaded_at: datetime
    status: str  # verified | reviewing | rejected


@dataclass(frozen=True)
class CompanyCertificate:
    cert: HolderCertificate
    status: str
    serial: str | None
    member_id: str | None
    needs_redownload: bool  # still names the company's old name


@dataclass(frozen=True)
class CompanyPage:
    org: Organization
    me: OrgMember | None  # None: an operator's view
    legal_rep: str
    documents: list[CompanyDocument]
    name_changes: list[OrganizationNameChange]
    members: list[MemberView]
    certificates: list[CompanyCertificate]


def company_page(db: Session, rt: Runtime, admin: User, org_id: str) -> CompanyPage:
    """单位信息: what an admin checks before a bid deadline."""
    org, me = orgs.require_admin(db, org_id, admin.id)
    return page_of(db, rt, org, me)


def page_of(db: Session, rt: Runtime, org: Organization, me: OrgMember | None) -> CompanyPage:
    """The company page as its admin ``me`` sees it, or an operator (``mcert org show``)."""
    rows = orgs.members(db, org.id)
    by_user = {m.user_id: m.id for m in rows if m.user_id}
    now = rt.clock.now()
    certs = []
    for cert in cert_members.of_company(db, org.id):
        sign, _ = cert_service.issued(db, cert)
        status = cert_service.effective_status(cert, now)
        certs.append(
            CompanyCertificate(
                cert=cert,
                status=status,
                serial=sign.serial if sign else None,
                member_id=by_user.get(cert.user_id),
                needs_redownload=status
                in (HolderCertStatus.ACTIVE, HolderCertStatus.PENDING_DOWNLOAD)
                and cert.subject_org != org.name,
            )
        )
    return CompanyPage(
        org=org,
        me=me,
        legal_rep=legal_rep_name(rt, org),
        documents=_documents(db, org),
        name_changes=list(
            db.scalars(
                select(OrganizationNameChange)
                .where(OrganizationNameChange.org_id == org.id)
                .order_by(OrganizationNameChange.changed_at)
            ).all()
        ),
        members=member_views(db, rt, rows),
        certificates=certs,
    )


def _documents(db: Session, org: Organization) -> list[CompanyDocument]:
    """The documents of the company's application and name changes, with their review."""
    found = []
    company_orders = db.scalars(
        select(Order)
        .where(Order.org_id == org.id, Order.kind.in_([OrderKind.NEW, OrderKind.CHANGE]))
        .order_by(Order.created_at)
    ).all()
    for order in company_orders:
        if order.status == OrderStatus.PENDING_REVIEW:
            status = "reviewing"
        elif order.status == OrderStatus.REJECTED:
            status = "rejected"
        elif order.reviewed_at is not None:
            status = "verified"
        else:
            continue  # withdrawn before anyone reviewed it
        for doc in orders.current_documents(db, order):
            found.append(CompanyDocument(doc.kind, order, doc.uploaded_at, status))
    return found
