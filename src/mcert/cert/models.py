from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class EncryptionKey(IdMixin, Base):
    """An escrowed encryption key pair; every encryption certificate of a holder line uses it,
    so bids encrypted before a renewal or reissue stay decryptable."""

    __tablename__ = "encryption_keys"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    org_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"))
    public_key_der: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    escrow_blob: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class HolderCertificate(IdMixin, Base):
    __tablename__ = "holder_certificates"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    org_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    cert_type: Mapped[str] = mapped_column(String(10), nullable=False)  # personal | org
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), nullable=False)
    predecessor_id: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    subject_cn: Mapped[str] = mapped_column(String(64), nullable=False)
    subject_org: Mapped[str | None] = mapped_column(String(100))
    years: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Fixed for renewal, change and reissue; set at download for a new certificate.
    not_after: Mapped[datetime | None] = mapped_column(UTCDateTime())

    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"))
    sign_cert_id: Mapped[str | None] = mapped_column(ForeignKey("certificates.id"))
    enc_cert_id: Mapped[str | None] = mapped_column(ForeignKey("certificates.id"))
    enc_key_id: Mapped[str | None] = mapped_column(ForeignKey("encryption_keys.id"))
    sign_key_fp: Mapped[str | None] = mapped_column(String(64))

    verifier: Mapped[str | None] = mapped_column(Text)
    server_share_enc: Mapped[str | None] = mapped_column(Text)
    failed_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    downloaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
