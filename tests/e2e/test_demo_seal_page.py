"""The demo platform's 投标文件签章 and 验章 pages in Chromium, with the holder app as the
phone: a bid PDF uploaded on the platform, its 法定代表人（签字） step's QR link opened in the
app, the seal chosen and the password entered there; the platform shows 盖章完成 and offers
the sealed PDF, which its 验章 page finds valid. Fails on any script error or CSP refusal."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from mcert.clock import FrozenClock
from mcert.rp import service as rp_service
from mcert.runtime import Runtime
from mcert.seal import service as seal_service
from mcert_device import seals as device_seals
from mcert_rp.demo import DemoConfig, create_app
from tests.companies import reviewer
from tests.e2e.app import (
    download_in_app,
    field,
    login,
    paid_personal_order,
    toast,
    watch,
)
from tests.e2e.conftest import skip_reason
from tests.pkitools import free_port
from tests.seals import bid_pdf, signature_capture

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=str(skip_reason()))

PASSWORD = "Bid#2026go"


@pytest.fixture
def demo_url(ca: Runtime, live_url: str) -> Iterator[str]:
    pytest.importorskip("pyhanko")
    with ca.sessions() as db:
        party, secret = rp_service.create(
            db, ca, name="示范招投标平台", ops=["login", "seal"], callback_url=None
        )
    config = DemoConfig(live_url, party.client_id, secret, rp_name=party.name)
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("demo platform did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def real_time(clock: FrozenClock) -> Iterator[None]:
    """The demo counts QR frames and signs requests on the real clock: keep mCert's with it."""
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            clock.set(max(clock.now(), datetime.now(UTC)))
            stop.wait(0.1)

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def platform_watch(page: Any, problems: list[str]) -> Any:
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page


def test_seal_a_bid_on_the_demo_platform_with_the_app(
    new_phone: Callable[..., Any],
    live_url: str,
    demo_url: str,
    ca: Runtime,
    clock: FrozenClock,
    http: httpx.Client,
    artifacts: Callable[..., Path],
    tmp_path: Path,
) -> None:
    holder = paid_personal_order(http, ca, clock, n=982)
    browser = new_phone()
    problems: list[str] = []
    phone = watch(browser.new_page(), problems)
    login(phone, live_url, ca, clock, holder.phone)
    cert_id = download_in_app(phone, live_url, PASSWORD)
    png, strokes = signature_capture()
    applied = device_seals.apply(
        holder.device, cert_id, "personal_signature", ("signature.png", png), strokes
    )
    with ca.sessions() as db:
        seal_service.approve(db, ca, reviewer(ca), applied["id"])
    phone.goto(live_url + "/seals?tab=personal")
    phone.get_by_test_id("seal-approved").get_by_test_id("seal-claim").click()
    field(phone, "claim-password").fill(PASSWORD)
    phone.get_by_test_id("claim-submit").click()
    toast(phone, "印章申领成功")

    bid = tmp_path / "第一标段投标文件.pdf"
    bid.write_bytes(bid_pdf(pages=3))
    platform_problems: list[str] = []
    platform = platform_watch(browser.new_page(), platform_problems)
    platform.set_viewport_size({"width": 1100, "height": 900})  # a desktop site
    with real_time(clock):
        platform.goto(demo_url + "/seal")
        platform.set_input_files("input[name=file]", str(bid))
        platform.click("#up")
        platform.get_by_text("已上传").wait_for()
        uploaded = platform.locator("#doc").inner_text()
        assert "3 页" in uploaded
        assert "投标人（盖章）：已找到" in uploaded
        # A personal certificate has no company seal: only the signature step.
        platform.uncheck("[data-step=straddle]")
        platform.uncheck("[data-step=company]")
        platform.select_option("[data-kinds=legal]", "personal_signature")
        artifacts(platform, "01-platform-upload")
        platform.click("#go")
        platform.wait_for_function(
            "() => (document.querySelector('.frame') || {}).textContent?.includes('/q/')"
        )
        link = re.search(r"http\S+/q/\S+", platform.locator(".frame").inner_text())
        assert link is not None
        artifacts(platform, "02-platform-qr")

        phone.goto(link.group(0))
        phone.get_by_test_id("seal-document").wait_for()
        assert phone.get_by_test_id("seal-doc-label").inner_text() == "第一标段投标文件.pdf"
        assert "法定代表人（签字）" in phone.get_by_test_id("scan-display-text").inner_text()
        phone.get_by_test_id(f"scan-seal-{applied['id']}").locator(
            ".van-radio__icon--checked"
        ).wait_for()
        field(phone, "scan-password").fill(PASSWORD)
        phone.get_by_test_id("scan-confirm").click()
        phone.get_by_test_id("scan-result").filter(has_text="盖章成功").wait_for(timeout=30_000)
        platform.locator("#download").wait_for(timeout=30_000)
        assert "盖章完成：法定代表人签字" in platform.locator("#result").inner_text()
        artifacts(platform, "03-platform-sealed")
        with platform.expect_download() as info:
            platform.click("#download")
        sealed = tmp_path / "sealed.pdf"
        info.value.save_as(sealed)
        assert info.value.suggested_filename == "第一标段投标文件-已盖章.pdf"

        # 验章 of the sealed file, then of the unsigned bid.
        platform.goto(demo_url + "/verify")
        platform.set_input_files("input[name=file]", str(sealed))
        platform.click("#go")
        platform.locator(".status.ok").wait_for()
        result = platform.locator("#result").inner_text()
        assert "验章通过：1 个签名全部有效" in result
        assert "可信（链至 mCert 根证书）" in result
        assert "个人手写签名" in result
        artifacts(platform, "04-verify-valid")
        platform.set_input_files("input[name=file]", str(bid))
        platform.click("#go")
        platform.locator(".status.bad").wait_for()
        assert "文件中没有数字签名" in platform.locator("#result").inner_text()
    assert problems == []
    assert platform_problems == []
