"""Response bodies of the console's audit log API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class AuditItem(BaseModel):
    seq: int
    at: datetime
    action: str
    actor_type: str
    actor_id: str | None
    actor_name: str | None = Field(None, description="The operator's display name")
    target_type: str | None
    target_id: str | None
    details: dict[str, Any]
    ip: str | None = None
    request_id: str | None = None


class AuditPage(BaseModel):
    items: list[AuditItem]
    next_before_seq: int | None = Field(
        None, description="Pass as `before_seq` for the next (older) page; absent at the end"
    )


class ChainVerification(BaseModel):
    ok: bool
    checked: int = Field(description="Entries that verified before the first problem")
    first_bad_seq: int | None = None
    message: str
    head: str = Field(description="Hash of the last verified entry")
