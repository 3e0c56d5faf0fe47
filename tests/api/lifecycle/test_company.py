"""Companies as users (issue #11, manual parts 2.1 and 9): member authorisation (授权管理),
certificates to claim (待申领的证书), the company page (单位信息), and what revoking a
member does to their certificates and sessions."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests import pkitools
from tests.companies import (
    PASSWORD,
    Company,
    authorise,
    claim,
    claim_and_download,
    reviewer,
    verified_company,
)
from tests.conftest import mcert_cli
from tests.holders import USCC, Holder, face_jpeg, licence_png, make_holder

from mcert.account.models import User
from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.company import service as company_service
from mcert.errors import DomainError
from mcert.ident import make_resident_id
from mcert.org import service as orgs
from mcert.org.models import OrgMember
from mcert.org.states import MemberRole
from mcert.providers.sms import SandboxSMSSender
from mcert.review import service as review
from mcert.runtime import Runtime
from mcert.scan import usage as usage_records
from mcert.scan.models import UsageRecord
from mcert_device.client import DeviceError
from mcert_rp import SessionHandle


def outbox(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50)]


def frame(handle: SessionHandle, clock: FrozenClock) -> str:
    return handle.qr_text(int((clock.now() - handle.created_at).total_seconds()))


def subject(pem: str) -> dict[str, str]:
    cert = x509.load_pem_x509_certificate(pem.encode())
    oids = {
        "CN": NameOID.COMMON_NAME,
        "O": NameOID.ORGANIZATION_NAME,
        "orgId": NameOID.ORGANIZATION_IDENTIFIER,
    }
    return {
        k: str(cert.subject.get_attributes_for_oid(oid)[0].value)
        for k, oid in oids.items()
        if cert.subject.get_attributes_for_oid(oid)
    }


@pytest.fixture
def company(holder: Holder) -> Company:
    return verified_company(holder)


@pytest.fixture
def li(client: TestClient, ca: Runtime, clock: FrozenClock) -> Holder:
    return make_holder(client, ca, clock, n=2, name="李四")


@pytest.fixture
def wang(client: TestClient, ca: Runtime, clock: FrozenClock) -> Holder:
    return make_holder(client, ca, clock, n=3, name="王五")


def audit(rt: Runtime, action: str) -> list[AuditEntry]:
    with rt.sessions() as db:
        return list(
            db.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            ).all()
        )


# ----------------------------------------------------------------------------- the happy path


def test_admin_authorises_a_user_who_claims_pays_downloads_and_logs_in(
    company: Company,
    li: Holder,
    wang: Holder,
    rp_factory: Any,
    clock: FrozenClock,
    ca: Runtime,
) -> None:
    admin = company.admin
    [me] = admin.device.companies()
    assert (me["role"], me["role_label"], me["uscc"]) == ("admin", "证书管理员", company.uscc)

    invited = authorise(company, li, "user")
    assert (invited["status"], invited["role"]) == ("invited", "user")
    assert invited["name_masked"] == "李*"
    assert invited["phone_masked"] == "139****0002"
    assert invited["id_number_masked"].endswith(li.id_number[-4:])
    assert li.id_number not in str(invited)
    second_admin = authorise(company, wang, "admin")
    assert second_admin["role_label"] == "证书管理员"
    [sms] = [b for b in outbox(ca, li.phone) if "待申领" in b]
    assert company.name in sms
    assert "证书使用人" in sms

    # The invited person logs in with that phone: the company's certificate to claim.
    [waiting] = li.device.claims()
    assert waiting["company_name"] == company.name
    assert waiting["invited_by_masked"] == "张*"
    assert (waiting["status"], waiting["prepaid"]) == ("invited", False)
    assert li.device.companies() == []  # not a member until the claim

    order = claim(li, invited["id"])
    assert (order["kind"], order["label"], order["status"]) == (
        "claim",
        "单位证书申领",
        "pending_payment",
    )
    assert (order["company_name"], order["uscc"]) == (company.name, company.uscc)
    [waiting] = li.device.claims()  # still listed, with the order to pay
    assert (waiting["status"], waiting["open_order_id"]) == ("active", order["id"])
    li.pay(order["id"])
    assert li.device.claims() == []
    [pending] = li.pending()
    assert pending["subject_org"] == company.name
    downloaded = li.device.download(pending["id"], password=PASSWORD)
    names = subject(downloaded["signing_cert"])
    assert names == {"CN": "李四", "O": company.name, "orgId": f"NTRCN-{company.uscc}"}
    [mine] = li.device.companies()
    assert (mine["id"], mine["role"]) == (company.org_id, "user")

    # Scan to log in with the company certificate.
    rp = rp_factory()
    handle = rp.start_login(display_text="登录 某某公共资源交易平台")
    li.device.scan(frame(handle, clock))
    li.device.confirm(handle.session_id, downloaded["certificate"]["id"], PASSWORD)
    assert rp.collect(handle.session_id).status == "complete"

    members = admin.device.members(company.org_id)
    assert members["total"] == 3
    by_id = {m["id"]: m for m in members["items"]}
    member = by_id[invited["id"]]
    assert (member["status"], member["status_label"]) == ("active", "已授权")
    assert [c["status"] for c in member["certificates"]] == ["active"]
    assert member["last_used_at"] is not None
    assert by_id[second_admin["id"]]["status"] == "invited"
    founder = next(m for m in members["items"] if m["is_me"])
    assert (founder["role"], founder["name_masked"]) == ("admin", "张*")
    assert any(m["kind"] == "org_member_claimed" for m in admin.device.messages()["items"])


def test_a_user_has_no_authorisation_and_an_admin_only_their_company(
    company: Company, li: Holder, wang: Holder
) -> None:
    member = authorise(company, li, "user")
    claim_and_download(li, member["id"])
    for call in (
        lambda: li.device.invite(
            company.org_id, name="王五", id_number=wang.id_number, phone=wang.phone
        ),
        lambda: li.device.members(company.org_id),
        lambda: li.device.company(company.org_id),
        lambda: li.device.set_role(company.org_id, member["id"], "admin"),
        lambda: li.device.revoke_member(company.org_id, member["id"]),
    ):
        with pytest.raises(DeviceError) as refused:
            call()
        assert (refused.value.status, refused.value.code) == (403, "org_admin_required")
    # The admin of another company cannot touch this one's members.
    other = verified_company(wang, seq=2, name="厦门某某工程有限公司")
    with pytest.raises(DeviceError) as refused:
        other.admin.device.revoke_member(company.org_id, member["id"])
    assert refused.value.code == "org_admin_required"
    with pytest.raises(DeviceError) as refused:
        other.admin.device.revoke_member(other.org_id, member["id"])
    assert refused.value.code == "member_not_found"


# ----------------------------------------------------------------------------- revocation


def ocsp_text(client: TestClient, tmp_path: Path, pem: str) -> str:
    """openssl's reading of the server's OCSP answer for this certificate."""
    openssl = pkitools.need_openssl()
    root = x509.load_der_x509_certificate(client.get("/pki/ca/root.crt").content)
    issuing = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    leaf = tmp_path / "leaf.pem"
    leaf.write_text(pem)
    issuer = pkitools.write_pem(tmp_path / "issuing.pem", issuing)
    pkitools.run(
        openssl,
        "ocsp",
        "-issuer",
        issuer,
        "-cert",
        leaf,
        "-no_nonce",
        "-reqout",
        tmp_path / "req.der",
    )
    resp = client.post(
        "/pki/ocsp",
        content=(tmp_path / "req.der").read_bytes(),
        headers={"content-type": "application/ocsp-request"},
    )
    (tmp_path / "resp.der").write_bytes(resp.content)
    out = pkitools.run(
        openssl,
        "ocsp",
        "-respin",
        tmp_path / "resp.der",
        "-issuer",
        issuer,
        "-CAfile",
        pkitools.write_pem(tmp_path / "root.pem", root),
        "-cert",
        leaf,
        "-resp_text",
    )
    return out.stdout + out.stderr


def test_revoking_a_member_revokes_their_certificate_and_fails_their_session(
    company: Company,
    li: Holder,
    rp_factory: Any,
    clock: FrozenClock,
    client: TestClient,
    ca: Runtime,
    tmp_path: Path,
) -> None:
    member = authorise(company, li)
    cert = claim_and_download(li, member["id"])
    pem = li.device.keystore.entries[cert["id"]].signing_cert_pem
    assert re.search(r"leaf.pem: good", ocsp_text(client, tmp_path, pem))
    rp = rp_factory()
    handle = rp.start_login(display_text="登录 某某公共资源交易平台")
    li.device.scan(frame(handle, clock))
    prepared: dict[str, Any] = {}
    original = li.device.request

    def revoke_before_complete(method: str, path: str, **kwargs: Any) -> Any:
        if path.endswith("/complete") and not prepared:
            prepared["revoked"] = company.admin.device.revoke_member(company.org_id, member["id"])
        return original(method, path, **kwargs)

    li.device.request = revoke_before_complete  # type: ignore[method-assign]
    with pytest.raises(DeviceError) as refused:
        li.device.confirm(handle.session_id, cert["id"], PASSWORD)
    li.device.request = original  # type: ignore[method-assign]
    assert refused.value.code == "cert_revoked"
    revoked = prepared["revoked"]
    assert (revoked["status"], revoked["status_label"]) == ("revoked", "已取消授权")
    assert [c["status"] for c in revoked["certificates"]] == ["revoked"]
    status = rp.collect(handle.session_id)
    assert (status.status, status.reason) == ("failed", "cert_revoked")
    text = ocsp_text(client, tmp_path, pem)
    assert re.search(r"leaf.pem: revoked", text), text
    assert "Reason: affiliationChanged" in text
    assert any("授权已被取消" in b for b in outbox(ca, li.phone))
    assert any(m["kind"] == "org_member_revoked" for m in li.device.messages()["items"])
    assert li.device.companies() == []
    assert li.device.claims() == []
    [entry] = audit(ca, "org_member.revoked")
    assert entry.actor_id is not None
    assert li.id_number not in entry.details
    # Authorised again later: the same membership, invited once more.
    again = authorise(company, li)
    assert (again["id"], again["status"]) == (member["id"], "invited")


def test_the_last_admin_can_neither_leave_nor_be_demoted(
    company: Company, li: Holder, wang: Holder
) -> None:
    admin = company.admin
    [me] = [m for m in admin.device.members(company.org_id)["items"] if m["is_me"]]
    for call in (
        lambda: admin.device.set_role(company.org_id, me["id"], "user"),
        lambda: admin.device.revoke_member(company.org_id, me["id"]),
    ):
        with pytest.raises(DeviceError) as refused:
            call()
        assert (refused.value.status, refused.value.code) == (409, "last_admin")
    # An invited admin does not count until they claim.
    second = authorise(company, wang, "admin")
    with pytest.raises(DeviceError) as refused:
        admin.device.set_role(company.org_id, me["id"], "user")
    assert refused.value.code == "last_admin"
    claim_and_download(wang, second["id"])
    demoted = admin.device.set_role(company.org_id, me["id"], "user")
    assert demoted["role"] == "user"
    assert any("角色已变更为证书使用人" in b for b in outbox(admin.runtime, admin.phone))
    with pytest.raises(DeviceError) as refused:
        admin.device.members(company.org_id)
    assert refused.value.code == "org_admin_required"
    with pytest.raises(DeviceError) as refused:
        wang.device.revoke_member(company.org_id, second["id"])
    assert refused.value.code == "last_admin"
    # An admin may leave when another remains.
    wang.device.set_role(company.org_id, me["id"], "admin")
    left = wang.device.revoke_member(company.org_id, second["id"])
    assert left["status"] == "revoked"
    assert len(audit(admin.runtime, "org_member.role_changed")) == 2


# ----------------------------------------------------------------------------- claims


def test_a_claim_by_another_person_is_refused_and_the_admin_learns_nothing(
    company: Company, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    invited_person = make_holder(client, ca, clock, n=2, name="李四")
    member = authorise(company, invited_person)
    # The phone's owner is someone else: their verified identity is not the invited one.
    impostor = Holder(
        client, ca, clock, invited_person.phone, "赵六", OTHER_ID, invited_person.device
    )
    impostor.verify_by_phone()
    face = impostor.device.face_check(face_jpeg(5))
    with pytest.raises(DeviceError) as refused:
        impostor.device.claim(member["id"], face)
    assert (refused.value.status, refused.value.code) == (403, "claim_identity_mismatch")
    assert "不一致" in refused.value.message
    [entry] = audit(ca, "org_member.claim_refused")
    assert "赵" not in entry.details
    assert OTHER_ID not in entry.details
    members = company.admin.device.members(company.org_id)["items"]
    assert next(m for m in members if m["id"] == member["id"])["status"] == "invited"
    assert not any("赵" in m["body"] for m in company.admin.device.messages()["items"])
    assert not any("赵" in b for b in outbox(ca, company.admin.phone))
    # The face check was not spent: the refusal cost the person nothing but the answer.
    with ca.sessions() as db:
        row = db.get(OrgMember, member["id"])
        assert row is not None
        assert row.user_id is None


OTHER_ID = make_resident_id(seq=77)


def test_concurrent_invitations_of_one_phone_make_one_membership(
    company: Company, li: Holder, ca: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six taps at once: one membership, one invitation SMS, one audit entry. On PostgreSQL
    every thread reads "not invited" before any inserts, so the unique key decides."""
    threads = 6
    postgres = ca.settings.effective_database_url.startswith("postgresql")
    barrier = threading.Barrier(threads, timeout=30)
    read = orgs.by_phone
    reads: Counter[int] = Counter()

    def by_phone(*args: Any, **kwargs: Any) -> Any:
        found = read(*args, **kwargs)
        reads[threading.get_ident()] += 1
        if postgres and reads[threading.get_ident()] == 1:
            barrier.wait()  # all threads past the check, none inserted yet
        return found

    monkeypatch.setattr(orgs, "by_phone", by_phone)
    with ca.sessions() as db:
        admin_id = db.scalars(
            select(OrgMember.user_id).where(OrgMember.org_id == company.org_id)
        ).one()

    def invite(role: str) -> str:
        with ca.sessions() as db:
            admin = db.get(User, admin_id)
            assert admin is not None
            invited = company_service.invite(
                db,
                ca,
                admin,
                company.org_id,
                name=li.name,
                id_number=li.id_number,
                phone=li.phone,
                role=MemberRole(role),
            )
            return invited.member.id

    with ThreadPoolExecutor(threads) as pool:
        ids = list(pool.map(invite, ["user"] * threads))
    assert len(set(ids)) == 1
    if postgres:  # five inserts lost to the unique key and read the winner's row again
        assert sorted(reads.values()) == [1, 2, 2, 2, 2, 2]
    with ca.sessions() as db:
        rows = db.scalars(select(OrgMember).where(OrgMember.org_id == company.org_id)).all()
    assert len(rows) == 2  # the admin and the one invitation
    assert len([b for b in outbox(ca, li.phone) if "待申领" in b]) == 1
    assert len(audit(ca, "org_member.invited")) == 1
    # The same phone with other data at once: the first wins, the others are told why.
    monkeypatch.setattr(orgs, "by_phone", read)
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(_try(invite), ["admin", "admin"]))
    assert outcomes == ["member_exists", "member_exists"]


def _try(fn: Any) -> Any:
    def call(arg: str) -> str:
        try:
            return str(fn(arg))
        except DomainError as exc:
            return exc.code

    return call


def test_prepaid_by_the_admin_the_claim_is_free_and_an_unused_prepayment_refunded(
    company: Company, li: Holder, wang: Holder, ca: Runtime
) -> None:
    admin = company.admin
    member = authorise(company, li, prepay_years=2)
    prepay = member["prepay"]
    assert (prepay["status"], prepay["years"], prepay["amount_yuan"]) == (
        "pending_payment",
        2,
        "550.00",
    )
    order = admin.device.order(prepay["order_id"])
    assert (order["kind"], order["label"]) == ("prepay", "单位证书预付")
    [waiting] = li.device.claims()
    assert (waiting["prepay_pending"], waiting["prepaid"]) == (True, False)
    with pytest.raises(DeviceError) as refused:
        claim(li, member["id"])
    assert refused.value.code == "prepay_pending"
    certs_before = admin.device.certificates()
    admin.pay(prepay["order_id"])
    assert admin.device.certificates() == certs_before  # paying issues nothing yet
    [waiting] = li.device.claims()
    assert (waiting["prepaid"], waiting["prepaid_years"]) == (True, 2)
    free = claim(li, member["id"], years=1)
    assert (free["status"], free["amount_fen"], free["years"]) == ("completed", 0, 2)
    [pending] = li.pending()
    cert = li.device.download(pending["id"], password=PASSWORD)["certificate"]
    assert cert["not_after"][:4] == str(int(company.admin_cert["not_after"][:4]) + 1)
    [entry] = audit(ca, "org_member.claimed")
    assert prepay["order_id"] not in entry.details  # by order number
    # A paid prepayment for someone whose invitation is withdrawn goes back to the admin.
    unused = authorise(company, wang, prepay_years=1)
    admin.pay(unused["prepay"]["order_id"])
    admin.device.revoke_member(company.org_id, unused["id"])
    detail = admin.device.order(unused["prepay"]["order_id"])
    [refund] = detail["refunds"]
    assert refund["reason"] == "prepay_unused"
    assert refund["amount_yuan"] == "300.00"
    assert any("预付的证书费用未被使用" in b for b in outbox(ca, admin.phone))


def test_a_second_employee_is_told_whom_to_ask_or_where_to_claim(
    company: Company, li: Holder
) -> None:
    li.verify_by_phone()

    def apply() -> DeviceError:
        with pytest.raises(DeviceError) as refused:
            li.device.apply_company(
                years=1,
                company_name=company.name,
                uscc=company.uscc,
                legal_rep_name="张三",
                applicant_is_legal_rep=False,
                licence=("l.png", licence_png()),
                authorization=("a.png", licence_png(4)),
            )
        return refused.value

    dead_end = apply()
    assert dead_end.code == "org_already_verified"
    assert dead_end.details["admins"] == ["张*"]
    assert "张*" in dead_end.message
    assert dead_end.details["membership"] is None
    authorise(company, li)
    invited = apply()
    assert invited.details["membership"] == "invited"
    assert "待申领" in invited.message


def test_resend_the_invitation_sms_once_a_minute(
    company: Company, li: Holder, ca: Runtime, clock: FrozenClock
) -> None:
    member = authorise(company, li)
    company.admin.device.resend_invitation(company.org_id, member["id"])
    with pytest.raises(DeviceError) as refused:
        company.admin.device.resend_invitation(company.org_id, member["id"])
    assert (refused.value.status, refused.value.code) == (429, "invitation_resend_too_soon")
    clock.advance(61)
    company.admin.device.resend_invitation(company.org_id, member["id"])
    assert len([b for b in outbox(ca, li.phone) if "待申领" in b]) == 3
    claim(li, member["id"])
    with pytest.raises(DeviceError) as refused:
        company.admin.device.resend_invitation(company.org_id, member["id"])
    assert refused.value.code == "member_not_invited"
    assert len(audit(ca, "org_member.invitation_resent")) == 2


def test_a_company_sends_at_most_so_many_invitations_a_day(
    company: Company, li: Holder, wang: Holder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(company_service, "INVITATIONS_PER_DAY", 2)
    member = authorise(company, li)
    company.admin.device.resend_invitation(company.org_id, member["id"])
    with pytest.raises(DeviceError) as refused:
        authorise(company, wang)
    assert (refused.value.status, refused.value.code) == (429, "invitation_daily_limit")


def test_company_page_and_a_name_change_moves_every_member_certificate(
    company: Company, li: Holder, ca: Runtime
) -> None:
    admin = company.admin
    member = authorise(company, li)
    li_cert = claim_and_download(li, member["id"])
    page = admin.device.company(company.org_id)
    assert (page["name"], page["uscc"], page["my_role"]) == (company.name, company.uscc, "admin")
    assert page["legal_rep_masked"] == "张*"
    assert [(d["kind"], d["status"], d["status_label"]) for d in page["documents"]] == [
        ("business_licence", "verified", "已审核通过")
    ]
    assert {m["name_masked"] for m in page["members"]} == {"张*", "李*"}
    certs = {c["id"]: c for c in page["certificates"]}
    assert set(certs) == {company.admin_cert["id"], li_cert["id"]}
    assert certs[li_cert["id"]]["member_id"] == member["id"]
    assert 360 <= certs[li_cert["id"]]["days_left"] <= 366
    assert certs[li_cert["id"]]["serial"]
    assert not any(c["needs_redownload"] for c in certs.values())

    change = admin.device.change(
        company.admin_cert["id"], "新名称建设工程有限公司", ("proof.png", licence_png(5))
    )
    op = reviewer(ca)
    with ca.sessions() as db:
        review.approve(db, ca, op, change["id"])
    page = admin.device.company(company.org_id)
    assert page["name"] == "新名称建设工程有限公司"
    assert page["name_changes"][0]["old_name"] == company.name
    assert all(c["needs_redownload"] for c in page["certificates"] if c["status"] == "active")
    admin.pay(change["id"])
    # The member's certificate follows: a renamed one to download with their own password.
    [renamed] = li.pending()
    assert (renamed["subject_org"], renamed["predecessor_id"]) == (
        "新名称建设工程有限公司",
        li_cert["id"],
    )
    assert any("单位名称已变更" in b for b in outbox(ca, li.phone))
    result = li.device.download(
        renamed["id"], current_password=PASSWORD, predecessor_id=li_cert["id"]
    )
    assert subject(result["signing_cert"])["O"] == "新名称建设工程有限公司"
    [own] = admin.pending()
    admin.device.download(
        own["id"], current_password=PASSWORD, predecessor_id=company.admin_cert["id"]
    )
    page = admin.device.company(company.org_id)
    active = [c for c in page["certificates"] if c["status"] == "active"]
    assert len(active) == 2
    assert not any(c["needs_redownload"] for c in active)


# ----------------------------------------------------------------------------- usage records


def scan_login(h: Holder, cert_id: str, rp: Any, clock: FrozenClock) -> None:
    clock.advance(60)
    handle = rp.start_login(display_text="登录 某某公共资源交易平台")
    h.device.scan(frame(handle, clock))
    h.device.confirm(handle.session_id, cert_id, PASSWORD)
    assert rp.collect(handle.session_id).status == "complete"


def test_company_usage_records_for_admins_and_their_csv(
    company: Company,
    li: Holder,
    client: TestClient,
    rp_factory: Any,
    clock: FrozenClock,
) -> None:
    admin = company.admin
    member = authorise(company, li)
    li_cert = claim_and_download(li, member["id"])
    rp = rp_factory()
    scan_login(admin, company.admin_cert["id"], rp, clock)
    clock.advance(3600)
    scan_login(li, li_cert["id"], rp, clock)
    scan_login(li, li_cert["id"], rp, clock)
    clock.advance(60)
    handle = rp.start_sign(display_text="签署投标文件", digests=[("投标函.pdf", b"\x01" * 32)])
    li.device.scan(frame(handle, clock))
    li.device.confirm(handle.session_id, li_cert["id"], PASSWORD)
    # Declined before choosing a certificate: the holder's record, not the company's.
    declined = rp.start_login(display_text="登录")
    li.device.scan(frame(declined, clock))
    li.device.reject_scan(declined.session_id)

    records = admin.device.usage(scope="company")
    assert records["total"] == 4
    assert {r["holder_name"] for r in records["items"]} == {"张三", "李四"}
    newest = records["items"][0]
    assert (newest["operation_label"], newest["result"], newest["result_label"]) == (
        "签章",
        "success",
        "成功",
    )
    assert newest["member_id"] == member["id"]
    mine = admin.device.usage(scope="company", org_id=company.org_id, member_id=member["id"])
    assert mine["total"] == 3
    assert admin.device.usage(scope="company", operation="login")["total"] == 3
    serial = admin.device.certificate(company.admin_cert["id"])["signing"]["serial"]
    assert admin.device.usage(scope="company", serial=serial)["total"] == 1
    later = admin.device.usage(
        scope="company", **{"from": (clock.now() - timedelta(minutes=30)).isoformat()}
    )
    assert later["total"] == 3
    page = admin.device.usage(scope="company", limit=2, offset=2)
    assert (page["total"], len(page["items"])) == (4, 2)
    assert admin.device.usage()["total"] == 1  # the admin's own

    # A certificate user sees only their own records.
    assert li.device.usage()["total"] == 4
    with pytest.raises(DeviceError) as refused:
        li.device.usage(scope="company")
    assert (refused.value.status, refused.value.code) == (403, "usage_company_forbidden")
    with pytest.raises(DeviceError) as refused:
        li.device.usage(scope="company", org_id=company.org_id)
    assert refused.value.code == "usage_company_forbidden"

    export = client.get(
        "/api/app/v1/usage/export",
        params={"scope": "company"},
        headers={"Authorization": f"Bearer {admin.device.access_token}"},
    )
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    assert export.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "时间（北京时间）",
        "单位",
        "使用人",
        "证书序列号",
        "操作类型",
        "使用平台",
        "结果",
    ]
    assert [r[2] for r in rows[1:]] == ["张三", "李四", "李四", "李四"]  # oldest first
    assert rows[1][1] == company.name
    assert rows[1][3] == serial
    assert rows[-1][4:] == ["签章", "某某公共资源交易平台", "成功"]
    refused_export = client.get(
        "/api/app/v1/usage/export",
        params={"scope": "company"},
        headers={"Authorization": f"Bearer {li.device.access_token}"},
    )
    assert refused_export.status_code == 403
    assert refused_export.json()["error"]["code"] == "usage_company_forbidden"


def test_the_csv_export_streams_in_chunks(
    company: Company, ca: Runtime, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More rows than a chunk: every row once, in order, across chunk boundaries."""
    monkeypatch.setattr(usage_records, "EXPORT_CHUNK", 7)
    with ca.sessions() as db:
        admin_id = db.scalars(
            select(OrgMember.user_id).where(OrgMember.org_id == company.org_id)
        ).one()
        at = ca.clock.now()
        for i in range(30):
            db.add(
                UsageRecord(
                    session_id=f"s{i:031d}",
                    user_id=admin_id,
                    org_id=company.org_id,
                    holder_name="张三",
                    rp_id="rp",
                    rp_name='=HYPERLINK("x")' if i == 0 else f"平台{i}",
                    operation="login",
                    result="success",
                    created_at=at + timedelta(seconds=i // 3),  # ties on time: id decides
                )
            )
        db.commit()
    export = client.get(
        "/api/app/v1/usage/export",
        params={"scope": "company"},
        headers={"Authorization": f"Bearer {company.admin.device.access_token}"},
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))[1:]
    assert len(rows) == 30
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    names = {r[5] for r in rows}
    assert names == {'\'=HYPERLINK("x")'} | {f"平台{i}" for i in range(1, 30)}  # each once
    # (a formula is text to a spreadsheet: quoted)


def test_operators_see_a_company_and_its_members_masked(
    company: Company, li: Holder, ca: Runtime
) -> None:
    member = authorise(company, li)
    shown = mcert_cli(ca, "org", "show", company.uscc, "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert (data["name"], data["uscc"], data["legal_rep"]) == (company.name, company.uscc, "张*")
    assert data["members"] == {"admin/active": 1, "user/invited": 1}
    [cert] = data["certificates"]
    assert (cert["holder"], cert["status"]) == ("张*", "active")
    listed = mcert_cli(ca, "org", "members", company.uscc)
    assert listed.returncode == 0, listed.stderr
    assert member["id"] in listed.stdout
    assert "李*" in listed.stdout
    assert "139****0002" in listed.stdout
    for secret in (li.phone, li.id_number, company.admin.id_number, "李四"):
        assert secret not in listed.stdout + shown.stdout
    unknown = mcert_cli(ca, "org", "show", USCC(9))
    assert unknown.returncode != 0
    assert "org_not_found" in unknown.stderr
