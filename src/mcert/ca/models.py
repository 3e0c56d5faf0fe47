from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class CertificateAuthority(IdMixin, Base):
    """A CA of our hierarchy (``root``, ``issuing``) and its current certificate."""

    __tablename__ = "cas"

    name: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("cas.id"))
    key_label: Mapped[str] = mapped_column(String(64), nullable=False)
    cert_der: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    crl_number: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class ServiceCertificate(IdMixin, Base):
    """Certificates the CA uses itself: the delegated OCSP signer and the TSA."""

    __tablename__ = "ca_service_certs"

    ca_id: Mapped[str] = mapped_column(ForeignKey("cas.id"), nullable=False)
    purpose: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    key_label: Mapped[str] = mapped_column(String(64), nullable=False)
    cert_der: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class IssuedCertificate(IdMixin, Base):
    """Every certificate the issuing CA signed for a holder."""

    __tablename__ = "certificates"

    ca_id: Mapped[str] = mapped_column(ForeignKey("cas.id"), nullable=False)
    serial: Mapped[str] = mapped_column(String(42), unique=True, nullable=False)  # hex
    profile: Mapped[str] = mapped_column(String(32), nullable=False)
    subject: Mapped[str] = mapped_column(Text, nullable=False)  # RFC 4514
    holder_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    request_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)  # SHA-256 hex
    cert_der: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    not_after: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="valid")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revocation_reason: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class CRLRecord(IdMixin, Base):
    __tablename__ = "crls"

    ca_id: Mapped[str] = mapped_column(ForeignKey("cas.id"), nullable=False, index=True)
    crl_number: Mapped[int] = mapped_column(BigInteger, nullable=False)
    entries: Mapped[int] = mapped_column(Integer, nullable=False)
    this_update: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    next_update: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    der: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
