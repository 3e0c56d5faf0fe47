"""Request and response bodies of the real-name API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from mcert.account.schemas import SMSCode


class BankCardStart(BaseModel):
    name: str = Field(max_length=40)
    id_number: str = Field(max_length=40)
    card_number: str = Field(max_length=60)
    bank_phone: str = Field(max_length=40, description="The phone number the bank has on file")


class PhoneStart(BaseModel):
    name: str = Field(max_length=40)
    id_number: str = Field(max_length=40)


class SMSConfirm(BaseModel):
    code: SMSCode


class AttemptRead(BaseModel):
    id: str
    method: str
    status: str
    next_step: str | None = Field(description="sms | face | None when finished")


class RealnameStatus(BaseModel):
    verified: bool
    name_masked: str | None = None
    id_number_masked: str | None = None
    method: str | None = None
    verified_at: datetime | None = None


class FaceCheckRead(BaseModel):
    face_check_id: str
    expires_in_seconds: int
