"""Personal data (docs/privacy.md): retention of face captures and bank cards, 我的信息
(export), 注销账号 (cancellation with its cooling-off) and the operators' report."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.api.lifecycle.test_after_download import ocsp_status
from tests.companies import PASSWORD, authorise, claim_and_download, verified_company
from tests.conftest import cli_env, last_code, mcert_cli
from tests.holders import Holder, face_jpeg, make_holder, personal_certificate
from tests.operators import console_headers

from mcert.account.models import Device, User
from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.consent.models import ConsentRecord
from mcert.ident import make_bank_card
from mcert.jobs import run_all
from mcert.notify.models import Message
from mcert.operator import service as operators
from mcert.providers.sms import SandboxSMSSender
from mcert.providers.storage import ObjectNotFound
from mcert.realname.models import FaceCheck, Identity, RealnameAttempt
from mcert.rights import retention
from mcert.runtime import Runtime
from mcert_device import privacy
from mcert_device.client import DeviceClient, DeviceError

BANK_PHONE = "13700001111"


def _audit(rt: Runtime, action: str) -> list[AuditEntry]:
    with rt.sessions() as db:
        return list(
            db.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            ).all()
        )


def _outbox(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50)]


# ----------------------------------------------------------------------------- retention


def _verified_by_card(h: Holder) -> str:
    attempt = h.device.realname_bank_card(h.name, h.id_number, make_bank_card(), BANK_PHONE)
    h.device.realname_sms(attempt["id"], last_code(h.runtime, BANK_PHONE))
    assert h.device.realname_face(attempt["id"], face_jpeg())["verified"]
    return str(attempt["id"])


def test_retention_deletes_due_face_images_and_cards_keeping_result_and_hash(
    client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    # The story starts 40 days ago, so that the operator's command (which runs on the real
    # clock) finds the last capture due at the end.
    today = clock.now()
    clock.set(today - timedelta(days=40))
    holder = make_holder(client, ca, clock)
    attempt_id = _verified_by_card(holder)
    # An attempt abandoned after the bank's SMS: its card goes with the others.
    clock.advance(61)
    abandoned = holder.device.realname_bank_card(
        holder.name, holder.id_number, make_bank_card(seq=2), BANK_PHONE
    )["id"]
    clock.set(today - timedelta(days=5))
    holder.login()
    check_id = holder.device.face_check(face_jpeg(3))
    with ca.sessions() as db:
        attempt = db.get(RealnameAttempt, attempt_id)
        check = db.get(FaceCheck, check_id)
        assert attempt is not None
        assert check is not None
        assert attempt.card_enc
        assert attempt.face_object_key
        assert check.object_key
        face_key, check_key = attempt.face_object_key, check.object_key
        # The hash recorded at capture is the hash of what was stored.
        assert attempt.face_sha256 == hashlib.sha256(ca.storage.get(face_key)).hexdigest()
        hashes = (attempt.face_sha256, check.face_sha256)

    # Day 29 after the verification: nothing is due yet.
    clock.set(today - timedelta(days=11))
    with ca.sessions() as db:
        assert retention.due(db, ca, clock.now()) == []
        assert retention.enforce(db, ca).deleted == 0

    # Day 31: the verification's capture and card are due; the later face check is not.
    clock.set(today - timedelta(days=9))
    with ca.sessions() as db:
        dry = retention.enforce(db, ca, dry_run=True)
    # The verification's capture is on the attempt and on the face check it counted as.
    with ca.sessions() as db:
        [verification_check] = db.scalars(
            select(FaceCheck.id).where(FaceCheck.object_key == face_key)
        ).all()
    assert sorted((d.kind, d.table, d.row_id) for d in dry.due) == sorted(
        [
            ("bank_card", "realname_attempts", abandoned),
            ("bank_card", "realname_attempts", attempt_id),
            ("face_image", "face_checks", verification_check),
            ("face_image", "realname_attempts", attempt_id),
        ]
    )
    assert ca.storage.get(face_key)  # a dry run deletes nothing

    results = run_all(ca)
    assert results["privacy_retention"] == "deleted: bank_card 2, face_image 2"
    with pytest.raises(ObjectNotFound):
        ca.storage.get(face_key)
    assert ca.storage.get(check_key)  # not yet due
    with ca.sessions() as db:
        attempt = db.get(RealnameAttempt, attempt_id)
        assert attempt is not None
        assert attempt.status == "verified"  # the result stays
        assert attempt.face_sha256 == hashes[0]  # and the hash
        assert attempt.face_object_key is None
        assert attempt.face_deleted_at == clock.now()
        assert attempt.card_enc is None
        assert attempt.bank_phone_enc is None
        assert attempt.card_deleted_at == clock.now()
        assert db.scalars(select(Identity)).one().user_id == attempt.user_id
    deleted = _audit(ca, "privacy.face_image.deleted") + _audit(ca, "privacy.bank_card.deleted")
    assert {e.target_id for e in deleted} == {attempt_id, verification_check, abandoned}
    for e in deleted:
        details = json.loads(e.details) if isinstance(e.details, str) else e.details
        assert details["reason"] == "retention"
        assert str(hashes[0]) not in json.dumps(details)  # the entry names the row, not data
    with ca.sessions() as db:
        stale = db.get(RealnameAttempt, abandoned)
        assert stale is not None
        assert (stale.status, stale.failure_reason, stale.card_enc) == ("failed", "expired", None)
    assert run_all(ca)["privacy_retention"] == "deleted: nothing"  # nothing twice

    # The operator's command, with a 3-day period: the 5-day-old face check is due.
    env = {**cli_env(ca), "MCERT_RETENTION_FACE_DAYS": "3"}
    cmd = [sys.executable, "-m", "mcert.cli", "privacy", "retention"]
    dry_cli = subprocess.run([*cmd, "--dry-run"], env=env, capture_output=True, text=True)
    assert dry_cli.returncode == 0, dry_cli.stderr
    assert f"face_image  face_checks  {check_id}" in dry_cli.stdout
    assert "due: face_image 1" in dry_cli.stdout
    assert ca.storage.get(check_key)
    run = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "deleted: 1 of 1 due" in run.stdout
    with pytest.raises(ObjectNotFound):
        ca.storage.get(check_key)
    with ca.sessions() as db:
        check = db.get(FaceCheck, check_id)
        assert check is not None
        assert (check.passed, check.face_sha256, check.object_key) == (True, hashes[1], None)


# ----------------------------------------------------------------------------- export


def test_export_has_every_category_masked_in_json_and_escaped_html(
    holder: Holder, ca: Runtime, client: TestClient
) -> None:
    _verified_by_card(holder)
    personal_certificate(holder)
    holder.device.request(
        "POST",
        "/api/app/v1/invoice-titles",
        json={"kind": "personal", "name": "张三<script>alert(1)</script>"},
    )
    summary = privacy.summary(holder.device)
    counts = {c["key"]: c["count"] for c in summary["categories"]}
    for key in (
        "account",
        "identity",
        "realname_attempts",
        "face_checks",
        "certificates",
        "orders",
        "invoice_titles",
        "messages",
        "devices",
        "consents",
    ):
        assert counts[key] >= 1, key
    assert counts["seals"] == 0

    raw = privacy.export(holder.device, "json")
    doc = json.loads(raw)
    cats = {c["key"]: c["records"] for c in doc["categories"]}
    assert set(cats) == {k for k, n in counts.items() if n}
    text = raw.decode()
    # Masked: the phone, the ID number, the bank card; never a secret.
    assert holder.phone not in text
    assert holder.phone[:3] + "****" in text
    assert holder.id_number not in text
    assert cats["identity"][0]["id_number"].endswith(holder.id_number[-4:])
    assert cats["identity"][0]["name"] == "张三"
    [attempt] = cats["realname_attempts"]
    assert "**** ****" in attempt["bank_card"]
    assert attempt["face_image_sha256"]
    assert attempt["face_image_held"] is True
    assert BANK_PHONE not in text
    for secret in ("verifier", "server_share", "escrow", "token", "code_hash"):
        assert secret not in text
    agreed = {c["document"] for c in cats["consents"]}
    assert {"user_agreement", "privacy_policy", "realname", "face"} <= agreed
    assert all(c["client_ip"] is None or c["client_ip"].endswith("*") for c in cats["consents"])
    [cert] = cats["certificates"]
    assert cert["status"] == "有效"
    assert cert["serial"]

    page = privacy.export(holder.device, "html").decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "实名认证信息" in page
    assert holder.id_number not in page

    resp = client.get(
        "/api/app/v1/privacy/export",
        params={"format": "html"},
        headers={"Authorization": f"Bearer {holder.device.access_token}"},
    )
    assert resp.headers["content-type"].startswith("text/html")
    assert resp.headers["content-disposition"].startswith("attachment;")
    assert client.get("/api/app/v1/privacy/export").status_code == 401
    bad = holder.device.http.get(
        "/api/app/v1/privacy/export",
        params={"format": "xml"},
        headers={"Authorization": f"Bearer {holder.device.access_token}"},
    )
    assert bad.status_code == 422

    # Each export is a recorded request the operators see.
    listed = mcert_cli(ca, "privacy", "requests", "--kind", "export", "--json")
    rows = json.loads(listed.stdout)
    assert sorted(r["format"] for r in rows) == ["html", "html", "json"]  # same frozen time
    assert len(_audit(ca, "privacy.exported")) == 3


# ----------------------------------------------------------------------------- cancellation


def _cancel(h: Holder) -> dict[str, Any]:
    h.clock.advance(61)  # past the resend interval
    privacy.cancellation_code(h.device)
    return dict(privacy.cancel(h.device, last_code(h.runtime, h.phone)))


def test_cancellation_needs_the_sms_code_and_can_be_withdrawn(
    holder: Holder, ca: Runtime, clock: FrozenClock
) -> None:
    status = privacy.cancellation(holder.device)
    assert status["pending"] is None
    assert status["blockers"] == []
    assert status["cooling_off_days"] == 7
    assert any("吊销" in c for c in status["consequences"])
    with pytest.raises(DeviceError) as no_code:
        privacy.cancel(holder.device, "123456")
    assert no_code.value.code == "sms_code_invalid"

    req = _cancel(holder)
    assert req["status"] == "pending"
    assert req["status_label"] == "冷静期中"
    sms = [b for b in _outbox(ca, holder.phone) if "注销" in b]
    assert sms
    assert "撤销" in sms[0]
    with pytest.raises(DeviceError) as twice:
        _cancel(holder)
    assert twice.value.code == "cancel_pending"

    clock.advance(timedelta(days=6))
    run_all(ca)
    assert privacy.cancellation(holder.device)["pending"]["id"] == req["id"]  # still cooling
    withdrawn = privacy.withdraw(holder.device)
    assert withdrawn["status"] == "withdrawn"
    clock.advance(timedelta(days=2))
    run_all(ca)
    assert holder.device.me()["user"]["phone_masked"]  # the account lives on
    with pytest.raises(DeviceError) as none:
        privacy.withdraw(holder.device)
    assert none.value.code == "cancel_not_pending"
    assert [e.action for e in _audit(ca, "account.cancellation.withdrawn")]


def test_completed_cancellation_revokes_anonymises_and_frees_the_phone(
    holder: Holder, ca: Runtime, clock: FrozenClock, client: TestClient
) -> None:
    cert = personal_certificate(holder)
    pem = holder.device.keystore.entries[cert["id"]].signing_cert_pem
    assert ocsp_status(client, pem)[0] == ocsp.OCSPCertStatus.GOOD
    with ca.sessions() as db:
        user_id = db.scalars(select(User.id)).one()
        face_keys = [k for k in db.scalars(select(RealnameAttempt.face_object_key)) if k]
    req = _cancel(holder)

    clock.advance(timedelta(days=7, seconds=1))
    assert run_all(ca)["account_cancellations"] == "completed 1 of 1 due"

    status, reason = ocsp_status(client, pem)
    assert status == ocsp.OCSPCertStatus.REVOKED
    assert reason.name == "cessation_of_operation"
    with ca.sessions() as db:
        user = db.get(User, user_id)
        assert user is not None
        assert user.status == "cancelled"
        assert db.scalars(select(Identity)).all() == []
        kept = db.scalars(select(ConsentRecord).where(ConsentRecord.user_id == user_id)).all()
        assert kept  # what was agreed and when stays; where from does not
        assert all(c.client_ip_enc is None for c in kept)
        assert db.scalars(select(Message).where(Message.user_id == user_id)).all() == []
        for attempt in db.scalars(select(RealnameAttempt)):
            assert (attempt.name_enc, attempt.id_number_enc, attempt.card_enc) == ("", "", None)
            assert attempt.face_object_key is None
            assert attempt.face_sha256
        for d in db.scalars(select(Device).where(Device.user_id == user_id)):
            assert d.public_key is None
            assert d.key_thumbprint is None
    for key in face_keys:
        with pytest.raises(ObjectNotFound):
            ca.storage.get(key)
    # The old session is over; the completion SMS went out before the phone was erased.
    with pytest.raises(DeviceError) as gone:
        holder.device.me()
    assert gone.value.status == 401
    assert any("账号已注销" in b for b in _outbox(ca, holder.phone))
    [done] = _audit(ca, "account.cancelled")
    details = json.loads(done.details) if isinstance(done.details, str) else done.details
    assert details["revoked"] == 1
    assert holder.phone not in json.dumps(details)

    # The same phone logs in as a new, empty account.
    again = DeviceClient(http=client, device_name="新手机")
    clock.advance(61)
    again.request_code(holder.phone)
    login = again.login(holder.phone, last_code(ca, holder.phone), agree=True)
    assert login["is_new_user"] is True
    assert login["user"]["id"] != user_id
    assert again.certificates() == []
    assert again.orders()["total"] == 0
    assert not again.realname_status()["verified"]

    # The operators' report and console show the request as completed.
    listed = json.loads(mcert_cli(ca, "privacy", "requests", "--json").stdout)
    [row] = [r for r in listed if r["id"] == req["id"]]
    assert row["status"] == "completed"
    assert row["outcome"]["revoked"] == 1
    with ca.sessions() as db:
        operators.create_operator(
            db, ca, username="aud1", password="audit-pass-123", role="auditor",
            display_name="审计员",
        )  # fmt: skip
        operators.create_operator(
            db, ca, username="rev1", password="review-pass-123", role="reviewer",
            display_name="审核员",
        )  # fmt: skip

    def console(username: str, password: str) -> Any:
        return client.get(
            "/api/console/v1/privacy/requests",
            params={"kind": "cancellation"},
            headers=console_headers(client, ca, username, password),
        )

    seen = console("aud1", "audit-pass-123")
    assert seen.status_code == 200, seen.text
    assert [(r["id"], r["status"]) for r in seen.json()] == [(req["id"], "completed")]
    assert console("rev1", "review-pass-123").status_code == 403


def test_the_last_company_admin_must_hand_over_first(
    holder: Holder, ca: Runtime, client: TestClient, clock: FrozenClock
) -> None:
    company = verified_company(holder)
    li = make_holder(client, ca, clock, n=2, name="李四")
    member = authorise(company, li, "user")
    claim_and_download(li, member["id"], PASSWORD)
    # Both see the company in their export, with their role.
    for person, role in ((holder, "证书管理员"), (li, "证书使用人")):
        doc = json.loads(privacy.export(person.device))
        cats = {c["key"]: c["records"] for c in doc["categories"]}
        assert [(c["company"], c["role"]) for c in cats["companies"]] == [(company.name, role)]
        assert [c["company"] for c in cats["certificates"]] == [company.name]
    blockers = privacy.cancellation(holder.device)["blockers"]
    assert len(blockers) == 1
    assert company.name in blockers[0]
    with pytest.raises(DeviceError) as refused:
        _cancel(holder)
    assert refused.value.status == 409
    assert refused.value.code == "cancel_last_admin"
    assert "唯一的证书管理员" in refused.value.message

    # A user (not an admin) may cancel; their company certificate goes with the account.
    _cancel(li)
    holder.device.set_role(company.org_id, member["id"], "admin")  # now two admins
    assert privacy.cancellation(holder.device)["blockers"] == []
    clock.advance(timedelta(days=8))
    run_all(ca)
    members = {m["id"]: m for m in holder.device.members(company.org_id)["items"]}
    assert members[member["id"]]["status"] == "revoked"
