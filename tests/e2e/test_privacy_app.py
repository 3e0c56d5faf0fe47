"""我的信息 and 注销账号 in the app (issue #17): the holder downloads their data, asks for
cancellation with an SMS code, sees the cooling-off; after it (the server's clock moved on
and the jobs run) the certificate is revoked per OCSP and the same phone logs in as a new,
empty account."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.x509 import ocsp

from mcert.clock import FrozenClock
from mcert.jobs import run_all
from mcert.runtime import Runtime
from tests.conftest import last_code
from tests.e2e.app import (
    download_in_app,
    field,
    keystore_cert,
    local_date,
    login,
    ocsp_status,
    paid_personal_order,
    toast,
    watch,
)
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PASSWORD = "Bid#2026go"


def test_download_my_data_then_cancel_the_account_after_the_cooling_off(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
    tmp_path: Path,
) -> None:
    holder = paid_personal_order(http, ca, clock, n=961)
    problems: list[str] = []
    page = watch(new_phone(accept_downloads=True).new_page(), problems)
    login(page, live_url, ca, clock, holder.phone)
    cert_id = download_in_app(page, live_url, PASSWORD)
    pem = keystore_cert(page, cert_id)
    assert pem is not None
    assert ocsp_status(http, pem)[0] == ocsp.OCSPCertStatus.GOOD

    # 我的 → 我的信息: the categories, and the JSON download (masked).
    page.goto(live_url + "/me")
    page.get_by_test_id("me-mydata").click()
    page.wait_for_url(re.compile(r"/me/data$"))
    assert "1条" in page.get_by_test_id("mydata-certificates").inner_text()
    assert "1条" in page.get_by_test_id("mydata-identity").inner_text()
    artifacts(page, "01-my-data")
    with page.expect_download() as info:
        page.get_by_test_id("mydata-json").click()
    saved = tmp_path / "my-data.json"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert holder.phone not in text
    assert holder.id_number not in text
    assert {c["key"] for c in json.loads(text)["categories"]} >= {"account", "certificates"}

    # 我的 → 注销账号: consequences, SMS code, confirmation, the cooling-off shown.
    page.goto(live_url + "/me")
    page.get_by_test_id("me-cancel").click()
    page.wait_for_url(re.compile(r"/me/cancel$"))
    consequences = page.get_by_test_id("cancel-consequences").inner_text()
    assert "吊销" in consequences
    assert "同一手机号" in consequences
    artifacts(page, "02-cancel-consequences")
    clock.advance(61)
    page.get_by_test_id("cancel-send").click()
    toast(page, "验证码已发送")
    field(page, "cancel-code").fill(last_code(ca, holder.phone))
    page.get_by_test_id("cancel-agree").click()
    page.get_by_test_id("cancel-submit").click()
    page.locator(".van-dialog__confirm", has_text="申请注销").click()
    pending = page.get_by_test_id("cancel-pending")
    pending.wait_for()
    due = clock.now() + timedelta(days=7)
    assert "注销冷静期中" in pending.inner_text()
    assert local_date(due) in page.get_by_test_id("cancel-due").inner_text()
    assert page.get_by_test_id("cancel-withdraw").is_visible()
    artifacts(page, "03-cooling-off")

    # The cooling-off passes; the scheduled jobs complete the cancellation.
    clock.advance(timedelta(days=7, minutes=1))
    assert run_all(ca)["account_cancellations"] == "completed 1 of 1 due"
    status, reason = ocsp_status(http, pem)
    assert status == ocsp.OCSPCertStatus.REVOKED
    assert reason.name == "cessation_of_operation"

    # The same phone logs in again: a new account with nothing in it.
    login(page, live_url, ca, clock, holder.phone, start="/me")
    page.get_by_test_id("me-phone").wait_for()
    assert "未实名认证" in page.locator(".profile").inner_text()
    page.goto(live_url + "/certs")
    page.get_by_text("还没有证书").wait_for()
    assert page.locator("[data-testid^=cert-]").filter(has_text="有效").count() == 0
    page.goto(live_url + "/me/data")
    assert "0条" in page.get_by_test_id("mydata-certificates").inner_text()
    artifacts(page, "04-new-account")
    assert problems == []
