"""The holder app in a real browser, as a holder would use it (manual parts 1, 2, 8, 9, 10):
SMS login → apply for a personal certificate → real-name by phone + face (fake camera) →
pay in the sandbox cashier → download with a certificate password → scan-login with the
camera (a QR fed to Chromium's fake camera) → sign and decrypt by opening the QR link →
change the password → usage records. The relying party is the real SDK; its verifier
checks what the phone produced."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from mcert.clock import FrozenClock
from mcert.ident import make_resident_id
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_rp import Client, Verifier, decrypt_with_session, encrypt_bid, prepare_decrypt
from tests.conftest import last_code
from tests.e2e.app import agree_and_log_in, consent, taps_reach
from tests.e2e.camera import qr_frame, write_y4m
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PHONE = "13900000501"
PASSWORD = "Bid#2026go"
NEW_PASSWORD = "Tender@2027"
RP_NAME = "某某公共资源交易平台"


def field(page: Any, testid: str) -> Any:
    return page.locator(f"[data-testid={testid}] input")


def toast(page: Any, text: str) -> None:
    page.locator(".van-toast", has_text=text).first.wait_for()


def make_rp(runtime: Runtime, base_url: str, clock: FrozenClock) -> Client:
    with runtime.sessions() as db:
        rp, secret = rp_service.create(
            db, runtime, name=RP_NAME, ops=["login", "sign", "decrypt"], callback_url=None
        )
    return Client(base_url, rp.client_id, secret, clock=lambda: clock.now().timestamp())


def root_pem(page: Any, base_url: str) -> bytes:
    der = page.request.get(f"{base_url}/pki/ca/root.crt").body()
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


def keystore_entry(page: Any, cert_id: str) -> dict[str, Any]:
    """Read the phone's IndexedDB entry (wrapped keys and certificates only)."""
    return dict(
        page.evaluate(
            """(id) => new Promise((resolve, reject) => {
                const req = indexedDB.open('mcert-keystore')
                req.onerror = () => reject(req.error)
                req.onsuccess = () => {
                  const get = req.result.transaction('entries').objectStore('entries').get(id)
                  get.onsuccess = () => {
                    const e = get.result
                    resolve(e && { ...e, wrap_salt: Array.from(e.wrap_salt) })
                  }
                  get.onerror = () => reject(get.error)
                }
            })""",
            cert_id,
        )
    )


def confirm_scan(page: Any, password: str) -> None:
    page.get_by_test_id("scan-view").wait_for()
    field(page, "scan-password").fill(password)
    page.get_by_test_id("scan-confirm").click()


def test_personal_certificate_and_scan_to_use(
    launch: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    artifacts: Callable[..., Path],
    tmp_path: Path,
) -> None:
    problems: list[str] = []

    def watch(page: Any) -> Any:
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

    phone = launch()
    page = watch(phone.new_page())

    # 登录: an unknown number gets an account; the code comes from the sandbox outbox.
    page.goto(live_url + "/")
    page.wait_for_url(re.compile(r"/login"))
    field(page, "login-phone").fill(PHONE)
    page.get_by_test_id("login-send").click()
    toast(page, "验证码已发送")
    # A toast only informs: a tap on 登录 while 验证码已发送 still covers it reaches the button.
    assert taps_reach(page, "login-submit")
    page.get_by_test_id("login-send").filter(has_text="秒后重发").wait_for()
    field(page, "login-code").fill(last_code(ca, PHONE))
    artifacts(page, "01-login", hide_toasts=True)
    agree_and_log_in(page)
    page.wait_for_url(live_url + "/")
    page.get_by_test_id("home-apply").wait_for()
    artifacts(page, "02-home")

    # 申请证书 → 实名认证 (phone + face with the fake front camera) → 提交
    page.get_by_test_id("home-apply").click()
    page.get_by_test_id("type-personal").wait_for()
    artifacts(page, "03-apply")
    page.get_by_test_id("apply-next").click()
    field(page, "rn-name").fill("张三")
    field(page, "rn-id").fill(make_resident_id(seq=501))
    page.get_by_test_id("rn-submit").click()
    consent(page, "身份证件与银行卡信息单独同意")
    consent(page, "人脸信息处理单独同意")
    page.get_by_test_id("face-capture").wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=face-video]')?.videoWidth > 0"
    )
    artifacts(page, "04-face")
    page.get_by_test_id("face-capture").click()
    toast(page, "实名认证通过")
    page.get_by_test_id("apply-submit").click()
    page.wait_for_url(re.compile(r"/orders/[^/?]+$"))
    page.get_by_test_id("order-pay").wait_for()
    artifacts(page, "05-order-unpaid")

    # 支付: the sandbox cashier, then back to the order, which the server settles.
    page.get_by_test_id("order-pay").click()
    page.wait_for_url(re.compile(r"/sandbox/pay/"))
    artifacts(page, "06-cashier")
    page.get_by_role("button", name="确认支付").click()
    page.wait_for_url(re.compile(r"/orders/"))
    page.get_by_test_id("order-download").wait_for()
    assert "已完成" in page.get_by_test_id("order-status").inner_text()
    artifacts(page, "07-order-paid")

    # 下载: set the certificate password (a trivial one is refused first).
    page.get_by_test_id("order-download").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    field(page, "password").fill("123456")
    assert "连续" in page.get_by_test_id("password").inner_text()
    field(page, "password").fill(PASSWORD)
    field(page, "password-confirm").fill(PASSWORD)
    artifacts(page, "08-download")
    page.get_by_test_id("download-submit").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(page, "证书下载成功")
    serial = page.get_by_test_id("signing-serial").locator(".van-cell__label").inner_text()
    assert re.fullmatch(r"[0-9A-Fa-f:]+", serial.strip()), serial
    cert_id = page.url.rsplit("/", 1)[1]
    artifacts(page, "09-cert-detail", hide_toasts=True)
    entry = keystore_entry(page, cert_id)
    assert entry["wrapped_signing_key"].startswith("A")  # version byte 0x01, base64url
    assert "PRIVATE" not in json.dumps(entry)

    page.goto(live_url + "/")
    page.get_by_test_id("tab-certs").click()
    page.wait_for_url(live_url + "/certs")
    page.get_by_test_id("cert-active").wait_for()
    assert "本机" in page.get_by_test_id("cert-tag").inner_text()
    artifacts(page, "10-certs")

    # 扫码登录 with the camera: the RP's QR code fed to the fake camera. The clock is
    # frozen, so frame 0 stays the current frame while the phone is relaunched.
    rp = make_rp(ca, live_url, clock)
    verifier = Verifier([root_pem(page, live_url)], client_id=rp.client_id, rp_name=RP_NAME)
    login = rp.start_login(display_text=f"登录 {RP_NAME}")
    video = write_y4m(qr_frame(login.qr_text(0)), tmp_path / "qr.y4m")
    phone = launch(video=video)  # the same profile: keys and session survive the relaunch
    page = watch(phone.new_page())
    page.goto(live_url + "/")
    page.get_by_test_id("home-scan").click()
    page.wait_for_url(re.compile(r"/scan/confirm\?qr="), timeout=20_000)
    page.get_by_test_id("scan-view").wait_for()
    assert page.get_by_test_id("scan-display-text").inner_text() == f"登录 {RP_NAME}"
    artifacts(page, "11-scan-confirm")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    confirm_scan(page, PASSWORD)
    page.get_by_test_id("scan-result").filter(has_text="登录成功").wait_for()
    # The scan answer carried the pre-hash parameters; the app asked for them no more.
    assert any(u.endswith("/complete") for u in asked)
    assert not [u for u in asked if u.endswith("/prehash")]
    artifacts(page, "12-scan-result")
    result = verifier.verify_login(rp.collect(login.session_id), login)
    assert result.holder.name == "张三"
    assert result.holder.serial.replace(":", "").lower() == serial.replace(":", "").lower()

    # 签章 by opening the QR link directly (what a phone's own camera app does).
    docs = [("投标函.pdf", hashlib.sha256(b"bid letter").digest())]
    clock.advance(5)  # distinct times, so the usage list has a defined order
    sign = rp.start_sign(display_text="签署投标文件 1 份", digests=docs)
    page.goto(sign.qr_text(0))
    page.wait_for_url(re.compile(r"/scan/confirm"))
    page.get_by_text("投标函.pdf").wait_for()
    confirm_scan(page, PASSWORD)
    page.get_by_test_id("scan-result").filter(has_text="签章成功").wait_for()
    signed = verifier.verify_sign(rp.collect(sign.session_id), sign)
    assert [s.label for s in signed.signatures] == ["投标函.pdf"]

    # 解密 a bid encrypted to the encryption certificate on the phone.
    enc_cert = x509.load_pem_x509_certificate(entry["encryption_cert_pem"].encode())
    bid = "第一标段 投标报价 9,870,000 元".encode()
    envelope = encrypt_bid(bid, [enc_cert])
    recipient, rp_key, rp_public = prepare_decrypt(envelope, enc_cert)
    clock.advance(5)
    dec = rp.start_decrypt(
        display_text="开标解密 第一标段", recipient=recipient, rp_public_key=rp_public
    )
    page.goto(dec.qr_text(0))
    confirm_scan(page, PASSWORD)
    page.get_by_test_id("scan-result").filter(has_text="解密成功").wait_for()
    assert decrypt_with_session(envelope, recipient, rp.collect(dec.session_id), rp_key) == bid

    # 修改证书密码, then the old password is wrong (with attempts left) and the new one works.
    page.goto(f"{live_url}/certs/{cert_id}/password")
    field(page, "old-password").fill(PASSWORD)
    field(page, "password").fill(NEW_PASSWORD)
    field(page, "password-confirm").fill(NEW_PASSWORD)
    artifacts(page, "13-password-change")
    page.get_by_test_id("password-submit").click()
    toast(page, "证书密码已修改")
    page.wait_for_url(re.compile(rf"/certs/{cert_id}$"))
    clock.advance(5)
    again = rp.start_login(display_text=f"登录 {RP_NAME}")
    page.goto(again.qr_text(0))
    confirm_scan(page, PASSWORD)
    page.get_by_test_id("scan-error").filter(has_text="还可尝试4次").wait_for()
    artifacts(page, "14-scan-wrong-password")
    field(page, "scan-password").fill(NEW_PASSWORD)
    page.get_by_test_id("scan-confirm").click()
    page.get_by_test_id("scan-result").filter(has_text="登录成功").wait_for()
    verifier.verify_login(rp.collect(again.session_id), again)

    # 使用记录: every operation, newest first.
    page.goto(live_url + "/usage")
    items = page.get_by_test_id("usage-item")
    items.nth(3).wait_for()
    texts = items.all_inner_texts()
    assert [t.split("\n")[0] for t in texts[:4]] == ["登录", "解密", "签章", "登录"]
    assert all(RP_NAME in t and "张三" in t for t in texts)
    artifacts(page, "15-usage")

    page.goto(live_url + "/messages")
    page.get_by_test_id("message").first.wait_for()
    artifacts(page, "16-messages")
    page.goto(live_url + "/me")
    page.get_by_test_id("me-phone").wait_for()
    assert page.get_by_test_id("me-phone").inner_text() == "139****0501"
    artifacts(page, "17-me")
    assert problems == []
