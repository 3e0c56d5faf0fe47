"""Payments through the API: a new attempt after the cashier was cancelled, duplicate
notifications counted, late payments refunded through the gateway and the holder told."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.holders import FAST_PASSWORDS, Holder

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.jobs import run_all
from mcert.order.models import Order, PaymentAttempt, Refund
from mcert.providers.payment import PaymentUnavailable, TradeState
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.providers.sms import SandboxSMSSender
from mcert.runtime import Runtime
from mcert_device.client import DeviceError


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    # The gateway keeps a trade open longer than the order's pay window, so a buyer can
    # still pay after the order closed (as a real gateway's close can fail or race).
    return {**FAST_PASSWORDS, "payment_timeout_minutes": 120}


def _gateway(rt: Runtime) -> SandboxPaymentGateway:
    gw = rt.payment
    assert isinstance(gw, SandboxPaymentGateway)
    return gw


def _trade_no(cashier_url: str) -> str:
    return cashier_url.rstrip("/").rsplit("/", 1)[-1]


def _attempts(rt: Runtime, order_id: str) -> list[PaymentAttempt]:
    with rt.sessions() as db:
        return list(
            db.scalars(
                select(PaymentAttempt)
                .where(PaymentAttempt.order_id == order_id)
                .order_by(PaymentAttempt.seq)
            ).all()
        )


def _sms(rt: Runtime, phone: str) -> list[str]:
    sender = rt.sms
    assert isinstance(sender, SandboxSMSSender)
    return [m.body for m in sender.outbox(phone=phone, limit=50)]


def _titles(holder: Holder) -> list[str]:
    return [m["title"] for m in holder.device.messages()["items"]]


def _order(holder: Holder) -> dict[str, Any]:
    holder.verify_by_phone()
    return dict(holder.device.apply_personal(1))


# ----------------------------------------------------------------------------- new attempts


def test_cancel_in_the_cashier_then_pay_again(holder: Holder, client: TestClient) -> None:
    order = _order(holder)
    first = holder.device.start_payment(order["id"])
    # Back from the cashier without paying: the same trade is offered again.
    assert holder.device.start_payment(order["id"]) == first

    after_cancel = holder.device.cancel_in_sandbox(order["id"])
    assert after_cancel["status"] == "pending_payment"  # 取消支付 does not cancel the order
    assert after_cancel["pay_deadline"] is not None

    paid = holder.pay(order["id"])  # 去支付 again: a new trade, paid
    assert paid["status"] == "completed"
    assert holder.pending()

    detail = holder.device.order(order["id"])
    assert [(p["seq"], p["status"]) for p in detail["payments"]] == [(1, "closed"), (2, "paid")]
    old, new = detail["payments"]
    assert old["out_trade_no"] != new["out_trade_no"]
    assert old["trade_no"] == _trade_no(first)
    # The cancelled trade can never pay the order afterwards.
    again = client.post(f"/sandbox/pay/{_trade_no(first)}/pay", follow_redirects=False)
    assert "交易已关闭" in again.text
    assert _gateway(holder.runtime).query_trade(old["out_trade_no"]).status is (
        TradeState.TRADE_CLOSED
    )


def test_a_risk_control_decline_also_gets_a_new_attempt(
    holder: Holder, client: TestClient, runtime: Runtime
) -> None:
    holder.verify_by_phone()
    order = _order_of_amount(holder, runtime, 3)  # 0.03 yuan: risk control closes the trade
    cashier = holder.device.start_payment(order["id"])
    declined = client.post(f"/sandbox/pay/{_trade_no(cashier)}/pay", follow_redirects=False)
    assert "已被拦截" in declined.text
    assert holder.device.order(order["id"])["status"] == "pending_payment"
    second = holder.device.start_payment(order["id"])
    assert second != cashier
    assert [a.status for a in _attempts(runtime, order["id"])] == ["closed", "open"]


def _order_of_amount(holder: Holder, runtime: Runtime, fen: int) -> dict[str, Any]:
    order = dict(holder.device.apply_personal(2))
    with runtime.sessions() as db:
        row = db.get(Order, order["id"])
        assert row is not None
        row.amount_fen = fen
        db.commit()
    return order


def test_the_pay_window_still_closes_the_order(holder: Holder, clock: FrozenClock) -> None:
    order = _order(holder)
    holder.device.cancel_in_sandbox(order["id"])
    clock.advance(timedelta(minutes=31))
    holder.login()
    with pytest.raises(DeviceError) as info:
        holder.device.start_payment(order["id"])
    assert info.value.code == "order_closed"


# ----------------------------------------------------------------------------- duplicates


def _paid_but_not_notified(holder: Holder) -> tuple[dict[str, Any], dict[str, str]]:
    order = _order(holder)
    trade_no = _trade_no(holder.device.start_payment(order["id"]))
    gateway = _gateway(holder.runtime)
    assert gateway.pay(trade_no).ok
    [note] = gateway.notifications(trade_no)
    return order, note.form()


def test_duplicate_notifications_are_counted_and_fulfil_once(
    holder: Holder, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    order, form = _paid_but_not_notified(holder)
    assert client.post("/api/payments/notify/sandbox", data=form).text == "success"
    certs = holder.device.certificates()
    titles = _titles(holder)
    with caplog.at_level(logging.INFO, logger="mcert.order.payments"):
        for _ in range(2):
            assert client.post("/api/payments/notify/sandbox", data=form).text == "success"
    [attempt] = _attempts(holder.runtime, order["id"])
    assert attempt.status == "paid"
    assert attempt.duplicate_notifications == 2
    assert sum("duplicate payment notification" in r.getMessage() for r in caplog.records) == 2
    assert holder.device.certificates() == certs
    assert _titles(holder) == titles  # no second 支付成功 / 证书待下载
    assert holder.device.order(order["id"])["status"] == "completed"


# ----------------------------------------------------------------------------- late payments


def _deliver(rt: Runtime, client: TestClient) -> int:
    return _gateway(rt).deliver_due(client)


def _gateway_down_for_closing(monkeypatch: pytest.MonkeyPatch, rt: Runtime) -> None:
    def close_trade(out_trade_no: str) -> None:
        raise PaymentUnavailable()

    monkeypatch.setattr(_gateway(rt), "close_trade", close_trade)


def test_payment_after_the_order_closed_is_refunded_and_the_holder_told(
    holder: Holder,
    client: TestClient,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rt = holder.runtime
    order = _order(holder)
    trade_no = _trade_no(holder.device.start_payment(order["id"]))
    _gateway_down_for_closing(monkeypatch, rt)
    clock.advance(timedelta(minutes=31))
    run_all(rt)  # the order closes; its trade could not be closed at the gateway
    assert holder.device.order(order["id"])["status"] == "closed"

    assert client.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False).status_code == 303
    assert _deliver(rt, client) == 1  # the payment notification: late

    late = holder.device.order(order["id"])
    assert late["status"] == "closed"
    assert late["refund_status"] == "processing"
    assert late["refund_label"] == "退款中"
    assert [p["status"] for p in late["payments"]] == ["paid"]
    assert holder.pending() == []  # nothing fulfilled
    assert "款项将原路退回" in _titles(holder)
    assert any("将原路退回" in body for body in _sms(rt, holder.phone))
    [refund] = _gateway(rt).refunds(trade_no)
    assert refund.status == "REFUND_PROCESSING"

    clock.advance(timedelta(seconds=11))
    assert _deliver(rt, client) == 1  # the gateway settles and sends the refund result
    done = holder.device.order(order["id"])
    assert done["refund_status"] == "succeeded"
    assert done["refund_label"] == "已退款"
    [r] = done["refunds"]
    assert r["reason"] == "order_closed"
    assert r["refunded_at"] is not None
    assert "退款成功" in _titles(holder)
    assert any("已原路退回" in body for body in _sms(rt, holder.phone))
    listed = holder.device.orders(["cancelled", "closed"])["items"]
    assert [(o["id"], o["refund_label"]) for o in listed] == [(order["id"], "已退款")]
    with rt.sessions() as db:
        actions = list(db.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all())
    for action in ("payment.late", "payment.refund_requested", "payment.refunded"):
        assert action in actions


def test_payment_after_cancel_is_refunded_even_when_the_refund_result_is_lost(
    holder: Holder,
    client: TestClient,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rt = holder.runtime
    order = _order(holder)
    trade_no = _trade_no(holder.device.start_payment(order["id"]))
    _gateway_down_for_closing(monkeypatch, rt)
    assert holder.device.cancel(order["id"])["status"] == "cancelled"
    client.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    assert _deliver(rt, client) == 1
    assert holder.device.order(order["id"])["refund_label"] == "退款中"

    # The refund settles at the gateway but its notification never arrives: opening the
    # order a while later asks the gateway.
    clock.advance(timedelta(minutes=2))
    _gateway(rt).deliver_due(_Unreachable())
    done = holder.device.order(order["id"])
    assert done["status"] == "cancelled"
    assert done["refund_label"] == "已退款"
    assert done["refunds"][0]["reason"] == "order_cancelled"
    with rt.sessions() as db:
        [row] = db.scalars(select(Refund)).all()
        assert row.status == "succeeded"


class _Unreachable:
    def post(self, url: str, *, data: dict[str, str], headers: dict[str, str]) -> Any:
        raise ConnectionError("merchant unreachable")


def test_duplicate_refund_notifications_are_counted(
    holder: Holder,
    client: TestClient,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rt = holder.runtime
    order = _order(holder)
    trade_no = _trade_no(holder.device.start_payment(order["id"]))
    _gateway_down_for_closing(monkeypatch, rt)
    holder.device.cancel(order["id"])
    client.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    _deliver(rt, client)
    clock.advance(timedelta(seconds=11))
    _deliver(rt, client)
    refund_note = _gateway(rt).notifications(trade_no)[-1].form()
    assert refund_note["notify_type"] == "refund_status_sync"
    titles = _titles(holder)
    assert client.post("/api/payments/refund-notify/sandbox", data=refund_note).text == "success"
    assert _titles(holder) == titles
    with rt.sessions() as db:
        [row] = db.scalars(select(Refund)).all()
        assert row.duplicate_notifications == 1
    # A refund result is never accepted as a payment notification, nor the reverse.
    assert client.post("/api/payments/notify/sandbox", data=refund_note).status_code == 400
    assert client.post("/api/payments/refund-notify/sandbox", data={}).status_code == 400


def test_refused_refund_fails_for_an_operator_and_the_holder_is_told(
    holder: Holder,
    client: TestClient,
    clock: FrozenClock,
    runtime: Runtime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    holder.verify_by_phone()
    order = _order_of_amount(holder, runtime, 6)  # 0.06 yuan: the sandbox's refunds fail
    trade_no = _trade_no(holder.device.start_payment(order["id"]))
    _gateway_down_for_closing(monkeypatch, runtime)
    holder.device.cancel(order["id"])
    client.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)
    _deliver(runtime, client)
    clock.advance(timedelta(seconds=11))
    _deliver(runtime, client)
    failed = holder.device.order(order["id"])
    assert failed["refund_status"] == "failed"
    assert failed["refund_label"] == "退款失败"
    assert "退款遇到问题" in _titles(holder)


# ----------------------------------------------------------------------------- tabs


def test_order_tabs_all_and_cancelled(holder: Holder) -> None:
    holder.verify_by_phone()
    kept = holder.device.apply_personal(1)
    dropped = holder.device.apply_personal(2)
    holder.device.cancel(dropped["id"])
    every = holder.device.orders()
    assert {o["id"] for o in every["items"]} == {kept["id"], dropped["id"]}
    assert every["total"] == 2
    cancelled = holder.device.orders(["cancelled", "closed"])
    assert [o["id"] for o in cancelled["items"]] == [dropped["id"]]
    assert cancelled["items"][0]["refund_label"] is None
    with pytest.raises(DeviceError) as info:
        holder.device.orders("no_such_status")
    assert info.value.status == 422


def test_an_old_attempt_never_pays_the_order_again(holder: Holder, client: TestClient) -> None:
    """A validly signed success for the cancelled first trade, after the second paid (a
    gateway that reports a closed trade as paid): no second fulfilment; refunded."""
    from mcert.providers.payment import rsa2_sign

    rt = holder.runtime
    order = _order(holder)
    first = _trade_no(holder.device.start_payment(order["id"]))
    holder.device.cancel_in_sandbox(order["id"])
    holder.pay(order["id"])
    gateway = _gateway(rt)
    [second_note] = [n for n in gateway.notifications() if n.trade_no != first]
    form = dict(second_note.form())
    out_trade_no = f"{order['order_no']}_1"
    form.update(out_trade_no=out_trade_no, trade_no=first, notify_id="forged-but-signed")
    form.pop("sign")
    form["sign"] = rsa2_sign(gateway._merchant.private_key, form)
    certs = holder.device.certificates()

    assert client.post("/api/payments/notify/sandbox", data=form).text == "success"
    assert holder.device.certificates() == certs
    detail = holder.device.order(order["id"])
    assert detail["status"] == "completed"
    assert [p["status"] for p in detail["payments"]] == ["paid", "paid"]
    [refund] = detail["refunds"]
    assert refund["reason"] == "duplicate_payment"
    # The gateway knows that trade as closed, so it refuses the refund: an operator's case.
    assert refund["status"] == "failed"
    assert "已支付完成，本次为重复支付" in " ".join(
        m["body"] for m in holder.device.messages()["items"]
    )


def test_a_refund_the_gateway_could_not_take_is_sent_again_by_the_jobs(
    holder: Holder,
    client: TestClient,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rt = holder.runtime
    gateway = _gateway(rt)
    order = _order(holder)
    trade_no = _trade_no(holder.device.start_payment(order["id"]))
    _gateway_down_for_closing(monkeypatch, rt)
    holder.device.cancel(order["id"])
    client.post(f"/sandbox/pay/{trade_no}/pay", follow_redirects=False)

    def refund_down(*args: object) -> None:
        raise PaymentUnavailable()

    monkeypatch.setattr(gateway, "refund", refund_down)
    assert _deliver(rt, client) == 1
    with rt.sessions() as db:
        [row] = db.scalars(select(Refund)).all()
        assert row.status == "pending"  # recorded, not yet taken by the gateway
    monkeypatch.undo()
    assert gateway.refunds(trade_no) == []
    assert run_all(rt)["refunds"] == 1
    [sent] = gateway.refunds(trade_no)
    assert sent.status == "REFUND_PROCESSING"
    clock.advance(timedelta(minutes=2))
    _deliver(rt, client)
    assert holder.device.order(order["id"])["refund_label"] == "已退款"
