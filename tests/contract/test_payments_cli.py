"""Paying again after 取消支付 with ``mcert-device``, and the operator's ``mcert payments``
view of attempts and refunds, against a live server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from tests.contract import test_device_cli as base
from tests.contract.test_device_cli import Phone, cli, sign_in_and_verify
from tests.holders import face_jpeg, make_holder

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id
from mcert.providers.payment import PaymentUnavailable
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.runtime import Runtime

pytestmark = pytest.mark.slow

# The live server and frozen clock of the device CLI tests.
clock = base.clock
server = base.server
settings_overrides = base.settings_overrides


class ToServer:
    """Delivers the gateway's notifications to the live server (not MCERT_PUBLIC_URL)."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def post(self, url: str, *, data: dict[str, str], headers: dict[str, str]) -> httpx.Response:
        return self.http.post(urlsplit(url).path, data=data, headers=headers)


def test_pay_again_after_cancelling_in_the_cashier_and_a_refund(
    runtime: Runtime,
    server: str,
    clock: FrozenClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    phone, number = Phone(tmp_path / "phone", server), "13900000301"
    face = tmp_path / "face.jpg"
    face.write_bytes(face_jpeg())
    sign_in_and_verify(runtime, phone, number, make_resident_id(seq=301), face)
    order = phone.json("apply", "personal", "--years", "1")

    cancelled = phone.run("pay", order["id"], "--cancel-in-cashier").stdout
    assert "已取消支付" in cancelled
    assert "待支付" in cancelled
    assert "payment #1: 已关闭" in cancelled
    paid = phone.run("pay", order["id"]).stdout
    assert "支付成功" in paid
    assert "payment #1: 已关闭" in paid
    assert "payment #2: 已支付" in paid
    assert "没有订单" in phone.run("orders", "--status", "cancelled", "--status", "closed").stdout
    assert order["order_no"] in phone.run("orders").stdout  # 全部

    shown = cli(runtime, "payments", "show", order["order_no"])
    assert f"attempt 1  {order['order_no']}_1" in shown
    assert "closed  duplicates=0" in shown
    assert "paid  duplicates=0" in shown
    assert "no refunds" in cli(runtime, "payments", "refunds")

    # Cancelled while the gateway could not close the trade, then paid anyway: refunded.
    gateway = runtime.payment
    assert isinstance(gateway, SandboxPaymentGateway)

    def close_trade(out_trade_no: str) -> None:
        raise PaymentUnavailable()

    monkeypatch.setattr(gateway, "close_trade", close_trade)
    http_client = httpx.Client(base_url=server, timeout=30)
    other = make_holder(http_client, runtime, clock, n=302, name="李四")  # type: ignore[arg-type]
    other.verify_by_phone()
    late = other.device.apply_personal(2)
    cashier = other.device.start_payment(late["id"])
    other.device.cancel(late["id"])
    assert http_client.post(urlsplit(cashier).path + "/pay").status_code == 303
    assert gateway.deliver_due(ToServer(http_client)) >= 1
    assert other.device.order(late["id"])["refund_label"] == "退款中"

    refunds = cli(runtime, "payments", "refunds", "--status", "processing")
    assert f"{late['order_no']}_1_R  18000 fen  processing  order_cancelled" in refunds
    shown = cli(runtime, "payments", "show", late["id"])
    assert "cancelled" in shown
    assert "paid  duplicates=0" in shown
    assert "refund " in shown
    http_client.close()
