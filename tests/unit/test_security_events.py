"""Security-event log lines: rate-limited per (event, source), personal data masked."""

from __future__ import annotations

import json
import logging

import pytest

from mcert.logging import ContextFilter, JSONFormatter
from mcert.metrics import Metrics


def test_one_line_per_event_and_source_per_interval_with_suppressed_count(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr("mcert.metrics.time.monotonic", lambda: now[0])
    m = Metrics(b"k" * 32, event_interval_seconds=60)
    caplog.set_level(logging.WARNING, logger="mcert.security")
    written = [m.security_event("sms_code.wrong", client_ip="203.0.113.9") for _ in range(50)]
    assert written == [True] + [False] * 49
    # Another source is its own stream.
    assert m.security_event("sms_code.wrong", client_ip="198.51.100.1") is True
    now[0] += 61
    assert m.security_event("sms_code.wrong", client_ip="203.0.113.9") is True
    assert len(caplog.records) == 3
    last = caplog.records[-1].security_event  # type: ignore[attr-defined]
    assert last["suppressed"] == 49


def test_source_is_a_network_and_a_tag_and_fields_are_redacted() -> None:
    m = Metrics(b"k" * 32)
    tag = m.source_tag("203.0.113.9")
    assert tag.startswith("203.0.113.0/24#")
    assert "203.0.113.9" not in tag
    assert m.source_tag("203.0.113.9") == tag
    assert m.source_tag("203.0.113.10") != tag
    assert m.source_tag("2001:db8:1:2::5").startswith("2001:db8:1::/48#")

    out = logging.getLogger("mcert.security")
    records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Capture()
    handler.addFilter(ContextFilter())
    handler.setFormatter(JSONFormatter())
    out.addHandler(handler)
    try:
        m.security_event("test.event", client_ip="203.0.113.9", note="phone 13800138000")
    finally:
        out.removeHandler(handler)
    entry = json.loads(records[0])
    assert "13800138000" not in records[0]
    assert "203.0.113.9" not in records[0]
    assert entry["security_event"]["event"] == "test.event"
