"""Seals that cost money (MCERT_SEAL_PRICE_FEN > 0): apply → 待支付 with an order of kind
``seal``; paying it sends the seal to review; the order closing or cancelled unpaid cancels
the seal; a paid seal rejected (or voided before review) is refunded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.companies import PASSWORD, reviewer
from tests.holders import FAST_PASSWORDS, Holder, make_holder, personal_certificate
from tests.operators import console_headers
from tests.seals import seal_photo, signature_capture

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.jobs import run_all
from mcert.providers.sms import SandboxSMSSender
from mcert.runtime import Runtime
from mcert.seal import service as seal_service
from mcert_device import seals
from mcert_device.client import DeviceError

PRICE = 2000  # 20.00 yuan


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return {**FAST_PASSWORDS, "seal_price_fen": PRICE}


def _stamp() -> tuple[str, bytes]:
    return ("seal.jpg", seal_photo("square", angle=8.0))


def _console(client: TestClient, rt: Runtime) -> dict[str, str]:
    reviewer(rt)
    return console_headers(client, rt, "company-reviewer")


def _apply(holder: Holder) -> tuple[dict[str, Any], dict[str, Any]]:
    cert = personal_certificate(holder, password=PASSWORD)
    applied = seals.apply(holder.device, cert["id"], "personal_stamp", _stamp())
    return cert, dict(applied)


def _titles(holder: Holder) -> list[str]:
    return [m["title"] for m in holder.device.messages()["items"]]


def _sms(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50)]


def _actions(rt: Runtime, target_id: str) -> list[str]:
    with rt.sessions() as db:
        return list(
            db.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.target_id == target_id)
                .order_by(AuditEntry.seq)
            ).all()
        )


def test_apply_makes_an_order_and_paying_it_sends_the_seal_to_review(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    assert client.get("/api/app/v1/products").json()["seal"] == PRICE  # shown before applying
    cert, applied = _apply(holder)
    assert applied["status"] == "unpaid"
    assert applied["status_label"] == "待支付"
    assert applied["price_fen"] == PRICE
    order = applied["order"]
    assert order["amount_fen"] == PRICE
    assert order["amount_yuan"] == "20.00"
    assert order["status"] == "pending_payment"
    assert order["pay_deadline"] is not None
    shown = holder.device.order(order["id"])
    assert shown["kind"] == "seal"
    assert shown["label"] == "电子印章"
    assert shown["target_cert_id"] is None  # it acts on no certificate (renewal stays open)
    # An unpaid application is live: a second one of the same type waits for it.
    with pytest.raises(DeviceError) as dup:
        seals.apply(holder.device, cert["id"], "personal_stamp", _stamp())
    assert dup.value.code == "seal_exists"
    # Not in the review queue before it is paid.
    console = _console(client, ca)
    queue = client.get("/api/console/v1/seals", headers=console).json()
    assert applied["id"] not in [s["id"] for s in queue]
    ready_before = _titles(holder).count("证书待下载")

    paid = holder.pay(order["id"])
    assert paid["status"] == "completed"
    seal = seals.seal(holder.device, applied["id"])
    assert seal["status"] == "pending_review"
    assert seal["order"]["status"] == "completed"
    assert holder.pending() == []  # a seal order makes no certificate
    titles = _titles(holder)
    assert "支付成功" in titles
    assert titles.count("证书待下载") == ready_before
    assert any("20.00" in body for body in _sms(ca, holder.phone))

    queue = client.get("/api/console/v1/seals", headers=console).json()
    assert applied["id"] in [s["id"] for s in queue]
    approved = client.post(f"/api/console/v1/seals/{applied['id']}/approve", headers=console)
    assert approved.json()["status"] == "approved"
    claimed = seals.claim(holder.device, applied["id"], PASSWORD)
    assert claimed["seal"]["status"] == "claimed"
    assert _actions(ca, applied["id"]) == [
        "seal.applied",
        "seal.paid",
        "seal.approved",
        "seal.claimed",
    ]


def test_an_unpaid_order_closing_cancels_the_application_and_it_can_be_made_again(
    holder: Holder, ca: Runtime, clock: FrozenClock
) -> None:
    cert, applied = _apply(holder)
    clock.advance(timedelta(minutes=ca.settings.order_pay_minutes + 1))
    run_all(ca)
    holder.login()
    seal = seals.seal(holder.device, applied["id"])
    assert seal["status"] == "cancelled"
    assert seal["status_label"] == "已取消"
    assert seal["order"]["status"] == "closed"
    assert _actions(ca, applied["id"]) == ["seal.applied", "seal.cancelled"]
    with pytest.raises(DeviceError) as closed:
        holder.device.start_payment(applied["order"]["id"])
    assert closed.value.code == "order_not_payable"

    again = seals.apply(holder.device, cert["id"], "personal_stamp", _stamp())
    assert again["status"] == "unpaid"
    assert again["order"]["id"] != applied["order"]["id"]
    # Cancelling the order in 我的订单 cancels the application too.
    holder.device.cancel(again["order"]["id"])
    assert seals.seal(holder.device, again["id"])["status"] == "cancelled"


def test_rejecting_a_paid_seal_refunds_its_order_and_tells_the_holder(
    holder: Holder, client: TestClient, ca: Runtime
) -> None:
    _, applied = _apply(holder)
    order_id = applied["order"]["id"]
    holder.pay(order_id)
    console = _console(client, ca)
    rejected = client.post(
        f"/api/console/v1/seals/{applied['id']}/reject",
        headers=console,
        json={"reason": "印章图像不清晰"},
    )
    assert rejected.status_code == 200, rejected.text
    seal = seals.seal(holder.device, applied["id"])
    assert seal["status"] == "rejected"
    order = holder.device.order(order_id)
    assert order["status"] == "completed"
    assert order["refund_status"] in ("processing", "succeeded")
    [refund] = order["refunds"]
    assert refund["reason"] == "seal_rejected"
    assert refund["amount_yuan"] == "20.00"
    assert "款项将原路退回" in _titles(holder)
    assert any("将原路退回" in body for body in _sms(ca, holder.phone))
    assert any("已支付的费用将原路退回" in m["body"] for m in holder.device.messages()["items"])


def test_a_revoked_certificate_cancels_the_unpaid_order_and_refunds_the_paid_one(
    holder: Holder, ca: Runtime
) -> None:
    cert, applied = _apply(holder)
    png, strokes = signature_capture()
    signed = seals.apply(
        holder.device, cert["id"], "personal_signature", ("signature.png", png), strokes
    )
    holder.pay(signed["order"]["id"])
    assert seals.seal(holder.device, signed["id"])["status"] == "pending_review"
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    from tests.conftest import mcert_cli

    proc = mcert_cli(ca, "ca", "revoke", serial, "--reason", "key_compromise")
    assert proc.returncode == 0, proc.stderr
    seal = seals.seal(holder.device, applied["id"])
    assert seal["status"] == "voided"
    assert seal["void_reason"] == seal_service.VOID_REVOKED
    assert seal["order"]["status"] == "cancelled"
    with pytest.raises(DeviceError) as info:
        holder.device.start_payment(applied["order"]["id"])
    assert info.value.code == "order_not_payable"
    # Paid but never reviewed: voided, and the money goes back (sent by the jobs).
    assert seals.seal(holder.device, signed["id"])["status"] == "voided"
    run_all(ca)
    paid = holder.device.order(signed["order"]["id"])
    assert paid["refund_status"] in ("processing", "succeeded")
    assert [r["reason"] for r in paid["refunds"]] == ["seal_voided"]


def test_another_holder_cannot_pay_or_see_the_seal_order(
    holder: Holder, client: TestClient, ca: Runtime, clock: FrozenClock
) -> None:
    _, applied = _apply(holder)
    other = make_holder(client, ca, clock, n=2, name="李四")
    with pytest.raises(DeviceError) as pay:
        other.device.start_payment(applied["order"]["id"])
    assert pay.value.status == 404
    assert pay.value.code == "order_not_found"
    with pytest.raises(DeviceError) as look:
        seals.seal(other.device, applied["id"])
    assert look.value.code == "seal_not_found"
    holder.login()
    assert seals.seal(holder.device, applied["id"])["status"] == "unpaid"


def test_an_unpaid_seal_does_not_hold_up_renewal_and_follows_the_new_certificate(
    holder: Holder, ca: Runtime, clock: FrozenClock
) -> None:
    cert = personal_certificate(holder, password=PASSWORD)
    old = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].signing_cert_pem.encode()
    )
    clock.set(old.not_valid_after_utc - timedelta(days=60))
    holder.login()
    applied = seals.apply(holder.device, cert["id"], "personal_stamp", _stamp())
    renewal = holder.device.renew(cert["id"], 1, PASSWORD)
    holder.pay(renewal["id"])
    [pending] = holder.pending()
    holder.device.download(pending["id"], current_password=PASSWORD, predecessor_id=cert["id"])
    moved = seals.seal(holder.device, applied["id"])
    assert moved["status"] == "unpaid"
    assert moved["cert_id"] == pending["id"]
    holder.pay(applied["order"]["id"])
    assert seals.seal(holder.device, applied["id"])["status"] == "pending_review"
