from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Task(IdMixin, Base):
    """One unit of background work (an SMS, a callback, one period of a scheduled job)."""

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_status_run_after", "status", "run_after"),)

    kind: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    payload: Mapped[str] = mapped_column(Text, nullable=False)  # JSON; personal data encrypted
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, nullable=False)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    # While running: the worker that claimed it and until when; past that the task is
    # claimed again (its worker is taken to have died).
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_by: Mapped[str | None] = mapped_column(String(80))
    last_error: Mapped[str | None] = mapped_column(String(500))
    # Periodic jobs: "<kind>@<period number>", so one period runs once across all workers.
    dedupe_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
