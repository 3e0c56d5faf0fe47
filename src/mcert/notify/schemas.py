"""Response bodies of the message API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class MessageRead(BaseModel):
    id: str
    kind: str
    title: str
    body: str
    created_at: datetime
    read: bool


class MessagePage(BaseModel):
    items: list[MessageRead]
    total: int
    unread: int
