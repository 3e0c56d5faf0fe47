"""The web app's download when the answer is lost (issue #9, item 2): the next tap sends
the same CSR with the password's pre-hash and installs what the server issued."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from mcert.clock import FrozenClock
from mcert.runtime import Runtime
from tests.e2e.app import (
    field,
    login,
    paid_personal_order,
    toast,
    watch,
)
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PASSWORD = "Bid#2026go"


def test_lost_download_answer_is_fetched_again_with_the_password(
    new_phone: Callable[..., Any],
    live_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
) -> None:
    holder = paid_personal_order(http, ca, clock, n=961)
    problems: list[str] = []
    page = watch(new_phone().new_page(), problems)
    login(page, live_url, ca, clock, holder.phone)
    sent: list[dict[str, Any]] = []

    def lose_the_first_answer(route: Any) -> None:
        sent.append(json.loads(route.request.post_data))
        if len(sent) == 1:
            route.fetch()  # the server issues ...
            route.abort("connectionreset")  # ... and the answer never arrives
        else:
            route.continue_()

    page.route(re.compile(r"/api/app/v1/certificates/[^/]+/download$"), lose_the_first_answer)
    page.goto(live_url + "/certs")
    page.get_by_test_id("cert-download").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+/download"))
    field(page, "password").fill(PASSWORD)
    field(page, "password-confirm").fill(PASSWORD)
    page.get_by_test_id("download-submit").click()
    page.get_by_test_id("download-error").filter(has_text="网络").wait_for()
    artifacts(page, "01-answer-lost")
    page.get_by_test_id("download-submit").click()
    page.wait_for_url(re.compile(r"/certs/[^/]+$"))
    toast(page, "证书下载成功")
    page.get_by_test_id("cert-info").wait_for()
    cert_id = page.url.rsplit("/", 1)[1]
    assert [("prehash" in b, b["csr"]) for b in sent] == [
        (False, sent[0]["csr"]),
        (True, sent[0]["csr"]),
    ]
    assert holder.device.certificate(cert_id)["status"] == "active"
    assert page.get_by_text("本机没有该证书的密钥").count() == 0
    assert problems == []
