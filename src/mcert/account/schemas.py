from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field

from mcert.consent.schemas import AgreedVersions
from mcert.ident import validate_mobile, validate_sms_code
from mcert.text import Text

Mobile = Annotated[str, Field(max_length=40), AfterValidator(validate_mobile)]
# Six digits as typed: full-width (１２３４５６) and spaced codes are the same code.
SMSCode = Annotated[
    str, Field(max_length=20, description="The 6-digit SMS code"), AfterValidator(validate_sms_code)
]


class SMSCodeRequest(BaseModel):
    phone: Mobile = Field(
        description="Mainland mobile number as typed: +86/0086, spaces, dashes, full-width"
    )


class SMSCodeSent(BaseModel):
    sent: bool = True
    resend_after_seconds: int
    expires_in_seconds: int


class DeviceInfo(BaseModel):
    id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    name: Annotated[str, Text(100)] | None = None
    platform: Annotated[str, Text(40)] | None = None
    public_key: Annotated[str, Field(max_length=400)] | dict[str, Any] = Field(
        description="The device's P-256 public key: base64url SPKI DER or a public JWK; "
        "its private half never leaves the device (docs/protocol.md section 6)"
    )
    proof: str = Field(
        max_length=200,
        description="base64url raw ECDSA signature (r ‖ s) of the login message "
        "(device id, SMS code, key) by that key",
    )


class DeviceChallenge(BaseModel):
    challenge: str = Field(description="Sign it with the device key for one sensitive call")
    expires_in: int


class LoginRequest(BaseModel):
    phone: Mobile
    code: SMSCode
    device: DeviceInfo
    agreements: AgreedVersions | None = Field(
        None,
        description="The 用户协议 and 隐私政策 versions the holder agreed to (listAgreements); "
        "missing or not current: 403 `agreement_required`, nothing is created",
    )


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=20, max_length=200)


class UserRead(BaseModel):
    id: str
    phone_masked: str
    created_at: datetime
    last_login_at: datetime | None


class DeviceRead(BaseModel):
    id: str
    device_key: str
    name: str | None
    platform: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    current: bool


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int


class LoginResult(TokenPair):
    is_new_user: bool
    user: UserRead


class MeRead(BaseModel):
    user: UserRead
    devices: list[DeviceRead]
