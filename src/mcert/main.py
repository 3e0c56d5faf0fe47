"""The ASGI application: ``create_app(settings)`` builds everything; nothing at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI

# The imports connect the listeners between domains and register the periodic jobs.
import mcert.flows
import mcert.jobs  # noqa: F401
from mcert import __version__
from mcert import logging as mcert_logging
from mcert.account.api import router as account_router
from mcert.approval.api import router as approval_router
from mcert.audit.api import router as audit_router
from mcert.ca.api import OCSP_PATH, OCSPFastPath
from mcert.ca.api import router as pki_router
from mcert.cert.api import router as cert_router
from mcert.cert.console_api import router as cert_console_router
from mcert.company.api import router as company_router
from mcert.consent.api import console_router as consent_console_router
from mcert.consent.api import router as consent_router
from mcert.dashboard.api import router as dashboard_router
from mcert.health import router as health_router
from mcert.http import apidocs
from mcert.http import errors as http_errors
from mcert.http import openapi as http_openapi
from mcert.http.admission import AdmissionMiddleware
from mcert.http.bodylimit import BodyLimitMiddleware, limit_function
from mcert.http.guards import NULGuardMiddleware
from mcert.http.headers import SecurityHeadersMiddleware
from mcert.http.metrics import HTTPMetricsMiddleware, metrics_router
from mcert.http.middleware import RequestContextMiddleware
from mcert.invoice.api import app_router as invoice_router
from mcert.invoice.api import console_router as invoice_console_router
from mcert.invoice.api import notify_router as invoice_notify_router
from mcert.lookup.api import router as lookup_router
from mcert.notify.api import router as message_router
from mcert.operator.api import router as console_login_router
from mcert.ops import queue_sizes
from mcert.order.api import notify_router as payment_notify_router
from mcert.order.api import router as order_router
from mcert.providers.payment_sandbox.api import router as sandbox_pay_router
from mcert.realname.api import router as realname_router
from mcert.review.api import router as console_router
from mcert.rights.api import app_router as privacy_router
from mcert.rights.api import console_router as privacy_console_router
from mcert.rp.api import rp_router
from mcert.rp.console_api import router as rp_console_router
from mcert.runtime import Runtime
from mcert.scan.api import app_router as scan_router
from mcert.seal.api import app_router as seal_router
from mcert.seal.api import console_router as seal_console_router
from mcert.settings import Settings
from mcert.tasks.queue import task_queue
from mcert.webapp import console_router as console_web_router
from mcert.webapp import webapp_router


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    if runtime is None:
        runtime = Runtime(settings or Settings())
    settings = runtime.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Sync endpoints and database work run in AnyIO's thread pool (40 threads unless
        # told). Every runnable thread competes for the GIL with the event loop, so the
        # loop (which refuses past the admission bound) answers late behind them. Two
        # threads per worker completed 17-21 % more login flows at overload than eight,
        # with refusals answered 2-3x sooner (docs/benchmarks.md, "Two threads per worker").
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        workers: list[Any] = []
        if settings.background_jobs:
            from mcert.providers.invoice_sandbox import SandboxInvoiceService
            from mcert.providers.payment_sandbox import SandboxPaymentGateway
            from mcert.tasks.worker import WorkerThread

            if settings.inprocess_worker:
                worker = WorkerThread(runtime)
                worker.start()
                workers.append(worker)
            if isinstance(runtime.payment, SandboxPaymentGateway):
                workers.append(runtime.payment.start_background_delivery())
            if isinstance(runtime.invoice, SandboxInvoiceService):
                workers.append(runtime.invoice.start_background_delivery())
        try:
            yield
        finally:
            for worker in workers:
                worker.stop()

    openapi_url = "/openapi.json" if settings.effective_api_docs else None
    app = FastAPI(
        lifespan=lifespan,
        title="mCert",
        version=__version__,
        description="Mobile digital certificates for e-bidding: holder app API, "
        "relying-party API, operator console API and the public PKI endpoints.",
        openapi_url=openapi_url,
        docs_url=None,  # served from local assets by apidocs.install, not from a CDN
        redoc_url=None,
        generate_unique_id_function=http_openapi.operation_id,
    )
    app.state.runtime = runtime
    http_errors.install(app)
    # Each add_middleware wraps the previous ones: the last added runs first.
    app.add_middleware(NULGuardMiddleware)  # before routing: a NUL never reaches a query
    app.add_middleware(RequestContextMiddleware, trusted_proxies=settings.trusted_proxies)
    # OCSP answers skip routing and the per-request access log, which cost a third of the
    # throughput (docs/benchmarks.md).
    app.add_middleware(OCSPFastPath, runtime=runtime)
    # Outside the fast path too: no body reaches any reader past its route's limit.
    app.add_middleware(BodyLimitMiddleware, limit=limit_function(settings))
    # Before anything reads the body or takes a thread: refusing past the bound costs
    # microseconds, so overload cannot collapse the rate of what is admitted.
    app.add_middleware(
        AdmissionMiddleware, max_in_flight=settings.max_in_flight, metrics=runtime.metrics
    )
    app.add_middleware(
        SecurityHeadersMiddleware, hsts=settings.public_url.lower().startswith("https://")
    )
    # Outermost, so refusals of the layers above (413, NUL) are counted too.
    app.add_middleware(HTTPMetricsMiddleware, metrics=runtime.metrics, skip_prefix=OCSP_PATH)
    if openapi_url is not None:
        http_openapi.install(app)
        apidocs.install(app, openapi_url=openapi_url)
    # Starlette tries routes in order and every request walks the list up to its match
    # (~0.4 ms for one near the end): the scan flow's routers go first, since a bid opening
    # sends five of their requests per bidder. No two routers share a path.
    for router in (
        scan_router,
        rp_router,
        pki_router,
        account_router,
        consent_router,
        realname_router,
        order_router,
        cert_router,
        company_router,
        seal_router,
        invoice_router,
        message_router,
        privacy_router,
        payment_notify_router,
        console_login_router,
        console_router,
        seal_console_router,
        consent_console_router,
        invoice_console_router,
        privacy_console_router,
        approval_router,
        cert_console_router,
        rp_console_router,
        lookup_router,
        audit_router,
        dashboard_router,
        invoice_notify_router,
    ):
        app.include_router(router)
    if settings.payment_provider == "sandbox":
        app.include_router(sandbox_pay_router)

    if settings.effective_metrics_enabled:
        runtime.metrics.add_queue_reader("queues", lambda: queue_sizes(runtime))
        runtime.metrics.add_task_reader(task_queue(runtime).counts)
        app.include_router(metrics_router())
    app.include_router(health_router)
    app.include_router(console_web_router())  # /console/…: the operator console
    app.include_router(webapp_router())  # last: the holder app's catch-all (also /q/…)
    return app


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn --factory mcert.main:app_factory`` (used by ``mcert serve``).

    A served app runs the task queue in a thread (unless ``MCERT_INPROCESS_WORKER`` is off)
    and the sandbox gateway's notification delivery.
    """
    settings = Settings(background_jobs=True)
    mcert_logging.configure(settings.log_level, settings.effective_log_json)
    return create_app(settings)
