"""Browser tests: the built holder app in headless Chromium against a live server.

The server runs in-process (uvicorn in a thread) on SQLite with fast password pre-hashes
and a clock frozen near now, on a port chosen before the settings are built so that
``MCERT_PUBLIC_URL`` — the payment cashier's return address and the QR codes' base — is
the live server. The browser is Debian's ``chromium`` driven by Playwright for Python
(``pip install playwright``; never ``playwright install``). Everything is skipped, with the
reason, when Playwright, Chromium or the built app (``make frontend``) is missing.

Screenshots of each main screen go to ``test-artifacts/e2e/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
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
from sqlalchemy import Engine

from mcert.ca.service import ca_service
from mcert.clock import FrozenClock
from mcert.db.engine import make_engine
from mcert.db.migrate import upgrade
from mcert.main import create_app
from mcert.runtime import Runtime
from mcert.webapp import DEFAULT_DIST
from tests.conftest import Backend
from tests.holders import FAST_PASSWORDS
from tests.pkitools import free_port

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
]


HIDE_TOASTS = ".van-toast { visibility: hidden !important; }"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("MCERT_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright)"
    try:
        import qrcode  # noqa: F401
    except ImportError:
        return "qrcode is not installed (pip install qrcode)"
    if chromium_path() is None:
        return "Chromium is not installed (apt-get install chromium)"
    if not (DEFAULT_DIST / "index.html").is_file():
        return "the web app is not built (make frontend)"
    return None


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """SQLite only: the browser tests exercise the app, not the database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e-sqlite') / 'mcert.db'}"
    engine: Engine = make_engine(url)
    upgrade(engine)
    yield Backend("sqlite", url, engine, None)
    engine.dispose()


@pytest.fixture(scope="session")
def port() -> int:
    return free_port()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings_overrides(port: int) -> dict[str, object]:
    return {**FAST_PASSWORDS, "public_url": f"http://127.0.0.1:{port}"}


@pytest.fixture
def ca(runtime: Runtime) -> Runtime:
    with runtime.sessions() as db:
        ca_service(runtime).init(db, runtime.clock.now())
    return runtime


@pytest.fixture
def live_url(ca: Runtime, port: int) -> Iterator[str]:
    """The real app on the pre-chosen port (``settings.public_url``)."""
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(runtime=ca), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("live server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """``shot(page, name)`` saves a screenshot under test-artifacts/e2e/<test>/;
    ``hide_toasts=True`` leaves out a toast still fading (instead of waiting ~2 s for it)."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)

    def shot(page: Any, name: str, *, hide_toasts: bool = False) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), style=HIDE_TOASTS if hide_toasts else None)
        return path

    return shot


# The phone the holder app runs on: 360×640, zh-CN, Beijing time, camera allowed.
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 640},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
    "permissions": ["camera"],
}


@pytest.fixture(scope="session")
def driver() -> Iterator[Any]:
    """Playwright's driver, started once per test process (~0.7 s a start)."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def chromium(driver: Any) -> Iterator[Any]:
    """One headless Chromium per test process, launched on first use. Tests open their own
    contexts in it: a context is a fresh profile (no cookies, storage, cache or service
    worker of another test), and costs ~0.1 s where a browser launch costs ~1 s."""
    browser = driver.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()


def phone_context(pw: Any, profile: Path, video: Path | None = None, **options: Any) -> Any:
    """A phone with a persistent Chromium profile at ``profile`` (:data:`PHONE`); ``video``
    feeds a .y4m file to the fake camera instead of Chromium's test pattern."""
    args = list(CHROMIUM_ARGS)
    if video is not None:
        args.append(f"--use-file-for-fake-video-capture={video}")
    ctx = pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium_path(),
        headless=True,
        args=args,
        **PHONE,
        **options,
    )
    ctx.set_default_timeout(15_000)
    return ctx


@contextmanager
def _closing() -> Iterator[list[Any]]:
    """The browser contexts a fixture opens, closed when it ends."""
    contexts: list[Any] = []
    try:
        yield contexts
    finally:
        for ctx in contexts:
            ctx.close()


@pytest.fixture
def new_phone(chromium: Any) -> Iterator[Callable[..., Any]]:
    """Open a phone that is never relaunched: a new context of the test process's Chromium
    (:data:`PHONE`, Chromium's test pattern on the camera). Tests that relaunch the phone
    or feed the camera a video use :func:`launch`."""
    with _closing() as contexts:

        def open_phone(**options: Any) -> Any:
            ctx = chromium.new_context(**PHONE, **options)
            ctx.set_default_timeout(15_000)
            contexts.append(ctx)
            return ctx

        yield open_phone


@pytest.fixture
def launch(driver: Any, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Open "the phone": a persistent Chromium profile (IndexedDB and localStorage survive
    a relaunch, like an installed app), its own browser (:func:`phone_context`). Opening it
    again closes the running one first: a relaunch. ``video`` feeds a .y4m file to the
    fake camera instead of Chromium's green test pattern."""
    profile = tmp_path / "profile"
    with _closing() as contexts:

        def open_phone(video: Path | None = None, **options: Any) -> Any:
            for ctx in contexts:
                ctx.close()
            contexts.clear()
            ctx = phone_context(driver, profile, video, **options)
            contexts.append(ctx)
            return ctx

        yield open_phone


@pytest.fixture
def http(live_url: str) -> Iterator[httpx.Client]:
    """The old phone's (and the tests') connection to the live server."""
    with httpx.Client(base_url=live_url, timeout=30) as client:
        yield client
