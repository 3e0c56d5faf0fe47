"""Each /metrics family moves when its event happens: SMS by template, issuance by profile,
payment notifications by outcome, scan sessions by type and result, OCSP answers by path and
status, certificate locks, queue sizes (docs/operations.md). Read as a scraper reads them."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from tests.holders import Holder, personal_certificate

from mcert.audit.service import Actor
from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.pki.crl import RevocationReason
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.runtime import Runtime
from mcert.scan.common import SCAN_SECONDS
from mcert_device.client import DeviceError
from mcert_rp import Client, SessionHandle

PASSWORD = "Bid#2026go"
# The counters count what each test's set-up did too, and live in the test's process: no
# saved set-ups (tests/api/lifecycle/conftest.py, ``ca``).
SET_UP_EVERY_TEST = True
RPFactory = Callable[..., Client]


class Scrape:
    """One scrape of /metrics."""

    def __init__(self, client: TestClient) -> None:
        resp = client.get("/metrics")
        assert resp.status_code == 200
        self.samples = [s for f in text_string_to_metric_families(resp.text) for s in f.samples]

    def __call__(self, name: str, **labels: str) -> float:
        return sum(
            s.value
            for s in self.samples
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
        )


def frame(handle: SessionHandle, clock: FrozenClock) -> str:
    return handle.qr_text(int((clock.now() - handle.created_at).total_seconds()))


def test_sms_issuance_and_payment_notifications(
    holder: Holder, client: TestClient, runtime: Runtime
) -> None:
    m = Scrape(client)
    assert m("mcert_sms_sent_total", template="login_code", outcome="sent") == 1
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    cashier = holder.device.start_payment(order["id"])
    trade_no = cashier.rstrip("/").rsplit("/", 1)[-1]
    gateway = runtime.payment
    assert isinstance(gateway, SandboxPaymentGateway)
    assert gateway.pay(trade_no).ok
    [note] = gateway.notifications(trade_no)
    form = note.form()
    for _ in range(2):
        assert client.post("/api/payments/notify/sandbox", data=form).text == "success"
    forged = {**form, "sign": base64.b64encode(b"x" * 256).decode()}
    assert client.post("/api/payments/notify/sandbox", data=forged).status_code == 400
    m = Scrape(client)
    notes = "mcert_payment_notifications_total"
    assert m(notes, provider="sandbox", outcome="paid") == 1
    assert m(notes, provider="sandbox", outcome="duplicate") == 1
    assert m(notes, provider="sandbox", outcome="rejected") == 1
    assert m("mcert_sms_sent_total", template="payment_received", outcome="sent") == 1
    assert m("mcert_certificates_issued_total") == 0  # issued at download, not at payment
    [pending] = holder.pending()
    holder.device.download(pending["id"], password=PASSWORD)
    m = Scrape(client)
    assert m("mcert_certificates_issued_total", profile="personal-sign") == 1
    assert m("mcert_certificates_issued_total", profile="personal-enc") == 1


@pytest.fixture
def ready(holder: Holder, rp_factory: RPFactory) -> tuple[Holder, dict[str, Any], Client]:
    return holder, personal_certificate(holder, PASSWORD), rp_factory()


def test_scan_sessions_by_type_and_result_and_queue_sizes(
    ready: tuple[Holder, dict[str, Any], Client], client: TestClient, clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    done = rp.start_login(display_text="登录")
    holder.device.scan(frame(done, clock))
    holder.device.confirm(done.session_id, cert["id"], PASSWORD)
    cancelled = rp.start_login(display_text="登录")
    rp.cancel(cancelled.session_id)
    rejected = rp.start_login(display_text="登录")
    holder.device.scan(frame(rejected, clock))
    holder.device.reject_scan(rejected.session_id)
    rp.start_sign(display_text="签章", digests=[("标书.pdf", b"\x01" * 32)])
    m = Scrape(client)
    assert m("mcert_queue_size", queue="scan_sessions_open") == 1
    clock.advance(timedelta(seconds=SCAN_SECONDS + 1))
    expiring = rp.start_login(display_text="登录")
    clock.advance(timedelta(seconds=SCAN_SECONDS + 1))
    assert rp.collect(expiring.session_id).reason == "expired"
    m = Scrape(client)
    created, finished = "mcert_scan_sessions_created_total", "mcert_scan_sessions_finished_total"
    assert m(created, type="login") == 4
    assert m(created, type="sign") == 1
    assert m(finished, type="login", result="completed", reason="none") == 1
    assert m(finished, type="login", result="failed", reason="cancelled") == 1
    assert m(finished, type="login", result="failed", reason="user_cancel") == 1
    assert m(finished, type="login", result="expired", reason="expired") == 1
    # The sign session expired too but nobody has read it yet: still counted as open.
    assert m("mcert_queue_size", queue="scan_sessions_open") == 1
    assert m("mcert_queue_size", queue="reviews_pending") == 0


def test_certificate_password_lock_is_counted(
    ready: tuple[Holder, dict[str, Any], Client], client: TestClient, clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    handle = rp.start_login(display_text="登录")
    holder.device.scan(frame(handle, clock))
    for _ in range(4):
        with pytest.raises(DeviceError):
            holder.device.confirm(handle.session_id, cert["id"], "Wrong#pass1")
    assert Scrape(client)("mcert_certificate_locks_total") == 0
    with pytest.raises(DeviceError) as locked:
        holder.device.confirm(handle.session_id, cert["id"], "Wrong#pass1")
    assert locked.value.code == "cert_locked"
    m = Scrape(client)
    assert m("mcert_certificate_locks_total") == 1
    assert m("mcert_scan_sessions_finished_total", result="failed", reason="cert_locked") == 1


def test_ocsp_answers_by_path_and_status(
    ready: tuple[Holder, dict[str, Any], Client], client: TestClient, ca: Runtime
) -> None:
    holder, cert, _ = ready
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    with ca.sessions() as db:
        leaf = x509.load_der_x509_certificate(ca_service(ca).get(db, serial).cert_der)
        issuer = ca_service(ca).ca_certificate(db, "issuing")
    der = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(leaf, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    url = "/pki/ocsp/" + base64.b64encode(der).decode()
    for _ in range(3):
        assert client.get(url).status_code == 200
    m = Scrape(client)
    responses = "mcert_ocsp_responses_total"
    # Signed once (at download or on the first request); the others are cache hits.
    assert m(responses, status="good") == 3
    assert m(responses, path="fast", status="good") >= 2
    with ca.sessions() as db:
        ca_service(ca).revoke(
            db,
            serial,
            reason=RevocationReason.KEY_COMPROMISE,
            now=ca.clock.now(),
            actor=Actor("operator", "test"),
        )
        db.commit()
    assert client.get(url).status_code == 200
    assert Scrape(client)(responses, status="revoked") == 1
