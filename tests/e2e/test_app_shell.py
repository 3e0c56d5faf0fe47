"""The app shell in a browser: dark mode, phone-sized layout, installable (manifest + service
worker), and the "无网络连接" screen when offline — opened from the service worker's cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import skip_reason

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))


def test_dark_mode_offline_and_installable(
    new_phone: Callable[..., Any], live_url: str, artifacts: Callable[..., Path]
) -> None:
    phone = new_phone(color_scheme="dark")
    page = phone.new_page()
    page.goto(live_url + "/scan")  # not logged in: the login screen, remembering where to go
    page.wait_for_url(f"{live_url}/login?redirect=/scan")
    page.get_by_test_id("login-phone").wait_for()
    assert page.evaluate("document.documentElement.classList.contains('van-theme-dark')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    artifacts(page, "login-dark")

    manifest = page.request.get(live_url + "/manifest.webmanifest").json()
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "zh-CN"
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")

    phone.set_offline(True)
    page.reload()
    page.get_by_test_id("offline").wait_for()
    assert "无网络连接" in page.get_by_test_id("offline").inner_text()
    artifacts(page, "offline")
    phone.set_offline(False)  # the "online" event brings the app back by itself
    page.get_by_test_id("login-phone").wait_for()
