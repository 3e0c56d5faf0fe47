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
from typing import Any

from prometheus_client import CollectorRegistry, Counter, generate_latest

from mcert.pii import redact
from mcert.requestctx import current_request

log = logging.getLogger("mcert.security")

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


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
        self._interval = event_interval_seconds
        self._max_keys = max_event_keys
        self._last: OrderedDict[tuple[str, str], tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

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
