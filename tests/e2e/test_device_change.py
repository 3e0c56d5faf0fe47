"""A certificate's life after download, in a real browser (manual parts 5, 7 and 10):

* 证书补办 — the certificate was downloaded on an old phone (the Python reference device
  against the same live server); the browser is the new phone: the certificate shows as
  bound to another device → 补办 → fresh face check (fake camera) → pay → download with a
  new password → on this phone; the old signing certificate is revoked (OCSP) and the old
  phone cannot use it.
* 重置证书密码 — five wrong passwords on the app's change-password screen lock the
  certificate; 重置密码 with a face check and a new password unlocks it with the same
  serial, and the new password works for a scan-login verified by the relying-party SDK.
* 证书延期 — with the server's clock moved into the last 90 days, 延期 → pay → download with
  the current password → a new certificate valid until the old expiry plus a year.

To be fast, the Python device does real-name, application and payment where the browser
part is not what is being tested; the browser always downloads, holds and uses the keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import ocsp

from mcert.clock import FrozenClock
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_device.client import DeviceError
from mcert_rp import Client, Verifier
from tests.e2e.app import (
    download_in_app,
    face_check,
    field,
    info_value,
    keystore_cert,
    local_date,
    login,
    ocsp_status,
    paid_personal_order,
    pay_in_cashier,
    signing_serial,
    toast,
    watch,
)
from tests.e2e.conftest import skip_reason
from tests.holders import make_holder, personal_certificate

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PASSWORD = "Bid#2026go"
NEW_PASSWORD = "Tender@2027"
WRONG = "Wrong#pass1"


def test_reissue_on_a_new_phone(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    # The old phone: the reference device downloaded a personal certificate.
    old = make_holder(http, ca, clock, n=701, name="王五")  # type: ignore[arg-type]
    cert = personal_certificate(old, PASSWORD)
    old_pem = old.device.keystore.entries[cert["id"]].signing_cert_pem
    old_serial = old.device.certificate(cert["id"])["signing"]["serial"]
    assert ocsp_status(http, old_pem)[0] == ocsp.OCSPCertStatus.GOOD

    # The new phone: a fresh browser profile, the same account.
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, old.phone)
    page.get_by_test_id("tab-certs").click()
    card = page.get_by_test_id("cert-active")
    card.wait_for()
    assert page.get_by_test_id("cert-tag").inner_text() == "已绑定其他设备"
    assert "绑定设备：测试手机701" in card.inner_text()
    artifacts(page, "01-certs-bound-elsewhere")
    card.locator(".title").click()
    page.wait_for_url(re.compile(rf"/certs/{cert['id']}$"))
    page.get_by_text("该证书已绑定到其他设备（测试手机701）").wait_for()
    assert info_value(page, "绑定设备") == "测试手机701"
    artifacts(page, "02-cert-detail-bound-elsewhere")

    # 补办 → a fresh face check → the reissue order → pay → download with a new password.
    page.go_back()
    page.get_by_test_id("cert-reissue").click()
    page.wait_for_url(re.compile(rf"/certs/{cert['id']}/reissue$"))
    page.get_by_text("原手机上的证书将失效").wait_for()
    face_check(page, lambda: artifacts(page, "03-reissue-face"))
    page.wait_for_url(re.compile(r"/orders/[^/?]+$"))
    page.get_by_test_id("order-status").filter(has_text="待支付").wait_for()
    assert "补办" in page.locator(".van-cell", has_text="业务").inner_text()
    assert page.locator(".van-cell", has_text="有效期").count() == 0  # the same expiry, no years
    artifacts(page, "04-reissue-order")
    pay_in_cashier(page)
    page.get_by_test_id("order-download").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    page.get_by_text("设置证书密码").wait_for()
    field(page, "password").fill(NEW_PASSWORD)
    field(page, "password-confirm").fill(NEW_PASSWORD)
    artifacts(page, "05-reissue-download")
    page.get_by_test_id("download-submit").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(page, "证书下载成功")
    new_id = page.url.rsplit("/", 1)[1]
    assert new_id != cert["id"]
    page.get_by_test_id("cert-info").wait_for()
    assert info_value(page, "绑定设备") == "本机"
    assert info_value(page, "状态") == "有效"
    new_serial = signing_serial(page)
    assert new_serial.replace(":", "").lower() != old_serial.replace(":", "").lower()
    assert info_value(page, "有效期至")[:10] == local_date(cert["not_after"])  # the same expiry
    artifacts(page, "06-reissued-detail", hide_toasts=True)

    page.goto(live_url + "/certs")
    page.get_by_test_id("cert-active").wait_for()
    assert page.get_by_test_id("cert-tag").all_inner_texts() == ["有效 · 本机"]
    artifacts(page, "07-certs-on-this-phone")

    # The old signing certificate is revoked; the old phone can no longer use it.
    new_pem = keystore_cert(page, new_id)
    assert new_pem is not None
    assert ocsp_status(http, old_pem) == (
        ocsp.OCSPCertStatus.REVOKED,
        x509.ReasonFlags.superseded,
    )
    assert ocsp_status(http, new_pem)[0] == ocsp.OCSPCertStatus.GOOD
    with pytest.raises(DeviceError) as refused:
        old.device.unlock(cert["id"], PASSWORD)
    assert refused.value.code == "cert_not_active"
    assert problems == []


def make_rp(runtime: Runtime, base_url: str, clock: FrozenClock) -> Client:
    with runtime.sessions() as db:
        rp, secret = rp_service.create(
            db, runtime, name="某某公共资源交易平台", ops=["login"], callback_url=None
        )
    return Client(base_url, rp.client_id, secret, clock=lambda: clock.now().timestamp())


def test_lock_with_wrong_passwords_then_reset(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = paid_personal_order(http, ca, clock, n=801)
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone)
    cert_id = download_in_app(page, live_url, PASSWORD)
    serial = signing_serial(page)

    # Five wrong old passwords on 修改证书密码: counted down, then locked.
    page.goto(f"{live_url}/certs/{cert_id}/password")
    field(page, "password").fill(NEW_PASSWORD)
    field(page, "password-confirm").fill(NEW_PASSWORD)
    for left in (4, 3, 2, 1):
        field(page, "old-password").fill(WRONG)
        page.get_by_test_id("password-submit").click()
        page.get_by_test_id("password-error").filter(
            has_text=f"原证书密码错误，还可尝试{left}次"
        ).wait_for()
    artifacts(page, "01-wrong-password")
    page.get_by_test_id("password-submit").click()
    page.get_by_test_id("password-error").filter(has_text="锁定").wait_for()
    artifacts(page, "02-locked")
    assert holder.device.certificate(cert_id)["locked"] is True

    # 证书: 已锁定 with 重置密码; the detail says so too.
    page.goto(live_url + "/certs")
    page.get_by_test_id("cert-tag").filter(has_text="已锁定").wait_for()
    artifacts(page, "03-certs-locked")
    page.goto(f"{live_url}/certs/{cert_id}")
    page.get_by_text("证书密码连续输错已锁定").wait_for()
    assert info_value(page, "状态") == "已锁定"
    page.goto(live_url + "/certs")
    page.get_by_role("button", name="重置密码").click()

    # 重置证书密码: a fresh face check, then a new password.
    page.wait_for_url(re.compile(rf"/certs/{cert_id}/reset$"))
    face_check(page, lambda: artifacts(page, "04-reset-face"))
    field(page, "password").wait_for()
    field(page, "password").fill(NEW_PASSWORD)
    field(page, "password-confirm").fill(NEW_PASSWORD)
    artifacts(page, "05-reset-new-password")
    page.get_by_role("button", name="重置密码").click()
    toast(page, "证书密码已重置")
    page.wait_for_url(re.compile(rf"/certs/{cert_id}$"))
    page.get_by_test_id("cert-info").wait_for()
    assert info_value(page, "状态") == "有效"
    assert info_value(page, "剩余密码尝试次数") == "5"
    assert signing_serial(page) == serial  # the same certificate, the same serial
    artifacts(page, "06-reset-done", hide_toasts=True)
    detail = holder.device.certificate(cert_id)
    assert detail["locked"] is False
    assert detail["signing"]["serial"] == serial

    # The new password unlocks the keys on this phone: a scan-login the SDK verifies.
    rp = make_rp(ca, live_url, clock)
    root = x509.load_der_x509_certificate(http.get("/pki/ca/root.crt").content)
    verifier = Verifier(
        [root.public_bytes(serialization.Encoding.PEM)],
        client_id=rp.client_id,
        rp_name="某某公共资源交易平台",
    )
    session = rp.start_login(display_text="登录 某某公共资源交易平台")
    page.goto(session.qr_text(0))
    page.get_by_test_id("scan-view").wait_for()
    field(page, "scan-password").fill(PASSWORD)  # the forgotten one no longer works
    page.get_by_test_id("scan-confirm").click()
    page.get_by_test_id("scan-error").filter(has_text="还可尝试4次").wait_for()
    field(page, "scan-password").fill(NEW_PASSWORD)
    page.get_by_test_id("scan-confirm").click()
    page.get_by_test_id("scan-result").filter(has_text="登录成功").wait_for()
    result = verifier.verify_login(rp.collect(session.session_id), session)
    assert result.holder.serial.replace(":", "").lower() == serial.replace(":", "").lower()
    assert problems == []


def test_renewal_in_the_last_three_months(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = paid_personal_order(http, ca, clock, n=901)
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone)
    cert_id = download_in_app(page, live_url, PASSWORD)
    old = holder.device.certificate(cert_id)
    old_expiry = datetime.fromisoformat(old["not_after"])
    old_pem = keystore_cert(page, cert_id)
    assert old_pem is not None

    # Not yet: 延期 opens 90 days before expiry.
    page.get_by_test_id("cert-manage").click()
    renew = page.locator(".van-action-sheet__item", has_text="证书延期")
    renew.wait_for()
    assert "起可延期" in renew.inner_text()
    assert "van-action-sheet__item--disabled" in (renew.get_attribute("class") or "")
    page.get_by_role("button", name="取消").click()

    # 300 days later (the session has long expired: log in again).
    clock.advance(timedelta(days=300))
    login(page, live_url, ca, clock, holder.phone, start=f"/certs/{cert_id}")
    page.wait_for_url(re.compile(rf"/certs/{cert_id}$"))
    page.get_by_test_id("cert-manage").click()
    renew = page.locator(".van-action-sheet__item", has_text="证书延期")
    renew.wait_for()
    assert "van-action-sheet__item--disabled" not in (renew.get_attribute("class") or "")
    page.wait_for_timeout(400)  # the sheet's slide-in, for the screenshot
    artifacts(page, "01-manage-renewable")
    renew.click()
    page.wait_for_url(re.compile(rf"/certs/{cert_id}/renew$"))
    page.locator(".van-cell", has_text="1年").click()
    page.locator(".van-field", has_text="证书密码").locator("input").fill(PASSWORD)
    artifacts(page, "02-renew")
    page.get_by_role("button", name="提交并支付").click()
    page.wait_for_url(re.compile(r"/orders/[^/?]+$"))
    page.get_by_test_id("order-status").filter(has_text="待支付").wait_for()
    assert "延期" in page.locator(".van-cell", has_text="业务").inner_text()
    pay_in_cashier(page)
    artifacts(page, "03-renewal-paid")

    # 下载 proves the current password; the new certificate runs a year past the old expiry.
    page.get_by_test_id("order-download").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    page.get_by_text("验证原证书密码").wait_for()
    field(page, "current-password").fill(PASSWORD)
    artifacts(page, "04-renewal-download")
    page.get_by_test_id("download-submit").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(page, "证书下载成功")
    new_id = page.url.rsplit("/", 1)[1]
    assert new_id != cert_id
    page.get_by_test_id("cert-info").wait_for()
    new_expiry = old_expiry.replace(year=old_expiry.year + 1)
    assert info_value(page, "有效期至")[:10] == local_date(new_expiry)
    assert info_value(page, "绑定设备") == "本机"
    artifacts(page, "05-renewed-detail", hide_toasts=True)

    holder.login()  # the Python device's session expired too
    new = holder.device.certificate(new_id)
    assert abs((datetime.fromisoformat(new["not_after"]) - new_expiry).total_seconds()) < 2
    new_pem = keystore_cert(page, new_id)
    assert new_pem is not None
    assert x509.load_pem_x509_certificate(new_pem.encode()).not_valid_after_utc == (
        datetime.fromisoformat(new["not_after"])
    )
    assert ocsp_status(http, old_pem) == (
        ocsp.OCSPCertStatus.REVOKED,
        x509.ReasonFlags.superseded,
    )
    assert ocsp_status(http, new_pem)[0] == ocsp.OCSPCertStatus.GOOD

    page.goto(live_url + "/certs")
    page.get_by_test_id("cert-active").wait_for()
    assert page.get_by_test_id("cert-tag").all_inner_texts() == ["有效 · 本机"]
    assert f"有效期至 {local_date(new_expiry)}" in page.get_by_test_id("cert-active").inner_text()
    artifacts(page, "06-certs-renewed")
    assert problems == []
