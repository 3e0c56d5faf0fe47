"""A certificate that stops being usable while a scan session is open (issue #9, item 1).

Phone A prepares a session; before it completes, the certificate is superseded (a reissue
on phone B, a renewal), revoked by an operator or locked by wrong passwords. The session
must fail at once with the reason (the RP sees it on its next collect and in a callback),
and ``complete`` must re-check the status under the certificate's lock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.conftest import mcert_cli
from tests.holders import Certified, Holder, face_jpeg, personal_certificate

from mcert.audit.service import Actor
from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.pki.crl import RevocationReason
from mcert.runtime import Runtime
from mcert.scan.models import CallbackDelivery
from mcert_device.client import DeviceError
from mcert_rp import Client, SessionFailed, SessionHandle, encrypt_bid, prepare_decrypt

PASSWORD = "Bid#2026go"
RPFactory = Callable[..., Client]


def frame(handle: SessionHandle, clock: FrozenClock) -> str:
    return handle.qr_text(int((clock.now() - handle.created_at).total_seconds()))


@contextmanager
def before_complete(holder: Holder, action: Callable[[], None]) -> Iterator[None]:
    """Run ``action`` after the phone's prepare and its private-key operation, just before
    it sends ``complete``: the window the review found."""
    original = holder.device.request

    def hooked(method: str, path: str, **kwargs: Any) -> Any:
        if path.endswith("/complete"):
            action()
        return original(method, path, **kwargs)

    holder.device.request = hooked  # type: ignore[method-assign]
    try:
        yield
    finally:
        holder.device.request = original  # type: ignore[method-assign]


def start(kind: str, rp: Client, holder: Holder, cert: dict[str, Any]) -> SessionHandle:
    if kind == "login":
        return rp.start_login(display_text="登录 某某公共资源交易平台")
    if kind == "sign":
        return rp.start_sign(
            display_text="签署投标文件",
            digests=[("投标函.pdf", hashlib.sha256(b"bid letter").digest())],
        )
    enc = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].encryption_cert_pem.encode()
    )
    recipient, _, rp_public = prepare_decrypt(encrypt_bid(b"bid", [enc]), enc)
    return rp.start_decrypt(display_text="开标解密", recipient=recipient, rp_public_key=rp_public)


def confirm_refused(holder: Holder, handle: SessionHandle, cert_id: str) -> DeviceError:
    with pytest.raises(DeviceError) as info:
        holder.device.confirm(handle.session_id, cert_id, PASSWORD)
    return info.value


def assert_failed(rp: Client, handle: SessionHandle, reason: str) -> None:
    status = rp.collect(handle.session_id)
    assert (status.status, status.reason, status.result) == ("failed", reason, None)
    with pytest.raises(SessionFailed) as failed:
        status.raise_for_failure()
    assert (failed.value.reason, failed.value.session_id) == (reason, handle.session_id)
    assert failed.value.certificate_unusable is reason.startswith("cert_")


def reissue_on_phone_b(holder: Holder, cert_id: str) -> dict[str, Any]:
    phone_b = holder.new_device("新手机")
    order = phone_b.device.reissue(cert_id, phone_b.device.face_check(face_jpeg(3)))
    phone_b.pay(order["id"])
    [pending] = phone_b.pending()
    return dict(phone_b.device.download(pending["id"], password="Phone2#pass"))


def callbacks(runtime: Runtime, session_id: str) -> list[dict[str, Any]]:
    with runtime.sessions() as db:
        rows = db.scalars(
            select(CallbackDelivery).where(CallbackDelivery.session_id == session_id)
        ).all()
        return [json.loads(r.body) for r in rows]


@pytest.fixture
def ready(certified: Certified, rp_factory: RPFactory) -> tuple[Holder, dict[str, Any], Client]:
    return (
        certified.holder,
        certified.cert,
        rp_factory(callback_url="https://platform.example/mcert/callback"),
    )


def test_reissue_on_phone_b_fails_the_sign_session_phone_a_prepared(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock, ca: Runtime
) -> None:
    """The review's scenario, through the HTTP API with two devices."""
    holder, cert, rp = ready
    handle = start("sign", rp, holder, cert)
    holder.device.scan(frame(handle, clock))
    seen: dict[str, Any] = {}

    def reissue() -> None:
        reissue_on_phone_b(holder, cert["id"])
        # Failed at once, before phone A says anything more.
        seen["status"] = rp.collect(handle.session_id)

    with before_complete(holder, reissue):
        refused = confirm_refused(holder, handle, cert["id"])
    assert (seen["status"].status, seen["status"].reason) == ("failed", "cert_revoked")
    assert (refused.status, refused.code) == (409, "cert_revoked")
    assert refused.message == "证书已吊销，不能使用"
    assert_failed(rp, handle, "cert_revoked")
    [callback] = callbacks(ca, handle.session_id)
    assert (callback["status"], callback["reason"]) == ("failed", "cert_revoked")
    assert holder.device.usage()["items"][0]["result"] == "cert_revoked"


def test_renewal_fails_the_open_session_of_the_old_certificate(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    not_after = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].signing_cert_pem.encode()
    ).not_valid_after_utc
    clock.set(not_after - timedelta(days=30))
    holder.login()
    order = holder.device.renew(cert["id"], 1, PASSWORD)
    holder.pay(order["id"])
    [pending] = holder.pending()
    handle = start("login", rp, holder, cert)
    holder.device.scan(frame(handle, clock))

    def renew() -> None:
        holder.device.download(pending["id"], current_password=PASSWORD, predecessor_id=cert["id"])

    with before_complete(holder, renew):
        assert confirm_refused(holder, handle, cert["id"]).code == "cert_revoked"
    assert_failed(rp, handle, "cert_revoked")


def test_password_lock_fails_every_open_session_of_the_certificate(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock, ca: Runtime
) -> None:
    holder, cert, rp = ready
    handle = start("login", rp, holder, cert)
    holder.device.scan(frame(handle, clock))

    def lock() -> None:
        for _ in range(ca.settings.password_max_failures):
            with pytest.raises(DeviceError):
                holder.device.unlock(cert["id"], "Wrong#pass1")
        assert rp.collect(handle.session_id).reason == "cert_locked"

    with before_complete(holder, lock):
        refused = confirm_refused(holder, handle, cert["id"])
    assert (refused.code, refused.details["reason"]) == ("cert_locked", "cert_locked")
    assert_failed(rp, handle, "cert_locked")
    [callback] = callbacks(ca, handle.session_id)
    assert callback["reason"] == "cert_locked"


def test_operator_revoke_fails_open_sessions_and_revokes_the_pair(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock, ca: Runtime
) -> None:
    holder, cert, rp = ready
    detail = holder.device.certificate(cert["id"])
    handle = start("sign", rp, holder, cert)
    holder.device.scan(frame(handle, clock))
    out: dict[str, Any] = {}

    def revoke() -> None:
        out["cli"] = mcert_cli(
            ca, "ca", "revoke", detail["signing"]["serial"], "--reason", "key_compromise"
        )
        assert out["cli"].returncode == 0, out["cli"].stderr

    with before_complete(holder, revoke):
        refused = confirm_refused(holder, handle, cert["id"])
    assert out["cli"].returncode == 0, out["cli"].stderr
    assert refused.code == "cert_revoked"
    assert_failed(rp, handle, "cert_revoked")
    after = holder.device.certificate(cert["id"])
    assert after["status"] == "revoked"
    assert after["signing"]["status"] == "revoked"
    assert after["encryption"]["status"] == "revoked"
    assert after["encryption"]["revocation_reason"] == "key_compromise"


@pytest.mark.parametrize("kind", ["login", "sign", "decrypt"])
def test_complete_rechecks_the_status_itself(
    kind: str,
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
    ca: Runtime,
) -> None:
    """A revocation that bypasses the certificate domain (the CA alone) fails no session
    by itself; ``complete`` still refuses, for every operation type."""
    holder, cert, rp = ready
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    handle = start(kind, rp, holder, cert)
    holder.device.scan(frame(handle, clock))

    def revoke_in_the_ca() -> None:
        with ca.sessions() as db:
            ca_service(ca).revoke(
                db,
                serial,
                reason=RevocationReason.KEY_COMPROMISE,
                now=clock.now(),
                actor=Actor("operator", "test"),
            )
            db.commit()
        assert rp.collect(handle.session_id).status == "pending"

    with before_complete(holder, revoke_in_the_ca):
        assert confirm_refused(holder, handle, cert["id"]).code == "cert_revoked"
    assert_failed(rp, handle, "cert_revoked")


def test_certificate_expiring_between_prepare_and_complete(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    not_after = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].signing_cert_pem.encode()
    ).not_valid_after_utc
    clock.set(not_after - timedelta(seconds=120))
    holder.login()  # 61 s later
    handle = start("login", rp, holder, cert)
    holder.device.scan(frame(handle, clock))
    with before_complete(holder, lambda: clock.advance(90)):
        assert confirm_refused(holder, handle, cert["id"]).code == "cert_expired"
    assert_failed(rp, handle, "cert_expired")


def test_other_certificates_sessions_are_untouched(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock, client: TestClient
) -> None:
    """Only sessions that chose the blocked certificate fail; a lock on another holder's
    certificate leaves this one's session alone."""
    holder, cert, rp = ready
    from tests.holders import make_holder

    other = make_holder(client, holder.runtime, clock, n=41, name="李四")
    other_cert = personal_certificate(other, PASSWORD)
    handle = start("login", rp, holder, cert)
    holder.device.scan(frame(handle, clock))

    def lock_other() -> None:
        for _ in range(5):
            with pytest.raises(DeviceError):
                other.device.unlock(other_cert["id"], "Wrong#pass1")

    with before_complete(holder, lock_other):
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    assert rp.collect(handle.session_id).status == "complete"


@pytest.mark.parametrize("path", ["operator", "ca_only"])
def test_complete_waits_for_a_revocation_in_flight(
    path: str,
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
    ca: Runtime,
) -> None:
    """A revocation that has taken its locks but not committed yet: ``complete`` waits for
    it (row locks on PostgreSQL, the write lock on SQLite) and then refuses; it never
    publishes a result the revocation's commit would contradict."""
    import threading
    import time

    from mcert.cert import service as cert_service

    holder, cert, rp = ready
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    handle = start("sign", rp, holder, cert)
    holder.device.scan(frame(handle, clock))
    locked, errors = threading.Event(), []

    def revoker() -> None:
        try:
            with ca.sessions() as db:
                kwargs: dict[str, Any] = dict(
                    reason=RevocationReason.KEY_COMPROMISE,
                    now=clock.now(),
                    actor=Actor("operator", "test"),
                )
                if path == "operator":
                    cert_service.revoke(db, ca, serial, **kwargs)
                else:
                    ca_service(ca).revoke(db, serial, **kwargs)
                locked.set()
                time.sleep(1.0)
                db.commit()
        except Exception as exc:  # reported below
            errors.append(exc)
            locked.set()

    thread = threading.Thread(target=revoker)

    def revoke_in_flight() -> None:
        thread.start()
        assert locked.wait(30)

    with before_complete(holder, revoke_in_flight):
        refused = confirm_refused(holder, handle, cert["id"])
    thread.join(30)
    assert errors == []
    assert refused.code == "cert_revoked"
    assert_failed(rp, handle, "cert_revoked")


def test_company_name_change_fails_the_open_session_of_the_old_certificate(
    holder: Holder, rp_factory: RPFactory, clock: FrozenClock, ca: Runtime
) -> None:
    from tests.holders import USCC, licence_png

    from mcert.operator import service as operators
    from mcert.review import service as review

    holder.verify_by_phone()
    order = holder.device.apply_company(
        years=1,
        company_name="旧名称建设有限公司",
        uscc=USCC(8),
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
    holder.device.download(pending["id"], password=PASSWORD)
    change = holder.device.change(pending["id"], "新名称科技有限公司", ("p.png", licence_png(5)))
    with ca.sessions() as db:
        review.approve(db, ca, op, change["id"])
    holder.pay(change["id"])
    [renamed] = holder.pending()
    rp = rp_factory()
    handle = rp.start_sign(
        display_text="签署投标文件", digests=[("投标函.pdf", hashlib.sha256(b"x").digest())]
    )
    holder.device.scan(frame(handle, clock))

    def change_name() -> None:
        holder.device.download(
            renamed["id"], current_password=PASSWORD, predecessor_id=pending["id"]
        )

    with before_complete(holder, change_name):
        assert confirm_refused(holder, handle, pending["id"]).code == "cert_revoked"
    assert_failed(rp, handle, "cert_revoked")
