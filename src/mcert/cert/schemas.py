"""Request and response bodies of the certificate API, and the builder that fills CertRead."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from mcert.account.models import Device
from mcert.cert import service
from mcert.cert.models import HolderCertificate
from mcert.cert.states import LABELS, HolderCertStatus
from mcert.http.codecs import TransportKey
from mcert.runtime import Runtime


class IssuedRead(BaseModel):
    serial: str
    subject: str
    not_before: datetime
    not_after: datetime
    status: str
    revocation_reason: str | None
    fingerprint: str


class CertRead(BaseModel):
    id: str
    cert_type: str
    status: str
    status_label: str
    subject_cn: str
    subject_org: str | None
    not_after: datetime | None
    device_name: str | None
    on_this_device: bool
    bound_elsewhere: bool
    locked: bool
    attempts_left: int
    renewable_from: datetime | None
    renewable_now: bool
    predecessor_id: str | None
    order_id: str


class CertDetail(CertRead):
    issuer: str | None
    signing: IssuedRead | None
    encryption: IssuedRead | None


class DownloadRequest(BaseModel):
    csr: str = Field(max_length=8192, description="PEM CSR for the signing key made on the device")
    transport_key: TransportKey
    password: str | None = Field(None, max_length=64, description="New certificate password")
    prehash: str | None = Field(
        None,
        description="base64url pre-hash of the current password (renewal, change, and a "
        "retry of a download with the same CSR)",
    )


class DownloadResponse(BaseModel):
    certificate: CertRead
    signing_cert: str
    encryption_cert: str
    chain: str
    sealed_encryption_key: dict[str, Any]
    sealed_server_share: dict[str, Any]
    prehash: dict[str, Any]


class UnlockRequest(BaseModel):
    prehash: str
    transport_key: TransportKey
    purpose: str = Field("use", max_length=20, pattern=r"^[a-z][a-z0-9_-]*$")


class UnlockResponse(BaseModel):
    sealed_server_share: dict[str, Any]


class PasswordChange(BaseModel):
    old_prehash: str
    new_password: str = Field(max_length=64)


class PasswordReset(BaseModel):
    face_check_id: str
    new_password: str = Field(max_length=64)


class RenewalRequest(BaseModel):
    years: int = Field(ge=1, le=3)
    prehash: str


class ReissueRequest(BaseModel):
    face_check_id: str


def cert_read(db: Session, rt: Runtime, cert: HolderCertificate, device_id: str) -> CertRead:
    now = rt.clock.now()
    status = service.effective_status(cert, now)
    device = db.get(Device, cert.device_id) if cert.device_id else None
    opens = (
        service.renewal_window(rt, cert)[0]
        if cert.not_after and status == HolderCertStatus.ACTIVE
        else None
    )
    return CertRead(
        id=cert.id,
        cert_type=cert.cert_type,
        status=status,
        status_label=LABELS[status],
        subject_cn=cert.subject_cn,
        subject_org=cert.subject_org,
        not_after=cert.not_after,
        device_name=(device.name or device.device_key) if device else None,
        on_this_device=cert.device_id == device_id,
        bound_elsewhere=cert.device_id is not None and cert.device_id != device_id,
        locked=cert.locked_at is not None,
        attempts_left=max(0, rt.settings.password_max_failures - cert.failed_attempts),
        renewable_from=opens,
        renewable_now=bool(opens and opens <= now < (cert.not_after or now)),
        predecessor_id=cert.predecessor_id,
        order_id=cert.order_id,
    )


class CertRow(BaseModel):
    id: str
    serial_hex: str | None
    subject_cn: str = Field(description="masked: the CN is the holder's name")
    kind: str = Field(description="personal | company")
    holder_name_masked: str
    org_name: str | None = None
    status: str
    not_before: datetime | None
    not_after: datetime | None


class HistoryItem(BaseModel):
    id: str
    serial_hex: str | None
    action: str = Field(description="issued | renewed | reissued | changed")
    at: datetime


class ConsoleCertDetail(CertRow):
    ocsp_status: str = Field(description="good | revoked | unknown")
    revoked_at: datetime | None = None
    revocation_reason: str | None = None
    history: list[HistoryItem]
    pem: str | None


class RevokeBody(BaseModel):
    reason: str = Field(max_length=32, description="an RFC 5280 reason (RevocationReason)")
    note: str | None = Field(default=None, max_length=200)


class CAItem(BaseModel):
    kind: str = Field(description="root | issuing | ocsp | tsa")
    subject: str
    serial_hex: str
    not_before: datetime
    not_after: datetime
    days_left: int


class CRLInfo(BaseModel):
    number: int | None
    this_update: datetime | None
    next_update: datetime | None
    revoked_count: int
