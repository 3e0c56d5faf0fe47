"""Retention: face captures and bank-card numbers are kept only as long as their purpose.

A face capture serves the one check it was taken for; the result (passed, reason, score in
the audit log) and the SHA-256 of the image stay as the record that the check happened,
the image goes ``MCERT_RETENTION_FACE_DAYS`` after the check. A bank-card number (and the
bank's phone) serves the four-element check; it goes ``MCERT_RETENTION_CARD_DAYS`` after
the attempt, the masked form stays in the audit entry of the start; an attempt abandoned
before its end is failed (``expired``) then, as it cannot be finished without it. Company
documents (licence scans) are the CA's identity-validation records and are kept (docs/privacy.md).

The job (``jobs.privacy_retention``) and ``mcert privacy retention`` call :func:`enforce`.
Each deletion is one audit entry naming the row, never the data. The object is deleted
before the row is marked, so a crash in between deletes it again next run (deleting a
missing object is not an error).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mcert.audit.service import Actor, record
from mcert.db.base import lock_row
from mcert.providers.storage import ObjectNotFound
from mcert.realname.models import FaceCheck, RealnameAttempt
from mcert.realname.states import RealnameAttemptStatus, move_attempt
from mcert.runtime import Runtime

log = logging.getLogger(__name__)

BATCH = 500  # rows per kind per run: a backlog drains over a few runs, never in one lock

FINISHED = (RealnameAttemptStatus.VERIFIED, RealnameAttemptStatus.FAILED)

FACE = "face_image"
CARD = "bank_card"


@dataclass(frozen=True)
class Due:
    """One piece of personal data past its retention period."""

    kind: str  # FACE | CARD
    table: str  # realname_attempts | face_checks
    row_id: str
    user_id: str
    since: datetime  # when the purpose ended (the check, the attempt)


@dataclass
class Report:
    dry_run: bool
    due: list[Due] = field(default_factory=list)
    done: list[Due] = field(default_factory=list)

    @property
    def deleted(self) -> int:
        return len(self.done)

    def __str__(self) -> str:
        counts: dict[str, int] = {}
        for d in self.due if self.dry_run else self.done:
            counts[d.kind] = counts.get(d.kind, 0) + 1
        what = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing"
        return f"{'due' if self.dry_run else 'deleted'}: {what}"


def due(db: Session, rt: Runtime, now: datetime) -> list[Due]:
    """What is past its retention period at ``now``, oldest first."""
    s = rt.settings
    face_cutoff = now - timedelta(days=s.retention_face_days)
    card_cutoff = now - timedelta(days=s.retention_card_days)
    found: list[Due] = []
    attempts = db.scalars(
        select(RealnameAttempt)
        .where(
            RealnameAttempt.face_object_key.is_not(None),
            RealnameAttempt.face_deleted_at.is_(None),
            RealnameAttempt.updated_at <= face_cutoff,
        )
        .order_by(RealnameAttempt.updated_at, RealnameAttempt.id)
        .limit(BATCH)
    ).all()
    found += [Due(FACE, "realname_attempts", a.id, a.user_id, a.updated_at) for a in attempts]
    checks = db.scalars(
        select(FaceCheck)
        .where(
            FaceCheck.object_key.is_not(None),
            FaceCheck.face_deleted_at.is_(None),
            FaceCheck.created_at <= face_cutoff,
        )
        .order_by(FaceCheck.created_at, FaceCheck.id)
        .limit(BATCH)
    ).all()
    found += [Due(FACE, "face_checks", c.id, c.user_id, c.created_at) for c in checks]
    cards = db.scalars(
        select(RealnameAttempt)
        .where(
            or_(RealnameAttempt.card_enc.is_not(None), RealnameAttempt.bank_phone_enc.is_not(None)),
            RealnameAttempt.card_deleted_at.is_(None),
            RealnameAttempt.created_at <= card_cutoff,
        )
        .order_by(RealnameAttempt.created_at, RealnameAttempt.id)
        .limit(BATCH)
    ).all()
    found += [Due(CARD, "realname_attempts", a.id, a.user_id, a.created_at) for a in cards]
    return found


def delete_face(rt: Runtime, key: str, known_sha256: str | None) -> str | None:
    """Delete a stored capture; returns its SHA-256 (computed now for captures stored
    before the hash was recorded, None if the object is already gone)."""
    digest = known_sha256
    if digest is None:
        try:
            digest = hashlib.sha256(rt.storage.get(key)).hexdigest()
        except ObjectNotFound:
            digest = None
    rt.storage.delete(key)
    return digest


def _audit(db: Session, d: Due, now: datetime, reason: str, actor: Actor) -> None:
    record(
        db,
        at=now,
        actor=actor,
        action=f"privacy.{d.kind}.deleted",
        target_type=d.table.removesuffix("s"),
        target_id=d.row_id,
        details={"user_id": d.user_id, "reason": reason, "since": d.since.isoformat()},
    )


def _apply(db: Session, rt: Runtime, d: Due, now: datetime, reason: str, actor: Actor) -> bool:
    """Delete one item (inside the caller's transaction); False if it was gone already."""
    if d.table == "face_checks":
        check = lock_row(db, FaceCheck, d.row_id)
        if check is None or check.object_key is None or check.face_deleted_at is not None:
            return False
        check.face_sha256 = delete_face(rt, check.object_key, check.face_sha256)
        check.object_key = None
        check.face_deleted_at = now
    else:
        attempt = lock_row(db, RealnameAttempt, d.row_id)
        if attempt is None:
            return False
        if d.kind == FACE:
            if attempt.face_object_key is None or attempt.face_deleted_at is not None:
                return False
            attempt.face_sha256 = delete_face(rt, attempt.face_object_key, attempt.face_sha256)
            attempt.face_object_key = None
            attempt.face_deleted_at = now
        else:
            if attempt.card_deleted_at is not None:
                return False
            if attempt.status not in FINISHED:
                # Abandoned half-way: without its card it cannot be finished any more.
                move_attempt(attempt, RealnameAttemptStatus.FAILED)
                attempt.failure_reason = "expired"
                attempt.updated_at = now
            attempt.card_enc = None
            attempt.bank_phone_enc = None
            attempt.card_deleted_at = now
    _audit(db, d, now, reason, actor)
    return True


def enforce(db: Session, rt: Runtime, *, dry_run: bool = False) -> Report:
    """Delete everything past its retention period (or, ``dry_run``, only list it).

    One transaction per item: a failure leaves the others done.
    """
    now = rt.clock.now()
    report = Report(dry_run=dry_run, due=due(db, rt, now))
    db.rollback()
    if dry_run:
        return report
    for item in report.due:
        try:
            if _apply(db, rt, item, now, "retention", Actor.system("retention")):
                report.done.append(item)
            db.commit()
        except Exception:
            db.rollback()
            log.exception("retention: deleting %s of %s %s failed", item.kind, item.table,
                          item.row_id)  # fmt: skip
    return report


def job(db: Session, rt: Runtime) -> str:
    """The scheduled job (``mcert/jobs.py``)."""
    return str(enforce(db, rt))
