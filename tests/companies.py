"""Test companies: a verified company with its first admin's certificate, members authorised
and their certificates claimed — the company side as the app drives it (issue #11)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from mcert.operator import service as operators
from mcert.operator.models import Operator
from mcert.review import service as review
from mcert.runtime import Runtime
from tests.holders import USCC, Holder, face_jpeg, licence_png

PASSWORD = "Bid#2026go"


@dataclass
class Company:
    org_id: str
    uscc: str
    name: str
    admin: Holder
    admin_cert: dict[str, Any]


def reviewer(rt: Runtime) -> Operator:
    with rt.sessions() as db:
        op = db.scalars(select(Operator).where(Operator.username == "company-reviewer")).first()
        if op is not None:
            db.expunge(op)
            return op
        return operators.create_operator(
            db,
            rt,
            username="company-reviewer",
            password="review-pass-123",
            role="reviewer",
            display_name="审核员",
        )


def verified_company(
    admin: Holder, *, seq: int = 1, name: str = "福州某某建设工程有限公司"
) -> Company:
    """Apply, approve, pay, download: the company's first applicant becomes its admin."""
    rt = admin.runtime
    if not admin.device.realname_status()["verified"]:
        admin.verify_by_phone()
    order = admin.device.apply_company(
        years=1,
        company_name=name,
        uscc=USCC(seq),
        legal_rep_name=admin.name,
        applicant_is_legal_rep=True,
        licence=("licence.png", licence_png()),
    )
    op = reviewer(rt)
    with rt.sessions() as db:
        review.approve(db, rt, op, order["id"])
    admin.pay(order["id"])
    [pending] = [c for c in admin.pending() if c["subject_org"] == name]
    cert = admin.device.download(pending["id"], password=PASSWORD)["certificate"]
    [org] = [c for c in admin.device.companies() if c["uscc"] == USCC(seq)]
    return Company(org["id"], USCC(seq), name, admin, cert)


def authorise(
    company: Company,
    person: Holder,
    role: str = "user",
    *,
    by: Holder | None = None,
    prepay_years: int | None = None,
) -> dict[str, Any]:
    return dict(
        (by or company.admin).device.invite(
            company.org_id,
            name=person.name,
            id_number=person.id_number,
            phone=person.phone,
            role=role,
            prepay_years=prepay_years,
        )
    )


def claim(person: Holder, member_id: str, years: int = 1) -> dict[str, Any]:
    """Real-name (if not yet), a fresh face check, the claim: the order."""
    if not person.device.realname_status()["verified"]:
        person.verify_by_phone()
    face = person.device.face_check(face_jpeg(5))
    return dict(person.device.claim(member_id, face, years))


def claim_and_download(person: Holder, member_id: str, password: str = PASSWORD) -> dict[str, Any]:
    """Claim, pay unless prepaid, download: the member's company certificate on their phone."""
    order = claim(person, member_id)
    if order["status"] == "pending_payment":
        person.pay(order["id"])
    [pending] = [c for c in person.pending() if c["cert_type"] == "org"]
    return dict(person.device.download(pending["id"], password=password)["certificate"])
