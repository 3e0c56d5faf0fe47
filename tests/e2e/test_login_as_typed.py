"""The login page takes a phone number as people type it (issue 9, item 10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mcert.runtime import Runtime
from tests.conftest import last_code
from tests.e2e.app import agree_and_log_in
from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))


def test_phone_with_country_code_spaces_and_dashes_logs_in(
    live_url: str, ca: Runtime, new_phone: Callable[..., Any]
) -> None:
    page = new_phone().new_page()
    page.goto(live_url + "/login")
    page.locator("[data-testid=login-phone] input").fill("+86 139-0000-0777")
    page.get_by_test_id("login-send").click()
    page.locator(".van-toast", has_text="验证码已发送").first.wait_for()
    page.locator("[data-testid=login-code] input").fill(last_code(ca, "13900000777"))
    agree_and_log_in(page)
    page.wait_for_url(live_url + "/")
    page.get_by_test_id("home-apply").wait_for()
