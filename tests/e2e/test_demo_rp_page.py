"""The demo platform's login page in Chromium: the SDK's ``mcert-qr.js`` loads under the
page's CSP, swaps in a new QR frame every second, and stops when the session is cancelled."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn

from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert_rp.demo import DemoConfig, create_app
from tests.e2e.conftest import skip_reason
from tests.pkitools import free_port

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))


@pytest.fixture
def demo_url(ca: Runtime, live_url: str) -> Iterator[str]:
    with ca.sessions() as db:
        party, secret = rp_service.create(
            db, ca, name="示范招投标平台", ops=["login"], callback_url=None
        )
    config = DemoConfig(live_url, party.client_id, secret, rp_name=party.name)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("demo platform did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_the_login_qr_animates_and_stops(new_phone: Callable[..., Any], demo_url: str) -> None:
    browser = new_phone()
    page = browser.new_page()
    problems: list[str] = []
    # Script errors and CSP refusals; failed loads are checked by URL (favicon.ico is absent).
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.goto(demo_url + "/login")
    page.click("#go")
    img = page.locator(".qrbox img")
    page.wait_for_function("() => (document.querySelector('.qrbox img') || {}).src")
    first = img.get_attribute("src")
    assert first is not None
    assert "/qr.svg?s=" in first
    page.wait_for_function(
        "(first) => document.querySelector('.qrbox img').src !== first", arg=page.evaluate(
            "document.querySelector('.qrbox img').src"
        ), timeout=5000,
    )  # fmt: skip
    assert "二维码内容" in page.locator(".frame").inner_text()
    page.click("text=取消")
    page.wait_for_selector(".status.bad")
    assert "已取消" in page.locator(".status").inner_text()
    stopped = img.get_attribute("src")
    page.wait_for_timeout(2500)
    assert img.get_attribute("src") == stopped  # no more frames after the session ended
    assert problems == []
