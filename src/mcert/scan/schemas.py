"""Request and response bodies of the scan API: the relying party's sessions (served by
``mcert.rp.api``), the phone's side (``mcert.scan.api``)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from mcert.scan.models import ScanSession
from mcert.scan.relying import MAX_DIGESTS, MAX_THUMBNAILS
from mcert.scan.states import ScanStatus
from mcert.text import DisplayText, Text


class Requirements(BaseModel):
    cert_type: str | None = Field(None, max_length=20, description="personal | org")
    uscc: str | None = Field(None, max_length=18, description="Only certificates of this company")
    cert_serial: str | None = Field(
        None, max_length=64, description="Only this certificate (hex serial)"
    )


class DigestIn(BaseModel):
    digest: str = Field(max_length=64, description="base64url SHA-256 of the document")
    label: Annotated[str, Text(100, min_length=0)] | None = Field(
        None, description="文件名 as the holder sees it; default 文件1, 文件2 …"
    )


class ThumbnailIn(BaseModel):
    page: int = Field(ge=1, le=100_000)
    png: str = Field(max_length=400_000, description="base64url PNG rendered by the RP")
    width: float = Field(gt=0, le=20_000, description="the page's width in PDF points")
    height: float = Field(gt=0, le=20_000, description="the page's height in PDF points")


class PlacementIn(BaseModel):
    page: int = Field(ge=1, le=100_000)
    x: float = Field(description="left edge, PDF points from the page's bottom left")
    y: float
    width: float = Field(gt=0, le=2000)
    height: float = Field(gt=0, le=2000)


class SealDocumentIn(BaseModel):
    label: Annotated[str, Text(100, min_length=0)] | None = Field(
        None, description="文件名 as the holder sees it; default 文件1"
    )
    sha256: str = Field(pattern="^[0-9a-f]{64}$", description="hex SHA-256 of the whole PDF")
    page_count: int = Field(ge=1, le=100_000)
    thumbnails: list[ThumbnailIn] = Field(default_factory=list, max_length=MAX_THUMBNAILS)
    placements: list[PlacementIn] = Field(
        default_factory=list, max_length=100, description="Where seals go, for the phone to show"
    )


class SessionCreate(BaseModel):
    type: str = Field(max_length=20, description="login | sign | decrypt | seal")
    display_text: DisplayText = Field(description="Shown on the phone; set by the RP backend")
    requirements: Requirements = Requirements()
    challenge: str | None = Field(
        None, max_length=128, description="login: 16-64 random bytes, base64url"
    )
    digests: list[DigestIn] | None = Field(
        None,
        max_length=MAX_DIGESTS,
        description='sign: [{"digest": base64url SHA-256, "label": "文件名"}], up to 100',
    )
    recipient: dict[str, Any] | None = Field(
        None, description="decrypt: the envelope's recipient challenge for the holder's certificate"
    )
    rp_public_key: dict[str, Any] | Annotated[str, Field(max_length=256)] | None = Field(
        None, description="decrypt: the RP's ephemeral P-256 key (JWK or base64url SPKI)"
    )
    document: SealDocumentIn | None = Field(
        None, description="seal: what the phone shows of the PDF (the PDF stays with the RP)"
    )
    seal_kinds: list[str] | None = Field(
        None,
        max_length=6,
        description="seal: the seal types the holder may choose (company_official, …)",
    )


class DigestSubmit(BaseModel):
    selection_id: str = Field(
        max_length=64, description="The `selection.selection_id` prepared for"
    )
    digest: str = Field(max_length=64, description="base64url SHA-256 of the signed attributes")


class SessionCreated(BaseModel):
    session_id: str
    start_token: str
    qr_secret: str = Field(description="Keep on the RP backend; never send it to a browser")
    created_at: datetime
    scan_deadline: datetime


class SessionStatus(BaseModel):
    session_id: str
    type: str
    status: str
    hint: str | None
    reason: str | None
    result: dict[str, Any] | None
    completed_at: datetime | None
    selection: dict[str, Any] | None = Field(
        None,
        description="seal, pending: the certificate, chain and seal the holder chose; the RP "
        "prepares the PDF for them and submits the digest",
    )


def session_status(s: ScanSession) -> SessionStatus:
    """What the RP collects, and what the phone is answered when it completes or rejects."""
    selection = None
    if s.type == "seal" and s.status == ScanStatus.PENDING:
        selection = json.loads(s.payload).get("selection")
    return SessionStatus(
        selection=selection,
        session_id=s.id,
        type=s.type,
        status=s.status,
        hint=s.hint,
        reason=s.failure_reason,
        result=json.loads(s.result) if s.result else None,
        completed_at=s.completed_at,
    )


class ScanRequest(BaseModel):
    qr: str = Field(max_length=400, description="The scanned QR text (an mCert /q/ URL)")


class EligibleCert(BaseModel):
    certificate: dict[str, Any]
    eligible: bool
    reason: str | None
    reason_message: str | None
    prehash: dict[str, Any] | None = Field(
        None,
        description="An eligible certificate's password pre-hash parameters (alg, salt, "
        "iterations), so the phone needs no getPrehashParams call before prepareScan",
    )


class ScanView(BaseModel):
    session_id: str
    type: str
    type_label: str
    rp_name: str
    display_text: str
    documents: list[str]
    document: dict[str, Any] | None = Field(
        None, description="seal: label, sha256, page_count, placements, seal_kinds, thumbnails"
    )
    seals: list[dict[str, Any]] = Field(
        default_factory=list,
        description="seal: this phone's claimed seals of the kinds asked for (id, seal_type, "
        "name, cert_id)",
    )
    finish_deadline: datetime | None
    certificates: list[EligibleCert]


class PrepareRequest(BaseModel):
    cert_id: str
    prehash: str
    transport_key: dict[str, Any] | str
    seal_id: str | None = Field(None, max_length=32, description="seal: the chosen seal")


class PrepareResponse(BaseModel):
    sealed_server_share: dict[str, Any]
    task: dict[str, Any]


class CompleteRequest(BaseModel):
    signature: str | None = Field(
        None,
        description="login: base64url ECDSA signature of the payload; seal: of the digest",
    )
    signatures: list[str] | None = Field(None, description="sign: one per digest, in order")
    sealed_output: dict[str, Any] | None = Field(
        None,
        description="decrypt: the key agreement output (ECDH Z) sealed to the RP's ephemeral key",
    )


class UsageRead(BaseModel):
    id: str
    operation: str
    operation_label: str = Field(description="登录 / 签章 / 解密")
    holder_name: str = Field(description="使用者: the certificate's holder (its CN)")
    member_id: str | None = Field(
        None, description="Company scope: the member (filter `member_id` with it)"
    )
    cert_serial: str | None
    rp_name: str
    result: str = Field(description="`success`, or the reason the session failed")
    result_label: str
    created_at: datetime


class UsagePage(BaseModel):
    items: list[UsageRead]
    total: int
