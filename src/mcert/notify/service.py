"""Holder notifications: an in-app message now, an SMS once the transaction commits.

SMS are side effects: they are queued on the session and sent by an ``after_commit``
listener, so a rolled-back state change never texts anyone. A failed SMS is logged and
never undoes the state change it reports (the in-app message stays).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.notify.models import Message
from mcert.pii import mask_phone
from mcert.providers.sms import SMSSender, SMSSendFailed, SMSTemplate

log = logging.getLogger(__name__)
_PENDING = "mcert_pending_sms"


@dataclass(frozen=True)
class _PendingSMS:
    sender: SMSSender
    phone: str
    template: SMSTemplate
    params: dict[str, str]


def notify(
    db: Session,
    *,
    user: User,
    phone: str,
    sender: SMSSender,
    kind: str,
    title: str,
    body: str,
    now: datetime,
    sms: tuple[SMSTemplate, dict[str, str]] | None = None,
) -> Message:
    message = Message(user_id=user.id, kind=kind, title=title, body=body, created_at=now)
    db.add(message)
    if sms is not None:
        sms_after_commit(db, sender, phone, *sms)
    return message


def sms_after_commit(
    db: Session, sender: SMSSender, phone: str, template: SMSTemplate, params: dict[str, str]
) -> None:
    """Queue an SMS to go out once this session's transaction commits (to a phone that may
    have no account yet, e.g. an invitation)."""
    db.info.setdefault(_PENDING, []).append(_PendingSMS(sender, phone, template, params))


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    pending: list[_PendingSMS] = session.info.pop(_PENDING, [])
    for item in pending:
        try:
            item.sender.send(item.phone, item.template, item.params)
        except SMSSendFailed as exc:
            log.warning("notification sms to %s failed: %s", mask_phone(item.phone), exc)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def list_messages(db: Session, user: User, *, limit: int, offset: int) -> tuple[list[Message], int]:
    query = select(Message).where(Message.user_id == user.id)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(query.order_by(Message.created_at.desc()).limit(limit).offset(offset)).all()
    return list(rows), int(total)


def unread_count(db: Session, user: User) -> int:
    return int(
        db.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.user_id == user.id, Message.read_at.is_(None))
        )
        or 0
    )
