"""Callbacks to relying parties: a record (``rp_callbacks``) and a task of the task queue,
both written in the transaction that ends a session; a worker POSTs it, signed with the
RP's secret, and the queue retries it with backoff (``CALLBACK_MAX_ATTEMPTS`` in all).

The POST runs outside any transaction: the record is read in one, the outcome written in
another, so a slow receiver never holds a database lock. Delivery is at least once: a
receiver must accept the same callback twice (the body names the session).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import ssl
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from mcert.db.base import new_id
from mcert.rp.models import RelyingParty
from mcert.rp.service import secret_of
from mcert.runtime import Runtime
from mcert.scan.models import CallbackDelivery, ScanSession
from mcert.tasks.queue import enqueue, task_handler

CALLBACK_MAX_ATTEMPTS = 8  # a callback is given up after this many failed POSTs
CALLBACK_TASK = "rp_callback"


class CallbackFailed(Exception):
    """The receiver did not answer 2xx (the task queue retries)."""


class Poster(Protocol):
    def post(self, url: str, *, content: bytes, headers: dict[str, str], timeout: float) -> Any: ...


def queue_callback(
    db: Session, rt: Runtime, s: ScanSession, rp: RelyingParty, now: datetime
) -> None:
    if not rp.callback_url:
        return
    body = {
        "session_id": s.id,
        "status": s.status,
        "reason": s.failure_reason,
        "type": s.type,
        "at": now.isoformat(),
    }
    delivery = CallbackDelivery(
        id=new_id(),
        session_id=s.id,
        url=rp.callback_url,
        body=json.dumps(body),
        next_attempt_at=now,
    )
    db.add(delivery)
    enqueue(db, rt, CALLBACK_TASK, {"delivery_id": delivery.id}, max_attempts=CALLBACK_MAX_ATTEMPTS)


def deliver_callback(rt: Runtime, delivery_id: str, http: Poster) -> bool:
    """POST one callback, signed ``X-MCert-Signature: hex HMAC-SHA256(secret, body)``.

    Returns whether it was delivered (now or before); raises :class:`CallbackFailed` when
    the receiver failed, for the queue to retry.
    """
    with rt.sessions() as db:
        cb = db.get(CallbackDelivery, delivery_id)
        if cb is None or cb.delivered_at is not None:
            return cb is not None
        s = db.get(ScanSession, cb.session_id)
        rp = db.get(RelyingParty, s.rp_id) if s else None
        if rp is None:
            return False  # the relying party is gone: nobody to tell
        url, body, client_id = cb.url, cb.body.encode(), rp.client_id
        sig = hmac.new(secret_of(rt, rp).encode(), body, hashlib.sha256).hexdigest()
    error: str | None
    try:
        resp = http.post(
            url,
            content=body,
            headers={
                "content-type": "application/json",
                "X-MCert-Signature": sig,
                "X-MCert-Client-Id": client_id,
            },
            timeout=5.0,
        )
        error = None if 200 <= resp.status_code < 300 else f"HTTP {resp.status_code}"
    except Exception as exc:  # any transport failure is retried later
        error = type(exc).__name__
    with rt.sessions() as db:
        cb = db.get(CallbackDelivery, delivery_id)
        assert cb is not None
        now = rt.clock.now()
        cb.attempts += 1
        cb.last_error = error
        cb.next_attempt_at = now
        if error is None:
            cb.delivered_at = now
        db.commit()
    if error is not None:
        raise CallbackFailed(error)
    return True


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context per process, shared by every delivery: building one loads the CA
    bundle (~30 ms of CPU, once per callback before)."""
    import httpx

    return httpx.create_ssl_context()


@task_handler(CALLBACK_TASK)
def _deliver(rt: Runtime, payload: dict[str, Any]) -> None:
    import httpx  # ~60 ms to import: by the first delivery, not on every start

    with httpx.Client(timeout=5.0, verify=_tls()) as http:
        deliver_callback(rt, payload["delivery_id"], http)
