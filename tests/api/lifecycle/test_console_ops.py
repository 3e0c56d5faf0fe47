"""The console's operators, two-person approvals, certificates, CA and relying parties
(issue #16), through the HTTP API as the console uses it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.companies import verified_company
from tests.conftest import mcert_cli
from tests.holders import Holder, licence_png, personal_certificate
from tests.operators import console_headers, create

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.jobs import run_all
from mcert.operator.models import Operator
from mcert.review import service as review_service
from mcert.review.service import SecondOperatorRequired
from mcert.runtime import Runtime
from mcert_rp import APIError
from mcert_rp import Client as RPClient

C = "/api/console/v1"


def _login(client: TestClient, rt: Runtime, username: str, role: str) -> dict[str, str]:
    create(rt, username, role=role)
    return console_headers(client, rt, username)


def _op_id(rt: Runtime, username: str) -> str:
    with rt.sessions() as db:
        return db.scalars(select(Operator.id).where(Operator.username == username)).one()


def _audit(rt: Runtime, action: str) -> list[AuditEntry]:
    with rt.sessions() as db:
        query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        rows = list(db.scalars(query))
        for r in rows:
            db.expunge(r)
        return rows


def _ocsp_status(client: TestClient, cert_pem: str) -> ocsp.OCSPCertStatus:
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    issuer = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    req = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    resp = client.post(
        "/pki/ocsp",
        content=req.public_bytes(serialization.Encoding.DER),
        headers={"content-type": "application/ocsp-request"},
    )
    answer = ocsp.load_der_ocsp_response(resp.content)
    return answer.certificate_status


# ------------------------------------------------------------------------------ operators


def test_admin_manages_operators_and_every_change_is_audited(
    client: TestClient, ca: Runtime
) -> None:
    admin = _login(client, ca, "admin1", "admin")
    made = client.post(
        f"{C}/operators",
        headers=admin,
        json={
            "username": "officer9",
            "display_name": "业务员九",
            "role": "officer",
            "password": "officer-pass-9",
        },
    )
    assert made.status_code == 200, made.text
    row = made.json()
    assert row["role_label"] == "CA 业务员"
    assert row["totp_enrolled"] is False
    officer = console_headers(client, ca, "officer9", "officer-pass-9")
    listed = {o["username"]: o for o in client.get(f"{C}/operators", headers=admin).json()}
    assert listed["officer9"]["totp_enrolled"] is True
    assert listed["officer9"]["last_login_at"] is not None

    assert client.get(f"{C}/operators", headers=officer).status_code == 403
    refused = client.post(
        f"{C}/operators/{row['id']}/role", headers=officer, json={"role": "admin"}
    )
    assert refused.json()["error"]["code"] == "operator_manage_required"

    changed = client.post(
        f"{C}/operators/{row['id']}/role", headers=admin, json={"role": "auditor"}
    )
    assert changed.json()["role"] == "auditor"
    assert client.get(f"{C}/me", headers=officer).json()["permissions"] == [
        "audit_read",
        "dashboard",
        "lookup",
    ]
    disabled = client.post(f"{C}/operators/{row['id']}/disable", headers=admin)
    assert disabled.json()["disabled"] is True
    assert client.get(f"{C}/me", headers=officer).status_code == 401  # its sessions ended
    assert client.post(f"{C}/operators/{row['id']}/enable", headers=admin).json()["disabled"] is (
        False
    )
    reset = client.post(f"{C}/operators/{row['id']}/reset-2fa", headers=admin)
    assert reset.json()["totp_enrolled"] is False
    again = client.post(
        f"{C}/auth/login", json={"username": "officer9", "password": "officer-pass-9"}
    )
    assert again.json()["status"] == "enrol"

    me = _op_id(ca, "admin1")
    mine = client.post(f"{C}/operators/{me}/disable", headers=admin)
    assert mine.status_code == 409
    assert mine.json()["error"]["code"] == "operator_self"
    for action in (
        "operator.created",
        "operator.role_changed",
        "operator.disabled",
        "operator.enabled",
        "operator.totp_reset",
    ):
        [entry] = _audit(ca, action) if action != "operator.created" else _audit(ca, action)[-1:]
        assert (entry.actor_type, entry.actor_id) == ("operator", me), action


def test_cli_lists_and_manages_operators(client: TestClient, ca: Runtime) -> None:
    create(ca, "reviewer7")
    console_headers(client, ca, "reviewer7")
    out = mcert_cli(ca, "operator", "list")
    assert out.returncode == 0, out.stderr
    assert "reviewer7\treviewer\t2fa\tactive" in out.stdout
    assert mcert_cli(ca, "operator", "role", "reviewer7", "officer").returncode == 0
    assert mcert_cli(ca, "operator", "disable", "reviewer7").returncode == 0
    out = mcert_cli(ca, "operator", "list").stdout
    assert "reviewer7\tofficer\t2fa\tdisabled" in out
    assert mcert_cli(ca, "operator", "enable", "reviewer7").returncode == 0
    assert mcert_cli(ca, "operator", "reset-2fa", "reviewer7").returncode == 0
    assert "reviewer7\tofficer\tno-2fa\tactive" in mcert_cli(ca, "operator", "list").stdout
    bad = mcert_cli(ca, "operator", "disable", "nobody")
    assert bad.returncode != 0
    assert "operator_not_found" in bad.stderr
    [entry] = _audit(ca, "operator.totp_reset")
    assert (entry.actor_type, entry.actor_id) == ("system", "cli")


# --------------------------------------------------------------------- certificates and CA


def test_officer_finds_and_revokes_a_certificate_and_ocsp_answers_revoked(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    cert = personal_certificate(holder)
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    officer = _login(client, ca, "officer1", "officer")
    reviewer = _login(client, ca, "reviewer1", "reviewer")

    [row] = client.get(f"{C}/certificates", headers=officer, params={"q": serial}).json()
    assert row["id"] == cert["id"]
    assert row["kind"] == "personal"
    assert row["status"] == "active"
    assert holder.name not in str(row)  # masked
    assert "*" in row["holder_name_masked"]
    detail = client.get(f"{C}/certificates/{cert['id']}", headers=officer).json()
    assert detail["ocsp_status"] == "good"
    assert detail["history"] == [
        {"id": cert["id"], "serial_hex": serial, "action": "issued", "at": detail["not_before"]}
    ]
    assert _ocsp_status(client, detail["pem"]) == ocsp.OCSPCertStatus.GOOD

    refused = client.post(
        f"{C}/certificates/{cert['id']}/revoke", headers=reviewer, json={"reason": "key_compromise"}
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "revoke_required"
    bad = client.post(
        f"{C}/certificates/{cert['id']}/revoke", headers=officer, json={"reason": "whatever"}
    )
    assert bad.status_code == 422
    done = client.post(
        f"{C}/certificates/{cert['id']}/revoke",
        headers=officer,
        json={"reason": "key_compromise", "note": "持有人报告手机丢失"},
    )
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "revoked"
    assert body["ocsp_status"] == "revoked"
    assert body["revocation_reason"] == "key_compromise"
    assert _ocsp_status(client, detail["pem"]) == ocsp.OCSPCertStatus.REVOKED
    listed = client.get(f"{C}/certificates", headers=officer, params={"status": "revoked"}).json()
    assert [c["id"] for c in listed] == [cert["id"]]
    assert (
        client.get(f"{C}/certificates", headers=officer, params={"status": "active"}).json() == []
    )
    company = client.get(f"{C}/certificates", headers=officer, params={"kind": "company"}).json()
    assert company == []
    assert holder.device.certificate(cert["id"])["encryption"]["status"] == "revoked"
    [entry] = _audit(ca, "holder_cert.revoked_by_operator")
    assert (entry.actor_type, entry.actor_id) == ("operator", _op_id(ca, "officer1"))
    again = client.post(
        f"{C}/certificates/{cert['id']}/revoke", headers=officer, json={"reason": "key_compromise"}
    )
    assert again.status_code == 409

    crl = client.get(f"{C}/ca/crl", headers=reviewer).json()
    assert crl["revoked_count"] >= 2
    kinds = {c["kind"]: c for c in client.get(f"{C}/ca", headers=reviewer).json()}
    assert set(kinds) == {"root", "issuing", "ocsp", "tsa"}
    assert kinds["issuing"]["days_left"] > 300


# ----------------------------------------------------------------- two-person approvals


def test_company_revocation_needs_a_second_officer(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    company = verified_company(holder)
    first = _login(client, ca, "officer1", "officer")
    second = _login(client, ca, "officer2", "officer")
    auditor = _login(client, ca, "auditor1", "auditor")
    proposed = client.post(
        f"{C}/companies/{company.org_id}/revoke-certificates",
        headers=first,
        json={"reason": "cessation_of_operation", "note": "企业注销"},
    )
    assert proposed.status_code == 202, proposed.text
    a = proposed.json()
    assert a["status"] == "pending"
    assert a["kind"] == "company_revoke"
    assert a["proposer"]["id"] == _op_id(ca, "officer1")
    assert a["params"]["count"] == 1
    # Nothing happened yet.
    cert_id = company.admin_cert["id"]
    assert holder.device.certificate(cert_id)["status"] == "active"
    dup = client.post(
        f"{C}/companies/{company.org_id}/revoke-certificates",
        headers=second,
        json={"reason": "cessation_of_operation"},
    )
    assert dup.json()["error"]["code"] == "approval_pending"

    pending = client.get(f"{C}/approvals", headers=auditor, params={"status": "pending"}).json()
    assert [p["id"] for p in pending] == [a["id"]]
    own = client.post(f"{C}/approvals/{a['id']}/approve", headers=first)
    assert own.status_code == 403
    assert own.json()["error"]["code"] == "approval_self"
    audit_only = client.post(f"{C}/approvals/{a['id']}/approve", headers=auditor)
    assert audit_only.status_code == 403
    assert audit_only.json()["error"]["code"] == "revoke_required"
    ok = client.post(f"{C}/approvals/{a['id']}/approve", headers=second)
    assert ok.status_code == 200, ok.text
    done = ok.json()
    assert done["status"] == "approved"
    assert done["decided_by"]["id"] == _op_id(ca, "officer2")
    assert done["result"]["revoked"] == 1
    assert holder.device.certificate(cert_id)["status"] == "revoked"
    twice = client.post(f"{C}/approvals/{a['id']}/approve", headers=second)
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "approval_decided"
    [proposal] = _audit(ca, "approval.proposed")
    [approval] = _audit(ca, "approval.approved")
    assert proposal.actor_id == _op_id(ca, "officer1")
    assert approval.actor_id == _op_id(ca, "officer2")
    revoked = _audit(ca, "certificate.revoked")
    assert {(e.actor_type, e.actor_id) for e in revoked} == {("operator", _op_id(ca, "officer2"))}


def test_name_change_rejection_is_proposed_then_rejected_or_executed(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    company = verified_company(holder)
    change = holder.device.change(
        company.admin_cert["id"], "新名称科技有限公司", ("proof.png", licence_png(5))
    )
    one = _login(client, ca, "reviewer1", "reviewer")
    two = _login(client, ca, "reviewer2", "reviewer")
    officer = _login(client, ca, "officer1", "officer")
    proposed = client.post(
        f"{C}/reviews/{change['id']}/reject", headers=one, json={"reason": "证明文件不清晰"}
    )
    assert proposed.status_code == 202, proposed.text
    a = proposed.json()
    assert a["kind"] == "name_change_reject"
    assert client.get(f"{C}/reviews/{change['id']}", headers=one).json()["status"] == (
        "pending_review"
    )
    # An officer may not decide a review (the action needs `review`).
    assert client.post(f"{C}/approvals/{a['id']}/approve", headers=officer).status_code == 403
    no = client.post(
        f"{C}/approvals/{a['id']}/reject", headers=two, json={"reason": "材料可以接受"}
    )
    assert no.status_code == 200
    assert no.json()["status"] == "rejected"
    assert no.json()["decision_reason"] == "材料可以接受"
    assert client.get(f"{C}/reviews/{change['id']}", headers=one).json()["status"] == (
        "pending_review"
    )
    again = client.post(
        f"{C}/reviews/{change['id']}/reject", headers=one, json={"reason": "证明文件不清晰"}
    ).json()
    yes = client.post(f"{C}/approvals/{again['id']}/approve", headers=two)
    assert yes.status_code == 200, yes.text
    assert yes.json()["result"]["order_status"] == "rejected"
    assert client.get(f"{C}/reviews/{change['id']}", headers=one).json()["status"] == "rejected"


def test_a_name_change_is_rejected_by_two_operators_from_the_cli_and_the_service_too(
    client: TestClient, ca: Runtime, holder: Holder
) -> None:
    company = verified_company(holder)
    change = holder.device.change(
        company.admin_cert["id"], "新名称科技有限公司", ("proof.png", licence_png(6))
    )
    one = _login(client, ca, "reviewer1", "reviewer")
    done = mcert_cli(
        ca, "review", "reject", change["id"], "--operator", "reviewer1", "--reason", "证明不清"
    )
    assert done.returncode == 0, done.stderr
    assert "needs a second operator" in done.stdout
    assert client.get(f"{C}/reviews/{change['id']}", headers=one).json()["status"] == (
        "pending_review"
    )
    [pending] = client.get(f"{C}/approvals", headers=one, params={"status": "pending"}).json()
    assert pending["kind"] == "name_change_reject"
    # The service itself refuses a one-operator rejection, whoever calls it.
    with ca.sessions() as db:
        op = db.scalars(select(Operator).where(Operator.username == "reviewer1")).one()
        with pytest.raises(SecondOperatorRequired):
            review_service.reject(db, ca, op, change["id"], "证明不清")
    two = _login(client, ca, "reviewer2", "reviewer")
    yes = client.post(f"{C}/approvals/{pending['id']}/approve", headers=two)
    assert yes.status_code == 200, yes.text
    assert client.get(f"{C}/reviews/{change['id']}", headers=one).json()["status"] == "rejected"


def _propose_rotation(client: TestClient, ca: Runtime) -> dict[str, Any]:
    """An officer's pending proposal (a relying party's secret rotation)."""
    first = _login(client, ca, "officer1", "officer")
    made = client.post(
        f"{C}/relying-parties",
        headers=first,
        json={"name": "某某交易平台", "operations": ["login"], "callback_url": None},
    ).json()
    proposed: dict[str, Any] = client.post(
        f"{C}/relying-parties/{made['id']}/rotate-secret", headers=first
    ).json()
    return proposed


def test_pending_approvals_expire_after_24_hours(
    client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    a = _propose_rotation(client, ca)
    clock.advance(timedelta(hours=24, seconds=1).total_seconds())
    second = _login(client, ca, "officer2", "officer")
    late = client.post(f"{C}/approvals/{a['id']}/approve", headers=second)
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "approval_decided"
    [row] = client.get(f"{C}/approvals", headers=second, params={"status": "expired"}).json()
    assert row["id"] == a["id"]
    [entry] = _audit(ca, "approval.expired")
    assert entry.actor_type == "system"


def test_the_jobs_expire_an_approval_nobody_looks_at(
    client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    _propose_rotation(client, ca)
    assert run_all(ca)["approvals"] == 0  # not yet due
    clock.advance(timedelta(hours=24, seconds=1).total_seconds())
    assert _audit(ca, "approval.expired") == []
    assert run_all(ca)["approvals"] == 1
    [entry] = _audit(ca, "approval.expired")
    assert entry.actor_type == "system"
    assert run_all(ca)["approvals"] == 0


# ------------------------------------------------------------------------ relying parties


def _rp(client: TestClient, app_id: str, secret: str, clock: FrozenClock) -> RPClient:
    return RPClient(
        str(client.base_url), app_id, secret, http=client, clock=lambda: clock.now().timestamp()
    )


def test_relying_party_create_patch_and_rotate_with_the_secret_shown_once(
    client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    first = _login(client, ca, "officer1", "officer")
    second = _login(client, ca, "officer2", "officer")
    auditor = _login(client, ca, "auditor1", "auditor")
    made = client.post(
        f"{C}/relying-parties",
        headers=first,
        json={
            "name": "某某公共资源交易平台",
            "operations": ["login", "sign"],
            "callback_url": "https://rp.example/cb",
        },
    )
    assert made.status_code == 200, made.text
    rp = made.json()
    old_secret = rp.pop("secret")
    assert rp["usage_30d"] == {"login": 0, "sign": 0, "decrypt": 0, "seal": 0}
    listed = client.get(f"{C}/relying-parties", headers=auditor).json()
    assert listed == [rp]
    assert "secret" not in str(listed)
    assert (
        client.post(
            f"{C}/relying-parties", headers=auditor, json={"name": "x平台", "operations": ["login"]}
        ).json()["error"]["code"]
        == "rp_manage_required"
    )
    old = _rp(client, rp["app_id"], old_secret, clock)
    assert old.start_login(display_text="登录").session_id

    patched = client.patch(
        f"{C}/relying-parties/{rp['id']}",
        headers=first,
        json={"operations": ["login", "sign", "decrypt"], "callback_url": ""},
    ).json()
    assert patched["operations"] == ["login", "sign", "decrypt"]
    assert patched["callback_url"] is None
    off = client.patch(f"{C}/relying-parties/{rp['id']}", headers=first, json={"enabled": False})
    assert off.json()["enabled"] is False
    with pytest.raises(APIError):
        old.start_login(display_text="登录")
    client.patch(f"{C}/relying-parties/{rp['id']}", headers=first, json={"enabled": True})

    proposed = client.post(f"{C}/relying-parties/{rp['id']}/rotate-secret", headers=first)
    assert proposed.status_code == 202
    a = proposed.json()
    assert a["kind"] == "rp_secret_rotate"
    assert old.start_login(display_text="登录").session_id  # still the old secret
    assert client.get(f"{C}/approvals/{a['id']}/secret", headers=first).status_code == 409
    approved = client.post(f"{C}/approvals/{a['id']}/approve", headers=second).json()
    assert approved["status"] == "approved"
    assert approved["secret_available"] is True
    # Only the proposer fetches it, once.
    assert client.get(f"{C}/approvals/{a['id']}/secret", headers=second).status_code == 404
    taken = client.get(f"{C}/approvals/{a['id']}/secret", headers=first)
    assert taken.status_code == 200
    new_secret = taken.json()["secret"]
    gone = client.get(f"{C}/approvals/{a['id']}/secret", headers=first)
    assert gone.status_code == 410
    assert gone.json()["error"]["code"] == "secret_gone"
    with pytest.raises(APIError):
        old.start_login(display_text="登录")
    assert _rp(client, rp["app_id"], new_secret, clock).start_login(display_text="登录")
    with ca.sessions() as db:
        stored: list[Any] = list(db.scalars(select(AuditEntry.details)))
    assert new_secret not in str(stored)
    assert old_secret not in str(stored)
    [rotated] = _audit(ca, "rp.secret_rotated")
    assert rotated.actor_id == _op_id(ca, "officer2")
