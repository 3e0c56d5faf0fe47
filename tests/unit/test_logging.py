"""Log lines carry the request id and never a full phone number, ID number or SMS code."""

from __future__ import annotations

import io
import json
import logging

from mcert.logging import ContextFilter, JSONFormatter
from mcert.requestctx import RequestInfo, reset_request, set_request


def _logger(fmt: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(ContextFilter())
    handler.setFormatter(fmt)
    log = logging.getLogger("mcert.test.redaction")
    log.handlers = [handler]
    log.propagate = False
    log.setLevel(logging.INFO)
    return log, out


def test_json_lines_have_request_id_and_are_redacted() -> None:
    log, out = _logger(JSONFormatter())
    token = set_request(RequestInfo("req-abc12345", "127.0.0.1"))
    try:
        log.info("login phone=%s id=%s code=%s", "13800138000", "11010519491231002X", "123456")
    finally:
        reset_request(token)
    entry = json.loads(out.getvalue())
    assert entry["request_id"] == "req-abc12345"
    assert "13800138000" not in entry["msg"]
    assert "11010519491231002X" not in entry["msg"]
    assert "123456" not in entry["msg"]
    assert "138****8000" in entry["msg"]


def test_exceptions_are_redacted_too() -> None:
    log, out = _logger(logging.Formatter("%(request_id)s %(message)s"))
    try:
        raise ValueError("bad phone 13900139000")
    except ValueError:
        log.exception("failed")
    text = out.getvalue()
    assert "13900139000" not in text
    assert text.startswith("- failed")
