from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class ConsentRecord(IdMixin, Base):
    """One holder agreeing to one version of one document (an agreement at login, or a
    separate consent before sensitive data is collected), and when it was withdrawn.

    Rows are never deleted or edited but for ``withdrawn_at``: they are the evidence that
    the holder agreed (PIPL art. 14) and to what. The client address is personal
    information and is kept encrypted (``pii.FieldCipher``, bound to the row id); holders
    and operators see it masked.
    """

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_user_document", "user_id", "document"),)

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False)
    document: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[str] = mapped_column(String(40), nullable=False)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"))
    client_ip_enc: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
