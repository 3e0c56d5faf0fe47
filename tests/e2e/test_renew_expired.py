"""An expired certificate in the app (issue #9, item 17): the detail and the renew screen
say it has expired and offer 重新申请证书 instead of a renewal that cannot succeed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcert.clock import FrozenClock
from mcert.runtime import Runtime
from tests.e2e.app import (
    download_in_app,
    local_date,
    login,
    paid_personal_order,
    watch,
)
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PASSWORD = "Bid#2026go"


def test_expired_certificate_offers_a_new_application(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = paid_personal_order(http, ca, clock, n=951)
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone)
    cert_id = download_in_app(page, live_url, PASSWORD)
    expiry = datetime.fromisoformat(holder.device.certificate(cert_id)["not_after"])

    clock.set(expiry + timedelta(days=2))
    login(page, live_url, ca, clock, holder.phone, start=f"/certs/{cert_id}")
    page.wait_for_url(re.compile(rf"/certs/{cert_id}$"))
    notice = page.get_by_test_id("cert-expired")
    notice.wait_for()
    assert "过期证书不能办理延期，请重新申请证书" in notice.inner_text()
    assert local_date(expiry) in notice.inner_text()
    assert page.get_by_test_id("cert-manage").count() == 0
    artifacts(page, "01-expired-detail")

    page.goto(f"{live_url}/certs/{cert_id}/renew")
    page.get_by_test_id("renew-expired").wait_for()
    assert page.get_by_role("button", name="提交并支付").count() == 0
    artifacts(page, "02-expired-renew")
    page.get_by_test_id("renew-apply-new").click()
    page.wait_for_url(re.compile(r"/apply$"))
    assert problems == []
