"""Email: the ``EmailSender`` protocol and the sandbox outbox.

The sandbox stores every message, attachments included, in the ``email_outbox`` table
(read it with ``mcert email outbox``). Addresses ending ``@unreachable.example`` are
refused, so the failure path is testable. A real adapter (SMTP, a mail API) implements
``send`` and registers with ``email_providers.register("name")``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy import LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from mcert.clock import Clock
from mcert.db.base import Base, IdMixin, UTCDateTime, new_id
from mcert.errors import InvalidInput
from mcert.providers.registry import ProviderRegistry

log = logging.getLogger(__name__)

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+")


class EmailInvalid(InvalidInput):
    code = "email_invalid"
    default_message = "邮箱地址格式不正确"


def validate_email(address: str) -> str:
    """A plausible mailbox address, trimmed (not a full RFC 5322 parser, on purpose)."""
    t = address.strip()
    if len(t) > 254 or not _EMAIL_RE.fullmatch(t):
        raise EmailInvalid()
    return t


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes = field(repr=False)


class EmailSendFailed(Exception):
    """The provider did not accept the message (retried by the task queue)."""


class EmailSender(Protocol):
    name: str

    def send(self, to: str, subject: str, body: str, attachments: list[Attachment]) -> str:
        """Send; returns the provider's message id."""


class EmailOutboxMessage(IdMixin, Base):
    __tablename__ = "email_outbox"

    recipient: Mapped[str] = mapped_column(String(254), nullable=False, index=True)
    subject: Mapped[str] = mapped_column(String(200), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    attachment_names: Mapped[str] = mapped_column(Text, nullable=False, default="")
    attachment_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)


email_providers: ProviderRegistry[EmailSender] = ProviderRegistry("email")


@email_providers.register("sandbox")
class SandboxEmailSender:
    name = "sandbox"
    UNREACHABLE_DOMAIN = "@unreachable.example"

    def __init__(self, *, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def send(self, to: str, subject: str, body: str, attachments: list[Attachment]) -> str:
        if to.lower().endswith(self.UNREACHABLE_DOMAIN):
            raise EmailSendFailed(f"sandbox: {to} is unreachable")
        message_id = new_id()
        pdf = next((a.data for a in attachments if a.content_type == "application/pdf"), None)
        with self._sessions() as db:
            db.add(
                EmailOutboxMessage(
                    id=message_id,
                    recipient=to,
                    subject=subject[:200],
                    body=body,
                    attachment_names=",".join(a.filename for a in attachments),
                    attachment_pdf=pdf,
                    sent_at=self._clock.now(),
                )
            )
            db.commit()
        log.info("email sent via sandbox subject=%s", subject)
        return message_id

    def outbox(self, to: str | None = None, limit: int = 20) -> list[EmailOutboxMessage]:
        with self._sessions() as db:
            query = select(EmailOutboxMessage).order_by(EmailOutboxMessage.sent_at.desc())
            if to:
                query = query.where(EmailOutboxMessage.recipient == to.strip())
            return list(db.scalars(query.limit(limit)).all())
