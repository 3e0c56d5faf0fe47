"""What both sides of a scan session share: the timeline, field decoding, the issued
certificate rows, and ending a session.

Timeline: the QR must be scanned within ``SCAN_SECONDS`` of creation; the holder then has
``FINISH_SECONDS``; a result stays collectable for ``COLLECT_SECONDS``.

:func:`fail` is the one way a session ends without a result: it moves the status, writes the
holder's usage record, the audit row and the RP's callback, in the caller's transaction
(the caller commits).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.ca.models import IssuedCertificate
from mcert.cert.models import HolderCertificate
from mcert.codec import b64u_decode
from mcert.db.base import lock_row
from mcert.errors import InvalidInput
from mcert.rp.models import RelyingParty
from mcert.runtime import Runtime
from mcert.scan.callbacks import queue_callback
from mcert.scan.models import ScanSession
from mcert.scan.states import ScanStatus, move_session
from mcert.scan.usage import record_usage

SCAN_SECONDS = 180
FINISH_SECONDS = 180
COLLECT_SECONDS = 300


def decode_field(text: str, field: str) -> bytes:
    try:
        return b64u_decode(text)
    except ValueError:
        raise InvalidInput(f"{field} must be base64url", code="encoding_invalid") from None


def issued(db: Session, issued_id: str | None, *, lock: bool = False) -> IssuedCertificate | None:
    if not issued_id:
        return None
    if lock:
        return lock_row(db, IssuedCertificate, issued_id)
    return db.get(IssuedCertificate, issued_id)


def expiry_due(s: ScanSession, now: datetime) -> bool:
    """A pending session past its deadline (to scan, or to finish once scanned)."""
    if s.status != ScanStatus.PENDING:
        return False
    deadline = s.finish_deadline if s.scanned_at else s.scan_deadline
    return deadline is not None and now > deadline


def expire_if_due(db: Session, rt: Runtime, s: ScanSession, now: datetime) -> bool:
    if expiry_due(s, now):
        fail(db, rt, s, "expired", now, Actor.system("scan"))
        return True
    return False


def fail(
    db: Session,
    rt: Runtime,
    s: ScanSession,
    reason: str,
    now: datetime,
    actor: Actor,
    cert: HolderCertificate | None = None,
) -> None:
    move_session(s, ScanStatus.FAILED)
    s.failure_reason, s.completed_at = reason, now
    s.version += 1
    rt.metrics.scan_session_finished(s.type, reason)
    rp = db.get(RelyingParty, s.rp_id)
    assert rp is not None
    if s.user_id is not None:
        if cert is None and s.holder_cert_id:
            cert = db.get(HolderCertificate, s.holder_cert_id)
        sign = issued(db, cert.sign_cert_id) if cert else None
        record_usage(db, s, rp, cert, sign, reason, now)
    record(
        db,
        at=now,
        actor=actor,
        action="scan.failed",
        target_type="scan_session",
        target_id=s.id,
        details={"reason": reason},
    )
    queue_callback(db, rt, s, rp, now)
