"""After download: password lock and reset, renewal, reissue, company name change, and the
payment notifications that drive orders (manual parts 5, 6, 7, 10)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.holders import (
    USCC,
    Certified,
    Holder,
    face_jpeg,
    licence_png,
    make_holder,
    personal_certificate,
)

from mcert import keyprotect
from mcert.audit.models import AuditEntry
from mcert.ca.service import PASSWORD_MAC_LABEL
from mcert.cert import service as cert_service
from mcert.cert.models import HolderCertificate
from mcert.clock import FrozenClock
from mcert.operator import service as operators
from mcert.order.models import Order
from mcert.pki import cms
from mcert.providers.payment import rsa2_sign
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.review import service as review
from mcert.runtime import Runtime
from mcert_device.client import DeviceError

PASSWORD = "Bid#2026go"


def ocsp_status(client: TestClient, pem: str) -> tuple[ocsp.OCSPCertStatus, Any]:
    cert = x509.load_pem_x509_certificate(pem.encode())
    issuer = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    req = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    resp = ocsp.load_der_ocsp_response(
        client.post("/pki/ocsp", content=req.public_bytes(serialization.Encoding.DER)).content
    )
    return resp.certificate_status, resp.revocation_reason


# ----------------------------------------------------------------------------- password


def test_five_wrong_passwords_lock_and_reset_unlocks_with_same_serial(certified: Certified) -> None:
    holder, cert = certified.holder, certified.cert
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    lefts = []
    for _ in range(4):
        with pytest.raises(DeviceError) as wrong:
            holder.device.unlock(cert["id"], "Wrong#pass1")
        assert wrong.value.code == "password_wrong"
        assert wrong.value.status == 403
        lefts.append(wrong.value.details["attempts_left"])
    assert lefts == [4, 3, 2, 1]
    with pytest.raises(DeviceError) as fifth:
        holder.device.unlock(cert["id"], "Wrong#pass1")
    assert fifth.value.code == "cert_locked"
    with pytest.raises(DeviceError) as right:
        holder.device.unlock(cert["id"], PASSWORD)
    assert right.value.code == "cert_locked"
    assert holder.device.certificate(cert["id"])["locked"] is True

    with pytest.raises(DeviceError) as no_face:
        holder.device.reset_password(cert["id"], "no-such-check", "New#pass2026")
    assert no_face.value.code == "face_check_required"
    check = holder.device.face_check(face_jpeg(2))
    holder.device.reset_password(cert["id"], check, "New#pass2026")
    keys = holder.device.unlock(cert["id"], "New#pass2026")
    detail = holder.device.certificate(cert["id"])
    assert detail["locked"] is False
    assert detail["signing"]["serial"] == serial
    signing = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].signing_cert_pem.encode()
    )
    assert keys.signing_key.public_key() == signing.public_key()
    with pytest.raises(DeviceError) as reused:
        holder.device.reset_password(cert["id"], check, "Other#pass2026")
    assert reused.value.code == "face_check_required"


def test_change_password_needs_the_old_one(certified: Certified) -> None:
    holder, cert = certified.holder, certified.cert
    with pytest.raises(DeviceError) as wrong:
        holder.device.change_password(cert["id"], "Not#theold1", "New#pass2026")
    assert wrong.value.code == "password_wrong"
    holder.device.change_password(cert["id"], PASSWORD, "New#pass2026")
    with pytest.raises(DeviceError):
        holder.device.unlock(cert["id"], PASSWORD)
    holder.device.unlock(cert["id"], "New#pass2026")
    with pytest.raises(DeviceError) as weak:
        holder.device.change_password(cert["id"], "New#pass2026", "111111")
    assert weak.value.code == "password_weak"


def _verifier(runtime: Runtime, cert_id: str) -> str:
    with runtime.sessions() as db:
        row = db.get(HolderCertificate, cert_id)
        assert row is not None
        assert row.verifier is not None
        return row.verifier


def _set_v1_verifier(runtime: Runtime, cert_id: str, password: str) -> str:
    """What a certificate made before v2 verifiers has: the same pre-hash under scrypt."""
    with runtime.sessions() as db:
        row = db.get(HolderCertificate, cert_id)
        assert row is not None
        assert row.verifier is not None
        pp = keyprotect.prehash_params(row.verifier)
        row.verifier = keyprotect._hash_password_verifier(
            keyprotect.password_prehash(password, pp), pp, keyprotect.ScryptParams(ln=10), b"s" * 16
        )
        db.commit()
        return row.verifier


def test_new_passwords_get_v2_verifiers_under_the_ca_key(certified: Certified) -> None:
    holder, cert = certified.holder, certified.cert
    stored = _verifier(holder.runtime, cert["id"])
    assert stored.startswith("$mcert-pw$v=2$")
    assert f"hmac-sha256,key={PASSWORD_MAC_LABEL}," in stored
    # The key is sealed in the CA's key directory like the escrow master key.
    keys_dir = holder.runtime.settings.data_dir / "ca-keys"
    assert (keys_dir / f"{PASSWORD_MAC_LABEL}.hmac").is_file()
    holder.device.unlock(cert["id"], PASSWORD)
    assert _verifier(holder.runtime, cert["id"]) == stored  # v2 is not rewritten


def test_v1_verifier_upgrades_on_the_next_correct_unlock(holder: Holder) -> None:
    rt = holder.runtime
    cert = personal_certificate(holder, PASSWORD)
    v1 = _set_v1_verifier(rt, cert["id"], PASSWORD)
    upgraded = rt.metrics.registry.get_sample_value("mcert_password_verifiers_upgraded_total")
    # A wrong password against a v1 verifier is still counted, and changes nothing else.
    with pytest.raises(DeviceError) as wrong:
        holder.device.unlock(cert["id"], "Wrong#pass1")
    assert wrong.value.code == "password_wrong"
    assert wrong.value.details["attempts_left"] == 4
    assert _verifier(rt, cert["id"]) == v1
    holder.device.unlock(cert["id"], PASSWORD)
    v2 = _verifier(rt, cert["id"])
    assert v2.startswith("$mcert-pw$v=2$")
    assert keyprotect.prehash_params(v2) == keyprotect.prehash_params(v1)
    assert (
        rt.metrics.registry.get_sample_value("mcert_password_verifiers_upgraded_total")
        == (upgraded or 0) + 1
    )
    with rt.sessions() as db:
        events = db.scalars(
            select(AuditEntry.action).where(AuditEntry.target_id == cert["id"])
        ).all()
    assert events.count("holder_cert.verifier_upgraded") == 1
    # The same password keeps working, the counter was reset, a wrong one still counts.
    holder.device.unlock(cert["id"], PASSWORD)
    for left in (4, 3, 2, 1):
        with pytest.raises(DeviceError) as wrong:
            holder.device.unlock(cert["id"], "Wrong#pass1")
        assert wrong.value.details["attempts_left"] == left
    with pytest.raises(DeviceError) as locked:
        holder.device.unlock(cert["id"], "Wrong#pass1")
    assert locked.value.code == "cert_locked"
    with pytest.raises(DeviceError) as still:
        holder.device.unlock(cert["id"], PASSWORD)
    assert still.value.code == "cert_locked"


def test_copied_keystore_on_another_device_cannot_unlock(certified: Certified) -> None:
    holder, cert = certified.holder, certified.cert
    thief = holder.new_device("偷来的副本")
    thief.device.keystore.entries = dict(holder.device.keystore.entries)
    with pytest.raises(DeviceError) as info:
        thief.device.unlock(cert["id"], PASSWORD)
    assert info.value.code == "cert_bound_to_another_device"


# ----------------------------------------------------------------------------- renewal


def test_renewal_window_new_expiry_and_old_revoked(
    certified: Certified, client: TestClient, clock: FrozenClock
) -> None:
    holder, cert = certified.holder, certified.cert
    old_pem = holder.device.keystore.entries[cert["id"]].signing_cert_pem
    old = x509.load_pem_x509_certificate(old_pem.encode())
    with pytest.raises(DeviceError) as early:
        holder.device.renew(cert["id"], 2, PASSWORD)
    assert early.value.code == "renewal_not_open"
    clock.set(old.not_valid_after_utc - timedelta(days=60))
    holder.login()
    order = holder.device.renew(cert["id"], 2, PASSWORD)
    assert order["kind"] == "renewal"
    assert order["amount_fen"] == 15000
    holder.pay(order["id"])
    [pending] = holder.pending()
    with pytest.raises(DeviceError) as wrong:
        holder.device.download(
            pending["id"], current_password="Wrong#pass1", predecessor_id=cert["id"]
        )
    assert wrong.value.code == "password_wrong"
    result = holder.device.download(
        pending["id"], current_password=PASSWORD, predecessor_id=cert["id"]
    )
    new = x509.load_pem_x509_certificate(result["signing_cert"].encode())
    expected = old.not_valid_after_utc.replace(year=old.not_valid_after_utc.year + 2)
    assert abs((new.not_valid_after_utc - expected).total_seconds()) < 2
    status, reason = ocsp_status(client, old_pem)
    assert status == ocsp.OCSPCertStatus.REVOKED
    assert reason == x509.ReasonFlags.superseded
    assert ocsp_status(client, result["signing_cert"])[0] == ocsp.OCSPCertStatus.GOOD
    # The same escrowed encryption key; the password carried over.
    old_enc = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].encryption_cert_pem.encode()
    )
    new_enc = x509.load_pem_x509_certificate(result["encryption_cert"].encode())
    assert old_enc.public_key() == new_enc.public_key()
    holder.device.unlock(pending["id"], PASSWORD)
    with pytest.raises(DeviceError) as again:
        holder.device.renew(cert["id"], 1, PASSWORD)
    assert again.value.code == "cert_not_active"


# ----------------------------------------------------------------------------- reissue


def test_reissue_on_a_new_phone_keeps_old_bids_decryptable(
    certified: Certified, client: TestClient
) -> None:
    holder, cert = certified.holder, certified.cert
    entry = holder.device.keystore.entries[cert["id"]]
    enc_cert = x509.load_pem_x509_certificate(entry.encryption_cert_pem.encode())
    bid = "投标报价：壹仟万元整".encode()
    envelope = cms.encrypt(bid, [enc_cert])

    phone2 = holder.new_device("新手机")
    [listed] = phone2.device.certificates()
    assert listed["bound_elsewhere"] is True
    assert listed["on_this_device"] is False
    with pytest.raises(DeviceError) as no_face:
        phone2.device.reissue(cert["id"], "missing")
    assert no_face.value.code == "face_check_required"
    order = phone2.device.reissue(cert["id"], phone2.device.face_check(face_jpeg(3)))
    assert order["kind"] == "reissue"
    phone2.pay(order["id"])
    [pending] = phone2.pending()
    result = phone2.device.download(pending["id"], password="Phone2#pass")
    assert ocsp_status(client, entry.signing_cert_pem) == (
        ocsp.OCSPCertStatus.REVOKED,
        x509.ReasonFlags.superseded,
    )
    old_sign = x509.load_pem_x509_certificate(entry.signing_cert_pem.encode())
    new_sign = x509.load_pem_x509_certificate(result["signing_cert"].encode())
    assert new_sign.not_valid_after_utc == old_sign.not_valid_after_utc
    keys = phone2.device.unlock(pending["id"], "Phone2#pass")
    # The old envelope names the old encryption certificate; the same key opens it.
    assert cms.decrypt(envelope, enc_cert, keys.encryption_key) == bid
    with pytest.raises(DeviceError) as old_phone:
        holder.device.unlock(cert["id"], PASSWORD)
    assert old_phone.value.code == "cert_not_active"


# ----------------------------------------------------------------------------- change


def test_company_name_change_new_name_old_revoked_seals_void(
    holder: Holder, client: TestClient, ca: Runtime, tmp_path: Path
) -> None:
    voided: list[tuple[str, str, str]] = []

    def void_seals(db: Any, rt: Any, old: Any, new: Any, kind: str, now: Any) -> None:
        voided.append((old.id, new.id, kind))

    cert_service.supersede_listeners.append(void_seals)
    try:
        _change_flow(holder, client, ca, voided)
    finally:
        cert_service.supersede_listeners.remove(void_seals)


def _change_flow(
    holder: Holder, client: TestClient, ca: Runtime, voided: list[tuple[str, str, str]]
) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_company(
        years=1,
        company_name="旧名称建设有限公司",
        uscc=USCC(7),
        legal_rep_name=holder.name,
        applicant_is_legal_rep=True,
        licence=("l.png", licence_png()),
    )
    with ca.sessions() as db:
        op = operators.create_operator(
            db, ca, username="rev", password="review-pass-123", role="reviewer", display_name="审核"
        )
        review.approve(db, ca, op, order["id"])
    holder.pay(order["id"])
    [pending] = holder.pending()
    first = holder.device.download(pending["id"], password=PASSWORD)
    old_pem = first["signing_cert"]

    change = holder.device.change(
        pending["id"], "新名称科技有限公司", ("proof.png", licence_png(5))
    )
    assert change["status"] == "pending_review"
    with ca.sessions() as db:
        review.approve(db, ca, op, change["id"])
    holder.pay(change["id"])
    [renamed] = holder.pending()
    assert renamed["subject_org"] == "新名称科技有限公司"
    result = holder.device.download(
        renamed["id"], current_password=PASSWORD, predecessor_id=pending["id"]
    )
    new = x509.load_pem_x509_certificate(result["signing_cert"].encode())
    assert new.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)[0].value == (
        "新名称科技有限公司"
    )
    assert ocsp_status(client, old_pem)[0] == ocsp.OCSPCertStatus.REVOKED
    assert voided == [(pending["id"], renamed["id"], "change")]
    with ca.sessions() as db:
        from mcert.org.models import Organization, OrganizationNameChange

        org = db.scalars(select(Organization)).one()
        assert org.name == "新名称科技有限公司"
        history = db.scalars(select(OrganizationNameChange)).one()
        assert history.old_name == "旧名称建设有限公司"


def test_only_org_admin_may_change_and_personal_certs_cannot(certified: Certified) -> None:
    holder, cert = certified.holder, certified.cert
    with pytest.raises(DeviceError) as info:
        holder.device.change(cert["id"], "某公司", ("p.png", licence_png()))
    assert info.value.code == "change_needs_org_cert"


# ----------------------------------------------------------------------------- payments


def _paid_trade(holder: Holder) -> tuple[dict[str, Any], SandboxPaymentGateway, dict[str, str]]:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    cashier = holder.device.start_payment(order["id"])
    trade_no = cashier.rstrip("/").rsplit("/", 1)[-1]
    gateway = holder.runtime.payment
    assert isinstance(gateway, SandboxPaymentGateway)
    assert gateway.pay(trade_no).ok
    [note] = gateway.notifications(trade_no)
    return order, gateway, note.form()


def _post(client: TestClient, params: dict[str, str]) -> Any:
    return client.post("/api/payments/notify/sandbox", data=params)


def _audit_actions(rt: Runtime) -> list[str]:
    with rt.sessions() as db:
        return list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all())


def test_notification_completes_order_and_duplicate_changes_nothing(
    holder: Holder, client: TestClient
) -> None:
    order, _, params = _paid_trade(holder)
    first = _post(client, params)
    assert first.text == "success"
    assert holder.device.order(order["id"])["status"] == "completed"
    certs_before = holder.device.certificates()
    audit_before = len(_audit_actions(holder.runtime))
    again = _post(client, params)
    assert again.text == "success"
    assert holder.device.certificates() == certs_before
    assert len(_audit_actions(holder.runtime)) == audit_before


def test_bad_signature_is_counted_and_signed_wrong_amount_is_audited(
    holder: Holder, client: TestClient
) -> None:
    order, gateway, params = _paid_trade(holder)
    forged = dict(params, total_amount="0.01")
    chain = len(_audit_actions(holder.runtime))
    bad_sig = _post(client, forged)
    assert bad_sig.status_code == 400
    assert bad_sig.text == "failure"
    # Anyone can post an unsigned notification: it must not grow the audit chain.
    assert len(_audit_actions(holder.runtime)) == chain
    assert "mcert_payment_notifications_rejected_total{" in client.get("/metrics").text
    # Correctly signed by the gateway, but for another amount than the order's.
    resigned = {k: v for k, v in forged.items() if k not in ("sign",)}
    resigned["sign"] = rsa2_sign(gateway._merchant.private_key, resigned)
    wrong_amount = _post(client, resigned)
    assert wrong_amount.status_code == 400
    with holder.runtime.sessions() as db:
        assert db.get(Order, order["id"]).status == "pending_payment"  # type: ignore[union-attr]
    rejected = [a for a in _audit_actions(holder.runtime) if a == "payment.notification_rejected"]
    assert len(rejected) == 1
    # The genuine notification still works afterwards.
    assert _post(client, params).text == "success"


def test_missing_notification_is_settled_by_asking_the_gateway(holder: Holder) -> None:
    order, _, _ = _paid_trade(holder)
    # No notification delivered; the holder comes back to the order page.
    assert holder.device.order(order["id"])["status"] == "completed"
    assert holder.pending()


def test_unpaid_order_closes_after_30_minutes(holder: Holder, clock: FrozenClock) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    holder.device.start_payment(order["id"])
    clock.advance(timedelta(minutes=31))
    holder.login()
    assert holder.device.order(order["id"])["status"] == "closed"
    with pytest.raises(DeviceError) as info:
        holder.device.start_payment(order["id"])
    assert info.value.code in ("order_closed", "order_not_payable")


def test_cancel_and_illegal_moves(holder: Holder) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    assert holder.device.cancel(order["id"])["status"] == "cancelled"
    with pytest.raises(DeviceError) as info:
        holder.device.cancel(order["id"])
    assert info.value.code == "illegal_transition"
    assert info.value.status == 409


def test_holders_cannot_see_each_others_orders_or_certs(
    certified: Certified, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    holder, cert = certified.holder, certified.cert
    other = make_holder(client, ca, clock, n=9, name="李四")
    with pytest.raises(DeviceError) as info:
        other.device.certificate(cert["id"])
    assert info.value.code == "cert_not_found"
    with pytest.raises(DeviceError) as info2:
        other.device.order(holder.device.orders()["items"][0]["id"])
    assert info2.value.code == "order_not_found"


def test_messages_list_each_notification(holder: Holder) -> None:
    personal_certificate(holder, PASSWORD)
    page = holder.device.messages()
    titles = [m["title"] for m in page["items"]]
    assert "支付成功" in titles
    assert "证书待下载" in titles
    assert page["unread"] == len(titles)


def test_every_lifecycle_step_is_audited_and_chain_verifies(holder: Holder) -> None:
    personal_certificate(holder, PASSWORD)
    actions = set(_audit_actions(holder.runtime))
    assert {
        "realname.verified",
        "order.created",
        "order.paid",
        "holder_cert.created",
        "certificate.issued",
        "encryption_key.escrowed",
        "holder_cert.downloaded",
    } <= actions
    from mcert.audit.service import verify

    with holder.runtime.sessions() as db:
        assert verify(db).ok
        assert db.scalar(select(func.count()).select_from(AuditEntry)) > 10


def test_personal_data_is_not_stored_in_clear(holder: Holder) -> None:
    personal_certificate(holder, PASSWORD)
    from sqlalchemy import text

    with holder.runtime.engine.connect() as conn:  # type: ignore[union-attr]
        tables = [
            "identities",
            "realname_attempts",
            "orders",
            "holder_certificates",
            "audit_entries",
            "messages",
            "users",
        ]
        dump = " ".join(str(r) for t in tables for r in conn.execute(text(f"SELECT * FROM {t}")))
    assert holder.id_number not in dump
    assert holder.phone not in dump
    assert not re.search(r"Bid#2026go", dump)
