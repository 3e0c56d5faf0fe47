"""Companies as users (issue #11, manual parts 2.1 and 9): member authorisation (授权管理),
certificates to claim (待申领的证书), the company page (单位信息), and what revoking a
member does to their certificates and sessions."""

from __future__ import annotations

import re
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
    verified_company,
)
from tests.holders import Holder, face_jpeg, make_holder

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.ident import make_resident_id
from mcert.org.models import OrgMember
from mcert.providers.sms import SandboxSMSSender
from mcert.runtime import Runtime
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
        return list(db.scalars(select(AuditEntry).where(AuditEntry.action == action)).all())


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
