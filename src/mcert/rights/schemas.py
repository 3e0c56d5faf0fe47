"""Request and response bodies of the privacy endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from mcert.rights.cancellation import CONSEQUENCES, Status
from mcert.rights.models import PrivacyRequest
from mcert.rights.states import LABELS, RequestStatus


class DataCategory(BaseModel):
    key: str
    title: str
    description: str
    count: int


class DataSummary(BaseModel):
    categories: list[DataCategory]


class CancellationRequest(BaseModel):
    code: str = Field(min_length=4, max_length=8, description="The SMS code sent to this phone")


class CancellationRead(BaseModel):
    id: str
    status: str
    status_label: str
    requested_at: datetime
    due_at: datetime | None
    withdrawn_at: datetime | None
    completed_at: datetime | None


class CancellationStatus(BaseModel):
    pending: CancellationRead | None
    cooling_off_days: int
    consequences: list[str]
    blockers: list[str] = Field(description="Why cancellation is refused now (empty: allowed)")


class PrivacyRequestRead(BaseModel):
    id: str
    user_id: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    format: str | None
    requested_at: datetime
    due_at: datetime | None
    withdrawn_at: datetime | None
    completed_at: datetime | None
    outcome: dict[str, Any] | None


def cancellation_read(req: PrivacyRequest) -> CancellationRead:
    return CancellationRead(
        id=req.id,
        status=req.status,
        status_label=LABELS[RequestStatus(req.status)],
        requested_at=req.requested_at,
        due_at=req.due_at,
        withdrawn_at=req.withdrawn_at,
        completed_at=req.completed_at,
    )


def cancellation_status(st: Status) -> CancellationStatus:
    return CancellationStatus(
        pending=cancellation_read(st.pending) if st.pending else None,
        cooling_off_days=st.cooling_off_days,
        consequences=list(CONSEQUENCES),
        blockers=st.blockers,
    )
