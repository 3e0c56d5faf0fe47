"""The operator console (/console/) in a real desktop Chromium against the live server — no
endpoint is faked. Operators log in with password and TOTP: at the first login the console
shows the enrolment QR (an image, its SVG never markup) and the code is computed from the
offered secret as an authenticator app would (``mcert.operator.totp.code_at`` on the live
server's frozen clock); later logins ask for the code of the enrolled secret
(``tests.operators.current_code``).

Covered, each as an operator would do it: TOTP enrolment then a later login with a code; a
reviewer rejects a company application with a standard reason (the applicant reads it); a
reviewer compares a seal's scan and extraction and approves it; an officer retries and voids a
failed invoice; an officer revokes a certificate and OCSP says revoked; a company's
certificates revoked by two officers (the proposer cannot approve, an auditor cannot either);
personal data masked for a reviewer, revealed to an officer with a reason (audited); the admin
screens (relying party secret shown once, operators, audit chain check, CA).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from cryptography.x509 import ocsp
from sqlalchemy import select

from mcert.audit.models import AuditEntry
from mcert.clock import FrozenClock
from mcert.ident import make_uscc
from mcert.operator import service as operators
from mcert.operator import totp
from mcert.order.models import Order
from mcert.runtime import Runtime
from mcert.webapp import CONSOLE_DIST
from mcert_device import privacy
from tests.e2e.app import ocsp_status, watch
from tests.e2e.conftest import skip_reason
from tests.holders import licence_png, make_holder
from tests.operators import console_headers, current_code

pytestmark = [
    pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason())),
    pytest.mark.skipif(
        not (CONSOLE_DIST / "index.html").is_file(),
        reason="the console is not built (make frontend)",
    ),
]

COMPANY = "福州某某信息技术有限公司"
USCC = make_uscc(seq=981)
OPERATOR = "console-reviewer"
OPERATOR_PASSWORD = "console-pass-123"


@pytest.fixture
def desktop(chromium: Any) -> Iterator[Any]:
    """A desktop browser (1440×900, zh-CN, Beijing time): the console is not a phone app."""
    ctx = chromium.new_context(
        viewport={"width": 1440, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


def add_operator(rt: Runtime, username: str, role: str, display_name: str) -> None:
    with rt.sessions() as db:
        operators.create_operator(
            db, rt, username=username, password=OPERATOR_PASSWORD, role=role,
            display_name=display_name,
        )  # fmt: skip


def sign_in(page: Any, rt: Runtime, username: str) -> None:
    """On 登录: password, then the TOTP step — enrolment (the secret shown beside the QR) at
    the first login, the enrolled secret's current code afterwards."""
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(OPERATOR_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("login-totp").wait_for()
    enrol = page.get_by_test_id("totp-enrol")
    if enrol.count():
        secret = enrol.locator(".mono").inner_text().strip()
        code = totp.code_at(secret, rt.clock.now())
    else:
        code = current_code(rt, username)
    page.get_by_test_id("login-totp").fill(code)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/console/login" not in url)


def sign_out(page: Any) -> None:
    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r"/console/login"))


def api(page: Any, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """A console API call from the page with its session token: ``{status, body}``."""
    return dict(
        page.evaluate(
            """async ([method, path, body]) => {
              const r = await fetch('/api/console/v1' + path, {
                method,
                headers: {
                  Authorization: 'Bearer ' + sessionStorage.getItem('mcert.console.token'),
                  'Content-Type': 'application/json',
                },
                body: body === null ? undefined : JSON.stringify(body),
              })
              return { status: r.status, body: await r.json().catch(() => null) }
            }""",
            [method, path, body],
        )
    )


def test_first_login_enrols_totp_then_a_later_login_asks_for_the_code(
    live_url: str, ca: Runtime, desktop: Any, artifacts: Callable[[Any, str], Any]
) -> None:
    from playwright.sync_api import expect

    add_operator(ca, OPERATOR, "reviewer", "审核员甲")
    problems: list[str] = []
    page = watch(desktop.new_page(), problems)

    page.goto(live_url + "/console/")
    page.wait_for_url(re.compile(r"/console/login"))
    page.get_by_test_id("login-username").fill(OPERATOR)
    page.get_by_test_id("login-password").fill("wrong-password-1")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_contain_text("错误")
    page.get_by_test_id("login-password").fill(OPERATOR_PASSWORD)
    page.get_by_test_id("login-submit").click()

    # First login: the server's QR as an image (data: URL, never inline markup) and the secret.
    qr = page.get_by_test_id("totp-qr")
    qr.wait_for()
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".login svg").count() == 0
    secret = page.get_by_test_id("totp-enrol").locator(".mono").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    artifacts(page, "01-totp-enrol")
    expect(page.get_by_test_id("login-submit")).to_be_disabled()  # not 6 digits yet
    good = totp.code_at(secret, ca.clock.now())
    page.get_by_test_id("login-totp").fill(f"{(int(good) + 1) % 1_000_000:06d}")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("login-error").wait_for()
    page.get_by_test_id("login-totp").fill(good)
    page.get_by_test_id("login-submit").click()

    # 工作台 from /me's permissions: the reviewer's menu, the real dashboard's three charts.
    page.wait_for_url(re.compile(r"/console/dashboard"))
    expect(page.get_by_test_id("operator-name")).to_have_text("审核员甲")
    expect(page.get_by_test_id("operator-role")).to_have_text("审核员")
    menu = page.get_by_test_id("side-menu")
    for item in ("工作台", "审核队列", "发票", "查询"):
        expect(menu).to_contain_text(item)
    for item in ("审计日志", "操作员"):
        expect(menu).not_to_contain_text(item)
    expect(page.locator(".chart canvas")).to_have_count(3)
    artifacts(page, "02-dashboard")
    page.goto(live_url + "/console/audit")  # a screen the role may not open
    page.get_by_text("无权访问").wait_for()

    # 退出登录 ends the session on the server; the next login asks for a code, no QR.
    token = page.evaluate("() => sessionStorage.getItem('mcert.console.token')")
    sign_out(page)
    gone = httpx.get(live_url + "/api/console/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert gone.status_code == 401
    page.goto(live_url + "/console/queue")
    page.wait_for_url(re.compile(r"/console/login\?next="))
    page.get_by_test_id("login-username").fill(OPERATOR)
    page.get_by_test_id("login-password").fill(OPERATOR_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("login-totp").wait_for()
    expect(page.get_by_test_id("totp-qr")).to_have_count(0)
    artifacts(page, "03-totp-code")
    page.get_by_test_id("login-totp").fill(current_code(ca, OPERATOR))
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/console/queue"))  # back where it was going
    assert problems == []


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
    add_operator(ca, OPERATOR, "reviewer", "审核员甲")
    add_operator(ca, "reviewer-b", "reviewer", "审核员乙")
    other = console_headers(http, ca, "reviewer-b", OPERATOR_PASSWORD)  # type: ignore[arg-type]
    claim = f"/api/console/v1/queue/application/{order['id']}"
    assert http.post(f"{claim}/claim", headers=other).status_code == 200

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/queue")
    page.wait_for_url(re.compile(r"/console/login\?next="))
    sign_in(page, ca, OPERATOR)
    page.wait_for_url(re.compile(r"/console/queue"))

    # 审核队列: the application is under 新申请, with its count, held by 审核员乙.
    tab = page.get_by_test_id("queue-tab-application")
    expect(tab).to_contain_text("新申请")
    expect(tab.locator(".el-badge__content")).to_have_text("1")
    row = page.get_by_test_id("queue-table").locator(".el-table__body tr")
    expect(row).to_contain_text("审核员乙")
    expect(row.get_by_role("button", name="领取")).to_be_disabled()
    artifacts(page, "03-queue-claimed")
    # Deciding under another's claim: 409 review_claimed, its message names the claimant.
    refused = api(page, "POST", f"/reviews/{order['id']}/approve", {})
    assert refused["status"] == 409
    assert refused["body"]["error"]["code"] == "review_claimed"
    assert "审核员乙" in refused["body"]["error"]["message"]
    assert http.post(f"{claim}/release", headers=other).status_code == 200
    page.get_by_role("button", name="刷新").click()
    expect(row.get_by_role("button", name="领取")).to_be_enabled()
    row.get_by_role("button", name="领取").click()
    page.locator(".el-message", has_text="已领取").wait_for()
    expect(row.get_by_role("button", name="释放")).to_be_visible()
    item = page.get_by_test_id(f"queue-item-{order['id']}")
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
        assert saved.reject_reason == "营业执照不清晰：请上传加盖公章的彩色扫描件"
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
    assert mine["reject_reason"] == "营业执照不清晰：请上传加盖公章的彩色扫描件"
    assert problems == []


def test_a_reviewer_compares_and_approves_a_seal_in_the_console(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """印章审核: the stamp photo beside the extracted
    seal, both fetched with the console token, then 通过."""
    from playwright.sync_api import expect

    from mcert.seal.models import Seal
    from mcert_device import seals
    from tests.holders import personal_certificate
    from tests.seals import seal_photo

    holder = make_holder(http, ca, clock, n=982, name="钱七")  # type: ignore[arg-type]
    cert = personal_certificate(holder)
    applied = seals.apply(
        holder.device, cert["id"], "personal_stamp", ("seal.jpg", seal_photo("square"))
    )
    add_operator(ca, OPERATOR, "reviewer", "审核员甲")

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/queue?kind=seal")
    page.wait_for_url(re.compile(r"/console/login"))
    sign_in(page, ca, OPERATOR)
    page.wait_for_url(re.compile(r"/console/queue\?kind=seal"))
    expect(page.get_by_test_id("queue-tab-seal").locator(".el-badge__content")).to_have_text("1")
    page.get_by_test_id(f"queue-item-{applied['id']}").click()

    page.wait_for_url(re.compile(rf"/console/seals/{applied['id']}"))
    images = page.locator(".auth-image img[src^='blob:']")
    expect(images).to_have_count(2)  # the scan and the extracted seal, side by side
    for i in range(2):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    artifacts(page, "01-seal-side-by-side")
    page.get_by_test_id("seal-approve").click()
    page.locator(".el-message-box").get_by_role("button", name="通过").click()
    page.locator(".el-message", has_text="已通过").wait_for()
    page.wait_for_url(re.compile(r"/console/queue\?kind=seal"))

    with ca.sessions() as db:
        seal = db.get(Seal, applied["id"])
        assert seal is not None
        assert seal.status == "approved"
    assert problems == []


def test_an_officer_retries_then_voids_a_failed_invoice(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """发票: a failed invoice (the sandbox tax system
    refuses the taxpayer number) is retried — and fails again — then voided with a reason."""
    from playwright.sync_api import expect

    from mcert.invoice.models import Invoice
    from mcert.tasks.queue import task_queue
    from mcert_device import invoices

    def settle() -> None:
        task_queue(ca).drain()
        ca.invoice.deliver_due(http)  # type: ignore[attr-defined]
        task_queue(ca).drain()

    holder = make_holder(http, ca, clock, n=983, name="孙九")  # type: ignore[arg-type]
    holder.verify_by_phone()
    order = holder.device.apply_personal(1)
    holder.pay(order["id"])
    title = invoices.add_title(
        holder.device, "company", "北京数安招标代理有限公司", make_uscc(org_code="999999990")
    )
    invoice = invoices.apply(holder.device, [order["id"]], title["id"])
    settle()
    add_operator(ca, "console-officer", "officer", "业务员丙")

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/invoices")
    page.wait_for_url(re.compile(r"/console/login"))
    sign_in(page, ca, "console-officer")
    page.wait_for_url(re.compile(r"/console/invoices"))
    expect(page.get_by_test_id("operator-role")).to_have_text("CA 业务员")

    row = page.get_by_test_id("invoice-table").locator(".el-table__body tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("纳税人识别号状态异常")
    expect(row).to_contain_text("开票失败")
    artifacts(page, "01-failed-invoice")
    row.get_by_role("button", name="重试").click()
    page.locator(".el-message", has_text="已重新提交开票").wait_for()
    expect(page.get_by_test_id("invoice-table")).to_contain_text("没有发票")

    settle()  # the tax system refuses it again
    page.get_by_role("button", name="刷新").click()
    expect(row).to_have_count(1)
    expect(row).to_contain_text("开票失败")
    row.get_by_role("button", name="作废").click()
    box = page.locator(".el-message-box")
    box.locator("input").fill("税号有误，请用户更正抬头后重新申请")
    box.get_by_role("button", name="作废").click()
    page.locator(".el-message", has_text="已作废").wait_for()
    expect(page.get_by_test_id("invoice-table")).to_contain_text("没有发票")

    with ca.sessions() as db:
        saved = db.get(Invoice, invoice["id"])
        assert saved is not None
        assert saved.status == "voided"
        assert saved.void_reason == "税号有误，请用户更正抬头后重新申请"
    assert problems == []


def test_an_officer_revokes_a_certificate_and_ocsp_says_revoked(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """证书详情: 吊销 with a reason; the console then reads OCSP revoked, and so does /pki/ocsp."""
    from playwright.sync_api import expect

    from tests.holders import personal_certificate

    holder = make_holder(http, ca, clock, n=984, name="周八")  # type: ignore[arg-type]
    cert = personal_certificate(holder)
    add_operator(ca, "console-officer", "officer", "业务员丙")

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/lookup")
    page.wait_for_url(re.compile(r"/console/login"))
    sign_in(page, ca, "console-officer")
    page.wait_for_url(re.compile(r"/console/lookup"))
    page.get_by_role("tab", name="证书").click()
    page.get_by_test_id("lookup-q").fill("周八")
    page.get_by_role("button", name="查询").click()
    rows = page.locator(".el-table__body tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("周*")  # the holder's name masked
    rows.locator("a").click()

    page.wait_for_url(re.compile(rf"/console/certificates/{cert['id']}"))
    facts = page.locator(".el-descriptions")
    expect(facts).to_contain_text("有效")
    expect(facts).to_contain_text("正常")  # OCSP good
    page.get_by_role("button", name="吊销").click()
    revoke = page.locator(".el-dialog", has_text="吊销证书")
    revoke.locator(".el-select").click()
    page.locator(".el-select-dropdown__item", has_text="密钥泄露").click()
    revoke.get_by_role("button", name="确认吊销").click()
    page.locator(".el-message", has_text="证书已吊销").wait_for()
    expect(facts).to_contain_text("已吊销")
    expect(page.get_by_role("button", name="吊销", exact=True)).to_be_disabled()
    artifacts(page, "01-cert-revoked")

    detail = api(page, "GET", f"/certificates/{cert['id']}")["body"]
    assert (detail["status"], detail["ocsp_status"]) == ("revoked", "revoked")
    assert detail["revocation_reason"] == "key_compromise"
    status, reason = ocsp_status(http, detail["pem"])
    assert status == ocsp.OCSPCertStatus.REVOKED
    assert reason is not None
    assert reason.name == "key_compromise"
    assert holder.device.certificate(cert["id"])["status"] == "revoked"
    assert problems == []


def test_a_company_revocation_needs_a_second_officer(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """批量吊销证书 is proposed (202 → 已提交复核); the proposer's 批准 is disabled, an auditor
    has no 双人复核 (and the API answers 403); a second officer approves and it is done."""
    from playwright.sync_api import expect

    from tests.companies import verified_company

    admin = make_holder(http, ca, clock, n=985, name="吴九")  # type: ignore[arg-type]
    company = verified_company(admin, seq=985, name="福州某某贸易有限公司")
    add_operator(ca, "officer-a", "officer", "业务员甲")
    add_operator(ca, "officer-b", "officer", "业务员乙")
    add_operator(ca, "auditor-a", "auditor", "审计员甲")

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/lookup")
    sign_in(page, ca, "officer-a")
    page.get_by_role("tab", name="单位").click()
    page.get_by_test_id("lookup-q").fill(company.uscc)
    page.get_by_role("button", name="查询").click()
    row = page.locator(".el-table__body tr", has_text="福州某某贸易有限公司")
    row.get_by_role("button", name="详情").click()  # members and certificates, masked
    drawer = page.locator(".el-drawer", has_text="单位详情")
    expect(drawer.get_by_test_id("company-detail")).to_contain_text(company.uscc)
    expect(drawer).to_contain_text("吴*")
    expect(drawer).not_to_contain_text("吴九")
    expect(drawer.locator(".el-table__body").nth(1).locator("tr")).to_have_count(1)
    expect(drawer.locator(".el-table__body").nth(1)).to_contain_text("有效")
    artifacts(page, "00-company-detail")
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    row.get_by_role("button", name="批量吊销证书").click()
    dialog = page.locator(".el-dialog", has_text="批量吊销单位证书")
    dialog.locator("textarea").fill("企业已注销")
    dialog.get_by_role("button", name="提交复核").click()
    box = page.locator(".el-message-box")
    expect(box).to_contain_text("已提交复核")
    artifacts(page, "01-proposed")
    box.get_by_role("button").last.click()
    assert admin.device.certificate(company.admin_cert["id"])["status"] == "active"

    # The proposer's own approval: 批准 disabled, with the reason on hover.
    page.get_by_test_id("menu-approvals").click()
    mine = page.locator(".el-table__body tr", has_text="福州某某贸易有限公司")
    expect(mine).to_contain_text("业务员甲")
    expect(mine.get_by_role("button", name="批准")).to_be_disabled()
    mine.get_by_role("button", name="批准").hover(force=True)
    page.locator(".el-popper", has_text="不能批准自己发起的操作").wait_for()
    [pending] = api(page, "GET", "/approvals?status=pending")["body"]
    refused = api(page, "POST", f"/approvals/{pending['id']}/approve", {})
    assert (refused["status"], refused["body"]["error"]["code"]) == (403, "approval_self")
    artifacts(page, "02-own-proposal")
    sign_out(page)

    # An auditor: no 双人复核 in the menu, the screen refused, the API 403.
    sign_in(page, ca, "auditor-a")
    expect(page.get_by_test_id("side-menu")).not_to_contain_text("双人复核")
    page.goto(live_url + "/console/approvals")
    page.get_by_text("无权访问").wait_for()
    refused = api(page, "POST", f"/approvals/{pending['id']}/approve", {})
    assert refused["status"] == 403
    page.goto(live_url + "/console/dashboard")
    sign_out(page)

    # A second officer approves: the company's certificates are revoked.
    sign_in(page, ca, "officer-b")
    page.get_by_test_id("menu-approvals").click()
    theirs = page.locator(".el-table__body tr", has_text="福州某某贸易有限公司")
    expect(theirs).to_contain_text("业务员甲")
    theirs.get_by_role("button", name="批准").click()
    page.locator(".el-message-box").get_by_role("button", name="批准").click()
    page.locator(".el-message", has_text="已批准并执行").wait_for()
    expect(page.locator(".el-table__body")).not_to_contain_text("福州某某贸易有限公司")
    page.locator(".el-radio-button", has_text="已批准").click()
    done = page.locator(".el-table__body tr", has_text="福州某某贸易有限公司")
    expect(done).to_contain_text("业务员乙")
    artifacts(page, "03-approved")
    assert admin.device.certificate(company.admin_cert["id"])["status"] == "revoked"
    assert problems == []


def test_masked_for_a_reviewer_revealed_to_an_officer_with_a_reason(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    from playwright.sync_api import expect

    holder = make_holder(http, ca, clock, n=986, name="郑十")  # type: ignore[arg-type]
    holder.verify_by_phone()
    add_operator(ca, OPERATOR, "reviewer", "审核员甲")
    add_operator(ca, "console-officer", "officer", "业务员丙")
    last4 = holder.phone[-4:]

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/lookup")
    sign_in(page, ca, OPERATOR)
    page.get_by_test_id("lookup-q").fill(last4)
    page.get_by_role("button", name="查询").click()
    row = page.locator(".el-table__body tr", has_text="郑*")
    expect(row).to_contain_text(f"****{last4}")
    expect(row).not_to_contain_text(holder.phone)
    expect(row.get_by_role("button", name="详情")).to_be_visible()
    expect(row.get_by_role("button", name="查看明文")).to_have_count(0)
    refused = api(page, "POST", "/holders/x/unmask", {"fields": ["name"], "reason": "核对"})
    assert refused["status"] == 403
    assert "郑十" not in page.content()
    artifacts(page, "01-reviewer-masked")
    sign_out(page)

    sign_in(page, ca, "console-officer")
    page.goto(live_url + "/console/lookup")
    page.get_by_test_id("lookup-q").fill(last4)
    page.get_by_role("button", name="查询").click()
    row = page.locator(".el-table__body tr", has_text="郑*")
    row.get_by_role("button", name="查看明文").click()
    dialog = page.locator(".el-dialog", has_text="查看明文")
    dialog.get_by_role("button", name="查看").click()  # no reason yet: refused in the page
    page.locator(".el-message", has_text="请填写查看原因").wait_for()
    dialog.get_by_test_id("unmask-reason").fill("用户来电核实身份")
    dialog.get_by_role("button", name="查看").click()
    shown = dialog.locator(".el-descriptions")
    expect(shown).to_contain_text("郑十")
    expect(shown).to_contain_text(holder.phone)
    expect(shown).to_contain_text(holder.id_number)
    artifacts(page, "02-officer-unmasked")

    with ca.sessions() as db:
        entry = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "pii.unmask").order_by(AuditEntry.seq)
        ).all()[-1]
        assert entry.actor_type == "operator"
        assert json.loads(entry.details)["reason"] == "用户来电核实身份"
        assert holder.phone not in entry.details
        assert "郑十" not in entry.details
    assert problems == []


def test_the_admin_screens(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """依赖方 (the secret shown once), 操作员 (停用), 审计日志 (校验链), 个人信息请求, CA 层级,
    and a relying party secret rotated by two operators (the proposer reads the new secret
    once)."""
    from playwright.sync_api import expect

    add_operator(ca, "admin-a", "admin", "管理员甲")
    add_operator(ca, "reviewer-b", "reviewer", "审核员乙")
    add_operator(ca, "officer-c", "officer", "业务员丙")
    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/login")
    sign_in(page, ca, "admin-a")
    expect(page.get_by_test_id("side-menu")).to_contain_text("操作员")
    expect(page.get_by_test_id("side-menu")).to_contain_text("审计日志")

    # 依赖方: create → the secret once, in a dialog.
    page.get_by_test_id("menu-relying-parties").click()
    page.get_by_role("button", name="新建依赖方").click()
    dialog = page.locator(".el-dialog", has_text="新建依赖方")
    dialog.locator("input").first.fill("某某招标平台")
    dialog.locator("input").nth(1).fill("https://bid.example.cn/callback")
    dialog.get_by_role("button", name="保存").click()
    secret = page.locator(".el-dialog", has_text="依赖方密钥")
    expect(secret).to_contain_text("仅显示这一次")
    value = secret.locator("input").input_value()
    assert len(value) >= 16
    artifacts(page, "01-rp-secret")
    secret.get_by_role("button", name="我已保存").click()
    expect(secret).to_be_hidden()
    expect(page.locator(".el-table__body tr", has_text="某某招标平台")).to_be_visible()
    assert value not in page.content()

    # 操作员: disable another operator; one's own 停用 is disabled.
    page.get_by_test_id("menu-operators").click()
    other = page.locator(".el-table__body tr", has_text="reviewer-b")
    expect(other).to_contain_text("未绑定")
    other.get_by_role("button", name="停用").click()
    page.locator(".el-message", has_text="已停用").wait_for()
    own = page.locator(".el-table__body tr", has_text="admin-a")
    expect(own.get_by_role("button", name="停用")).to_be_disabled()
    rows = api(page, "GET", "/operators")["body"]
    assert {r["username"]: r["disabled"] for r in rows}["reviewer-b"] is True

    # 审计日志: today's entries, the chain checked.
    page.get_by_test_id("menu-audit").click()
    expect(page.locator(".el-table__body")).to_contain_text("operator")
    page.get_by_test_id("audit-verify").click()
    expect(page.get_by_test_id("audit-verify-result")).to_contain_text("审计链完整")
    artifacts(page, "02-audit-verified")

    # 个人信息请求: a holder's data export, listed with its kind and status; filtered out
    # when only cancellations are asked for.
    holder = make_holder(http, ca, clock, n=77, name="钱六")  # type: ignore[arg-type]
    assert privacy.export(holder.device).startswith(b"{")
    page.get_by_test_id("menu-privacy").click()
    requests = page.get_by_test_id("privacy-requests")
    expect(requests.locator(".el-table__body tr")).to_have_count(1)
    expect(requests).to_contain_text("下载我的信息")
    expect(page.get_by_test_id("privacy-status-label")).to_have_text("已完成")
    expect(requests).to_contain_text(holder.user_id())
    artifacts(page, "02b-privacy-requests")
    page.get_by_test_id("privacy-kind").click()
    page.locator(".el-select-dropdown__item", has_text="注销账号").click()
    page.get_by_test_id("privacy-search").click()
    expect(requests).to_contain_text("无请求")

    # CA 层级: root, issuing, OCSP and TSA, and the CRL.
    page.get_by_test_id("menu-ca").click()
    table = page.locator(".el-table__body")
    expect(table.locator("tr")).to_have_count(4)
    expect(page.locator(".el-descriptions")).to_be_visible()
    artifacts(page, "03-ca")

    # 更换密钥 waits for a second operator; then the proposer reads the new secret once.
    page.get_by_test_id("menu-relying-parties").click()
    rp = page.locator(".el-table__body tr", has_text="某某招标平台")
    rp.get_by_role("button", name="更换密钥").click()
    page.locator(".el-message-box", has_text="需另一名操作员批准").get_by_role(
        "button", name="确定"
    ).click()
    proposed = page.locator(".el-message-box", has_text="已提交复核，待另一名操作员批准")
    proposed.get_by_role("button", name="确定").click()
    expect(proposed).to_be_hidden()
    sign_out(page)
    sign_in(page, ca, "officer-c")
    page.goto(live_url + "/console/approvals")
    row = page.locator(".el-table__body tr", has_text="管理员甲")
    row.get_by_role("button", name="批准").click()
    page.locator(".el-message-box").get_by_role("button", name="批准").click()
    page.locator(".el-message", has_text="已批准并执行").wait_for()
    page.locator(".el-radio-button", has_text="已批准").click()
    expect(page.locator(".el-table__body tr", has_text="管理员甲")).to_be_visible()
    expect(page.get_by_role("button", name="查看新密钥")).to_have_count(0)  # not the proposer's
    sign_out(page)
    sign_in(page, ca, "admin-a")
    page.goto(live_url + "/console/approvals")
    page.locator(".el-radio-button", has_text="已批准").click()
    page.get_by_role("button", name="查看新密钥").click()
    shown = page.locator(".el-dialog", has_text="新密钥")
    rotated = shown.locator("input").input_value()
    assert len(rotated) >= 16
    assert rotated != value
    artifacts(page, "04-rotated-secret")
    shown.get_by_role("button", name="我已保存").click()
    expect(page.get_by_role("button", name="查看新密钥")).to_have_count(0)  # once
    assert problems == []


def _two_page_pdf() -> bytes:
    import fpdf

    doc = fpdf.FPDF(unit="pt", format="A4")
    doc.add_page()
    doc.add_page()
    doc.set_fill_color(0, 0, 0)
    doc.rect(20, 20, 555, 800, style="F")
    return bytes(doc.output())


def test_a_name_change_rejection_goes_to_a_second_reviewer(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """名称变更: the PDF proof's pages shown as images; 驳回 is proposed (202 → 已提交复核);
    a second reviewer approves in 双人复核 and the applicant reads the standard reason."""
    from playwright.sync_api import expect

    from tests.companies import verified_company

    admin = make_holder(http, ca, clock, n=987, name="冯十一")  # type: ignore[arg-type]
    company = verified_company(admin, seq=987, name="福州某某科技有限公司")
    change = admin.device.change(
        company.admin_cert["id"], "福州某某数字科技有限公司", ("proof.pdf", _two_page_pdf())
    )
    add_operator(ca, OPERATOR, "reviewer", "审核员甲")
    add_operator(ca, "reviewer-b", "reviewer", "审核员乙")

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/queue?kind=name_change")
    sign_in(page, ca, OPERATOR)
    page.wait_for_url(re.compile(r"/console/queue\?kind=name_change"))
    page.get_by_test_id(f"queue-item-{change['id']}").click()

    page.wait_for_url(re.compile(rf"/console/reviews/{change['id']}"))
    pages = page.locator(".auth-image img[src^='blob:']")
    expect(pages).to_have_count(2)  # the PDF's two pages, rendered by the server
    for i in range(2):
        assert pages.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    artifacts(page, "01-pdf-pages")
    page.get_by_test_id("review-reject").click()
    page.get_by_test_id("reject-code").click()
    page.locator(".el-select-dropdown__item", has_text="名称变更证明材料不清晰").click()
    page.get_by_test_id("reject-confirm").click()
    box = page.locator(".el-message-box")
    expect(box).to_contain_text("已提交复核")
    artifacts(page, "02-proposed")
    box.get_by_role("button", name="知道了").click()
    page.wait_for_url(re.compile(r"/console/queue"))
    assert admin.device.order(change["id"])["status"] == "pending_review"
    sign_out(page)

    sign_in(page, ca, "reviewer-b")
    page.goto(live_url + "/console/approvals")
    row = page.locator(".el-table__body tr", has_text="审核员甲")
    expect(row).to_contain_text("驳回")
    row.get_by_role("button", name="批准").click()
    page.locator(".el-message-box").get_by_role("button", name="批准").click()
    page.locator(".el-message", has_text="已批准并执行").wait_for()
    mine = admin.device.order(change["id"])
    assert mine["status"] == "rejected"
    assert mine["reject_reason"] == "名称变更证明材料不清晰"
    assert problems == []
