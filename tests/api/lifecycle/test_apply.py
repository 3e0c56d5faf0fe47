"""The certificate lifecycle as holders and reviewers use it (manual parts 2, 5–7, 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests import pkitools
from tests.holders import (
    USCC,
    Holder,
    face_jpeg,
    licence_png,
    make_holder,
    personal_certificate,
    red_jpeg,
)
from tests.operators import console_headers

from mcert.clock import FrozenClock
from mcert.operator import service as operators
from mcert.operator.models import Operator
from mcert.order.models import Order
from mcert.org.models import Organization, OrgMember
from mcert.providers.sms import SandboxSMSSender
from mcert.review import service as review
from mcert.runtime import Runtime
from mcert_device.client import DeviceError


def outbox(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50)]


def chain_verifies(client: TestClient, tmp: Path, pem: str) -> None:
    root = x509.load_der_x509_certificate(client.get("/pki/ca/root.crt").content)
    issuing = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    crls = [
        x509.load_der_x509_crl(client.get(f"/pki/crl/{n}.crl").content) for n in ("root", "issuing")
    ]
    leaf = tmp / "leaf.pem"
    leaf.write_text(pem)
    out = pkitools.run(
        pkitools.need_openssl(),
        "verify",
        "-x509_strict",
        "-crl_check_all",
        "-CAfile",
        pkitools.write_pem(tmp / "root.pem", root),
        "-untrusted",
        pkitools.write_pem(tmp / "issuing.pem", issuing),
        "-CRLfile",
        pkitools.write_pem(tmp / "crls.pem", *crls),
        leaf,
    )
    assert "OK" in out.stdout


# ----------------------------------------------------------------------------- real-name


def test_realname_by_phone_then_face(holder: Holder) -> None:
    attempt = holder.device.realname_phone(holder.name, holder.id_number)
    assert attempt["next_step"] == "face"
    status = holder.device.realname_face(attempt["id"], face_jpeg())
    assert status["verified"] is True
    assert status["name_masked"] == "张*"
    assert status["id_number_masked"].startswith("110")
    assert holder.id_number not in str(status)


def test_realname_by_bank_card_needs_the_bank_phone_code(holder: Holder) -> None:
    from tests.conftest import last_code

    from mcert.ident import make_bank_card

    attempt = holder.device.realname_bank_card(
        holder.name, holder.id_number, make_bank_card(), "13700001111"
    )
    assert attempt["next_step"] == "sms"
    code = last_code(holder.runtime, "13700001111")
    with pytest.raises(DeviceError) as wrong:
        holder.device.realname_sms(attempt["id"], f"{(int(code) + 1) % 10**6:06d}")
    assert wrong.value.code == "sms_code_invalid"
    after_sms = holder.device.realname_sms(attempt["id"], code)
    assert after_sms["next_step"] == "face"
    assert holder.device.realname_face(attempt["id"], face_jpeg())["verified"]


@pytest.mark.parametrize(
    ("name", "phone_suffix", "image", "code"),
    [
        ("张错误", None, None, "name_id_mismatch"),
        ("张三", "0404", None, "phone_not_registered_to_person"),
        ("张三", None, "red", "face_mismatch"),
    ],
)
def test_realname_failures_have_their_reason(
    client: TestClient,
    ca: Runtime,
    clock: FrozenClock,
    name: str,
    phone_suffix: str | None,
    image: str | None,
    code: str,
) -> None:
    h = make_holder(client, ca, clock, n=404 if phone_suffix else 5, name=name)

    def attempt() -> None:
        started = h.device.realname_phone(name, h.id_number)
        h.device.realname_face(started["id"], red_jpeg() if image else face_jpeg())

    with pytest.raises(DeviceError) as info:
        attempt()
    assert info.value.code == code
    assert info.value.message  # Chinese, for the holder
    assert h.device.realname_status()["verified"] is False


def test_five_realname_attempts_a_day(holder: Holder) -> None:
    for _ in range(5):
        with pytest.raises(DeviceError):
            holder.device.realname_phone("张错误", holder.id_number)
    with pytest.raises(DeviceError) as info:
        holder.device.realname_phone(holder.name, holder.id_number)
    assert info.value.code == "realname_daily_limit"
    assert info.value.status == 429


# ----------------------------------------------------------------------------- personal


def test_personal_certificate_end_to_end(
    holder: Holder, client: TestClient, tmp_path: Path
) -> None:
    with pytest.raises(DeviceError) as info:
        holder.device.apply_personal(1)
    assert info.value.code == "realname_required"
    holder.verify_by_phone()
    order = holder.device.apply_personal(2)
    assert order["status"] == "pending_payment"
    assert order["amount_fen"] == 18000
    paid = holder.pay(order["id"])
    assert paid["paid_at"]
    [pending] = holder.pending()
    result = holder.device.download(pending["id"], password="Bid#2026go")
    cert = result["certificate"]
    assert cert["status"] == "active"
    assert cert["on_this_device"] is True
    chain_verifies(client, tmp_path, result["signing_cert"])
    chain_verifies(client, tmp_path, result["encryption_cert"])
    signing = x509.load_pem_x509_certificate(result["signing_cert"].encode())
    cn = signing.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    assert cn == "张三"
    assert holder.id_number not in signing.subject.rfc4514_string()
    years = (signing.not_valid_after_utc - signing.not_valid_before_utc).days
    assert 729 <= years <= 732
    # The private keys are on the device, wrapped; the password unlocks them.
    keys = holder.device.unlock(pending["id"], "Bid#2026go")
    assert keys.signing_key.public_key() == signing.public_key()
    bodies = outbox(holder.runtime, holder.phone)
    assert any("支付成功" in b for b in bodies)
    assert any("已可下载" in b for b in bodies)
    detail = holder.device.certificate(pending["id"])
    assert detail["signing"]["serial"] == format(signing.serial_number, "x")
    assert detail["issuer"] == "CN=mCert Issuing CA,O=mCert,C=CN"


def test_long_real_name_gets_a_certificate(
    client: TestClient, ca: Runtime, clock: FrozenClock, tmp_path: Path
) -> None:
    # 27 汉字 with separators: past cryptography's 64-byte check, within RFC 5280's 64
    # characters. Real-name accepts it, so issuance must too (it used to fail at download).
    name = "阿卜杜热合曼·艾则孜·买买提明·阿卜杜克热木·吐尔逊"
    holder = make_holder(client, ca, clock, n=8, name=name)
    holder.verify_by_phone()
    holder.pay(holder.device.apply_personal(1)["id"])
    [pending] = holder.pending()
    pem = holder.device.download(pending["id"], password="Bid#2026go")["signing_cert"]
    chain_verifies(client, tmp_path, pem)
    signing = x509.load_pem_x509_certificate(pem.encode())
    assert signing.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == name
    assert pkitools.pkilint("lint_pkix_cert", pkitools.write_pem(tmp_path / "l.pem", signing)) == ""


def test_download_retry_is_safe_and_one_download_per_order(holder: Holder) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    holder.pay(order["id"])
    [pending] = holder.pending()
    from mcert_device.crypto import (
        build_csr,
        generate_signing_key,
        generate_transport_key,
        public_key_jwk,
    )

    key = generate_signing_key()
    body = {
        "csr": build_csr(key).decode(),
        "transport_key": public_key_jwk(generate_transport_key()),
        "password": "Bid#2026go",
    }
    first = holder.device.request(
        "POST", f"/api/app/v1/certificates/{pending['id']}/download", json=body, proof=True
    )
    with pytest.raises(DeviceError) as no_password:
        holder.device.request(
            "POST", f"/api/app/v1/certificates/{pending['id']}/download", json=body, proof=True
        )
    assert no_password.value.code == "password_required"  # a retry proves the password
    prehash = holder.device._prehash(pending["id"], "Bid#2026go")
    again = holder.device.request(
        "POST",
        f"/api/app/v1/certificates/{pending['id']}/download",
        json=dict(body, prehash=prehash),
        proof=True,
    )
    assert first["signing_cert"] == again["signing_cert"]
    other = dict(body, csr=build_csr(generate_signing_key()).decode())
    with pytest.raises(DeviceError) as info:
        holder.device.request(
            "POST", f"/api/app/v1/certificates/{pending['id']}/download", json=other, proof=True
        )
    assert info.value.code == "cert_already_downloaded"


@pytest.mark.parametrize("password", ["123456", "000000", "abc12", "13900000001"])
def test_trivial_passwords_are_refused_and_nothing_is_issued(holder: Holder, password: str) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    holder.pay(order["id"])
    [pending] = holder.pending()
    with pytest.raises(DeviceError) as info:
        holder.device.download(pending["id"], password=password)
    assert info.value.code == "password_weak"
    assert holder.pending()[0]["id"] == pending["id"]


# ----------------------------------------------------------------------------- company


def test_company_certificate_rejected_resubmitted_approved(
    holder: Holder, operator: Operator, client: TestClient, tmp_path: Path, ca: Runtime
) -> None:
    holder.verify_by_phone()
    uscc = USCC(1)
    order = holder.device.apply_company(
        years=1,
        company_name="福州某某建设工程有限公司",
        uscc=uscc,
        legal_rep_name="王五",
        applicant_is_legal_rep=False,
        licence=("licence.png", licence_png()),
        authorization=("auth.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    assert order["status"] == "pending_review"
    assert {d["kind"] for d in order["documents"]} == {"business_licence", "authorization_letter"}

    console = _console_login(client, holder.runtime)
    queue = client.get("/api/console/v1/reviews", headers=console).json()
    assert isinstance(queue, list), queue
    assert [q["id"] for q in queue] == [order["id"]]
    detail = client.get(f"/api/console/v1/reviews/{order['id']}", headers=console).json()
    doc = detail["documents"][0]
    file = client.get(
        f"/api/console/v1/reviews/{order['id']}/documents/{doc['id']}", headers=console
    )
    assert file.status_code == 200
    assert file.headers["content-type"] == doc["content_type"]
    for d in detail["documents"]:
        served = client.get(
            f"/api/console/v1/reviews/{order['id']}/documents/{d['id']}", headers=console
        )
        # A PDF is kept byte for byte: only ever a download; images were re-encoded.
        pdf = d["content_type"] == "application/pdf"
        assert served.headers["content-disposition"].startswith("attachment" if pdf else "inline")
        assert "sandbox" in served.headers["content-security-policy"]
        assert served.headers["x-content-type-options"] == "nosniff"
    rejected = client.post(
        f"/api/console/v1/reviews/{order['id']}/reject",
        headers=console,
        json={"reason": "营业执照不清晰，请重新上传"},
    ).json()
    assert rejected["status"] == "rejected"
    mine = holder.device.order(order["id"])
    assert mine["status"] == "rejected"
    assert mine["reject_reason"] == "营业执照不清晰，请重新上传"
    assert any("营业执照不清晰" in b for b in outbox(ca, holder.phone))

    resubmitted = holder.device.resubmit(
        order["id"], files={"business_licence": ("licence2.png", licence_png(9))}
    )
    assert resubmitted["status"] == "pending_review"
    assert resubmitted["reject_reason"] is None
    approved = client.post(
        f"/api/console/v1/reviews/{order['id']}/approve", headers=console, json={}
    ).json()
    assert approved["status"] == "pending_payment"
    assert any("审核通过" in b for b in outbox(ca, holder.phone))
    holder.pay(order["id"])
    [pending] = holder.pending()
    result = holder.device.download(pending["id"], password="Bid#2026go")
    chain_verifies(client, tmp_path, result["signing_cert"])
    signing = x509.load_pem_x509_certificate(result["signing_cert"].encode())
    org_name = signing.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)[0].value
    assert org_name == "福州某某建设工程有限公司"
    with ca.sessions() as db:
        org = db.scalars(select(Organization).where(Organization.uscc == uscc)).one()
        member = db.scalars(select(OrgMember).where(OrgMember.org_id == org.id)).one()
        assert member.role == "admin"

    # The same USCC again: the company is verified, go to its certificate admin.
    other = make_holder(client, ca, holder.clock, n=2, name="李四")
    other.verify_by_phone()
    with pytest.raises(DeviceError) as info:
        other.device.apply_company(
            years=1,
            company_name="福州某某建设工程有限公司",
            uscc=uscc,
            legal_rep_name="王五",
            applicant_is_legal_rep=False,
            licence=("l.png", licence_png()),
            authorization=("a.png", licence_png(4)),
        )
    assert info.value.code == "org_already_verified"


def _console_login(client: TestClient, rt: Runtime) -> dict[str, str]:
    return console_headers(client, rt, "reviewer1")


def test_company_application_validation(holder: Holder, operator: Operator) -> None:
    holder.verify_by_phone()
    base = dict(
        years=1,
        company_name="某某公司",
        uscc=USCC(2),
        legal_rep_name="王五",
        applicant_is_legal_rep=False,
        licence=("l.png", licence_png()),
    )
    with pytest.raises(DeviceError) as missing:
        holder.device.apply_company(**base)  # type: ignore[arg-type]
    assert missing.value.code == "document_missing"
    with pytest.raises(DeviceError) as bad_uscc:
        holder.device.apply_company(
            **{
                **base,
                "uscc": "91350100M000100Y44",  # type: ignore[arg-type]
                "authorization": ("a.png", licence_png()),
            }
        )
    assert bad_uscc.value.code == "uscc_invalid"
    with pytest.raises(DeviceError) as bad_file:
        holder.device.apply_company(**{**base, "authorization": ("a.png", b"GIF89a....")})  # type: ignore[arg-type]
    assert bad_file.value.code == "file_type_unsupported"
    assert holder.device.orders()["total"] == 0


def test_two_reviewers_one_decision(
    holder: Holder, operator: Operator, ca: Runtime, client: TestClient
) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_company(
        years=1,
        company_name="某某公司",
        uscc=USCC(3),
        legal_rep_name=holder.name,
        applicant_is_legal_rep=True,
        licence=("l.png", licence_png()),
    )
    with ca.sessions() as db:
        second = operators.create_operator(
            db,
            ca,
            username="reviewer2",
            password="review-pass-456",
            role="reviewer",
            display_name="审核员二",
        )
    console = _console_login(client, holder.runtime)
    version = client.get(f"/api/console/v1/reviews/{order['id']}", headers=console).json()[
        "version"
    ]
    first = client.post(
        f"/api/console/v1/reviews/{order['id']}/approve", headers=console, json={"version": version}
    )
    assert first.status_code == 200
    with ca.sessions() as db:
        with pytest.raises(review.ReviewConflict):
            review.reject(db, ca, second, order["id"], "材料不全", expected_version=version)
        assert db.get(Order, order["id"]).status == "pending_payment"  # type: ignore[union-attr]
    late = client.post(
        f"/api/console/v1/reviews/{order['id']}/reject", headers=console, json={"reason": "太晚了"}
    )
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "review_conflict"


def test_console_requires_operator_login(client: TestClient, holder: Holder) -> None:
    assert client.get("/api/console/v1/reviews").status_code == 401
    holder_token = {"Authorization": f"Bearer {holder.device.access_token}"}
    assert client.get("/api/console/v1/reviews", headers=holder_token).status_code == 401
    bad = client.post("/api/console/v1/auth/login", json={"username": "x", "password": "y" * 10})
    assert bad.status_code == 401


def test_personal_certificate_helper_gives_an_active_cert(holder: Holder) -> None:
    cert = personal_certificate(holder)
    assert cert["status"] == "active"
