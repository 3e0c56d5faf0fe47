"""单位证书 in a real browser, as a holder would apply for one (manual part 2): log in →
申请证书 → 单位证书 → real-name by phone + face (fake camera) → company details and a
business licence → 待审核 → an operator rejects it (in-process, on the live server's
runtime) → the reason under 未通过 → 修改并重新提交 with a new licence → approved → 待支付 →
pay in the sandbox cashier → download with a certificate password → the company
certificate under 证书 with the company's name."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cryptography import x509
from PIL import Image
from sqlalchemy import select

from mcert.ident import make_resident_id, make_uscc
from mcert.operator import service as operators
from mcert.order.models import Order, OrderDocument
from mcert.org.models import Organization
from mcert.review import service as review
from mcert.runtime import Runtime
from tests.conftest import last_code
from tests.e2e.app import agree_and_log_in, consent
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PHONE = "13900000601"
NAME = "李四"
COMPANY = "某某建设工程有限公司"
USCC = make_uscc(seq=601)
PASSWORD = "Org#2026bid"
REASON = "营业执照不清晰"


def field(page: Any, testid: str) -> Any:
    return page.locator(f"[data-testid={testid}] input")


def toast(page: Any, text: str) -> None:
    page.locator(".van-toast", has_text=text).first.wait_for()


def licence_png(path: Path, seed: int) -> Path:
    """A scanned-looking business licence: noise on paper, a PNG made by Pillow."""
    grey = np.random.default_rng(seed).integers(170, 256, size=(280, 400, 1), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(np.repeat(grey, 3, axis=2), "RGB").save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def watch(page: Any, problems: list[str]) -> Any:
    """Fail on script errors and Content-Security-Policy violations."""
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if "Content Security Policy" in msg.text or "Uncaught" in msg.text
            else None
        ),
    )
    return page


def order_row(runtime: Runtime, order_id: str) -> tuple[Order, list[OrderDocument]]:
    with runtime.sessions() as db:
        order = db.get(Order, order_id)
        assert order is not None
        docs = list(
            db.scalars(select(OrderDocument).where(OrderDocument.order_id == order_id)).all()
        )
        db.expunge_all()
        return order, docs


def test_company_certificate_rejected_resubmitted_approved(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    artifacts: Callable[..., Path],
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)

    # 登录
    page.goto(live_url + "/")
    page.wait_for_url(re.compile(r"/login"))
    field(page, "login-phone").fill(PHONE)
    page.get_by_test_id("login-send").click()
    toast(page, "验证码已发送")
    field(page, "login-code").fill(last_code(ca, PHONE))
    agree_and_log_in(page)
    page.wait_for_url(live_url + "/")

    # 申请证书 → 单位证书 → 实名认证 (phone + face)
    page.get_by_test_id("home-apply").click()
    page.get_by_test_id("type-org").click()
    assert page.get_by_test_id("type-org").locator(".van-radio__icon--checked").count() == 1
    artifacts(page, "01-apply-org")
    page.get_by_test_id("apply-next").click()
    field(page, "rn-name").fill(NAME)
    field(page, "rn-id").fill(make_resident_id(seq=601))
    page.get_by_test_id("rn-submit").click()
    consent(page, "身份证件与银行卡信息单独同意")
    consent(page, "人脸信息处理单独同意")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=face-video]')?.videoWidth > 0"
    )
    artifacts(page, "02-realname-face")
    page.get_by_test_id("face-capture").click()
    toast(page, "实名认证通过")

    # 单位信息 + 营业执照 (blurry on purpose: the first one will be rejected)
    field(page, "company-name").wait_for()
    artifacts(page, "03-company-empty", hide_toasts=True)
    page.get_by_test_id("apply-next").click()
    page.get_by_test_id("apply-error").filter(has_text="请完整填写单位信息").wait_for()
    field(page, "company-name").fill(COMPANY)
    field(page, "company-uscc").fill(USCC.lower())  # the app upper-cases it
    field(page, "company-legal-rep").fill(NAME)
    page.get_by_test_id("apply-next").click()
    page.get_by_test_id("apply-error").filter(has_text="请上传营业执照").wait_for()
    page.locator("[data-testid=company-licence] input[type=file]").set_input_files(
        str(licence_png(tmp_path / "licence-1.png", 1))
    )
    page.locator("[data-testid=company-licence] .van-uploader__preview-image").wait_for()
    artifacts(page, "04-company-filled")
    page.get_by_test_id("apply-next").click()
    page.get_by_text("确认申请").wait_for()
    assert page.locator(".van-cell", has_text="证书类型").inner_text().endswith("单位证书")
    assert page.locator(".van-cell", has_text="单位名称").inner_text().endswith(COMPANY)
    artifacts(page, "05-confirm")
    page.get_by_test_id("apply-submit").click()
    consent(page, "单位证明材料单独同意")
    toast(page, "已提交，等待审核")
    page.wait_for_url(re.compile(r"/orders/[^/?]+$"))
    order_id = page.url.rsplit("/", 1)[1]
    page.get_by_test_id("order-status").filter(has_text="待审核").wait_for()
    artifacts(page, "06-order-pending-review")

    order, docs = order_row(ca, order_id)
    assert (order.status, order.cert_type, order.company_name, order.uscc) == (
        "pending_review",
        "org",
        COMPANY,
        USCC,
    )
    assert order.applicant_is_legal_rep is True
    assert [d.kind for d in docs] == ["business_licence"]
    first_licence = docs[0].id

    # 订单管理 → 待审核 lists it.
    page.goto(live_url + "/orders?tab=pending_review")
    card = page.get_by_test_id("order-pending_review")
    card.wait_for()
    assert COMPANY in card.inner_text()
    assert "待审核" in card.inner_text()
    artifacts(page, "07-orders-pending-review")

    # The operator rejects it.
    with ca.sessions() as db:
        op = operators.create_operator(
            db,
            ca,
            username="reviewer1",
            password="review-pass-123",
            role="reviewer",
            display_name="审核员一",
        )
        review.reject(db, ca, op, order_id, REASON)

    # 未通过 shows the reason.
    page.goto(live_url + "/orders?tab=rejected")
    card = page.get_by_test_id("order-rejected")
    card.wait_for()
    assert f"未通过原因：{REASON}" in card.inner_text()
    artifacts(page, "08-orders-rejected")
    card.click()
    page.wait_for_url(re.compile(rf"/orders/{order_id}$"))
    page.get_by_test_id("reject-reason").filter(has_text=REASON).wait_for()
    assert "未通过" in page.get_by_test_id("order-status").inner_text()

    # 修改并重新提交 with a new, clear licence.
    page.get_by_role("button", name="修改并重新提交").click()
    editor = page.locator(".van-field", has_text="营业执照")
    editor.locator("input[type=file]").set_input_files(
        str(licence_png(tmp_path / "licence-2.png", 2))
    )
    editor.locator(".van-uploader__preview-image").wait_for()
    editor.scroll_into_view_if_needed()
    artifacts(page, "09-resubmit")
    page.get_by_role("button", name="重新提交", exact=True).click()
    toast(page, "已重新提交审核")
    page.get_by_test_id("order-status").filter(has_text="待审核").wait_for()
    assert page.get_by_test_id("reject-reason").count() == 0  # not while under review
    page.goto(live_url + "/orders?tab=pending_review")
    card = page.get_by_test_id("order-pending_review")
    card.wait_for()
    assert "未通过原因" not in card.inner_text()
    assert page.get_by_test_id("order-rejected").count() == 0

    order, docs = order_row(ca, order_id)
    assert order.status == "pending_review"
    current = [d for d in docs if d.kind == "business_licence" and d.superseded_at is None]
    assert len(current) == 1, docs
    assert current[0].id != first_licence
    assert next(d for d in docs if d.id == first_licence).superseded_at is not None
    assert order.company_name == COMPANY  # unchanged fields are not sent

    # The operator approves → 待支付 → the sandbox cashier.
    with ca.sessions() as db:
        review.approve(db, ca, op, order_id)
    page.goto(live_url + "/orders?tab=pending_payment")
    card = page.get_by_test_id("order-pending_payment")
    card.wait_for()
    assert COMPANY in card.inner_text()
    card.click()
    page.get_by_test_id("order-pay").click()
    page.wait_for_url(re.compile(r"/sandbox/pay/"))
    page.get_by_role("button", name="确认支付").click()
    page.wait_for_url(re.compile(rf"/orders/{order_id}"))
    page.get_by_test_id("order-download").wait_for()
    assert "已完成" in page.get_by_test_id("order-status").inner_text()
    artifacts(page, "10-order-paid")

    # 下载证书 with a certificate password.
    page.get_by_test_id("order-download").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    assert COMPANY in page.locator(".van-cell", has_text="证书").first.inner_text()
    field(page, "password").fill(PASSWORD)
    field(page, "password-confirm").fill(PASSWORD)
    page.get_by_test_id("download-submit").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(page, "证书下载成功")
    cert_id = page.url.rsplit("/", 1)[1]
    info = page.get_by_test_id("cert-info")
    info.wait_for()
    text = info.inner_text()
    for shown in ("单位证书", COMPANY, NAME, "本机"):
        assert shown in text, text
    artifacts(page, "11-cert-detail", hide_toasts=True)

    # 证书: the company certificate, on this phone, titled with the company's name.
    page.goto(live_url + "/certs")
    card = page.get_by_test_id("cert-active")
    card.wait_for()
    assert card.locator(".title").inner_text() == COMPANY
    assert "单位证书" in card.inner_text()
    assert page.get_by_test_id("cert-tag").inner_text() == "有效 · 本机"
    artifacts(page, "12-certs")

    # The server: a verified organisation with this holder's certificate naming it.
    with ca.sessions() as db:
        org = db.scalars(select(Organization).where(Organization.uscc == USCC)).one()
        assert org.name == COMPANY
    pem = page.evaluate(
        """(id) => new Promise((resolve, reject) => {
            const req = indexedDB.open('mcert-keystore')
            req.onerror = () => reject(req.error)
            req.onsuccess = () => {
              const get = req.result.transaction('entries').objectStore('entries').get(id)
              get.onsuccess = () => resolve(get.result && get.result.signing_cert_pem)
              get.onerror = () => reject(get.error)
            }
        })""",
        cert_id,
    )
    subject = x509.load_pem_x509_certificate(pem.encode()).subject
    assert subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)[0].value == COMPANY

    # 消息: the rejection and the approval were both announced.
    page.goto(live_url + "/messages")
    page.get_by_test_id("message").first.wait_for()
    messages = " ".join(page.get_by_test_id("message").all_inner_texts())
    assert "审核未通过" in messages
    assert REASON in messages
    assert "审核通过" in messages
    artifacts(page, "13-messages")
    assert problems == []
