"""The operator console (/console/) in a real desktop Chromium against a live server: a
reviewer logs in with today's password login, lands on 工作台 (功能暂不可用 while the
dashboard endpoint is not on this server), sees only the menu their role allows, opens the
审核队列 (built from the existing /reviews list), opens a company application with its
business licence shown inline, and rejects it with a standard reason plus a note — the
applicant's order is 未通过 with that reason and the rejection is audited with the operator.

Adapt once the console-auth / console-queues endpoints merge: TOTP after the password, the
dashboard's charts, claims in the queue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.ident import make_uscc
from mcert.operator import service as operators
from mcert.order.models import Order
from mcert.runtime import Runtime
from tests.e2e.app import watch
from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path, skip_reason
from tests.holders import licence_png, make_holder

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

COMPANY = "福州某某信息技术有限公司"
USCC = make_uscc(seq=981)
OPERATOR = "console-reviewer"
OPERATOR_PASSWORD = "console-pass-123"


@pytest.fixture
def desktop() -> Iterator[Any]:
    """A desktop browser (1440×900, zh-CN, Beijing time): the console is not a phone app."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
    ctx = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()
        browser.close()
        pw.stop()


def test_a_reviewer_rejects_a_company_application_in_the_console(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    from playwright.sync_api import expect

    applicant = make_holder(http, ca, clock, n=981, name="王五")  # type: ignore[arg-type]
    applicant.verify_by_phone()
    order = applicant.device.apply_company(
        years=1,
        company_name=COMPANY,
        uscc=USCC,
        legal_rep_name="王五",
        applicant_is_legal_rep=True,
        licence=("licence.png", licence_png()),
    )
    with ca.sessions() as db:
        operators.create_operator(
            db,
            ca,
            username=OPERATOR,
            password=OPERATOR_PASSWORD,
            role="reviewer",
            display_name="审核员甲",
        )

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)

    # Logged out: any console address leads to 登录, then back to where it was going.
    page.goto(live_url + "/console/queue")
    page.wait_for_url(re.compile(r"/console/login\?next="))
    page.get_by_test_id("login-username").fill(OPERATOR)
    page.get_by_test_id("login-password").fill("wrong-password-1")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("login-error").wait_for()
    assert "错误" in page.get_by_test_id("login-error").inner_text()
    page.get_by_test_id("login-password").fill(OPERATOR_PASSWORD)
    artifacts(page, "01-login")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/console/queue"))
    assert page.get_by_test_id("operator-name").inner_text() == "审核员甲"
    assert page.get_by_test_id("operator-role").inner_text() == "审核员"

    # The side menu is the reviewer's (roles.py): no audit log, no operators.
    menu = page.get_by_test_id("side-menu").inner_text()
    for item in ("工作台", "审核队列", "发票", "查询"):
        assert item in menu
    for item in ("审计日志", "操作员"):
        assert item not in menu

    # 工作台: the dashboard endpoint is not on this server yet — a message, not a crash.
    page.get_by_test_id("menu-dashboard").click()
    page.get_by_test_id("unavailable").wait_for()
    assert "功能暂不可用" in page.get_by_test_id("unavailable").inner_text()
    artifacts(page, "02-dashboard-unavailable")
    # A screen the role may not open.
    page.goto(live_url + "/console/audit")
    page.get_by_text("无权访问").wait_for()

    # 审核队列: the application is under 新申请, with its count.
    page.goto(live_url + "/console/queue")
    tab = page.get_by_test_id("queue-tab-application")
    expect(tab).to_contain_text("新申请")
    expect(tab.locator(".el-badge__content")).to_have_text("1")
    item = page.get_by_test_id(f"queue-item-{order['id']}")
    item.wait_for()
    artifacts(page, "03-queue")
    item.click()

    # 审核详情: the licence inline (fetched with the token), the extracted data beside it.
    page.wait_for_url(re.compile(rf"/console/reviews/{order['id']}"))
    page.locator(".auth-image img[src^='blob:']").first.wait_for()
    assert COMPANY in page.get_by_test_id("extracted-company").inner_text()
    assert page.get_by_test_id("uscc-valid").inner_text() == "校验通过"
    assert page.get_by_test_id("review-status").inner_text() == "待审核"
    page.locator(".auth-image img").first.click()  # zoom: Element Plus's preview opens
    page.locator(".el-image-viewer__wrapper").wait_for()
    artifacts(page, "04-review-zoomed")
    page.keyboard.press("Escape")
    page.locator(".el-image-viewer__wrapper").wait_for(state="hidden")

    page.get_by_test_id("review-reject").click()
    page.get_by_test_id("reject-code").click()
    page.locator(".el-select-dropdown__item", has_text="营业执照不清晰").click()
    page.get_by_test_id("reject-text").fill("请上传加盖公章的彩色扫描件")
    artifacts(page, "05-reject-dialog")
    page.get_by_test_id("reject-confirm").click()
    page.locator(".el-message", has_text="已驳回").wait_for()
    page.wait_for_url(re.compile(r"/console/queue"))
    page.get_by_test_id("queue-table").get_by_text("队列为空").wait_for()
    artifacts(page, "06-queue-empty")

    with ca.sessions() as db:
        saved = db.get(Order, order["id"])
        assert saved is not None
        assert saved.status == "rejected"
        assert saved.reject_reason == "营业执照不清晰；请上传加盖公章的彩色扫描件"
        entry = db.scalars(
            select(AuditEntry)
            .where(AuditEntry.target_id == order["id"])
            .order_by(AuditEntry.seq.desc())
        ).first()
        assert entry is not None
        assert entry.actor_type == "operator"
    # The applicant reads the reason in their own app.
    mine = applicant.device.order(order["id"])
    assert mine["status"] == "rejected"
    assert mine["reject_reason"] == "营业执照不清晰；请上传加盖公章的彩色扫描件"
    assert problems == []
