"""Agreements and separate consents in a real browser (issue #17): no login without ticking
我已阅读并同意《用户协议》《隐私政策》, the documents render (escaped Markdown), and the face
camera is never asked for before the holder consents to face processing; 我的 → 隐私设置
lists, withdraws and grants the consents."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mcert.account.models import User
from mcert.clock import FrozenClock
from mcert.consent.models import ConsentRecord
from mcert.ident import make_resident_id
from mcert.runtime import Runtime
from tests.conftest import last_code
from tests.e2e.app import agree_and_log_in, consent, field, toast, watch
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PHONE = "13900001701"

# Counts the app's camera requests: a refused consent must leave it at zero.
COUNT_CAMERA = """
(() => {
  window.__cameraRequests = 0
  const md = navigator.mediaDevices
  if (!md) return
  const real = md.getUserMedia.bind(md)
  md.getUserMedia = (c) => { window.__cameraRequests += 1; return real(c) }
})()
"""


def users(rt: Runtime) -> int:
    with rt.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(User)) or 0)


def consents(rt: Runtime) -> list[tuple[str, str | None]]:
    with rt.sessions() as db:
        rows = db.scalars(select(ConsentRecord).order_by(ConsentRecord.granted_at)).all()
        return [(r.document, r.version) for r in rows]


def test_no_login_without_agreeing_and_no_camera_without_face_consent(
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    new_phone: Callable[..., Any],
    artifacts: Callable[..., Path],
) -> None:
    problems: list[str] = []
    phone = new_phone()
    phone.add_init_script(COUNT_CAMERA)
    page = watch(phone.new_page(), problems)

    # 登录 without ticking the box: refused in the app, nothing reaches the server.
    page.goto(live_url + "/login")
    box = page.get_by_test_id("login-agree")
    assert box.get_attribute("aria-checked") == "false"
    field(page, "login-phone").fill(PHONE)
    page.get_by_test_id("login-send").click()
    toast(page, "验证码已发送")
    field(page, "login-code").fill(last_code(ca, PHONE))
    page.get_by_test_id("login-submit").click()
    toast(page, "请先阅读并勾选同意《用户协议》和《隐私政策》")
    assert "/login" in page.url
    assert users(ca) == 0

    # The links open the documents, rendered: headings, the table of what is collected.
    page.get_by_test_id("open-privacy-policy").click()
    popup = page.get_by_test_id("document-popup")
    popup.locator("h3", has_text="一、我们收集的信息").wait_for()
    assert popup.locator("table th", has_text="用途").count() == 1
    assert popup.locator("td", has_text="人脸图像").count() >= 1
    assert "《隐私政策》版本 2026-12-01" in popup.get_by_test_id("document-version").inner_text()
    artifacts(page, "01-privacy-policy")
    popup.locator(".van-popup__close-icon").click()
    popup.wait_for(state="hidden")
    assert box.get_attribute("aria-checked") == "false"  # reading is not agreeing
    page.get_by_test_id("open-user-agreement").click()
    popup.locator("h2", has_text="用户协议").wait_for()
    popup.locator(".van-popup__close-icon").click()
    popup.wait_for(state="hidden")
    artifacts(page, "02-login-unticked")

    # Ticked: the same code logs in, and both agreements are recorded.
    agree_and_log_in(page)
    page.wait_for_url(live_url + "/")
    assert sorted(consents(ca)) == [
        ("privacy_policy", "2026-12-01"),
        ("user_agreement", "2026-12-01"),
    ]

    # 实名认证: the real-name consent, then the face consent — refused: no camera, an explanation.
    page.goto(live_url + "/realname")
    field(page, "rn-name").fill("张三")
    field(page, "rn-id").fill(make_resident_id(seq=917))
    page.get_by_test_id("rn-submit").click()
    consent(page, "身份证件与银行卡信息单独同意")
    sheet = page.get_by_test_id("consent-sheet")
    sheet.get_by_text("人脸信息处理单独同意").wait_for()
    assert "实名核验服务商" in sheet.get_by_test_id("consent-recipients").inner_text()
    artifacts(page, "03-face-consent")
    sheet.get_by_test_id("consent-refuse").click()
    page.locator(".van-dialog", has_text="不会打开摄像头").wait_for()
    artifacts(page, "04-face-refused")
    page.locator(".van-dialog").get_by_role("button", name="知道了").click()
    refused = page.get_by_test_id("face-consent-refused")
    refused.wait_for()
    assert "不会收集您的人脸信息" in refused.inner_text()
    assert page.get_by_test_id("face-capture").count() == 0
    assert page.evaluate("window.__cameraRequests") == 0
    assert ("face", "2026-12-01") not in consents(ca)

    # 查看并同意: now the camera opens and the face check passes.
    page.get_by_test_id("face-consent-retry").click()
    consent(page, "人脸信息处理单独同意")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=face-video]')?.videoWidth > 0"
    )
    assert page.evaluate("window.__cameraRequests") == 1
    page.get_by_test_id("face-capture").click()
    toast(page, "实名认证通过")

    # 我的 → 隐私设置: each consent with version, time, device and masked address; withdraw.
    page.goto(live_url + "/me")
    page.get_by_test_id("me-privacy").click()
    page.wait_for_url(re.compile(r"/privacy$"))
    face = page.get_by_test_id("consent-face")
    face.get_by_text("版本 2026-12-01").wait_for()
    assert "IP 127.0.0.*" in face.inner_text()
    assert "尚未同意" in page.get_by_test_id("consent-company_documents").inner_text()
    assert "《隐私政策》" in page.get_by_test_id("privacy-agreements").inner_text()
    artifacts(page, "05-privacy-settings")
    page.get_by_test_id("withdraw-face").click()
    page.locator(".van-dialog").get_by_role("button", name="撤回").click()
    toast(page, "已撤回")
    face.get_by_text("撤回").first.wait_for()
    page.get_by_test_id("grant-face").wait_for()
    artifacts(page, "06-face-withdrawn")
    with ca.sessions() as db:
        row = db.scalars(select(ConsentRecord).where(ConsentRecord.document == "face")).one()
        assert row.withdrawn_at is not None

    # The agreement documents open from 隐私设置 too.
    page.get_by_test_id("agreement-user_agreement").click()
    page.get_by_test_id("document-popup").locator("h2", has_text="用户协议").wait_for()
    assert problems == []
