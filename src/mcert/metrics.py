"""Counters for what must not grow the audit chain, and rate-limited security-event logs.

Unauthenticated failures — wrong SMS codes, failed operator logins, payment notifications
with a bad signature, bad RP signatures — cost an attacker nothing, so they are counted
here (Prometheus text format at ``/metrics``) and logged as security events, never
appended to the hash-chained audit log, which records state changes and operator actions.

Each :class:`~mcert.runtime.Runtime` owns one :class:`Metrics` with its own registry, so
tests and several apps in one process never share counters. Security-event lines go to the
``mcert.security`` logger, at most one line per (event, source) per interval with a count
of the suppressed ones; personal data is masked before the line is built. This module
never writes to the database.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from cryptography.x509 import ocsp as x509_ocsp
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from mcert.pii import redact
from mcert.requestctx import current_request

log = logging.getLogger("mcert.security")

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

# Request latencies in seconds: OCSP and reads sit in the first buckets, scrypt-protected
# downloads and signing around 0.1-0.5 s, anything past 5 s is a problem.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# How many distinct OCSP answers (pre-signed responses are the same bytes object on every
# hit) keep their classified status; nonce answers are unique and churn through it.
_OCSP_STATUS_CACHE_MAX = 4096
# The unsigned OCSP error answers, by their responseStatus.
_OCSP_ERROR_STATUS = {
    x509_ocsp.OCSPResponseStatus.MALFORMED_REQUEST: "malformed",
    x509_ocsp.OCSPResponseStatus.INTERNAL_ERROR: "internal_error",
    x509_ocsp.OCSPResponseStatus.TRY_LATER: "try_later",
    x509_ocsp.OCSPResponseStatus.SIG_REQUIRED: "sig_required",
    x509_ocsp.OCSPResponseStatus.UNAUTHORIZED: "unauthorized",
}
_OCSP_CERT_STATUS = {
    x509_ocsp.OCSPCertStatus.GOOD: "good",
    x509_ocsp.OCSPCertStatus.REVOKED: "revoked",
    x509_ocsp.OCSPCertStatus.UNKNOWN: "unknown",
}
QueueReader = Callable[[], Iterable[tuple[str, str, float]]]
TaskReader = Callable[[], Iterable[tuple[str, str, float]]]


def ocsp_answer_status(der: bytes) -> str:
    """The label of an OCSP answer: the certificate status, or the error response's status."""
    try:
        resp = x509_ocsp.load_der_ocsp_response(der)
    except ValueError:
        return "invalid"
    if resp.response_status is not x509_ocsp.OCSPResponseStatus.SUCCESSFUL:
        return _OCSP_ERROR_STATUS.get(resp.response_status, "invalid")
    return _OCSP_CERT_STATUS.get(resp.certificate_status, "invalid")


class _QueueCollector(Collector):
    """Queue sizes read when /metrics is scraped, never in between (docs/operations.md)."""

    def __init__(self, read: QueueReader) -> None:
        self._read = read

    def describe(self) -> Iterable[GaugeMetricFamily]:
        return []  # names depend on the reader; auto_describe must not call collect

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "mcert_queue_size",
            "Work waiting, counted in the database at scrape time, by queue",
            labels=["queue"],
        )
        errors = GaugeMetricFamily(
            "mcert_queue_scrape_errors",
            "1 when the queue sizes could not be read at this scrape (database unavailable)",
        )
        try:
            rows = list(self._read())
        except Exception as exc:  # a scrape must answer even when the database does not
            log.warning("queue sizes unavailable: %s", type(exc).__name__)
            errors.add_metric([], 1.0)
            return [errors]
        for queue, _help, value in rows:
            family.add_metric([queue], value)
        errors.add_metric([], 0.0)
        return [family, errors]


class _TaskCollector(Collector):
    """Tasks not done, by kind and status, read when /metrics is scraped."""

    def __init__(self, read: TaskReader) -> None:
        self._read = read

    def describe(self) -> Iterable[GaugeMetricFamily]:
        return []

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "mcert_tasks",
            "Background tasks in the queue (done ones not counted), by kind and status "
            "(queued, running, failed: waiting to retry, dead: given up)",
            labels=["kind", "status"],
        )
        try:
            rows = list(self._read())
        except Exception as exc:  # the queue collector reports the scrape error
            log.warning("task counts unavailable: %s", type(exc).__name__)
            return []
        for kind, status, value in rows:
            family.add_metric([kind, status], value)
        return [family]


class Metrics:
    """The process's counters of one runtime and its security-event log."""

    def __init__(
        self,
        secret: bytes,
        *,
        event_interval_seconds: float = 60.0,
        max_event_keys: int = 10_000,
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._tag_key = hmac.new(secret, b"mcert/security-event-source/v1", "sha256").digest()
        self.sms_code_failures = Counter(
            "mcert_sms_code_failures_total",
            "SMS codes refused at login or verification, by purpose and reason",
            ["purpose", "reason"],
            registry=self.registry,
        )
        self.sms_code_requests = Counter(
            "mcert_sms_code_requests_total",
            "SMS code requests, by purpose and outcome (sent or the limit that refused it)",
            ["purpose", "outcome"],
            registry=self.registry,
        )
        self.operator_login_failures = Counter(
            "mcert_operator_login_failures_total",
            "Failed operator logins, by reason (bad_credentials, locked, rate_limited)",
            ["reason"],
            registry=self.registry,
        )
        self.operator_lockouts = Counter(
            "mcert_operator_lockouts_total",
            "Operator usernames locked after too many failed logins",
            registry=self.registry,
        )
        self.payment_notifications_rejected = Counter(
            "mcert_payment_notifications_rejected_total",
            "Payment notifications refused before any order was looked at (bad signature)",
            ["provider", "reason"],
            registry=self.registry,
        )
        self.auth_failures = Counter(
            "mcert_auth_failures_total",
            "Requests answered 401, by error code (tokens, RP signatures, operator login)",
            ["code"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "mcert_rate_limited_total",
            "Requests answered 429, by error code",
            ["code"],
            registry=self.registry,
        )
        self.requests_refused = Counter(
            "mcert_requests_refused_total",
            "Requests answered 503 at once because the worker was at its bound of requests "
            "in flight (MCERT_MAX_IN_FLIGHT), by error code",
            ["code"],
            registry=self.registry,
        )
        self.http_requests = Counter(
            "mcert_http_requests_total",
            "HTTP requests, by method, route template (unmatched: none) and status code",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.http_latency = Histogram(
            "mcert_http_request_duration_seconds",
            "Time from request to the end of the response body, by method and route template",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.scan_sessions_created = Counter(
            "mcert_scan_sessions_created_total",
            "Scan sessions opened by relying parties, by type (login, sign, decrypt)",
            ["type"],
            registry=self.registry,
        )
        self.scan_sessions_finished = Counter(
            "mcert_scan_sessions_finished_total",
            "Scan sessions that ended, by type, result (completed, failed, expired) and the "
            "failure reason (none when completed)",
            ["type", "result", "reason"],
            registry=self.registry,
        )
        self.ocsp_responses = Counter(
            "mcert_ocsp_responses_total",
            "OCSP answers, by path (fast: pre-signed in the fast path; signed: signed for "
            "this request in the fast path; route: the FastAPI routes) and status",
            ["path", "status"],
            registry=self.registry,
        )
        self.certificates_issued = Counter(
            "mcert_certificates_issued_total",
            "Certificates issued by the issuing CA, by profile",
            ["profile"],
            registry=self.registry,
        )
        self.sms_sent = Counter(
            "mcert_sms_sent_total",
            "SMS handed to the provider, by template and outcome (sent, failed)",
            ["template", "outcome"],
            registry=self.registry,
        )
        self.payment_notifications = Counter(
            "mcert_payment_notifications_total",
            "Payment notifications, by provider and outcome (paid, duplicate, late_refund, "
            "not_success, mismatch, rejected)",
            ["provider", "outcome"],
            registry=self.registry,
        )
        self.certificate_locks = Counter(
            "mcert_certificate_locks_total",
            "Holder certificates locked after too many wrong certificate passwords",
            registry=self.registry,
        )
        self.password_verifiers_upgraded = Counter(
            "mcert_password_verifiers_upgraded_total",
            "Legacy scrypt certificate-password verifiers rewritten as v2 (HMAC under the "
            "server key) after a correct password",
            registry=self.registry,
        )
        self.tasks_run = Counter(
            "mcert_tasks_run_total",
            "Background task runs, by kind and outcome (done; retry: failed, tried again "
            "later; dead: given up; lost: its lease expired and another worker took it)",
            ["kind", "outcome"],
            registry=self.registry,
        )
        self._ocsp_status: dict[bytes, str] = {}
        self._ocsp_children: dict[tuple[str, str], Any] = {}
        self._collectors: set[str] = set()
        self._interval = event_interval_seconds
        self._max_keys = max_event_keys
        self._last: OrderedDict[tuple[str, str], tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    def add_queue_reader(self, name: str, read: QueueReader) -> None:
        """Report the sizes ``read`` returns as ``mcert_queue_size`` at every scrape.

        ``read`` yields ``(queue, help, value)``; registering the same ``name`` twice (a
        second app on the same runtime) keeps the first.
        """
        if name in self._collectors:
            return
        self._collectors.add(name)
        self.registry.register(_QueueCollector(read))

    def add_task_reader(self, read: TaskReader) -> None:
        """Report ``read``'s ``(kind, status, count)`` as ``mcert_tasks`` at every scrape."""
        if "tasks" in self._collectors:
            return
        self._collectors.add("tasks")
        self.registry.register(_TaskCollector(read))

    def ocsp_answer(self, path: str, der: bytes) -> None:
        """Count one OCSP answer. Cheap on the fast path: a pre-signed answer is the same
        bytes object on every hit, so its status is a dictionary hit (bytes cache their
        hash) and only a new answer is parsed."""
        status = self._ocsp_status.get(der)
        if status is None:
            status = ocsp_answer_status(der)
            if len(self._ocsp_status) >= _OCSP_STATUS_CACHE_MAX:
                self._ocsp_status.clear()
            self._ocsp_status[der] = status
        child = self._ocsp_children.get((path, status))
        if child is None:
            child = self._ocsp_children[(path, status)] = self.ocsp_responses.labels(path, status)
        child.inc()

    def scan_session_finished(self, kind: str, reason: str | None) -> None:
        """A scan session ended: completed when ``reason`` is None, else failed (or expired)."""
        if reason is None:
            self.scan_sessions_finished.labels(kind, "completed", "none").inc()
        else:
            result = "expired" if reason == "expired" else "failed"
            self.scan_sessions_finished.labels(kind, result, reason).inc()

    def count_sms(self, sender: Any) -> Any:
        """Count every ``send`` of an SMS provider by template, whatever the provider.

        Wraps the instance's method rather than the object, so ``isinstance`` checks of the
        provider (the sandbox outbox) keep working.
        """
        send = sender.send
        counter = self.sms_sent

        def counted_send(phone: str, template: Any, params: dict[str, str]) -> Any:
            name = str(getattr(template, "value", template))
            try:
                result = send(phone, template, params)
            except Exception:
                counter.labels(name, "failed").inc()
                raise
            counter.labels(name, "sent").inc()
            return result

        sender.send = counted_send
        return sender

    def source_tag(self, client_ip: str | None) -> str:
        """A client address fit for a log line: its network and a keyed tag of the address.

        ``203.0.113.0/24#5f0c1e2a`` lets an operator group lines by source and block a
        network without the log holding the address itself.
        """
        if not client_ip:
            return "-"
        try:
            addr = ipaddress.ip_address(client_ip)
        except ValueError:
            network = "?"
        else:
            prefix = 24 if addr.version == 4 else 48
            network = str(ipaddress.ip_network(f"{addr}/{prefix}", strict=False))
        tag = hmac.new(self._tag_key, client_ip.encode(), hashlib.sha256).hexdigest()[:8]
        return f"{network}#{tag}"

    def security_event(self, event: str, *, client_ip: str | None = None, **fields: Any) -> bool:
        """Log one security event unless the same (event, source) was logged recently.

        The source is ``client_ip``, by default the current request's client address.

        Returns whether a line was written. ``fields`` must already be masked (phones via
        :func:`mcert.pii.mask_phone`); string values pass through :func:`mcert.pii.redact`
        as a last line of defence.
        """
        if client_ip is None:
            req = current_request()
            client_ip = req.client_ip if req else None
        source = self.source_tag(client_ip)
        now = time.monotonic()
        key = (event, source)
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last[0] < self._interval:
                self._last[key] = (last[0], last[1] + 1)
                return False
            suppressed = last[1] if last is not None else 0
            self._last[key] = (now, 0)
            self._last.move_to_end(key)
            while len(self._last) > self._max_keys:
                self._last.popitem(last=False)
        entry: dict[str, Any] = {"event": event, "source": source}
        entry.update({k: redact(v) if isinstance(v, str) else v for k, v in sorted(fields.items())})
        if suppressed:
            entry["suppressed"] = suppressed
        text = " ".join(f"{k}={v}" for k, v in entry.items())
        log.warning("security event %s", text, extra={"security_event": entry})
        return True
