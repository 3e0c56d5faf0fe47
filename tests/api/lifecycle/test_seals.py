"""Electronic seals through the API as the app drives it (mcert_device.seals): apply for each
seal type, review, claim with the certificate password; the seal follows its certificate."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from typing import Any

import pytest
from asn1crypto import core
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select
from tests.companies import PASSWORD, authorise, claim_and_download, reviewer, verified_company
from tests.holders import Holder, face_jpeg, licence_png, make_holder, personal_certificate
from tests.operators import console_headers
from tests.seals import BLUE_INK, draw_seal, paper_photo, seal_photo, signature_capture

from mcert.audit.models import AuditEntry
from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.notify.models import Message
from mcert.review import service as review
from mcert.runtime import Runtime
from mcert.seal import service as seal_service
from mcert_device import seals
from mcert_device.client import DeviceError

COMPANY_TYPES = ("company_official", "company_contract", "company_finance", "company_invoice")


def _upload(seal_type: str) -> tuple[tuple[str, bytes], list[Any] | None]:
    if seal_type == "personal_signature":
        png, strokes = signature_capture()
        return ("signature.png", png), strokes
    shape = "square" if seal_type == "personal_stamp" else "round"
    return ("seal.jpg", seal_photo(shape, angle=12.0)), None


def _console(client: TestClient, rt: Runtime) -> dict[str, str]:
    reviewer(rt)
    return console_headers(client, rt, "company-reviewer")


def _seseal_fields(der: bytes) -> tuple[Any, Any]:
    outer = core.Sequence.load(der)
    info = outer[0]
    maker = x509.load_der_x509_certificate(outer[1].native)
    sig = core.OctetBitString.load(outer[3].dump()).native
    maker.public_key().verify(sig, info.dump(), ec.ECDSA(hashes.SHA256()))
    return info, maker


def _apply_review_claim(
    h: Holder, client: TestClient, rt: Runtime, cert: dict[str, Any], seal_type: str
) -> dict[str, Any]:
    image, strokes = _upload(seal_type)
    preview = seals.preview(h.device, seal_type, image, strokes)
    assert Image.open(io.BytesIO(preview)).mode == "RGBA"
    applied = seals.apply(h.device, cert["id"], seal_type, image, strokes)
    assert applied["status"] == "pending_review"
    assert applied["status_label"] == "待审核"
    assert applied["cert_id"] == cert["id"]
    assert applied["price_fen"] == 0
    assert applied["order"] is None  # free (the default): no order, straight to review
    # claim before approval: refused, and no password attempt is spent
    with pytest.raises(DeviceError) as early:
        seals.claim(h.device, applied["id"], "Wrong#pass1")
    assert early.value.code == "seal_not_approved"
    assert h.device.certificate(cert["id"])["attempts_left"] == 5

    console = _console(client, rt)
    queue = client.get("/api/console/v1/seals", headers=console).json()
    assert applied["id"] in [s["id"] for s in queue]
    detail = client.get(f"/api/console/v1/seals/{applied['id']}", headers=console).json()
    original = client.get(detail["original_url"], headers=console)
    extracted = client.get(detail["extracted_url"], headers=console)
    assert original.status_code == extracted.status_code == 200
    assert extracted.headers["content-type"] == "image/png"
    assert detail["cert_status"] == "active"
    approved = client.post(f"/api/console/v1/seals/{applied['id']}/approve", headers=console).json()
    assert approved["status"] == "approved"

    body = seals.claim(h.device, applied["id"], PASSWORD)
    assert body["seal"]["status"] == "claimed"
    from mcert_device.codec import b64u_decode

    info, _maker = _seseal_fields(b64u_decode(body["seseal"]))
    assert info[1].native == applied["es_id"]
    assert info[2][1].native == applied["name"]
    png = seals.image(h.device, applied["id"])
    assert info[3][1].native == png
    return dict(body["seal"])


@pytest.mark.parametrize("seal_type", COMPANY_TYPES)
def test_company_seal_full_flow(
    seal_type: str, holder: Holder, client: TestClient, ca: Runtime
) -> None:
    company = verified_company(holder, name="福州某某建设工程有限公司")
    sealed = _apply_review_claim(holder, client, ca, company.admin_cert, seal_type)
    assert sealed["group"] == "company"
    assert sealed["name"].startswith("福州某某建设工程有限公司")
    assert [s["id"] for s in seals.seals(holder.device, "company")] == [sealed["id"]]
    assert seals.seals(holder.device, "personal") == []
    with ca.sessions() as db:
        actions = db.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target_id == sealed["id"])
            .order_by(AuditEntry.seq)
        ).all()
    assert actions == ["seal.applied", "seal.approved", "seal.claimed"]


@pytest.mark.parametrize("seal_type", ["personal_stamp", "personal_signature"])
def test_personal_seal_full_flow(
    seal_type: str, holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    sealed = _apply_review_claim(holder, client, ca, cert, seal_type)
    assert sealed["group"] == "personal"
    assert sealed["name"].startswith(holder.name)


def test_company_seal_needs_a_company_certificate_and_its_admin(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    image, _ = _upload("company_official")
    with pytest.raises(DeviceError) as caught:
        seals.apply(holder.device, cert["id"], "company_official", image)
    assert caught.value.code == "seal_needs_org_cert"
    company = verified_company(holder, seq=2, name="厦门某某工程有限公司")
    user = make_holder(client, ca, clock, n=5, name="赵六")
    member = authorise(company, user, "user")
    member_cert = claim_and_download(user, member["id"])
    with pytest.raises(DeviceError) as caught:
        seals.apply(user.device, member_cert["id"], "company_official", image)
    assert caught.value.code == "org_admin_required"
    # a personal seal on the company certificate is the member's own business
    sig, strokes = _upload("personal_signature")
    assert seals.apply(user.device, member_cert["id"], "personal_signature", sig, strokes)


def test_photos_that_are_not_a_seal_are_refused_with_codes_and_nothing_stored(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    for photo, code in (
        (paper_photo(draw_seal(400, ink=BLUE_INK)), "seal_blue_ink"),
        (paper_photo(None), "seal_not_found"),
        (seal_photo("round", grey=True), "seal_photocopy"),
        (seal_photo("round", blur=6.0), "seal_blurred"),
    ):
        with pytest.raises(DeviceError) as caught:
            seals.apply(holder.device, cert["id"], "personal_stamp", ("p.jpg", photo))
        assert caught.value.status == 422
        assert caught.value.code == code
    png, _ = signature_capture()
    with pytest.raises(DeviceError) as caught:
        seals.apply(holder.device, cert["id"], "personal_signature", ("s.png", png), [])
    assert caught.value.code == "signature_empty"
    assert seals.seals(holder.device) == []


def test_wrong_password_counts_toward_the_lock(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    image, _ = _upload("personal_stamp")
    applied = seals.apply(holder.device, cert["id"], "personal_stamp", image)
    console = _console(client, ca)
    client.post(f"/api/console/v1/seals/{applied['id']}/approve", headers=console)
    for left in (4, 3, 2, 1):
        with pytest.raises(DeviceError) as caught:
            seals.claim(holder.device, applied["id"], "Wrong#pass1")
        assert caught.value.code == "password_wrong"
        assert caught.value.details["attempts_left"] == left
    with pytest.raises(DeviceError) as caught:
        seals.claim(holder.device, applied["id"], "Wrong#pass1")
    assert caught.value.code == "cert_locked"
    # locked: even the right password is refused now, for the seal and the certificate
    with pytest.raises(DeviceError) as caught:
        seals.claim(holder.device, applied["id"], PASSWORD)
    assert caught.value.code == "cert_locked"
    assert holder.device.certificate(cert["id"])["locked"] is True
    assert seals.seal(holder.device, applied["id"])["status"] == "approved"


def test_rejection_with_reason_then_apply_again(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    image, _ = _upload("personal_stamp")
    applied = seals.apply(holder.device, cert["id"], "personal_stamp", image)
    with pytest.raises(DeviceError) as dup:
        seals.apply(holder.device, cert["id"], "personal_stamp", image)
    assert dup.value.code == "seal_exists"
    console = _console(client, ca)
    refused = client.post(
        f"/api/console/v1/seals/{applied['id']}/reject", headers=console, json={"reason": " "}
    )
    assert refused.json()["error"]["code"] == "reject_reason_required"
    client.post(
        f"/api/console/v1/seals/{applied['id']}/reject",
        headers=console,
        json={"reason": "印章图像不清晰"},
    )
    shown = seals.seal(holder.device, applied["id"])
    assert shown["status_label"] == "未通过"
    assert shown["reject_reason"] == "印章图像不清晰"
    twice = client.post(f"/api/console/v1/seals/{applied['id']}/approve", headers=console)
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "illegal_transition"
    again = seals.apply(holder.device, cert["id"], "personal_stamp", image)
    assert again["status"] == "pending_review"


def test_company_name_change_voids_every_seal_and_tells_the_holder(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    company = verified_company(holder, name="旧名称建设有限公司")
    official = _apply_review_claim(holder, client, ca, company.admin_cert, "company_official")
    image, _ = _upload("company_contract")
    pending = seals.apply(holder.device, company.admin_cert["id"], "company_contract", image)
    change = holder.device.change(
        company.admin_cert["id"], "新名称科技有限公司", ("proof.png", licence_png(5))
    )
    with ca.sessions() as db:
        review.approve(db, ca, reviewer(ca), change["id"])
    holder.pay(change["id"])
    for sid in (official["id"], pending["id"]):
        shown = seals.seal(holder.device, sid)
        assert shown["status"] == "voided"
        assert shown["status_label"] == "已作废"
        assert shown["void_reason"] == seal_service.VOID_RENAMED
    with ca.sessions() as db:
        bodies = db.scalars(select(Message.body).where(Message.kind == "seal_voided")).all()
    assert len(bodies) == 1
    assert "企业名称变更" in bodies[0]
    with pytest.raises(DeviceError) as caught:
        seals.claim(holder.device, pending["id"], PASSWORD)
    assert caught.value.code == "seal_not_approved"


def test_member_revocation_voids_the_members_seals(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    company = verified_company(holder, seq=3, name="泉州某某工程有限公司")
    user = make_holder(client, ca, clock, n=6, name="孙七")
    member = authorise(company, user, "user")
    member_cert = claim_and_download(user, member["id"])
    sealed = _apply_review_claim(user, client, ca, member_cert, "personal_signature")
    holder.device.revoke_member(company.org_id, member["id"])
    shown = seals.seal(user.device, sealed["id"])
    assert shown["status"] == "voided"
    assert shown["void_reason"] == seal_service.VOID_REVOKED


def _claimed_personal(
    holder: Holder, client: TestClient, ca: Runtime, seal_type: str = "personal_stamp"
) -> tuple[dict[str, Any], dict[str, Any]]:
    cert = personal_certificate(holder, password=PASSWORD)
    return cert, _apply_review_claim(holder, client, ca, cert, seal_type)


def _certs_in_seal(holder: Holder, seal_id: str) -> tuple[bytes, Any]:
    """The certificate digest list and validity end of the seal data as now stored."""
    with holder.runtime.sessions() as db:
        der = seal_service.get(db, seal_id).seseal_der
    assert der is not None
    info, _ = _seseal_fields(der)
    prop = info[2]
    return prop[3][0][1].native, prop[6].native


def test_renewal_rebinds_the_seal_to_the_new_certificate(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    cert, sealed = _claimed_personal(holder, client, ca)
    digest_before, end_before = _certs_in_seal(holder, sealed["id"])
    old_pem = holder.device.keystore.entries[cert["id"]].signing_cert_pem
    old = x509.load_pem_x509_certificate(old_pem.encode())
    clock.set(old.not_valid_after_utc - timedelta(days=60))
    holder.login()
    order = holder.device.renew(cert["id"], 1, PASSWORD)
    holder.pay(order["id"])
    [pending] = holder.pending()
    # As in a fresh worker process: the seal-maker is loaded inside the download's own
    # transaction, which must neither commit nor roll back under it.
    ca_service(ca)._service.clear()
    result = holder.device.download(
        pending["id"], current_password=PASSWORD, predecessor_id=cert["id"]
    )
    assert holder.device.certificate(pending["id"])["status"] == "active"
    shown = seals.seal(holder.device, sealed["id"])
    assert shown["status"] == "claimed"  # renewal keeps it usable: no new claim
    assert shown["cert_id"] == pending["id"]
    digest_after, end_after = _certs_in_seal(holder, sealed["id"])
    new_der = x509.load_pem_x509_certificate(result["signing_cert"].encode()).public_bytes(
        serialization.Encoding.DER
    )
    assert digest_after == hashlib.sha256(new_der).digest()
    assert digest_after != digest_before
    assert end_after > end_before


def test_reissue_rebinds_and_asks_for_a_claim_on_the_new_phone(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert, sealed = _claimed_personal(holder, client, ca, "personal_signature")
    phone2 = holder.new_device("新手机")
    order = phone2.device.reissue(cert["id"], phone2.device.face_check(face_jpeg(3)))
    phone2.pay(order["id"])
    [pending] = phone2.pending()
    phone2.device.download(pending["id"], password="Phone2#pass")
    shown = seals.seal(phone2.device, sealed["id"])
    assert shown["status"] == "approved"
    assert shown["claimable"] is True
    assert shown["cert_id"] == pending["id"]
    with pytest.raises(DeviceError) as old_password:
        seals.claim(phone2.device, sealed["id"], PASSWORD)
    assert old_password.value.code == "password_wrong"
    again = seals.claim(phone2.device, sealed["id"], "Phone2#pass")
    assert again["seal"]["status"] == "claimed"
    with ca.sessions() as db:
        kinds = db.scalars(select(Message.kind).where(Message.kind == "seal_reclaim")).all()
    assert kinds == ["seal_reclaim"]


def test_certificate_revocation_voids_its_seals(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert, sealed = _claimed_personal(holder, client, ca)
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    from tests.conftest import mcert_cli

    proc = mcert_cli(ca, "ca", "revoke", serial, "--reason", "key_compromise")
    assert proc.returncode == 0, proc.stderr
    shown = seals.seal(holder.device, sealed["id"])
    assert shown["status"] == "voided"
    assert shown["void_reason"] == seal_service.VOID_REVOKED


def test_malformed_strokes_are_refused_not_a_crash(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    png, _ = signature_capture()
    for strokes in ("not json", "[" * 100_000 + "]" * 100_000, '{"a": 1}', "[[[1]]]"):
        resp = client.post(
            "/api/app/v1/seals",
            data={"cert_id": cert["id"], "seal_type": "personal_signature", "strokes": strokes},
            files={"image": ("pad.png", png, "image/png")},
            headers={"Authorization": f"Bearer {holder.device.access_token}"},
        )
        assert resp.status_code == 422, resp.text
        assert resp.json()["error"]["code"] == "signature_strokes_invalid"
