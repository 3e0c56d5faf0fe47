"""Agreements at login and separate consents before sensitive data (issue #17, PIPL art. 14,
29-30): refused without them, nothing created or collected; recorded with version, time,
device and the (encrypted, masked) client address; audited; withdrawable; asked again when a
document gets a new version (``MCERT_PRIVACY_DOCUMENTS_DIR`` publishes one)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.conftest import agreed, device, last_code, mcert_cli
from tests.holders import USCC, Holder, face_jpeg, licence_png, make_holder
from tests.operators import console_login

from mcert.account.models import AuthSession, User
from mcert.audit.models import AuditEntry
from mcert.consent.documents import PACKAGED
from mcert.consent.models import ConsentRecord
from mcert.main import create_app
from mcert.operator import service as operators
from mcert.order.models import Order, OrderDocument
from mcert.realname.models import RealnameAttempt
from mcert.runtime import Runtime
from mcert_device.client import DeviceError

PHONE = "13800138000"
CLIENT_IP = "203.0.113.45"


@pytest.fixture
def documents_dir(tmp_path: Path) -> Path:
    """Where a test publishes new versions (empty: the packaged documents apply)."""
    d = tmp_path / "privacy-documents"
    d.mkdir()
    return d


@pytest.fixture
def settings_overrides(documents_dir: Path) -> dict[str, object]:
    return {"privacy_documents_dir": documents_dir}


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=runtime), client=(CLIENT_IP, 50000)) as c:
        yield c


def publish(documents_dir: Path, document: str, version: str) -> None:
    """A new version of a packaged document, as an operator would publish it."""
    text = (PACKAGED / f"{document}.md").read_text(encoding="utf-8")
    head, _, rest = text.partition("\nversion: ")
    _, _, tail = rest.partition("\n")
    (documents_dir / f"{document}.md").write_text(
        f"{head}\nversion: {version}\n{tail}", encoding="utf-8"
    )


def count(runtime: Runtime, model: Any) -> int:
    with runtime.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def login_body(runtime: Runtime, agreements: Any, n: int = 1) -> dict[str, Any]:
    code = last_code(runtime, PHONE)
    return {"phone": PHONE, "code": code, "device": device(n, code=code), "agreements": agreements}


def audit(runtime: Runtime, action: str) -> list[dict[str, Any]]:
    with runtime.sessions() as db:
        rows = db.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        ).all()
        return [json.loads(r.details) for r in rows]


# ------------------------------------------------------------------------- agreements


def test_agreements_are_public_markdown_with_versions(client: TestClient) -> None:
    docs = {d["document"]: d for d in client.get("/api/app/v1/agreements").json()}
    assert set(docs) == {"user_agreement", "privacy_policy"}
    assert docs["user_agreement"]["title"] == "用户协议"
    assert docs["privacy_policy"]["version"] == agreed()["privacy_policy"]
    policy = docs["privacy_policy"]["content"]
    for collected in (
        "手机号码",
        "身份证号码",
        "银行卡号",
        "人脸图像",
        "营业执照",
        "实名核验服务商",
    ):
        assert collected in policy
    assert "注销账号" in policy
    assert "撤回同意" in policy
    face = client.get("/api/app/v1/consent-notices/face").json()
    assert face["purpose"]
    assert face["retention"]
    assert "实名核验服务商" in face["recipients"]


@pytest.mark.parametrize(
    ("agreements", "missing"),
    [
        (None, ["user_agreement", "privacy_policy"]),
        ({}, ["user_agreement", "privacy_policy"]),
        ({"user_agreement": agreed()["user_agreement"]}, ["privacy_policy"]),
        ({**agreed(), "privacy_policy": "2020-01-01"}, ["privacy_policy"]),
    ],
)
def test_login_without_current_agreements_creates_nothing(
    client: TestClient, runtime: Runtime, agreements: Any, missing: list[str]
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    resp = client.post("/api/app/v1/auth/login", json=login_body(runtime, agreements))
    assert resp.status_code == 403, resp.text
    err = resp.json()["error"]
    assert err["code"] == "agreement_required"
    assert "同意" in err["message"]
    assert "《隐私政策》" in err["message"]
    assert err["details"]["documents"] == missing
    assert err["details"]["current"] == agreed()
    assert count(runtime, User) == 0
    assert count(runtime, AuthSession) == 0
    assert count(runtime, ConsentRecord) == 0
    # The code was not used up: ticking the box and sending it again logs in.
    ok = client.post("/api/app/v1/auth/login", json=login_body(runtime, agreed()))
    assert ok.status_code == 200, ok.text
    assert count(runtime, User) == 1


def test_login_records_each_agreement_once_per_version(
    client: TestClient, runtime: Runtime, clock: Any, documents_dir: Path
) -> None:
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    first = client.post("/api/app/v1/auth/login", json=login_body(runtime, agreed())).json()
    headers = {"Authorization": f"Bearer {first['access_token']}"}
    overview = client.get("/api/app/v1/consents", headers=headers).json()
    rows = {a["document"]: a for a in overview["agreements"]}
    assert all(a["granted"] for a in rows.values())
    rec = rows["privacy_policy"]["record"]
    assert rec["version"] == agreed()["privacy_policy"]
    assert rec["device_name"] == "测试手机1"
    assert rec["client_ip_masked"] == "203.0.113.*"
    with runtime.sessions() as db:
        stored = db.scalars(select(ConsentRecord)).all()
    assert len(stored) == 2
    assert all(r.client_ip_enc and CLIENT_IP not in r.client_ip_enc for r in stored)
    granted = audit(runtime, "consent.granted")
    assert sorted(g["document"] for g in granted) == ["privacy_policy", "user_agreement"]
    assert all(g["client_ip"] == "203.0.113.*" for g in granted)

    # The same versions again: no new records.
    clock.advance(61)
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    assert client.post("/api/app/v1/auth/login", json=login_body(runtime, agreed())).is_success
    assert count(runtime, ConsentRecord) == 2

    # A new 隐私政策: the next login with the old version is refused, the new one recorded.
    publish(documents_dir, "privacy_policy", "2027-03-01")
    clock.advance(61)
    client.post("/api/app/v1/auth/sms-code", json={"phone": PHONE})
    stale = client.post("/api/app/v1/auth/login", json=login_body(runtime, agreed()))
    assert stale.status_code == 403
    assert stale.json()["error"]["details"]["documents"] == ["privacy_policy"]
    assert "已更新" in stale.json()["error"]["message"]
    sessions = count(runtime, AuthSession)
    now = {**agreed(), "privacy_policy": "2027-03-01"}
    again = client.post("/api/app/v1/auth/login", json=login_body(runtime, now))
    assert again.status_code == 200, again.text
    assert count(runtime, AuthSession) == sessions + 1
    overview = client.get(
        "/api/app/v1/consents", headers={"Authorization": f"Bearer {again.json()['access_token']}"}
    ).json()
    policy = next(a for a in overview["agreements"] if a["document"] == "privacy_policy")
    assert policy["record"]["version"] == "2027-03-01"
    assert [h["version"] for h in overview["history"] if h["document"] == "privacy_policy"] == [
        "2027-03-01",
        agreed()["privacy_policy"],
    ]


# ------------------------------------------------------------------------- separate consents


@pytest.fixture
def holder(client: TestClient, runtime: Runtime, clock: Any) -> Holder:
    return make_holder(client, runtime, clock, consent=False)


def refused(exc: pytest.ExceptionInfo[DeviceError], title: str) -> None:
    assert exc.value.status == 403
    assert exc.value.code == "consent_required"
    assert f"《{title}》" in exc.value.message


def test_realname_needs_its_consent_and_sends_nothing_without(
    holder: Holder, runtime: Runtime
) -> None:
    with pytest.raises(DeviceError) as exc:
        holder.device.realname_phone(holder.name, holder.id_number)
    refused(exc, "身份证件与银行卡信息单独同意")
    assert exc.value.details["consent"] == "realname"
    with pytest.raises(DeviceError) as exc:
        holder.device.realname_bank_card(
            holder.name, holder.id_number, "6222021234567890128", holder.phone
        )
    refused(exc, "身份证件与银行卡信息单独同意")
    assert count(runtime, RealnameAttempt) == 0

    holder.consent("realname")
    attempt = holder.device.realname_phone(holder.name, holder.id_number)
    assert attempt["next_step"] == "face"
    # Face is a consent of its own.
    with pytest.raises(DeviceError) as exc:
        holder.device.realname_face(attempt["id"], face_jpeg())
    refused(exc, "人脸信息处理单独同意")
    assert not holder.device.realname_status()["verified"]
    holder.consent("face")
    assert holder.device.realname_face(attempt["id"], face_jpeg())["verified"]


def test_company_documents_need_their_consent(holder: Holder, runtime: Runtime) -> None:
    holder.consent("realname", "face")
    holder.verify_by_phone()
    apply = {
        "years": 1,
        "company_name": "福州某某同意测试有限公司",
        "uscc": USCC(71),
        "legal_rep_name": holder.name,
        "applicant_is_legal_rep": True,
        "licence": ("licence.png", licence_png()),
    }
    with pytest.raises(DeviceError) as exc:
        holder.device.apply_company(**apply)
    refused(exc, "单位证明材料单独同意")
    assert count(runtime, Order) == 0
    assert count(runtime, OrderDocument) == 0
    holder.consent("company_documents")
    order = holder.device.apply_company(**apply)
    assert order["status"] == "pending_review"


def test_withdrawal_stops_collection_until_granted_again(
    holder: Holder, runtime: Runtime, client: TestClient
) -> None:
    holder.consent("realname", "face")
    holder.verify_by_phone()
    assert holder.device.face_check(face_jpeg())
    holder.device.withdraw_consent("face")
    with pytest.raises(DeviceError) as exc:
        holder.device.face_check(face_jpeg())
    refused(exc, "人脸信息处理单独同意")
    overview = holder.device.consents()
    face = next(c for c in overview["consents"] if c["document"] == "face")
    assert face["granted"] is False
    assert face["record"]["withdrawn_at"] is not None
    assert face["record"]["client_ip_masked"] == "203.0.113.*"
    [withdrawn] = audit(runtime, "consent.withdrawn")
    assert withdrawn["document"] == "face"
    holder.consent("face")
    assert holder.device.face_check(face_jpeg())
    # Withdrawing again and again is harmless; the agreements are not withdrawn this way.
    holder.device.withdraw_consent("realname")
    holder.device.withdraw_consent("realname")
    assert len(audit(runtime, "consent.withdrawn")) == 2
    with pytest.raises(DeviceError) as exc:
        holder.device.withdraw_consent("privacy_policy")
    assert exc.value.status == 409
    assert exc.value.code == "consent_not_withdrawable"
    with pytest.raises(DeviceError) as exc:
        holder.device.grant_consent("user_agreement")
    assert exc.value.code == "consent_not_separate"


def test_a_new_notice_version_asks_again(
    holder: Holder, runtime: Runtime, documents_dir: Path
) -> None:
    holder.consent("realname")
    old = holder.device.consent_notice("realname")["version"]
    publish(documents_dir, "realname", "2027-06-01")
    with pytest.raises(DeviceError) as exc:
        holder.device.realname_phone(holder.name, holder.id_number)
    refused(exc, "身份证件与银行卡信息单独同意")
    assert exc.value.details["version"] == "2027-06-01"
    # Agreeing to what was shown before the change is refused: the holder must see the new one.
    with pytest.raises(DeviceError) as exc:
        holder.device.grant_consent("realname", old)
    assert exc.value.status == 409
    assert exc.value.code == "consent_version_outdated"
    granted = holder.device.grant_consent("realname")
    assert granted["version"] == "2027-06-01"
    assert granted["current"] is True
    assert holder.device.realname_phone(holder.name, holder.id_number)["next_step"] == "face"


def test_granting_twice_is_one_record(holder: Holder, runtime: Runtime) -> None:
    first = holder.device.grant_consent("face")
    second = holder.device.grant_consent("face")
    assert first["id"] == second["id"]
    assert len(audit(runtime, "consent.granted")) == 3  # two agreements at login, one consent


def test_unknown_document_is_422(holder: Holder, client: TestClient) -> None:
    assert client.get("/api/app/v1/consent-notices/marketing").status_code == 422


def test_operator_sees_a_holders_consents_masked(holder: Holder, runtime: Runtime) -> None:
    holder.consent("face")
    holder.device.withdraw_consent("face")
    proc = mcert_cli(runtime, "consents", holder.phone, "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["document"] for r in rows].count("privacy_policy") == 1
    [face] = [r for r in rows if r["document"] == "face"]
    assert face["withdrawn_at"] is not None
    assert face["client_ip"] == "203.0.113.*"
    assert CLIENT_IP not in proc.stdout
    assert mcert_cli(runtime, "consents", "13900009999").returncode == 1


def operator_token(client: TestClient, runtime: Runtime, role: str) -> str:
    with runtime.sessions() as db:
        operators.create_operator(
            db, runtime, username=f"{role}9", password="review-pass-123", role=role,
            display_name=role,
        )  # fmt: skip
    return console_login(client, runtime, f"{role}9", "review-pass-123")


def test_console_lookup_needs_the_lookup_permission_and_is_audited(
    holder: Holder, client: TestClient, runtime: Runtime
) -> None:
    holder.consent("realname")
    url, body = "/api/console/v1/consents/lookup", {"phone": holder.phone}
    auditor = {"Authorization": f"Bearer {operator_token(client, runtime, 'auditor')}"}
    rows = client.post(url, json=body, headers=auditor)
    assert rows.status_code == 200, rows.text
    realname = next(r for r in rows.json() if r["document"] == "realname")
    assert realname["current"] is True
    assert realname["client_ip_masked"] == "203.0.113.*"
    assert CLIENT_IP not in rows.text
    [looked] = audit(runtime, "consent.looked_up")
    assert looked["phone"] == "139****0001"
    unknown = client.post(url, json={"phone": "13900009999"}, headers=auditor)
    assert unknown.status_code == 404
    # Operators only: no token, or a holder's app token, is refused.
    assert client.post(url, json=body).status_code == 401
    app_token = {"Authorization": f"Bearer {holder.device.access_token}"}
    assert client.post(url, json=body, headers=app_token).status_code == 401
