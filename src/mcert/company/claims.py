"""待申领的证书: an authorised member claims a company certificate.

The invited person logs in with the invited phone and sees the company's certificate to
claim; claiming takes a fresh face check against their verified real-name identity, which
must be the name and ID number the admin entered (a mismatch is refused with its reason,
and nothing about the person reaches the admin). Then an order without document review —
free when the admin prepaid it — and the download with a certificate password as for any
new certificate. The certificate names the company (O, the USCC) and the member (CN).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.audit.service import Actor, record
from mcert.cert import members as cert_members
from mcert.company.service import masked_name_of_user, member_name
from mcert.db.base import lock_row
from mcert.errors import Conflict, NotFound, PermissionDenied
from mcert.notify.service import notify
from mcert.order import service as orders
from mcert.order.models import Order
from mcert.order.states import OrderStatus
from mcert.org import service as orgs
from mcert.org.models import Organization, OrgMember
from mcert.org.states import MemberStatus, move_member
from mcert.realname.service import require_identity, spend_face_check
from mcert.runtime import Runtime


class ClaimNotFound(NotFound):
    code = "claim_not_found"
    default_message = "没有可申领的单位证书"


class ClaimIdentityMismatch(PermissionDenied):
    code = "claim_identity_mismatch"
    default_message = (
        "您的实名信息与单位授权时登记的姓名、身份证号不一致，无法申领。"
        "请联系单位的证书管理员核对授权信息"
    )


class ClaimExists(Conflict):
    code = "claim_exists"
    default_message = "您已申领该单位的证书，请在“证书”或“订单管理-待支付”中查看"


class PrepayPending(Conflict):
    code = "prepay_pending"
    default_message = "单位的证书管理员尚未完成预付，请稍后再试或联系管理员"


@dataclass(frozen=True)
class Claimable:
    member: OrgMember
    org: Organization
    invited_by: str | None  # masked
    prepay: Order | None
    open_order: Order | None


def _prepay(db: Session, member: OrgMember) -> Order | None:
    return db.get(Order, member.prepaid_order_id) if member.prepaid_order_id else None


def _claimable(db: Session, user: User, member: OrgMember) -> bool:
    """Invited with this phone; or active without a live certificate of the company (a
    member whose certificate was revoked or expired claims again, still without review)."""
    if member.status == MemberStatus.INVITED:
        return member.phone_bidx == user.phone_bidx
    if member.status == MemberStatus.ACTIVE and member.user_id == user.id:
        return not cert_members.live_of_member(db, member.org_id, user.id)
    return False


def claimable(db: Session, rt: Runtime, user: User) -> list[Claimable]:
    rows = orgs.invitations(db, user.phone_bidx) + orgs.memberships(db, user.id)
    result = []
    for member in rows:
        if not _claimable(db, user, member):
            continue
        org = db.get(Organization, member.org_id)
        assert org is not None
        result.append(
            Claimable(
                member=member,
                org=org,
                invited_by=masked_name_of_user(db, rt, member.invited_by),
                prepay=_prepay(db, member),
                open_order=orders.open_claim(db, user.id, org.id),
            )
        )
    return result


def claim(
    db: Session, rt: Runtime, user: User, member_id: str, *, face_check_id: str, years: int
) -> Order:
    """Claim the company certificate this membership allows: identity, face, order."""
    now = rt.clock.now()
    member = lock_row(db, OrgMember, member_id)
    if member is None or not _claimable(db, user, member):
        raise ClaimNotFound()
    org = db.get(Organization, member.org_id)
    assert org is not None
    if orders.open_claim(db, user.id, org.id) is not None:
        raise ClaimExists()
    ident = require_identity(db, rt, user)
    if member.status == MemberStatus.INVITED and not _same_person(
        db, rt, member, ident.name, ident.id_number
    ):
        # Recorded without the person's data; the admin is not told who tried.
        record(
            db,
            at=now,
            actor=Actor("user", user.id),
            action="org_member.claim_refused",
            target_type="org_member",
            target_id=member.id,
            details={"org": org.id, "reason": "identity_mismatch"},
        )
        db.commit()
        raise ClaimIdentityMismatch()
    prepay = _prepay(db, member)
    if prepay is not None and prepay.status == OrderStatus.PENDING_PAYMENT:
        raise PrepayPending()
    prepaid = prepay is not None and prepay.status == OrderStatus.COMPLETED
    spend_face_check(db, rt, user, face_check_id, "org_claim")
    first = member.status == MemberStatus.INVITED
    if first:
        move_member(member, MemberStatus.ACTIVE)
        member.user_id, member.joined_at = user.id, now
    member.updated_at = now
    if prepaid:
        assert prepay is not None
        years = prepay.years
        member.prepaid_order_id = None  # used: a later claim is paid again
    order = orders.create_claim(db, rt, user, org=org, years=years, prepaid=prepaid)
    record(
        db,
        at=now,
        actor=Actor("user", user.id),
        action="org_member.claimed",
        target_type="org_member",
        target_id=member.id,
        details={
            "org": org.id,
            "order": order.order_no,
            "prepaid_order": prepay.order_no if prepaid and prepay else None,
            "first": first,
        },
    )
    _tell_inviter(db, rt, member, org, user, now)
    db.commit()
    return order


def _same_person(db: Session, rt: Runtime, member: OrgMember, name: str, id_number: str) -> bool:
    return (
        member.id_number_bidx == rt.blind_index.compute(id_number)
        and member_name(db, rt, member) == name
    )


def _tell_inviter(
    db: Session, rt: Runtime, member: OrgMember, org: Organization, user: User, now: datetime
) -> None:
    inviter = db.get(User, member.invited_by) if member.invited_by else None
    if inviter is None or orgs.role_of(db, org.id, inviter.id) != orgs.ADMIN:
        return
    who = masked_name_of_user(db, rt, user.id) or "成员"
    # In-app only: the admin learns that the person they authorised claimed, nothing more.
    notify(
        db,
        user=inviter,
        rt=rt,
        kind="org_member_claimed",
        now=now,
        title="成员已申领单位证书",
        body=f"{who}已完成身份认证，申领了“{org.name}”的单位证书。",
    )
