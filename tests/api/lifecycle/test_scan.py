"""Scan to use: login, sign and decrypt through the RP SDK and the reference device, the
attacks the design must refuse, SDK verification, usage records (manual parts 8, 9)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from tests.holders import Certified, Holder, make_holder, personal_certificate

from mcert.audit.service import Actor
from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.pki.crl import RevocationReason
from mcert.runtime import Runtime
from mcert.scan import callbacks, common
from mcert.scan.models import CallbackDelivery, ScanSession
from mcert.tasks.queue import task_queue
from mcert_device.client import DeviceError
from mcert_rp import (
    APIError,
    CertificateRevoked,
    ChainInvalid,
    Client,
    PayloadMismatch,
    SessionFailed,
    SessionHandle,
    SignatureInvalid,
    Verifier,
    decrypt_with_session,
    encrypt_bid,
    prepare_decrypt,
)

PASSWORD = "Bid#2026go"
RPFactory = Callable[..., Client]


def root_pem(client: TestClient) -> bytes:
    der = client.get("/pki/ca/root.crt").content
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


def frame(handle: SessionHandle, clock: FrozenClock, offset: int = 0) -> str:
    return handle.qr_text(int((clock.now() - handle.created_at).total_seconds()) + offset)


@pytest.fixture
def ready(certified: Certified, rp_factory: RPFactory) -> tuple[Holder, dict[str, Any], Client]:
    return certified.holder, certified.cert, rp_factory()


def test_login_end_to_end(
    ready: tuple[Holder, dict[str, Any], Client], client: TestClient, clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    handle = rp.start_login(display_text="登录 某某公共资源交易平台")
    assert rp.collect(handle.session_id).hint == "outstanding"
    view = holder.device.scan(frame(handle, clock))
    assert view["rp_name"] == "某某公共资源交易平台"
    assert view["type_label"] == "登录"
    assert view["display_text"] == "登录 某某公共资源交易平台"
    [choice] = view["certificates"]
    assert choice["eligible"] is True
    # The answer carries the password's pre-hash parameters: the phone asks for them no more.
    prehash_path = f"/api/app/v1/certificates/{cert['id']}/prehash"
    assert choice["prehash"] == holder.device.request("GET", prehash_path)
    assert rp.collect(handle.session_id).hint == "scanned"
    sent: list[str] = []
    hooks = holder.device.http.event_hooks
    holder.device.http.event_hooks = {**hooks, "request": [lambda r: sent.append(r.url.path)]}
    try:
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    finally:
        holder.device.http.event_hooks = hooks
    assert prehash_path not in sent
    assert f"/api/app/v1/scan/{handle.session_id}/complete" in sent
    status = rp.collect(handle.session_id)
    assert status.status == "complete"
    verifier = Verifier([root_pem(client)], client_id=rp.client_id, rp_name="某某公共资源交易平台")
    result = verifier.verify_login(status, handle)
    assert result.holder.name == "张三"
    assert result.holder.serial == holder.device.certificate(cert["id"])["signing"]["serial"]
    [record] = holder.device.usage()["items"]
    assert record["operation"] == "login"
    assert record["result"] == "success"
    assert record["rp_name"] == "某某公共资源交易平台"
    assert record["holder_name"] == "张三"
    assert record["cert_serial"] == result.holder.serial


def test_sign_digests_with_timestamps(
    ready: tuple[Holder, dict[str, Any], Client], client: TestClient, clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    docs = [
        ("投标函.pdf", hashlib.sha256(b"bid letter").digest()),
        ("报价单.pdf", hashlib.sha256(b"price list").digest()),
    ]
    handle = rp.start_sign(display_text="签署投标文件 2 份", digests=docs)
    view = holder.device.scan(frame(handle, clock))
    assert view["documents"] == ["投标函.pdf", "报价单.pdf"]
    holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    status = rp.collect(handle.session_id)
    result = Verifier([root_pem(client)], client_id=rp.client_id).verify_sign(status, handle)
    assert [s.label for s in result.signatures] == ["投标函.pdf", "报价单.pdf"]
    assert all(abs((s.time - clock.now()).total_seconds()) < 5 for s in result.signatures)
    # A tampered signature is caught by the SDK.
    assert status.result is not None
    bad = dict(status.result)
    sigs = [dict(s) for s in bad["signatures"]]
    sigs[0]["signature"] = sigs[1]["signature"]
    bad["signatures"] = sigs
    from mcert_rp import SessionStatus

    forged = SessionStatus(status.session_id, "sign", "complete", None, None, bad)
    with pytest.raises(SignatureInvalid):
        Verifier([root_pem(client)], client_id=rp.client_id).verify_sign(forged, handle)


def test_decrypt_a_bid(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock, client: TestClient
) -> None:
    holder, cert, rp = ready
    enc_cert = x509.load_pem_x509_certificate(
        holder.device.keystore.entries[cert["id"]].encryption_cert_pem.encode()
    )
    bid = "第一标段 投标报价 9,870,000 元".encode()
    envelope = encrypt_bid(bid, [enc_cert])
    recipient, rp_key, rp_public = prepare_decrypt(envelope, enc_cert)
    handle = rp.start_decrypt(
        display_text="开标解密 第一标段", recipient=recipient, rp_public_key=rp_public
    )
    holder.device.scan(frame(handle, clock))
    holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    status = rp.collect(handle.session_id)
    assert "sealed_output" in (status.result or {})
    assert decrypt_with_session(envelope, recipient, status, rp_key) == bid
    verifier = Verifier([root_pem(client)], client_id=rp.client_id)
    assert verifier.verify_decrypt(status, enc_cert).name == "张三"
    from cryptography.hazmat.primitives.asymmetric import ec as ec_mod

    from mcert.pki.issue import SubjectInfo, build_root_ca

    stranger = build_root_ca(
        private_key=ec_mod.generate_private_key(ec_mod.SECP384R1()),
        subject=SubjectInfo(common_name="x", organization="y"),
        not_before=clock.now(),
    )
    with pytest.raises(PayloadMismatch):
        verifier.verify_decrypt(status, stranger)


def test_decrypt_refuses_a_certificate_the_envelope_is_not_for(
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
    client: TestClient,
    ca: Runtime,
) -> None:
    holder, cert, rp = ready
    other = make_holder(client, ca, clock, n=31, name="李四")
    other_cert = personal_certificate(other, PASSWORD)
    enc = x509.load_pem_x509_certificate(
        other.device.keystore.entries[other_cert["id"]].encryption_cert_pem.encode()
    )
    envelope = encrypt_bid(b"x", [enc])
    recipient, _, rp_public = prepare_decrypt(envelope, enc)
    handle = rp.start_decrypt(display_text="开标解密", recipient=recipient, rp_public_key=rp_public)
    view = holder.device.scan(frame(handle, clock))
    assert view["certificates"][0]["eligible"] is False
    assert view["certificates"][0]["reason"] == "not_eligible"
    with pytest.raises(DeviceError) as info:
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    assert info.value.code == "not_eligible"
    assert rp.collect(handle.session_id).reason == "not_eligible"


# ----------------------------------------------------------------------------- attacks


def test_stale_and_forged_frames_are_refused(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, _, rp = ready
    handle = rp.start_login(display_text="登录")
    clock.advance(20)
    with pytest.raises(DeviceError) as stale:
        holder.device.scan(handle.qr_text(2))  # a photo of the QR from 18 seconds ago
    assert stale.value.code == "qr_stale"
    good = frame(handle, clock)
    forged = good[:-4] + ("0000" if not good.endswith("0000") else "1111")
    with pytest.raises(DeviceError) as bad:
        holder.device.scan(forged)
    assert bad.value.code == "qr_invalid"
    with pytest.raises(DeviceError) as junk:
        holder.device.scan("https://evil.example/q/whatever")
    assert junk.value.code == "qr_invalid"
    assert holder.device.scan(good)["session_id"] == handle.session_id


def test_bound_session_refuses_other_devices_and_replays(
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
    client: TestClient,
    ca: Runtime,
) -> None:
    holder, cert, rp = ready
    handle = rp.start_login(display_text="登录")
    first = frame(handle, clock)
    holder.device.scan(first)
    attacker = make_holder(client, ca, clock, n=77, name="王五")
    with pytest.raises(DeviceError) as replay:
        attacker.device.scan(first)  # the relayed frame
    assert replay.value.code == "session_already_bound"
    with pytest.raises(DeviceError) as later:
        attacker.device.scan(frame(handle, clock))
    assert later.value.code == "session_already_bound"
    same_phone_again = holder.device.scan(frame(handle, clock))
    assert same_phone_again["session_id"] == handle.session_id
    holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    with pytest.raises(DeviceError) as after:
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    assert after.value.code == "session_not_pending"
    with pytest.raises(DeviceError) as rescan:
        holder.device.scan(frame(handle, clock))
    assert rescan.value.code == "session_not_pending"


def test_rp_cannot_collect_another_rps_session_and_nonces_are_single_use(
    ready: tuple[Holder, dict[str, Any], Client],
    rp_factory: RPFactory,
    client: TestClient,
) -> None:
    _, _, rp = ready
    other = rp_factory(name="另一个平台")
    handle = rp.start_login(display_text="登录")
    with pytest.raises(APIError) as info:
        other.collect(handle.session_id)
    assert info.value.status == 404
    # Replay a captured request byte for byte: same nonce, same signature.
    captured: dict[str, Any] = {}
    original = client.request

    def spy(method: str, url: str, **kw: Any) -> Any:
        captured.update(method=method, url=url, **kw)
        return original(method, url, **kw)

    client.request = spy  # type: ignore[method-assign]
    try:
        rp.collect(handle.session_id)
    finally:
        client.request = original  # type: ignore[method-assign]
    replay = client.request(captured["method"], captured["url"], headers=captured["headers"])
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "rp_nonce_reused"
    tampered = dict(captured["headers"], **{"X-MCert-Nonce": "n" * 20})
    bad = client.request(captured["method"], captured["url"], headers=tampered)
    assert bad.json()["error"]["code"] == "rp_signature_invalid"
    stale = dict(captured["headers"], **{"X-MCert-Timestamp": "1000"})
    assert (
        client.request(captured["method"], captured["url"], headers=stale).json()["error"]["code"]
        == "rp_timestamp_stale"
    )


def test_wrong_password_counts_and_locks_the_session(
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
) -> None:
    holder, cert, rp = ready
    handle = rp.start_login(display_text="登录")
    holder.device.scan(frame(handle, clock))
    for left in (4, 3, 2, 1):
        with pytest.raises(DeviceError) as wrong:
            holder.device.confirm(handle.session_id, cert["id"], "Wrong#pass1")
        assert wrong.value.details["attempts_left"] == left
        assert rp.collect(handle.session_id).status == "pending"
    with pytest.raises(DeviceError) as locked:
        holder.device.confirm(handle.session_id, cert["id"], "Wrong#pass1")
    assert locked.value.code == "cert_locked"
    status = rp.collect(handle.session_id)
    assert (status.status, status.reason) == ("failed", "cert_locked")
    with pytest.raises(SessionFailed):
        status.raise_for_failure()
    assert holder.device.usage()["items"][0]["result"] == "cert_locked"


def test_revoked_certificate_cannot_complete(
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
    ca: Runtime,
) -> None:
    holder, cert, rp = ready
    serial = holder.device.certificate(cert["id"])["signing"]["serial"]
    with ca.sessions() as db:
        ca_service(ca).revoke(
            db,
            serial,
            reason=RevocationReason.KEY_COMPROMISE,
            now=clock.now(),
            actor=Actor("operator", "test"),
        )
        db.commit()
    handle = rp.start_login(display_text="登录")
    view = holder.device.scan(frame(handle, clock))
    assert view["certificates"][0]["reason"] == "cert_revoked"
    with pytest.raises(DeviceError) as info:
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    assert info.value.code == "cert_revoked"
    assert rp.collect(handle.session_id).reason == "cert_revoked"


def test_requirements_filter_certificates(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, _, rp = ready
    handle = rp.start_login(display_text="登录", requirements={"cert_type": "org"})
    view = holder.device.scan(frame(handle, clock))
    assert [c["reason"] for c in view["certificates"]] == ["not_eligible"]
    assert [c["prehash"] for c in view["certificates"]] == [None]


def test_cancel_reject_and_expiry(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, _, rp = ready
    a = rp.start_login(display_text="登录")
    assert rp.cancel(a.session_id).reason == "cancelled"
    with pytest.raises(DeviceError) as after_cancel:
        holder.device.scan(frame(a, clock))
    assert after_cancel.value.code == "session_not_pending"
    b = rp.start_login(display_text="登录")
    holder.device.scan(frame(b, clock))
    holder.device.reject_scan(b.session_id)
    assert rp.collect(b.session_id).reason == "user_cancel"
    c = rp.start_login(display_text="登录")
    clock.advance(timedelta(seconds=common.SCAN_SECONDS + 1))
    assert rp.collect(c.session_id).reason == "expired"
    clock.advance(timedelta(seconds=common.COLLECT_SECONDS + 1))
    with pytest.raises(APIError) as gone:
        rp.collect(c.session_id)
    assert gone.value.status == 404


def test_collect_does_not_wait_for_a_writer(
    ready: tuple[Holder, dict[str, Any], Client], runtime: Runtime, clock: FrozenClock
) -> None:
    """An RP's status read (a long-poll reads five times a second) does not queue for
    SQLite's write lock behind other requests' writes; only an expiry writes."""
    holder, _, rp = ready
    handle = rp.start_login(display_text="登录")
    holder.device.scan(frame(handle, clock))
    assert runtime.engine is not None
    answers: list[str] = []

    def collect() -> None:
        answers.append(rp.collect(handle.session_id).hint)

    with runtime.engine.connect() as writer, writer.begin():
        # A write transaction is open (on SQLite it holds the database's write lock).
        writer.execute(update(ScanSession).where(ScanSession.id == "none").values(version=0))
        reader = threading.Thread(target=collect)
        reader.start()
        reader.join(timeout=10)
        assert answers == ["scanned"]
    clock.advance(timedelta(seconds=common.FINISH_SECONDS + 1))
    assert rp.collect(handle.session_id).reason == "expired"  # the write, once due


def test_operations_must_be_allowed(rp_factory: RPFactory) -> None:
    login_only = rp_factory(ops=("login",))
    with pytest.raises(APIError) as info:
        login_only.start_sign(display_text="签章", digests=[("a", b"\0" * 32)])
    assert info.value.code == "operation_not_allowed"
    with pytest.raises(APIError) as bad:
        login_only.start_login(display_text="")
    assert bad.value.code == "text_invalid"


# ----------------------------------------------------------------------------- SDK


def _completed_login(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> tuple[Any, SessionHandle]:
    holder, cert, rp = ready
    handle = rp.start_login(display_text="登录")
    holder.device.scan(frame(handle, clock))
    holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    return rp.collect(handle.session_id), handle


def test_sdk_rejects_wrong_challenge_other_ca_and_revoked(
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
    client: TestClient,
    ca: Runtime,
) -> None:
    status, handle = _completed_login(ready, clock)
    rp = ready[2]
    verifier = Verifier([root_pem(client)], client_id=rp.client_id)
    verifier.verify_login(status, handle)
    other_challenge = SessionHandle(**{**handle.__dict__, "challenge": b"\1" * 32})
    with pytest.raises(PayloadMismatch):
        verifier.verify_login(status, other_challenge)
    with pytest.raises(PayloadMismatch):
        Verifier([root_pem(client)], client_id="rp_someone_else").verify_login(status, handle)
    from cryptography.hazmat.primitives.asymmetric import ec

    from mcert.pki.issue import SubjectInfo, build_root_ca

    foreign = build_root_ca(
        private_key=ec.generate_private_key(ec.SECP384R1()),
        subject=SubjectInfo(common_name="mCert Root CA", organization="mCert"),
        not_before=clock.now() - timedelta(days=1),
    )
    with pytest.raises(ChainInvalid):
        Verifier([foreign], client_id=rp.client_id).verify_login(status, handle)
    # Revoked since: a fresh OCSP response says so and the SDK refuses.
    assert status.result is not None
    leaf = x509.load_pem_x509_certificate(status.result["certificate"].encode())
    with ca.sessions() as db:
        ca_service(ca).revoke(
            db,
            format(leaf.serial_number, "x"),
            reason=RevocationReason.KEY_COMPROMISE,
            now=clock.now(),
            actor=Actor("operator", "test"),
        )
        db.commit()
    issuer = x509.load_der_x509_certificate(client.get("/pki/ca/issuing.crt").content)
    req = ocsp.OCSPRequestBuilder().add_certificate(leaf, issuer, hashes.SHA1()).build()
    fresh = client.post("/pki/ocsp", content=req.public_bytes(serialization.Encoding.DER)).content
    import base64

    revoked = dict(status.result, ocsp=base64.urlsafe_b64encode(fresh).rstrip(b"=").decode())
    from mcert_rp import SessionStatus

    with pytest.raises(CertificateRevoked):
        verifier.verify_login(
            SessionStatus(status.session_id, "login", "complete", None, None, revoked), handle
        )
    tampered = dict(status.result, signature=status.result["signature"][:-4] + "AAAA")
    with pytest.raises(SignatureInvalid):
        verifier.verify_login(
            SessionStatus(status.session_id, "login", "complete", None, None, tampered), handle
        )


def test_long_poll_returns_when_the_hint_changes(
    ready: tuple[Holder, dict[str, Any], Client],
    clock: FrozenClock,
) -> None:
    import threading
    import time

    holder, _, rp = ready
    handle = rp.start_login(display_text="登录")
    timer = threading.Timer(0.5, lambda: holder.device.scan(frame(handle, clock)))
    timer.start()
    started = time.monotonic()
    status = rp.collect(handle.session_id, wait=10)
    timer.join()
    assert status.hint == "scanned"
    assert time.monotonic() - started < 5


def test_callbacks_are_signed_and_retried(
    holder: Holder,
    rp_factory: RPFactory,
    clock: FrozenClock,
    ca: Runtime,
) -> None:
    class Receiver:
        def __init__(self, answers: list[int]) -> None:
            self.answers, self.calls = answers, []  # type: ignore[var-annotated]

        def post(self, url: str, *, content: bytes, headers: dict[str, str], timeout: float) -> Any:
            self.calls.append((url, content, headers))
            return type("R", (), {"status_code": self.answers.pop(0)})()

    receiver = Receiver([503, 200])
    queue = task_queue(ca)
    queue.handlers[callbacks.CALLBACK_TASK] = lambda rt, payload: callbacks.deliver_callback(
        rt, payload["delivery_id"], receiver
    )
    cert = personal_certificate(holder, PASSWORD)
    rp = rp_factory(callback_url="https://platform.example/mcert/callback")
    handle = rp.start_login(display_text="登录")
    holder.device.scan(frame(handle, clock))
    holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
    assert len(receiver.calls) == 1  # POSTed as the session ended: 503, retried in 10 s
    assert queue.drain() == 0
    clock.advance(11)
    assert queue.drain() == 1
    clock.advance(3600)
    assert queue.drain() == 0
    assert len(receiver.calls) == 2
    _url, body, headers = receiver.calls[-1]
    assert json.loads(body)["status"] == "complete"
    expected = hmac.new(rp._secret, body, hashlib.sha256).hexdigest()
    assert headers["X-MCert-Signature"] == expected
    with ca.sessions() as db:
        [delivery] = db.scalars(select(CallbackDelivery)).all()
        assert (delivery.attempts, delivery.last_error) == (2, None)
        assert delivery.delivered_at is not None


def test_usage_records_filter_and_page(
    ready: tuple[Holder, dict[str, Any], Client], clock: FrozenClock
) -> None:
    holder, cert, rp = ready
    for _ in range(3):
        handle = rp.start_login(display_text="登录")
        holder.device.scan(frame(handle, clock))
        holder.device.confirm(handle.session_id, cert["id"], PASSWORD)
        clock.advance(60)
    page = holder.device.usage(limit=2)
    assert page["total"] == 3
    assert len(page["items"]) == 2
    assert holder.device.usage(cert_id="nope")["total"] == 0
    since = (clock.now() - timedelta(seconds=90)).isoformat()
    assert holder.device.usage(**{"from": since})["total"] == 1
