"""Holder notifications: an in-app message now, an SMS as a task of the same transaction.

The SMS is a row in the task queue (``mcert.tasks``) written with the state change it
reports: a rolled-back change texts nobody, a committed one is sent by a worker even if
this process dies right after the commit, and a provider failure is retried with backoff
(never undoing the state change; the in-app message stays). The phone number and the
template's values are encrypted in the task's payload.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mcert.account.models import User
from mcert.account.service import user_phone
from mcert.notify.models import Message
from mcert.providers.sms import SMSTemplate
from mcert.runtime import Runtime
from mcert.tasks.queue import enqueue, task_handler

SMS_TASK = "sms"
_AAD = b"mcert/task/sms"


def notify(
    db: Session,
    *,
    user: User,
    rt: Runtime,
    kind: str,
    title: str,
    body: str,
    now: datetime,
    sms: tuple[SMSTemplate, dict[str, str]] | None = None,
    phone: str | None = None,
) -> Message:
    """An in-app message to ``user`` and, with ``sms``, a queued SMS to ``phone`` — the
    user's own number unless another is given (decrypted only when an SMS is sent)."""
    message = Message(user_id=user.id, kind=kind, title=title, body=body, created_at=now)
    db.add(message)
    if sms is not None:
        queue_sms(db, rt, phone if phone is not None else user_phone(rt, user), *sms)
    return message


def queue_sms(
    db: Session, rt: Runtime, phone: str, template: SMSTemplate, params: dict[str, str]
) -> None:
    """Queue an SMS in this session's transaction (to a phone that may have no account yet,
    e.g. an invitation); a worker sends it once the transaction commits."""
    secret = rt.cipher.encrypt(json.dumps({"phone": phone, "params": params}), aad=_AAD)
    enqueue(db, rt, SMS_TASK, {"template": template.value, "to": secret})


@task_handler(SMS_TASK)
def send_queued_sms(rt: Runtime, payload: dict[str, Any]) -> None:
    """Hand a queued SMS to the provider; a failure (``SMSSendFailed``) is retried."""
    data = json.loads(rt.cipher.decrypt(payload["to"], aad=_AAD))
    rt.sms.send(data["phone"], SMSTemplate(payload["template"]), data["params"])


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
