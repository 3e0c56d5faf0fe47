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
from mcert.webapp import CONSOLE_DIST
from tests.e2e.app import watch
from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path, skip_reason
from tests.holders import licence_png, make_holder

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


# ------------------------------------------------------------------ against the contract
# The console-auth / console-queues endpoints are not on this branch yet: the browser answers
# them as the contract (CONSOLE_API.md) says, so the screens that depend on them are driven
# for real. Replace with the live endpoints once they merge.

ME = {
    "id": "op-1",
    "username": "reviewer-a",
    "display_name": "审核员甲",
    "role": "reviewer",
    "role_label": "审核员",
    "permissions": ["review", "dashboard", "lookup"],
}
QR_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    "<script>window.__qrScriptRan = true</script>"
    '<rect width="40" height="40" fill="#000"/></svg>'
)


NAME_CHANGE_REVIEW = {
    "id": "o-nc",
    "order_no": "MC3",
    "kind": "change",
    "label": "单位证书变更",
    "cert_type": "org",
    "status": "pending_review",
    "version": 4,
    "company_name": "甲公司（新名称）",
    "uscc": "91110108MA0000015U",
    "submitted_at": "2026-12-02T06:00:00Z",
    "reject_reason": None,
    "legal_rep_name": "王五",
    "applicant_is_legal_rep": True,
    "applicant_name_masked": "王*",
    "documents": [
        {
            "id": "d-pdf",
            "kind": "change_proof",
            "content_type": "application/pdf",
            "size": 2048,
            "filename": "proof.pdf",
            "sha256": "00",
            "uploaded_at": "2026-12-02T06:00:00Z",
            "pages": 2,
        }
    ],
    "years": 1,
    "amount_fen": 0,
    "extracted": {
        "company_name": "甲公司（新名称）",
        "uscc": "91110108MA0000015U",
        "uscc_valid": False,
        "legal_rep": "王五",
    },
}


def _page_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 170), (250, 250, 245)).save(out, format="PNG")
    return out.getvalue()


def _contract(calls: list[tuple[str, str, Any]]) -> Callable[[Any], None]:
    import json
    from urllib.parse import parse_qs, urlparse

    days = [f"2026-11-{d:02d}" for d in range(1, 31)]

    def answer(route: Any) -> None:
        req = route.request
        url = urlparse(req.url)
        path = url.path.removeprefix("/api/console/v1")
        query = parse_qs(url.query)
        body: Any = json.loads(req.post_data) if req.post_data else None
        calls.append((req.method, path, body))
        status: int = 200
        data: Any = None
        if path == "/auth/login":
            data = {
                "status": "enrol",
                "enrolment_token": "enrol-1",
                "qr_svg": QR_SVG,
                "otpauth_uri": "otpauth://totp/mCert:reviewer-a?secret=JBSWY3DP",
                "secret": "JBSWY3DPEHPK3PXP",
            }
        elif path == "/auth/totp/enrol":
            if body["code"] != "123456":
                status, data = (
                    401,
                    {"error": {"code": "operator_login_failed", "message": "动态口令错误"}},
                )
            else:
                data = {
                    "status": "ok",
                    "token": "tok-1",
                    "expires_at": "2026-12-02T18:00:00Z",
                    "operator": {k: ME[k] for k in ("id", "username", "display_name", "role")},
                }
        elif path == "/me":
            data = ME
        elif path == "/dashboard":
            data = {
                "queues": [
                    {
                        "kind": "application",
                        "label": "新申请",
                        "count": 2,
                        "oldest_age_seconds": 90000,
                    }
                ],
                "certificates": [
                    {"day": d, "issued": i, "renewed": 1, "revoked": 0} for i, d in enumerate(days)
                ],
                "scans": [
                    {"day": d, "completed": 5, "rejected": 1, "expired": 0, "failed": 0}
                    for d in days
                ],
                "payments": [{"day": d, "count": 2, "amount_fen": 60000} for d in days],
            }
        elif path == "/queues":
            data = {
                "kinds": [
                    {
                        "kind": "application",
                        "label": "新申请",
                        "count": 2,
                        "oldest_age_seconds": 90000,
                        "overdue": 1,
                    },
                    {
                        "kind": "name_change",
                        "label": "名称变更",
                        "count": 0,
                        "oldest_age_seconds": None,
                        "overdue": 0,
                    },
                ]
            }
        elif path == "/queue":
            assert query["kind"] == ["application"]
            data = [
                {
                    "kind": "application",
                    "id": "o-young",
                    "title": "单位证书 MC2",
                    "subject_name": "乙公司",
                    "submitted_at": "2026-12-02T07:00:00Z",
                    "age_seconds": 3600,
                    "sla_seconds": 86400,
                    "overdue": False,
                    "claimed_by": {"id": "op-2", "display_name": "审核员乙"},
                },
                {
                    "kind": "application",
                    "id": "o-old",
                    "title": "单位证书 MC1",
                    "subject_name": "甲公司",
                    "submitted_at": "2026-12-01T06:00:00Z",
                    "age_seconds": 90000,
                    "sla_seconds": 86400,
                    "overdue": True,
                    "claimed_by": None,
                },
            ]
        elif path == "/queue/application/o-old/claim":
            status, data = (
                409,
                {"error": {"code": "review_claimed", "message": "该任务已被 审核员乙 领取"}},
            )
        elif path == "/approvals":
            data = [
                {
                    "id": "ap-mine",
                    "kind": "name_change_reject",
                    "kind_label": "驳回名称变更",
                    "summary": "驳回 甲公司 的名称变更",
                    "params": {},
                    "status": "pending",
                    "proposer": {"id": "op-1", "display_name": "审核员甲"},
                    "created_at": "2026-12-02T07:30:00Z",
                },
                {
                    "id": "ap-theirs",
                    "kind": "company_revoke",
                    "kind_label": "吊销单位全部证书",
                    "summary": "吊销 丙公司 的全部证书",
                    "params": {},
                    "status": "pending",
                    "proposer": {"id": "op-3", "display_name": "业务员丙"},
                    "created_at": "2026-12-02T07:40:00Z",
                },
            ]
        elif path == "/reviews/o-nc":
            data = NAME_CHANGE_REVIEW
        elif re.fullmatch(r"/reviews/o-nc/documents/d-pdf/pages/[12]", path):
            route.fulfill(status=200, content_type="image/png", body=_page_png())
            return
        elif path == "/rejection-reasons":
            assert query["kind"] == ["name_change"]
            data = [{"code": "name_mismatch", "text": "变更后名称与营业执照不一致"}]
        elif path == "/reviews/o-nc/reject":
            status = 202
            data = {
                "id": "ap-new",
                "kind": "name_change_reject",
                "kind_label": "驳回名称变更",
                "summary": "驳回 甲公司 的名称变更",
                "params": body,
                "status": "pending",
                "proposer": {"id": "op-1", "display_name": "审核员甲"},
                "created_at": "2026-12-02T08:00:00Z",
            }
        elif path == "/holders":
            data = [
                {
                    "id": "h-1",
                    "name_masked": "王*",
                    "phone_masked": "139****0981",
                    "id_number_masked": "1101**********1234",
                    "realname_status": "verified",
                    "created_at": "2026-11-01T00:00:00Z",
                }
            ]
        else:
            status, data = 404, {"error": {"code": "not_found", "message": "请求的资源不存在"}}
        route.fulfill(
            status=status,
            content_type="application/json",
            body=json.dumps(data, ensure_ascii=False),
        )

    return answer


def test_the_console_against_the_contract_endpoints(
    live_url: str, desktop: Any, artifacts: Callable[[Any, str], Any]
) -> None:
    from playwright.sync_api import expect

    calls: list[tuple[str, str, Any]] = []
    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.route("**/api/console/v1/**", _contract(calls))

    # First login: the enrolment QR is an image (its SVG never becomes markup), then a code.
    page.goto(live_url + "/console/")
    page.wait_for_url(re.compile(r"/console/login"))
    page.get_by_test_id("login-username").fill("reviewer-a")
    page.get_by_test_id("login-password").fill("console-pass-123")
    page.get_by_test_id("login-submit").click()
    qr = page.get_by_test_id("totp-qr")
    qr.wait_for()
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert "JBSWY3DPEHPK3PXP" in page.get_by_test_id("totp-enrol").inner_text()
    assert page.locator("svg rect[fill='#000']").count() == 0
    assert page.evaluate("() => window.__qrScriptRan === undefined")
    artifacts(page, "01-totp-enrol")
    expect(page.get_by_test_id("login-submit")).to_be_disabled()  # not 6 digits yet
    page.get_by_test_id("login-totp").fill("654321")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_have_text("动态口令错误")
    page.get_by_test_id("login-totp").fill("123456")
    page.get_by_test_id("login-submit").click()

    # /me's permissions (no invoice_manage here) shape the menu, not the role's defaults.
    page.wait_for_url(re.compile(r"/console/dashboard"))
    menu = page.get_by_test_id("side-menu")
    expect(menu).to_contain_text("审核队列")
    expect(menu).not_to_contain_text("发票")
    expect(menu).not_to_contain_text("审计日志")
    assert ("POST", "/auth/totp/enrol", {"enrolment_token": "enrol-1", "code": "123456"}) in calls

    # 工作台: the queue card and three charts drawn.
    expect(page.get_by_test_id("queue-card-application")).to_contain_text("2")
    expect(page.get_by_test_id("queue-card-application")).to_contain_text("1天1小时")
    expect(page.locator(".chart canvas")).to_have_count(3)
    artifacts(page, "02-dashboard")

    # 审核队列: oldest first, the overdue one marked, a claim someone else holds refused.
    page.get_by_test_id("menu-queue").click()
    rows = page.get_by_test_id("queue-table").locator(".el-table__body tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("甲公司")
    expect(rows.nth(0)).to_contain_text("已超时")
    expect(rows.nth(0)).to_have_class(re.compile("overdue-row"))
    expect(rows.nth(1)).to_contain_text("审核员乙")
    expect(rows.nth(1).get_by_role("button", name="领取")).to_be_disabled()
    rows.nth(0).get_by_role("button", name="领取").click()
    page.locator(".el-message", has_text="该任务已被 审核员乙 领取").wait_for()
    artifacts(page, "03-queue-claimed")

    # 双人复核: your own proposal cannot be approved; another's can.
    page.get_by_test_id("menu-approvals").click()
    mine = page.locator(".el-table__body tr", has_text="驳回 甲公司 的名称变更")
    theirs = page.locator(".el-table__body tr", has_text="吊销 丙公司 的全部证书")
    expect(mine.get_by_role("button", name="批准")).to_be_disabled()
    expect(theirs.get_by_role("button", name="批准")).to_be_enabled()
    mine.get_by_role("button", name="批准").hover(force=True)
    page.locator(".el-popper", has_text="不能批准自己发起的操作").wait_for()
    artifacts(page, "04-approvals")

    # A name-change application: PDF pages as images, the USCC flagged, the rejection
    # proposed for a second operator (202).
    page.goto(live_url + "/console/reviews/o-nc")
    pages = page.locator(".auth-image img[src^='blob:']")
    expect(pages).to_have_count(2)
    expect(page.get_by_test_id("uscc-valid")).to_have_text("校验不通过")
    page.get_by_test_id("review-reject").click()
    page.get_by_test_id("reject-code").click()
    page.locator(".el-select-dropdown__item", has_text="变更后名称与营业执照不一致").click()
    page.get_by_test_id("reject-confirm").click()
    box = page.locator(".el-message-box")
    expect(box).to_contain_text("已提交复核")
    expect(box).to_contain_text("待另一名操作员批准")
    artifacts(page, "05-name-change-proposed")
    assert (
        "POST",
        "/reviews/o-nc/reject",
        {"version": 4, "reason": "变更后名称与营业执照不一致", "reason_code": "name_mismatch"},
    ) in calls
    box.get_by_role("button", name="知道了").click()
    page.wait_for_url(re.compile(r"/console/queue"))

    # 查询 without UNMASK: masked values, no 查看明文.
    page.get_by_test_id("menu-lookup").click()
    page.get_by_test_id("lookup-q").fill("0981")
    page.get_by_role("button", name="查询").click()
    row = page.locator(".el-table__body tr", has_text="139****0981")
    expect(row).to_contain_text("王*")
    expect(row.get_by_role("button", name="详情")).to_be_visible()
    expect(row.get_by_role("button", name="查看明文")).to_have_count(0)

    # A screen whose endpoint is missing says so.
    page.get_by_test_id("menu-ca").click()
    expect(page.get_by_test_id("unavailable").first).to_contain_text("功能暂不可用")
    assert problems == []


def test_a_reviewer_compares_and_approves_a_seal_in_the_console(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    desktop: Any,
    artifacts: Callable[[Any, str], Any],
) -> None:
    """印章审核 against the existing /seals endpoints: the stamp photo beside the extracted
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
    with ca.sessions() as db:
        operators.create_operator(
            db, ca, username=OPERATOR, password=OPERATOR_PASSWORD, role="reviewer",
            display_name="审核员甲",
        )  # fmt: skip

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/queue?kind=seal")
    page.wait_for_url(re.compile(r"/console/login"))
    page.get_by_test_id("login-username").fill(OPERATOR)
    page.get_by_test_id("login-password").fill(OPERATOR_PASSWORD)
    page.get_by_test_id("login-submit").click()
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
    """发票 against the existing /invoices endpoints: a failed invoice (the sandbox tax system
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
    with ca.sessions() as db:
        operators.create_operator(
            db, ca, username="console-officer", password=OPERATOR_PASSWORD, role="officer",
            display_name="业务员丙",
        )  # fmt: skip

    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.goto(live_url + "/console/invoices")
    page.wait_for_url(re.compile(r"/console/login"))
    page.get_by_test_id("login-username").fill("console-officer")
    page.get_by_test_id("login-password").fill(OPERATOR_PASSWORD)
    page.get_by_test_id("login-submit").click()
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


ADMIN = {
    "id": "op-9",
    "username": "admin-a",
    "display_name": "管理员甲",
    "role": "admin",
    "role_label": "管理员",
    "permissions": [
        "review", "invoice_manage", "lookup", "unmask", "revoke", "rp_manage", "audit_read",
        "dashboard", "operator_manage",
    ],
}  # fmt: skip
RP = {
    "id": "rp-1",
    "name": "某某招标平台",
    "app_id": "app_0001",
    "enabled": True,
    "operations": ["login", "sign"],
    "callback_url": "https://bid.example.cn/callback",
    "usage_30d": {"login": 12, "sign": 3, "decrypt": 0, "seal": 0},
}
CERT = {
    "id": "c-1",
    "serial_hex": "0A1B2C",
    "subject_cn": "王五",
    "kind": "personal",
    "holder_name_masked": "王*",
    "org_name": None,
    "status": "valid",
    "not_before": "2026-01-01T00:00:00Z",
    "not_after": "2027-01-01T00:00:00Z",
    "ocsp_status": "good",
    "history": [
        {"id": "c-0", "serial_hex": "09", "action": "issued", "at": "2025-01-01T00:00:00Z"}
    ],
    "pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
}


def _admin_contract(calls: list[tuple[str, str, Any]]) -> Callable[[Any], None]:
    import json
    from urllib.parse import urlparse

    def answer(route: Any) -> None:
        req = route.request
        path = urlparse(req.url).path.removeprefix("/api/console/v1")
        body: Any = json.loads(req.post_data) if req.post_data else None
        calls.append((req.method, path, body))
        status: int = 200
        data: Any = None
        key = (req.method, path)
        if key == ("POST", "/auth/login"):
            assert body.get("totp_code") in (None, "246810")
            if not body.get("totp_code"):
                data = {"status": "totp_required"}
            else:
                data = {"status": "ok", "token": "tok-9", "operator": ADMIN}
        elif key == ("GET", "/me"):
            data = ADMIN
        elif key == ("GET", "/relying-parties"):
            data = [RP]
        elif key == ("POST", "/relying-parties"):
            data = {**RP, "id": "rp-2", "name": body["name"], "secret": "s3cr3t-shown-once"}
        elif key == ("GET", "/operators"):
            data = [
                {"id": "op-9", "username": "admin-a", "display_name": "管理员甲", "role": "admin",
                 "role_label": "管理员", "totp_enrolled": True, "disabled": False,
                 "last_login_at": "2026-12-02T07:00:00Z"},
                {"id": "op-2", "username": "reviewer-b", "display_name": "审核员乙",
                 "role": "reviewer", "role_label": "审核员", "totp_enrolled": False,
                 "disabled": False, "last_login_at": None},
            ]  # fmt: skip
        elif key == ("POST", "/operators/op-2/disable"):
            data = {"id": "op-2", "disabled": True}
        elif key == ("GET", "/audit"):
            data = {
                "items": [
                    {"seq": 7, "at": "2026-12-02T07:00:00Z", "action": "order.rejected",
                     "actor_type": "operator", "actor_id": "op-2", "actor_name": "审核员乙",
                     "target_type": "order", "target_id": "o-1", "details": {"reason": "x"}},
                ],
                "next_before_seq": None,
            }  # fmt: skip
        elif key == ("POST", "/audit/verify"):
            data = {"ok": True, "checked": 7, "first_bad_seq": None, "message": "链完整"}
        elif key == ("GET", "/ca"):
            data = [
                {"kind": "root", "subject": "CN=mCert Root CA", "serial_hex": "01",
                 "not_before": "2026-01-01T00:00:00Z", "not_after": "2046-01-01T00:00:00Z",
                 "days_left": 7000},
                {"kind": "ocsp", "subject": "CN=mCert OCSP", "serial_hex": "03",
                 "not_before": "2026-11-01T00:00:00Z", "not_after": "2027-01-30T00:00:00Z",
                 "days_left": 59},
            ]  # fmt: skip
        elif key == ("GET", "/ca/crl"):
            data = {"number": 12, "this_update": "2026-12-02T00:00:00Z",
                    "next_update": "2026-12-03T00:00:00Z", "revoked_count": 4}  # fmt: skip
        elif key == ("GET", "/certificates/c-1"):
            data = CERT
        elif key == ("POST", "/certificates/c-1/revoke"):
            data = {
                **CERT,
                "status": "revoked",
                "ocsp_status": "revoked",
                "revoked_at": "2026-12-02T08:00:00Z",
                "revocation_reason": body["reason"],
            }
        else:
            status, data = 404, {"error": {"code": "not_found", "message": "请求的资源不存在"}}
        route.fulfill(
            status=status,
            content_type="application/json",
            body=json.dumps(data, ensure_ascii=False),
        )

    return answer


def test_the_admin_screens_against_the_contract_endpoints(
    live_url: str, desktop: Any, artifacts: Callable[[Any, str], Any]
) -> None:
    """依赖方 (the secret shown once), 操作员, 审计日志 (校验链), CA 层级, 证书详情 (吊销)."""
    from playwright.sync_api import expect

    calls: list[tuple[str, str, Any]] = []
    problems: list[str] = []
    page = watch(desktop.new_page(), problems)
    page.route("**/api/console/v1/**", _admin_contract(calls))

    page.goto(live_url + "/console/login")
    page.get_by_test_id("login-username").fill("admin-a")
    page.get_by_test_id("login-password").fill("console-pass-123")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("login-totp").fill("246810")
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/console/dashboard"))
    expect(page.get_by_test_id("side-menu")).to_contain_text("操作员")
    expect(page.get_by_test_id("side-menu")).to_contain_text("审计日志")

    # 依赖方: create → the secret once, in a dialog.
    page.get_by_test_id("menu-relying-parties").click()
    expect(page.locator(".el-table__body tr", has_text="某某招标平台")).to_contain_text("12 / 3")
    page.get_by_role("button", name="新建依赖方").click()
    dialog = page.locator(".el-dialog", has_text="新建依赖方")
    dialog.locator("input").first.fill("新平台")
    dialog.get_by_role("button", name="保存").click()
    secret = page.locator(".el-dialog", has_text="依赖方密钥")
    expect(secret.locator("input")).to_have_value("s3cr3t-shown-once")
    expect(secret).to_contain_text("仅显示这一次")
    artifacts(page, "01-rp-secret")
    secret.get_by_role("button", name="我已保存").click()
    expect(secret).to_be_hidden()
    assert (
        "POST",
        "/relying-parties",
        {"name": "新平台", "callback_url": "https://", "operations": ["login"]},
    ) in calls

    # 操作员: disable another operator.
    page.get_by_test_id("menu-operators").click()
    other = page.locator(".el-table__body tr", has_text="reviewer-b")
    expect(other).to_contain_text("未绑定")
    other.get_by_role("button", name="停用").click()
    page.locator(".el-message", has_text="已停用").wait_for()
    assert ("POST", "/operators/op-2/disable", {}) in calls
    own = page.locator(".el-table__body tr", has_text="admin-a")
    expect(own.get_by_role("button", name="停用")).to_be_disabled()

    # 审计日志: 校验链.
    page.get_by_test_id("menu-audit").click()
    expect(page.locator(".el-table__body")).to_contain_text("order.rejected")
    page.get_by_test_id("audit-verify").click()
    expect(page.get_by_test_id("audit-verify-result")).to_contain_text("审计链完整：已校验 7 条")
    artifacts(page, "02-audit-verified")

    # CA 层级.
    page.get_by_test_id("menu-ca").click()
    expect(page.locator(".el-table__body")).to_contain_text("CN=mCert Root CA")
    expect(page.locator(".el-table__body tr", has_text="OCSP")).to_contain_text("59 天")
    expect(page.locator(".el-descriptions")).to_contain_text("12")
    artifacts(page, "03-ca")

    # 证书详情: 吊销 with a reason.
    page.goto(live_url + "/console/certificates/c-1")
    expect(page.locator(".el-descriptions")).to_contain_text("正常")
    page.get_by_role("button", name="吊销").click()
    revoke = page.locator(".el-dialog", has_text="吊销证书")
    revoke.locator(".el-select").click()
    page.locator(".el-select-dropdown__item", has_text="密钥泄露").click()
    revoke.get_by_role("button", name="确认吊销").click()
    page.locator(".el-message", has_text="证书已吊销").wait_for()
    expect(page.locator(".el-descriptions")).to_contain_text("已吊销")
    assert ("POST", "/certificates/c-1/revoke", {"reason": "key_compromise"}) in calls
    artifacts(page, "04-cert-revoked")
    assert problems == []
