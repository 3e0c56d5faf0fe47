"""Orders and payments in a real browser: 取消支付 in the sandbox cashier, then 去支付 again
pays the same order with a new trade; the 全部 and 已取消 tabs; a payment that arrived after
the order was cancelled shows as 退款中, then 已退款."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcert.clock import FrozenClock
from mcert.providers.payment import PaymentUnavailable
from mcert.providers.payment_sandbox import SandboxPaymentGateway
from mcert.runtime import Runtime
from tests.e2e.app import login, watch
from tests.e2e.conftest import skip_reason
from tests.holders import make_holder

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))


@pytest.fixture
def http(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as client:
        yield client


def test_cancel_in_cashier_pay_again_tabs_and_refund(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    holder = make_holder(http, ca, clock, n=801, name="赵六")  # type: ignore[arg-type]
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)

    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone, start=f"/orders/{order['id']}")
    page.get_by_test_id("order-pay").wait_for()

    # 去支付 → 取消支付 in the cashier: back on the order, still 待支付.
    page.get_by_test_id("order-pay").click()
    page.wait_for_url(re.compile(r"/sandbox/pay/"))
    first_cashier = page.url
    page.get_by_role("button", name="取消支付").click()
    page.wait_for_url(re.compile(rf"/orders/{order['id']}"))
    page.get_by_test_id("order-status").filter(has_text="待支付").wait_for()
    artifacts(page, "01-back-from-cancelled-cashier")

    # 去支付 again: a new trade that pays.
    page.get_by_test_id("order-pay").click()
    page.wait_for_url(re.compile(r"/sandbox/pay/"))
    assert page.url != first_cashier
    page.get_by_role("button", name="确认支付").click()
    page.wait_for_url(re.compile(r"/orders/"))
    page.get_by_test_id("order-download").wait_for()
    assert "已完成" in page.get_by_test_id("order-status").inner_text()
    payments = page.get_by_test_id("order-payments").inner_text()
    assert "第1次支付 · 已关闭" in payments
    assert "第2次支付 · 已支付" in payments
    artifacts(page, "02-paid-on-second-attempt")

    # A second order, cancelled while the gateway could not close its trade; the buyer
    # pays it anyway: the money goes back.
    gateway = ca.payment
    assert isinstance(gateway, SandboxPaymentGateway)

    def close_trade(out_trade_no: str) -> None:
        raise PaymentUnavailable()

    monkeypatch.setattr(gateway, "close_trade", close_trade)
    late = holder.device.apply_personal(2)
    cashier = holder.device.start_payment(late["id"])
    holder.device.cancel(late["id"])
    assert http.post(cashier.replace(live_url, "") + "/pay").status_code in (200, 303)
    # Delivered: the late payment, and the first order's (settled by a query already).
    assert gateway.deliver_due(http) == 2

    page.goto(live_url + "/orders?tab=cancelled")
    card = page.get_by_test_id("order-cancelled")
    card.wait_for()
    assert card.get_by_test_id("order-refund").inner_text() == "退款中"
    artifacts(page, "03-cancelled-tab-refunding")

    clock.advance(timedelta(seconds=11))
    assert gateway.deliver_due(http) == 1  # the refund result
    page.get_by_role("tab", name="全部").click()
    page.get_by_test_id("order-completed").wait_for()
    assert page.get_by_test_id("order-cancelled").get_by_test_id("order-refund").inner_text() == (
        "已退款"
    )
    artifacts(page, "04-all-tab")
    page.get_by_test_id("order-cancelled").click()
    page.wait_for_url(re.compile(rf"/orders/{late['id']}$"))
    refund = page.get_by_test_id("order-refund")
    refund.wait_for()
    assert "已退款" in refund.inner_text()
    assert "款项已原路退回" in refund.inner_text()
    artifacts(page, "05-refunded-order")
    assert problems == []
