"""Scheduled jobs and the operator command line."""

from __future__ import annotations

from datetime import timedelta

from cryptography import x509
from tests.conftest import mcert_cli
from tests.holders import USCC, Holder, licence_png, personal_certificate

from mcert.clock import FrozenClock
from mcert.jobs import expiry_reminders, run_all
from mcert.providers.sms import SandboxSMSSender
from mcert.runtime import Runtime


def _reminders(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50) if "到期" in m.body]


def test_expiry_reminders_90_30_7_once_each_even_with_two_workers(
    holder: Holder, ca: Runtime, clock: FrozenClock
) -> None:
    cert = personal_certificate(holder)
    pem = holder.device.keystore.entries[cert["id"]].signing_cert_pem
    expiry = x509.load_pem_x509_certificate(pem.encode()).not_valid_after_utc
    other_worker = Runtime(ca.settings, clock=clock, engine=ca.engine)
    sent = []
    for days_left in (100, 89, 88, 29, 28, 6, 5):
        clock.set(expiry - timedelta(days=days_left))
        for rt in (ca, other_worker):
            with rt.sessions() as db:
                sent.append((days_left, expiry_reminders(db, rt)))
    assert [d for d, n in sent if n] == [89, 29, 6]
    bodies = _reminders(ca, holder.phone)
    assert len(bodies) == 3
    assert any("剩余88天" in b or "剩余89天" in b for b in bodies)


def test_run_all_closes_unpaid_orders(holder: Holder, ca: Runtime, clock: FrozenClock) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    clock.advance(timedelta(minutes=31))
    results = run_all(ca)
    assert results["close_unpaid_orders"] == 1
    assert str(results["crls"]).startswith("fresh")
    holder.login()
    assert holder.device.order(order["id"])["status"] == "closed"


def test_operator_and_review_commands(holder: Holder, ca: Runtime) -> None:
    holder.verify_by_phone()
    order = holder.device.apply_company(
        years=1,
        company_name="某某工程有限公司",
        uscc=USCC(11),
        legal_rep_name=holder.name,
        applicant_is_legal_rep=True,
        licence=("l.png", licence_png()),
    )
    created = mcert_cli(ca, "operator", "create", "alice", "--password", "alice-pass-123")
    assert created.returncode == 0, created.stderr
    listed = mcert_cli(ca, "review", "list")
    assert order["id"] in listed.stdout
    shown = mcert_cli(ca, "review", "show", order["id"])
    assert "business_licence" in shown.stdout
    no_reason = mcert_cli(
        ca, "review", "reject", order["id"], "--operator", "alice", "--reason", "x"
    )
    assert no_reason.returncode != 0
    assert "reject_reason_required" in no_reason.stderr
    rejected = mcert_cli(
        ca, "review", "reject", order["id"], "--operator", "alice", "--reason", "执照已过期"
    )
    assert rejected.returncode == 0, rejected.stderr
    assert holder.device.order(order["id"])["reject_reason"] == "执照已过期"
    holder.device.resubmit(order["id"], files={"business_licence": ("n.png", licence_png(2))})
    approved = mcert_cli(ca, "review", "approve", order["id"], "--operator", "alice")
    assert approved.returncode == 0, approved.stderr
    assert holder.device.order(order["id"])["status"] == "pending_payment"
    jobs = mcert_cli(ca, "jobs", "run")
    assert jobs.returncode == 0, jobs.stderr
    assert "close_unpaid_orders: 0" in jobs.stdout
