"""Shared steps of the browser tests: reading and filling the app's screens, logging in,
the cashier, the phone's key store, OCSP. Fixtures live in ``conftest.py``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from mcert.clock import FrozenClock
from mcert.runtime import Runtime
from tests.conftest import last_code
from tests.holders import Holder, make_holder

BEIJING = ZoneInfo("Asia/Shanghai")


def local_date(iso_or_dt: str | datetime) -> str:
    """A date as the app shows it (the browser runs in Asia/Shanghai)."""
    when = datetime.fromisoformat(iso_or_dt) if isinstance(iso_or_dt, str) else iso_or_dt
    return when.astimezone(BEIJING).strftime("%Y-%m-%d")


def field(page: Any, testid: str) -> Any:
    return page.locator(f"[data-testid={testid}] input")


def toast(page: Any, text: str) -> None:
    page.locator(".van-toast", has_text=text).first.wait_for()


def taps_reach(page: Any, testid: str) -> bool:
    """Whether a tap at the centre of ``testid`` reaches it through any toast over it: every
    toast lets taps through (``pointer-events: none``), and where one covers the centre the
    browser's hit test there lands on the element, not on the toast."""
    return bool(
        page.evaluate(
            """(id) => {
              const el = document.querySelector(`[data-testid=${id}]`)
              const r = el.getBoundingClientRect()
              const x = r.left + r.width / 2, y = r.top + r.height / 2
              const toasts = [...document.querySelectorAll('.van-toast')]
              if (toasts.some((t) => getComputedStyle(t).pointerEvents !== 'none')) return false
              return el.contains(document.elementFromPoint(x, y))
            }""",
            testid,
        )
    )


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


def login(
    page: Any, live_url: str, runtime: Runtime, clock: FrozenClock, phone: str, start: str = "/"
) -> None:
    """Open ``start``; the app sends a logged-out holder to SMS login and then back."""
    clock.advance(61)  # past the resend interval of the Python device's code
    page.goto(live_url + start)
    page.wait_for_url(re.compile(r"/login"))
    field(page, "login-phone").fill(phone)
    page.get_by_test_id("login-send").click()
    toast(page, "验证码已发送")
    field(page, "login-code").fill(last_code(runtime, phone))
    agree_and_log_in(page)
    page.wait_for_url(lambda url: "/login" not in url)


def agree_and_log_in(page: Any) -> None:
    """Tick 我已阅读并同意《用户协议》《隐私政策》 (never ticked in advance), then 登录."""
    box = page.get_by_test_id("login-agree")
    assert box.get_attribute("aria-checked") == "false"
    box.locator(".van-checkbox__icon").click()  # the box itself: the label holds the links
    assert box.get_attribute("aria-checked") == "true"
    page.get_by_test_id("login-submit").click()


def consent(page: Any, title: str) -> None:
    """同意 on the separate-consent sheet titled ``title`` (it shows purpose, retention and
    recipients first)."""
    sheet = page.get_by_test_id("consent-sheet")
    sheet.get_by_text(title).wait_for()
    for part in ("consent-purpose", "consent-retention", "consent-recipients"):
        assert sheet.get_by_test_id(part).locator(".van-cell__label").inner_text().strip()
    sheet.get_by_test_id("consent-agree").click()
    # Done when this notice is gone. Not "the button is hidden": when another consent
    # follows (身份证件 → 人脸), the same sheet shows it at once and the button may never hide.
    sheet.locator("h3", has_text=title).wait_for(state="hidden")


def face_check(page: Any, shot: Callable[[], Any] | None = None) -> None:
    """The fake front camera's green test pattern passes the sandbox face check."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=face-video]')?.videoWidth > 0"
    )
    if shot:
        shot()
    page.get_by_test_id("face-capture").click()


def pay_in_cashier(page: Any) -> None:
    page.get_by_test_id("order-pay").click()
    page.wait_for_url(re.compile(r"/sandbox/pay/"))
    page.get_by_role("button", name="确认支付").click()
    page.wait_for_url(re.compile(r"/orders/"))
    page.get_by_test_id("order-download").wait_for()
    assert "已完成" in page.get_by_test_id("order-status").inner_text()


def signing_serial(page: Any) -> str:
    return str(page.get_by_test_id("signing-serial").locator(".van-cell__label").inner_text())


def info_value(page: Any, title: str) -> str:
    cell = page.get_by_test_id("cert-info").locator(".van-cell", has_text=title)
    return str(cell.locator(".van-cell__value").inner_text()).strip()


def keystore_cert(page: Any, cert_id: str) -> str | None:
    """The signing certificate in the phone's IndexedDB entry for ``cert_id``."""
    return page.evaluate(  # type: ignore[no-any-return]
        """(id) => new Promise((resolve, reject) => {
            const req = indexedDB.open('mcert-keystore')
            req.onerror = () => reject(req.error)
            req.onsuccess = () => {
              const get = req.result.transaction('entries').objectStore('entries').get(id)
              get.onsuccess = () => resolve(get.result ? get.result.signing_cert_pem : null)
              get.onerror = () => reject(get.error)
            }
        })""",
        cert_id,
    )


def ocsp_status(http: httpx.Client, pem: str) -> tuple[ocsp.OCSPCertStatus, Any]:
    cert = x509.load_pem_x509_certificate(pem.encode())
    issuer = x509.load_der_x509_certificate(http.get("/pki/ca/issuing.crt").content)
    req = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    resp = ocsp.load_der_ocsp_response(
        http.post(
            "/pki/ocsp",
            content=req.public_bytes(serialization.Encoding.DER),
            headers={"Content-Type": "application/ocsp-request"},
        ).content
    )
    return resp.certificate_status, resp.revocation_reason


def paid_personal_order(http: httpx.Client, runtime: Runtime, clock: FrozenClock, n: int) -> Holder:
    """Real-name, apply and pay on the Python device: a certificate waits for download."""
    holder = make_holder(http, runtime, clock, n=n, name="王五")  # type: ignore[arg-type]
    holder.verify_by_phone()
    holder.pay(holder.device.apply_personal(1)["id"])
    return holder


def download_in_app(page: Any, live_url: str, password: str) -> str:
    """证书 → 待下载 → 下载证书 with a new password; returns the certificate id."""
    page.goto(live_url + "/certs")
    page.get_by_test_id("cert-pending_download").wait_for()
    assert page.get_by_test_id("cert-tag").inner_text() == "待下载"
    page.get_by_test_id("cert-download").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    field(page, "password").fill(password)
    field(page, "password-confirm").fill(password)
    page.get_by_test_id("download-submit").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(page, "证书下载成功")
    page.get_by_test_id("cert-info").wait_for()
    return str(page.url.rsplit("/", 1)[1])
