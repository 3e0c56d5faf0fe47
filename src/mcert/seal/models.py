from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mcert.db.base import Base, IdMixin, UTCDateTime


class Seal(IdMixin, Base):
    """An electronic seal (电子印章) bound to one holder certificate.

    The original upload (the photo of the stamp, or the signature pad's PNG and strokes) is
    kept for the reviewer; the extracted image is what the holder saw before submitting.
    A priced seal carries the order that pays for it (``order_id``).
    Once approved, ``seseal_der`` holds the seal-maker's signed GB/T 38540 structure.
    """

    __tablename__ = "seals"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    cert_id: Mapped[str] = mapped_column(
        ForeignKey("holder_certificates.id"), nullable=False, index=True
    )
    org_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    seal_type: Mapped[str] = mapped_column(String(32), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    es_id: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)

    original_key: Mapped[str] = mapped_column(String(200), nullable=False)
    original_type: Mapped[str] = mapped_column(String(40), nullable=False)
    strokes_key: Mapped[str | None] = mapped_column(String(200))
    image_key: Mapped[str] = mapped_column(String(200), nullable=False)
    image_width: Mapped[int] = mapped_column(Integer, nullable=False)
    image_height: Mapped[int] = mapped_column(Integer, nullable=False)
    width_mm: Mapped[int] = mapped_column(Integer, nullable=False)
    height_mm: Mapped[int] = mapped_column(Integer, nullable=False)
    price_fen: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # The order paying for a priced seal (kind ``seal``); None for a free one.
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"), index=True)

    reject_reason: Mapped[str | None] = mapped_column(Text)
    void_reason: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[str | None] = mapped_column(String(32))
    seseal_der: Mapped[bytes | None] = mapped_column(LargeBinary)
    valid_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    valid_end: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_device_id: Mapped[str | None] = mapped_column(String(32))

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
