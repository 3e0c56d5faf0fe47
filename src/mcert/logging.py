"""Log setup: JSON lines in production, readable lines otherwise; request id on every
line; personal data (phones, ID numbers, SMS codes) masked before anything is written."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from mcert.pii import redact
from mcert.requestctx import current_request


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        req = current_request()
        record.request_id = req.request_id if req else "-"
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "msg": record.getMessage(),
        }
        event = getattr(record, "security_event", None)
        if event is not None:
            entry["security_event"] = event
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO", json_lines: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ContextFilter())
    handler.setFormatter(
        JSONFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_mcert", False):
            root.removeHandler(old)
    handler._mcert = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # uvicorn's own access log would print without our request id; ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True
