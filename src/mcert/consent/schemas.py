"""Request and response bodies of the agreements and consents API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from mcert.ident import validate_mobile


class AgreedVersions(BaseModel):
    """The versions of the agreements the holder ticked 我已阅读并同意 for at login."""

    user_agreement: str | None = Field(None, max_length=40, description="用户协议 version")
    privacy_policy: str | None = Field(None, max_length=40, description="隐私政策 version")


class NoticeRead(BaseModel):
    document: str = Field(
        description="user_agreement | privacy_policy | face | realname | company_documents"
    )
    title: str
    version: str
    content: str = Field(description="Markdown; render it escaped (no raw HTML)")
    purpose: str | None = None
    retention: str | None = None
    recipients: str | None = None


class ConsentGrant(BaseModel):
    version: str = Field(max_length=40, description="The notice version the holder read")


class ConsentRecordRead(BaseModel):
    id: str
    document: str
    title: str
    version: str
    granted_at: datetime
    withdrawn_at: datetime | None
    device_name: str | None
    client_ip_masked: str | None
    current: bool = Field(description="Standing consent to the current version")


class ConsentState(BaseModel):
    document: str
    title: str
    version: str = Field(description="The current notice version")
    granted: bool
    record: ConsentRecordRead | None = None


class ConsentOverview(BaseModel):
    consents: list[ConsentState] = Field(description="The separate consents, one each")
    agreements: list[ConsentState] = Field(description="用户协议 and 隐私政策 as agreed")
    history: list[ConsentRecordRead] = Field(description="Every grant, newest first")


Mobile = Annotated[str, Field(max_length=40), AfterValidator(validate_mobile)]


class ConsentLookup(BaseModel):
    phone: Mobile = Field(description="The holder's phone number (not put in a URL or a log)")
