"""The console's view of relying parties (`mcert.rp.console_api`)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class RpUsage(BaseModel):
    login: int = 0
    sign: int = 0
    decrypt: int = 0
    seal: int = 0


class RpRow(BaseModel):
    id: str
    name: str
    app_id: str
    enabled: bool
    operations: list[str]
    callback_url: str | None
    usage_30d: RpUsage = Field(description="successful uses in the last 30 days")


class RpCreated(RpRow):
    secret: str = Field(description="shown once")


class RpCreate(BaseModel):
    name: str = Field(max_length=60)
    callback_url: str | None = Field(default=None, max_length=300)
    operations: list[str] = Field(max_length=4)


class RpPatch(BaseModel):
    enabled: bool | None = None
    operations: list[str] | None = Field(default=None, max_length=4)
    callback_url: str | None = Field(default=None, max_length=300)
