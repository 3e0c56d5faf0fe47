"""Callbacks to relying parties: an outbox row queued in the transaction that ends a
session, POSTed later by the job runner (``deliver_callbacks``), signed with the RP's
secret and retried with backoff."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.rp.models import RelyingParty
from mcert.rp.service import secret_of
from mcert.runtime import Runtime
from mcert.scan.models import CallbackDelivery, ScanSession

CALLBACK_MAX_ATTEMPTS = 8  # a callback is given up after this many failed POSTs


def queue_callback(db: Session, s: ScanSession, now: datetime) -> None:
    rp = db.get(RelyingParty, s.rp_id)
    if rp is None or not rp.callback_url:
        return
    body = {
        "session_id": s.id,
        "status": s.status,
        "reason": s.failure_reason,
        "type": s.type,
        "at": now.isoformat(),
    }
    db.add(
        CallbackDelivery(
            session_id=s.id, url=rp.callback_url, body=json.dumps(body), next_attempt_at=now
        )
    )


def deliver_callbacks(db: Session, rt: Runtime, http: Any, limit: int = 50) -> int:
    """POST due callbacks, signed ``X-MCert-Signature: hex HMAC-SHA256(secret, body)``."""

    now = rt.clock.now()
    due = db.scalars(
        select(CallbackDelivery)
        .where(
            CallbackDelivery.delivered_at.is_(None),
            CallbackDelivery.next_attempt_at <= now,
            CallbackDelivery.attempts < CALLBACK_MAX_ATTEMPTS,
        )
        .order_by(CallbackDelivery.next_attempt_at)
        .limit(limit)
    ).all()
    delivered = 0
    for cb in due:
        s = db.get(ScanSession, cb.session_id)
        rp = db.get(RelyingParty, s.rp_id) if s else None
        if rp is None:
            continue
        sig = hmac.new(secret_of(rt, rp).encode(), cb.body.encode(), hashlib.sha256).hexdigest()
        cb.attempts += 1
        try:
            resp = http.post(
                cb.url,
                content=cb.body.encode(),
                headers={
                    "content-type": "application/json",
                    "X-MCert-Signature": sig,
                    "X-MCert-Client-Id": rp.client_id,
                },
                timeout=5.0,
            )
            ok = 200 <= resp.status_code < 300
            cb.last_error = None if ok else f"HTTP {resp.status_code}"
        except Exception as exc:  # any transport failure is retried later
            ok, cb.last_error = False, type(exc).__name__
        if ok:
            cb.delivered_at = now
            delivered += 1
        else:
            cb.next_attempt_at = now + timedelta(seconds=10 * 2**cb.attempts)
    db.commit()
    return delivered
