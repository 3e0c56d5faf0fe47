"""The sandbox payment gateway, end to end: create → cashier → pay → signed notification
delivered to a merchant endpoint that verifies it, with retries on the runtime clock."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from mcert.clock import FrozenClock
from mcert.errors import InvalidInput
from mcert.http import errors as http_errors
from mcert.providers.payment import (
    PaymentNotificationInvalid,
    PaymentUnavailable,
    RefundNotFound,
    RefundRefused,
    RefundState,
    TradeAlreadyPaid,
    TradeConflict,
    TradeNotFound,
    TradeState,
    rsa2_sign,
    rsa2_verify,
)
from mcert.providers.payment_sandbox.api import router as sandbox_router
from mcert.providers.payment_sandbox.gateway import (
    DELIVERY_LEASE,
    RETRY_DELAYS,
    SandboxPaymentGateway,
)
from mcert.providers.payment_sandbox.models import DeliveryStatus
from mcert.runtime import Runtime

NOTIFY_URL = "http://testserver/merchant/notify"
RETURN_URL = "http://testserver/merchant/return?order=A1"


@dataclass
class Merchant:
    """A merchant endpoint as the order domain will write it: verify, compare, then act."""

    gateway: SandboxPaymentGateway
    expected_fen: dict[str, int] = field(default_factory=dict)
    answer: str = "success"
    status: int = 200
    posts: list[dict[str, str]] = field(default_factory=list)
    paid: dict[str, str] = field(default_factory=dict)  # out_trade_no -> trade_no

    def receive(self, form: dict[str, str]) -> tuple[int, str]:
        self.posts.append(form)
        try:
            note = self.gateway.verify_notification(form)
        except PaymentNotificationInvalid:
            return 200, "fail"
        if self.expected_fen.get(note.out_trade_no) != note.amount_fen:
            return 200, "fail"
        if self.status == 200 and self.answer == "success":
            self.paid.setdefault(note.out_trade_no, note.trade_no)  # idempotent
        return self.status, self.answer


@pytest.fixture
def gateway(runtime: Runtime) -> SandboxPaymentGateway:
    gw = runtime.payment
    assert isinstance(gw, SandboxPaymentGateway)
    return gw


@pytest.fixture
def merchant(gateway: SandboxPaymentGateway) -> Merchant:
    return Merchant(gateway)


@pytest.fixture
def web(runtime: Runtime, merchant: Merchant) -> Iterator[TestClient]:
    app = FastAPI()
    app.state.runtime = runtime
    http_errors.install(app)
    app.include_router(sandbox_router)

    @app.post("/merchant/notify", response_class=PlainTextResponse)
    async def notify(request: Request) -> PlainTextResponse:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        status, body = merchant.receive(form)
        return PlainTextResponse(body, status_code=status)

    with TestClient(app) as client:
        yield client


def create(
    gateway: SandboxPaymentGateway,
    merchant: Merchant,
    out_trade_no: str = "A1",
    amount_fen: int = 3000,
    subject: str = "个人证书（1年）",
) -> str:
    merchant.expected_fen[out_trade_no] = amount_fen
    trade = gateway.create_trade(out_trade_no, amount_fen, subject, NOTIFY_URL, RETURN_URL)
    assert trade.cashier_url == f"http://127.0.0.1:8000/sandbox/pay/{trade.trade_no}"
    return trade.trade_no


def test_create_pay_notify_deliver_verify(
    gateway: SandboxPaymentGateway,
    merchant: Merchant,
    web: TestClient,
    clock: FrozenClock,
) -> None:
    trade_no = create(gateway, merchant)
    assert len(trade_no) == 28
    assert trade_no.isdigit()

    page = web.get(f"/sandbox/pay/{trade_no}")
    assert page.status_code == 200
    assert "¥30.00" in page.text
    assert "个人证书（1年）" in page.text
    assert "确认支付" in page.text
    assert "取消支付" in page.text
    assert "mCert（沙箱商户）" in page.text
    assert gateway.query_trade("A1").status is TradeState.WAIT_BUYER_PAY

    clock.advance(30)
    paid = web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    assert paid.status_code == 303
    location = paid.headers["location"]
    assert location.startswith("http://testserver/merchant/return?order=A1&")
    back = dict(parse_qsl(urlsplit(location).query))
    assert back.pop("order") == "A1"  # the merchant's own parameter is kept, unsigned
    assert back["out_trade_no"] == "A1"
    assert back["total_amount"] == "30.00"
    # The synchronous return is signed with the gateway key too (display only).
    public = serialization.load_pem_public_key(gateway.public_key_pem().encode())
    assert isinstance(public, rsa.RSAPublicKey)
    rsa2_verify(public, back)

    status = gateway.query_trade("A1")
    assert status.status is TradeState.TRADE_SUCCESS
    assert status.amount_fen == 3000
    assert status.trade_no == trade_no
    assert status.paid_at == clock.now()

    [note] = gateway.notifications(trade_no)
    assert note.status == DeliveryStatus.PENDING
    assert note.attempts == 0
    form = note.form()
    assert form["sign_type"] == "RSA2"
    assert form["trade_status"] == "TRADE_SUCCESS"
    assert form["gmt_payment"] == "2026-11-29 10:00:30"  # Beijing time, like Alipay

    assert gateway.deliver_due(web) == 1
    assert merchant.paid == {"A1": trade_no}
    [note] = gateway.notifications(trade_no)
    assert note.status == DeliveryStatus.DELIVERED
    assert note.attempts == 1
    assert note.delivered_at == clock.now()
    assert gateway.deliver_due(web) == 0
    assert len(merchant.posts) == 1

    page = web.get(f"/sandbox/pay/{trade_no}")
    assert "支付成功" in page.text
    assert "确认支付" not in page.text


def test_signature_covers_every_param_and_merchant_ids(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, runtime: Runtime
) -> None:
    trade_no = create(gateway, merchant)
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    [note] = gateway.notifications(trade_no)
    good = note.form()
    verified = gateway.verify_notification(good)
    assert (verified.out_trade_no, verified.amount_fen) == ("A1", 3000)
    assert verified.status is TradeState.TRADE_SUCCESS

    for key, value in [
        ("total_amount", "0.01"),
        ("out_trade_no", "A2"),
        ("trade_status", "TRADE_CLOSED"),
        ("sign_type", "RSA"),
        ("sign", "not base64!"),
        ("sign", good["sign"][:-4] + "AAA="),
    ]:
        with pytest.raises(PaymentNotificationInvalid):
            gateway.verify_notification({**good, key: value})
    with pytest.raises(PaymentNotificationInvalid):
        gateway.verify_notification({k: v for k, v in good.items() if k != "sign"})
    extra = {**good, "fund_bill_list": "[]"}  # an added param is covered too
    with pytest.raises(PaymentNotificationInvalid):
        gateway.verify_notification(extra)

    # Validly signed by the gateway's own key, but for another merchant: still refused.
    pem = (runtime.settings.data_dir / "sandbox" / "payment_gateway_key.pem").read_bytes()
    gateway_key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(gateway_key, rsa.RSAPrivateKey)
    for field_name in ("app_id", "seller_id"):
        other = {k: v for k, v in good.items() if k != "sign"}
        other[field_name] = "2021000000000001"
        other["sign"] = rsa2_sign(gateway_key, other)
        with pytest.raises(PaymentNotificationInvalid) as exc:
            gateway.verify_notification(other)
        assert exc.value.details["reason"] == field_name

    # Signed by somebody else's key.
    forged = {k: v for k, v in good.items() if k != "sign"}
    forged["sign"] = rsa2_sign(
        rsa.generate_private_key(public_exponent=65537, key_size=2048), forged
    )
    with pytest.raises(PaymentNotificationInvalid):
        gateway.verify_notification(forged)

    # The merchant endpoint refuses a tampered post, so it stays undelivered.
    web.post(NOTIFY_URL, data={**good, "total_amount": "0.01"})
    assert merchant.paid == {}


def test_receiver_failures_are_retried_with_backoff_on_the_runtime_clock(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, clock: FrozenClock
) -> None:
    trade_no = create(gateway, merchant)
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    merchant.answer = "fail"

    assert gateway.deliver_due(web) == 0
    [note] = gateway.notifications(trade_no)
    assert note.attempts == 1
    assert note.status == DeliveryStatus.PENDING
    assert "fail" in (note.last_error or "")
    assert note.next_attempt_at == clock.now() + timedelta(minutes=4)

    clock.advance(timedelta(minutes=3, seconds=59))
    assert gateway.deliver_due(web) == 0
    assert len(merchant.posts) == 1  # not due yet: not even posted

    clock.advance(1)
    merchant.answer, merchant.status = "success", 500
    assert gateway.deliver_due(web) == 0
    [note] = gateway.notifications(trade_no)
    assert note.attempts == 2
    assert note.last_error == "HTTP 500"
    assert note.next_attempt_at == clock.now() + timedelta(minutes=10)

    clock.advance(timedelta(minutes=10))
    merchant.status = 200
    assert gateway.deliver_due(web) == 1
    assert len(merchant.posts) == 3
    assert merchant.paid == {"A1": trade_no}
    [note] = gateway.notifications(trade_no)
    assert note.status == DeliveryStatus.DELIVERED
    assert note.last_error is None


def test_a_delivery_that_outlived_its_lease_does_not_deliver_twice_in_the_books(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, clock: FrozenClock
) -> None:
    """A slow POST outlives its lease, another deliverer sends the same notification and
    records it delivered; the slow one's success then finds it settled (no second move)."""
    trade_no = create(gateway, merchant)
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)

    class Slow:
        overtaken = False

        def post(self, url: str, **kwargs: object) -> object:
            if not self.overtaken:
                self.overtaken = True
                clock.advance(DELIVERY_LEASE + timedelta(seconds=1))
                assert gateway.deliver_due(web) == 1  # the other deliverer
                delivered_at = gateway.notifications(trade_no)[0].delivered_at
                assert delivered_at == clock.now()
                clock.advance(5)
            return web.post(url, **kwargs)  # type: ignore[arg-type]

    assert gateway.deliver_due(Slow()) == 1
    [note] = gateway.notifications(trade_no)
    assert note.status == DeliveryStatus.DELIVERED
    assert note.attempts == 2
    assert note.delivered_at == clock.now() - timedelta(seconds=5)  # the first record stays
    assert len(merchant.posts) == 2  # Alipay may deliver twice; receivers are idempotent


def test_notification_is_abandoned_after_alipays_schedule(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, clock: FrozenClock
) -> None:
    trade_no = create(gateway, merchant)
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    merchant.answer = "busy"
    assert gateway.deliver_due(web) == 0
    for delay in RETRY_DELAYS:
        clock.advance(delay)
        assert gateway.deliver_due(web) == 0
    [note] = gateway.notifications(trade_no)
    assert note.attempts == len(RETRY_DELAYS) + 1 == 8
    assert note.status == DeliveryStatus.ABANDONED
    clock.advance(timedelta(days=2))
    assert gateway.deliver_due(web) == 0
    assert len(merchant.posts) == 8


def test_unreachable_receiver_is_a_failed_attempt(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    trade_no = gateway.create_trade(
        "A9", 100, "个人证书", "http://testserver/no/such/route", RETURN_URL
    ).trade_no
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    assert gateway.deliver_due(web) == 0
    [note] = gateway.notifications(trade_no)
    assert note.last_error == "HTTP 404"


def test_duplicate_delivery_amount_sends_twice_and_merchant_stays_idempotent(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    trade_no = create(gateway, merchant, amount_fen=5)
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    notes = gateway.notifications(trade_no)
    assert len(notes) == 2
    assert gateway.deliver_due(web) == 2
    assert [p["notify_id"] for p in merchant.posts] == [notes[0].form()["notify_id"]] * 2
    assert merchant.paid == {"A1": trade_no}


def test_paying_twice_queues_one_notification(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    trade_no = create(gateway, merchant)
    first = web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    again = web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert len(gateway.notifications(trade_no)) == 1


def test_cancel_closes_the_trade_and_returns_to_the_merchant(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    trade_no = create(gateway, merchant)
    resp = web.post(f"/sandbox/pay/{trade_no}/cancel", follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"] == RETURN_URL
    assert gateway.query_trade("A1").status is TradeState.TRADE_CLOSED
    gateway.close_trade("A1")  # closing a closed trade is a no-op

    late = web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    assert late.status_code == 200
    assert "交易已关闭" in late.text
    assert gateway.notifications(trade_no) == []


def test_close_trade_before_and_after_payment(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    create(gateway, merchant, "B1")
    gateway.close_trade("B1")
    assert gateway.query_trade("B1").status is TradeState.TRADE_CLOSED

    trade_no = create(gateway, merchant, "B2")
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    with pytest.raises(TradeAlreadyPaid):
        gateway.close_trade("B2")
    with pytest.raises(TradeNotFound):
        gateway.close_trade("B3")


def test_unpaid_trade_times_out_on_the_runtime_clock(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, clock: FrozenClock
) -> None:
    trade_no = create(gateway, merchant)
    clock.advance(timedelta(minutes=29, seconds=59))
    assert gateway.query_trade("A1").status is TradeState.WAIT_BUYER_PAY
    clock.advance(1)
    assert gateway.query_trade("A1").status is TradeState.TRADE_CLOSED
    assert "交易已关闭" in web.get(f"/sandbox/pay/{trade_no}").text


@pytest.mark.parametrize(
    ("amount_fen", "subject", "message", "state"),
    [
        (2, "个人证书", "余额不足", TradeState.WAIT_BUYER_PAY),
        (3000, "个人证书【支付失败】", "余额不足", TradeState.WAIT_BUYER_PAY),
        (3, "个人证书", "风险", TradeState.TRADE_CLOSED),
    ],
)
def test_declines_from_documented_test_data(
    gateway: SandboxPaymentGateway,
    merchant: Merchant,
    web: TestClient,
    amount_fen: int,
    subject: str,
    message: str,
    state: TradeState,
) -> None:
    trade_no = create(gateway, merchant, amount_fen=amount_fen, subject=subject)
    resp = web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    assert resp.status_code == 200
    assert message in resp.text
    assert gateway.query_trade("A1").status is state
    assert gateway.notifications(trade_no) == []


def test_gateway_outage_amount_fails_create(
    gateway: SandboxPaymentGateway, merchant: Merchant
) -> None:
    with pytest.raises(PaymentUnavailable) as exc:
        create(gateway, merchant, amount_fen=4)
    assert exc.value.code == "payment_unavailable"


def test_create_is_idempotent_per_order_and_amount(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    first = create(gateway, merchant)
    assert create(gateway, merchant) == first
    with pytest.raises(TradeConflict):
        create(gateway, merchant, amount_fen=3001)
    web.post(f"/sandbox/pay/{first}/pay", follow_redirects=False)
    with pytest.raises(TradeAlreadyPaid):
        create(gateway, merchant)


@pytest.mark.parametrize(
    ("out_trade_no", "amount_fen", "notify_url"),
    [
        ("A 1", 100, NOTIFY_URL),
        ("A" * 65, 100, NOTIFY_URL),
        ("A1", 0, NOTIFY_URL),
        ("A1", -1, NOTIFY_URL),
        ("A1", 100_000_000_01, NOTIFY_URL),
        ("A1", 100, "javascript:alert(1)"),
    ],
)
def test_bad_trade_requests_are_refused(
    gateway: SandboxPaymentGateway, out_trade_no: str, amount_fen: int, notify_url: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        gateway.create_trade(out_trade_no, amount_fen, "x", notify_url, RETURN_URL)
    assert exc.value.code in ("payment_request_invalid", "amount_invalid")


def test_unknown_trades_are_404(gateway: SandboxPaymentGateway, web: TestClient) -> None:
    with pytest.raises(TradeNotFound):
        gateway.query_trade("nope")
    for path in ("/sandbox/pay/2026112922001000000000000001", "/sandbox/pay/not-a-trade-no"):
        resp = web.get(path)
        assert resp.status_code == 404
        assert resp.json()["error"]["code"] == "trade_not_found"
    assert web.post("/sandbox/pay/..%2F..%2Fetc/pay").status_code == 404


def test_gateway_key_and_merchant_ids_are_made_once_and_kept(
    runtime: Runtime, gateway: SandboxPaymentGateway, clock: FrozenClock
) -> None:
    app_id, pem = gateway.app_id, gateway.public_key_pem()
    assert len(app_id) == 16
    assert app_id.startswith("2021")
    assert gateway.seller_id.startswith("2088")
    folder = runtime.settings.data_dir / "sandbox"
    key_file = folder / "payment_gateway_key.pem"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    again = SandboxPaymentGateway(
        sessions=runtime.sessions,
        clock=clock,
        data_dir=runtime.settings.data_dir,
        public_url="http://x",
        merchant_name="m",
    )
    assert (again.app_id, again.public_key_pem()) == (app_id, pem)
    assert sorted(p.name for p in folder.iterdir()) == [
        "payment_gateway_key.pem",
        "payment_merchant.json",
    ]


class _Receiver(BaseHTTPRequestHandler):
    bodies: list[bytes] = []  # noqa: RUF012 - shared by the handler instances of one test

    def do_POST(self) -> None:
        self.bodies.append(self.rfile.read(int(self.headers["content-length"])))
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.end_headers()
        self.wfile.write(b"success")

    def log_message(self, *args: object) -> None:
        pass


def test_background_worker_delivers_over_real_http(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    _Receiver.bodies = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/notify"
        trade_no = gateway.create_trade("W1", 100, "个人证书", url, RETURN_URL).trade_no
        web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
        worker = gateway.start_background_delivery(interval_seconds=0.05)
        assert gateway.start_background_delivery() is worker
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if gateway.notifications(trade_no)[0].status == DeliveryStatus.DELIVERED:
                    break
                time.sleep(0.05)
        finally:
            worker.stop()
        assert not worker.is_alive()
        assert gateway.notifications(trade_no)[0].status == DeliveryStatus.DELIVERED
        [body] = _Receiver.bodies
        form = dict(parse_qsl(body.decode()))
        assert gateway.verify_notification(form).out_trade_no == "W1"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- refunds

REFUND_NOTIFY_URL = "http://testserver/merchant/refund-notify"


def test_refund_is_accepted_then_settles_with_a_signed_notification(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, clock: FrozenClock
) -> None:
    trade_no = create(gateway, merchant)
    with pytest.raises(RefundRefused):  # not paid yet
        gateway.refund("A1", "A1-R", 3000, "订单已关闭", REFUND_NOTIFY_URL)
    assert web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False).status_code == 303

    accepted = gateway.refund("A1", "A1-R", 3000, "订单已关闭", REFUND_NOTIFY_URL)
    assert accepted.status is RefundState.REFUND_PROCESSING
    assert accepted.trade_no == trade_no
    # The same request number again is the same refund; never a second one.
    assert gateway.refund("A1", "A1-R", 3000, "订单已关闭", REFUND_NOTIFY_URL) == accepted
    with pytest.raises(RefundRefused):
        gateway.refund("A1", "A1-R", 1000, "订单已关闭", REFUND_NOTIFY_URL)
    with pytest.raises(RefundRefused):  # more than was paid
        gateway.refund("A1", "A1-R2", 1, "多退", REFUND_NOTIFY_URL)
    with pytest.raises(RefundNotFound):
        gateway.query_refund("A1", "nope")

    assert gateway.query_refund("A1", "A1-R").status is RefundState.REFUND_PROCESSING
    clock.advance(11)
    done = gateway.query_refund("A1", "A1-R")  # settled when touched, like a trade's timeout
    assert done.status is RefundState.REFUND_SUCCESS
    assert done.refunded_at is not None
    assert gateway.query_trade("A1").status is TradeState.TRADE_SUCCESS
    note = gateway.notifications(trade_no)[-1]
    form = note.form()
    assert form["notify_type"] == "refund_status_sync"
    assert note.notify_url == REFUND_NOTIFY_URL
    verified = gateway.verify_refund_notification(form)
    assert verified.out_request_no == "A1-R"
    assert verified.amount_fen == 3000
    assert verified.status is RefundState.REFUND_SUCCESS
    with pytest.raises(PaymentNotificationInvalid):
        gateway.verify_refund_notification(dict(form, refund_amount="0.01"))
    with pytest.raises(PaymentNotificationInvalid):  # a payment notification is no refund
        gateway.verify_refund_notification(gateway.notifications(trade_no)[0].form())
    with pytest.raises(PaymentNotificationInvalid):  # nor the reverse
        gateway.verify_notification(form)


def test_refunds_settle_on_the_delivery_round_and_0_06_fails(
    gateway: SandboxPaymentGateway, merchant: Merchant, web: TestClient, clock: FrozenClock
) -> None:
    trade_no = create(gateway, merchant, out_trade_no="B1", amount_fen=6)
    web.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    gateway.refund("B1", "B1-R", 6, "订单已取消", REFUND_NOTIFY_URL)
    clock.advance(11)
    gateway.deliver_due(web)
    [refund] = gateway.refunds(trade_no)
    assert refund.status == RefundState.REFUND_CLOSED
    assert refund.failure == "买家账户已注销，退款失败"
    form = gateway.notifications(trade_no)[-1].form()
    assert form["refund_status"] == "REFUND_CLOSED"
    assert form["fail_reason"] == "买家账户已注销，退款失败"
