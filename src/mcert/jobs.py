"""Scheduled jobs: close unpaid orders, send and settle refunds, send expiry reminders, keep
CRLs fresh, delete personal data past its retention period, complete account cancellations
past their cooling-off (docs/privacy.md), expire the operators' approvals nobody decided
within 24 hours (docs/console.md).

Each is a periodic job of the task queue (``mcert.tasks``): every worker (``mcert worker``,
or the one inside ``mcert serve``) schedules it, and a unique key per period lets one of
them run it once per ``MCERT_JOBS_INTERVAL_SECONDS``. ``mcert jobs run`` runs them all once,
now. A job may still overlap another run of itself (a period that outlasts the interval):
each reminder is claimed by a row with a unique key before it is sent, so it goes out once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.approval import service as approvals
from mcert.audit.service import Actor, record
from mcert.ca.service import ISSUING, ROOT, ca_service
from mcert.cert.models import HolderCertificate
from mcert.cert.states import HolderCertStatus
from mcert.clock import CHINA_TZ
from mcert.notify.models import ReminderSent
from mcert.notify.service import notify
from mcert.order.payments import process_refunds
from mcert.order.service import close_overdue
from mcert.providers.sms import SMSTemplate
from mcert.rights import cancellation, retention
from mcert.runtime import Runtime
from mcert.settings import Settings
from mcert.tasks.queue import periodic_job

log = logging.getLogger(__name__)
REMINDER_DAYS = (7, 30, 90)  # most urgent first


def expiry_reminders(db: Session, rt: Runtime) -> int:
    now = rt.clock.now()
    horizon = now + timedelta(days=max(REMINDER_DAYS))
    certs = db.scalars(
        select(HolderCertificate).where(
            HolderCertificate.status == HolderCertStatus.ACTIVE,
            HolderCertificate.not_after > now,
            HolderCertificate.not_after <= horizon,
        )
    ).all()
    sent = 0
    for cert in certs:
        assert cert.not_after is not None
        due = [d for d in REMINDER_DAYS if now >= cert.not_after - timedelta(days=d)]
        if due and _remind(db, rt, cert, due, now):
            sent += 1
    return sent


def _remind(
    db: Session, rt: Runtime, cert: HolderCertificate, due: list[int], now: datetime
) -> bool:
    """Claim every due threshold (only the most urgent is sent) in one transaction."""
    assert cert.not_after is not None
    try:
        for days in due:
            db.add(ReminderSent(holder_cert_id=cert.id, kind=f"expiry_{days}", sent_at=now))
        db.flush()
    except IntegrityError:
        db.rollback()
        return _remind_remaining(db, rt, cert, due, now)
    _send(db, rt, cert, min(due), now)
    db.commit()
    return True


def _remind_remaining(
    db: Session, rt: Runtime, cert: HolderCertificate, due: list[int], now: datetime
) -> bool:
    claimed = set(
        db.scalars(select(ReminderSent.kind).where(ReminderSent.holder_cert_id == cert.id)).all()
    )
    fresh = [d for d in due if f"expiry_{d}" not in claimed]
    if not fresh:
        return False
    try:
        for days in fresh:
            db.add(ReminderSent(holder_cert_id=cert.id, kind=f"expiry_{days}", sent_at=now))
        db.flush()
    except IntegrityError:  # another worker got there first
        db.rollback()
        return False
    _send(db, rt, cert, min(fresh), now)
    db.commit()
    return True


def _send(db: Session, rt: Runtime, cert: HolderCertificate, days: int, now: datetime) -> None:
    assert cert.not_after is not None
    user = db.get(User, cert.user_id)
    assert user is not None
    what = "单位证书" if cert.cert_type == "org" else "个人证书"
    date = cert.not_after.astimezone(CHINA_TZ).strftime("%Y年%m月%d日")
    left = max(0, (cert.not_after - now).days)
    notify(
        db,
        user=user,
        rt=rt,
        kind="cert_expiring",
        now=now,
        title="证书即将到期",
        body=f"您的{what}将于{date}到期（剩余{left}天），请及时办理延期。",
        sms=(SMSTemplate.CERT_EXPIRING, {"what": what, "date": date, "days": str(left)}),
    )
    record(
        db,
        at=now,
        actor=Actor.system("jobs"),
        action="holder_cert.expiry_reminded",
        target_type="holder_cert",
        target_id=cert.id,
        details={"days": days},
    )


def refresh_crls(db: Session, rt: Runtime) -> str:
    now = rt.clock.now()
    numbers = []
    for name in (ROOT, ISSUING):
        ca_service(rt).current_crl(db, name, now)  # regenerates when past half its validity
        numbers.append(name)
    return "fresh: " + ", ".join(numbers)


Job = Callable[[Session, Runtime], object]
JOBS: dict[str, Job] = {
    "close_unpaid_orders": close_overdue,
    "refunds": process_refunds,
    "expiry_reminders": expiry_reminders,
    "crls": refresh_crls,
    "privacy_retention": retention.job,
    "account_cancellations": cancellation.complete_due,
    # Also expired when the approvals are read; this closes them (and audits it) on time
    # even when nobody looks.
    "approvals": approvals.expire_due,
}


def _interval(settings: Settings) -> float:
    return settings.jobs_interval_seconds


def _as_task(job: Job) -> Callable[[Runtime, dict[str, Any]], object]:
    def run(rt: Runtime, payload: dict[str, Any]) -> object:
        with rt.sessions() as db:
            return job(db, rt)

    return run


for _name, _job in JOBS.items():
    periodic_job(f"job.{_name}", _interval)(_as_task(_job))


def run_all(rt: Runtime) -> dict[str, object]:
    """Run every job once, now, in this process (``mcert jobs run``)."""
    results: dict[str, object] = {}
    for name, job in JOBS.items():
        with rt.sessions() as db:
            try:
                results[name] = job(db, rt)
            except Exception as exc:  # one failing job must not stop the others
                log.exception("job %s failed", name)
                results[name] = f"failed: {type(exc).__name__}"
    return results
