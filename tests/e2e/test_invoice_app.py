"""开票 in a real browser: a company title (a bad taxpayer number refused, the form kept),
申请开票 for two completed orders at once (合并开票, 专用发票, an email), 我的发票 showing
开票中 then 已开票, the PDF opened from a blob URL; a failed invoice shows its reason and is
withdrawn (撤回并重新申请) and applied for again with the same order preselected."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcert.clock import FrozenClock
from mcert.ident import make_uscc
from mcert.runtime import Runtime
from mcert.tasks.queue import task_queue
from tests.e2e.app import login, watch
from tests.e2e.conftest import skip_reason
from tests.holders import make_holder

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

COMPANY = "北京数安招标代理有限公司"
USCC = make_uscc(seq=901)


@pytest.fixture
def http(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=30) as client:
        yield client


def _settle(ca: Runtime, http: httpx.Client) -> None:
    """The worker's and the sandbox invoicing service's part (no background threads here)."""
    task_queue(ca).drain()
    ca.invoice.deliver_due(http)  # type: ignore[attr-defined]  # callbacks to the live app
    task_queue(ca).drain()


def test_titles_merged_special_invoice_and_pdf(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = make_holder(http, ca, clock, n=901, name="孙七")  # type: ignore[arg-type]
    holder.verify_by_phone()
    orders = [holder.device.apply_personal(years) for years in (1, 2)]
    for order in orders:
        holder.pay(order["id"])

    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone, start="/me")

    # 我的 → 发票抬头: a company title; a wrong check character is refused, the form kept.
    page.get_by_test_id("me-invoice-titles").click()
    page.get_by_test_id("title-add").click()
    page.get_by_test_id("title-kind-company").click()
    page.get_by_test_id("title-name").locator("input").fill(COMPANY)
    wrong = USCC[:-1] + ("0" if USCC[-1] != "0" else "1")
    page.get_by_test_id("title-tax-no").locator("input").fill(wrong)
    page.get_by_test_id("title-save").click()
    page.get_by_test_id("title-error").wait_for()
    assert "统一社会信用代码" in page.get_by_test_id("title-error").inner_text()
    assert page.get_by_test_id("title-name").locator("input").input_value() == COMPANY
    page.get_by_test_id("title-tax-no").locator("input").fill(USCC)
    page.get_by_test_id("title-save").click()
    page.get_by_test_id("invoice-title").filter(has_text=COMPANY).wait_for()
    artifacts(page, "01-titles")

    # 订单管理 → 已完成 → 申请开票: both orders on one 专用发票.
    page.goto(live_url + "/orders?tab=completed")
    page.get_by_test_id("orders-apply-invoice").click()
    page.wait_for_url(re.compile(r"/invoices/apply"))
    for order in orders:
        page.get_by_test_id(f"apply-order-{order['order_no']}").click()
    page.get_by_test_id("apply-title-company").click()
    page.get_by_test_id("apply-special").click()
    page.get_by_test_id("apply-email").locator("input").fill("caiwu@example.com")
    total = sum(o["amount_fen"] for o in orders) / 100
    assert page.get_by_test_id("apply-total").inner_text() == f"¥{total:.2f}"
    artifacts(page, "02-apply")
    _submit(page)
    page.get_by_test_id("invoice-issuing").wait_for()
    artifacts(page, "03-issuing")

    _settle(ca, http)
    page.reload()
    card = page.get_by_test_id("invoice-issued")
    card.wait_for()
    text = card.inner_text()
    assert "已开票" in text
    assert "增值税专用发票" in text
    assert "发票号码" in text
    artifacts(page, "04-issued")

    with page.context.expect_page() as viewer:
        card.get_by_test_id("invoice-open").click()
    pdf_page = viewer.value
    pdf_page.wait_for_url(re.compile(r"^blob:"))

    # The orders now say so, and offer no second application.
    page.goto(live_url + f"/orders/{orders[0]['id']}")
    page.get_by_test_id("order-invoice").wait_for()
    assert page.get_by_test_id("order-apply-invoice").count() == 0
    assert problems == []


def test_a_failed_invoice_shows_its_reason_and_is_applied_for_again(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = make_holder(http, ca, clock, n=902, name="周八")  # type: ignore[arg-type]
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    holder.pay(order["id"])
    from mcert_device import invoices

    title = invoices.add_title(holder.device, "company", COMPANY, make_uscc(org_code="999999990"))
    invoices.apply(holder.device, [order["id"]], title["id"])
    _settle(ca, http)

    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone, start="/invoices")
    reason = page.get_by_test_id("invoice-reason")
    reason.wait_for()
    assert "纳税人识别号状态异常" in reason.inner_text()
    assert "开票失败" in page.get_by_test_id("invoice-failed").inner_text()
    artifacts(page, "01-failed")

    # 撤回并重新申请: confirmed, the order comes back preselected; a personal title this time.
    invoices.add_title(holder.device, "personal", "周八")
    page.get_by_test_id("invoice-withdraw").click()
    page.locator(".van-dialog__confirm").click()
    page.wait_for_url(re.compile(r"/invoices/apply\?orders="))
    assert page.get_by_test_id("apply-total").inner_text() == f"¥{order['amount_fen'] / 100:.2f}"
    page.get_by_test_id("apply-title-personal").click()
    artifacts(page, "02-reapply")
    _submit(page)
    page.get_by_test_id("invoice-issuing").wait_for()
    assert "已作废" in page.get_by_test_id("invoice-voided").inner_text()
    assert page.get_by_test_id("invoice-failed").count() == 0
    _settle(ca, http)
    page.reload()
    page.get_by_test_id("invoice-issued").filter(has_text="周八").wait_for()
    assert problems == []


def _submit(page: Any) -> None:
    """提交申请, then the invoice list. The submission's answer is waited for first: a CI run
    once timed out waiting for the list without saying whether the request went out or what
    it was answered."""
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/api/app/v1/invoices"),
        timeout=30_000,
    ) as submitted:
        page.get_by_test_id("apply-submit").click()
    assert submitted.value.status == 201, (submitted.value.status, submitted.value.text())
    page.wait_for_url(re.compile(r"/invoices$"), timeout=30_000)
