"""Response body of the console dashboard."""

from __future__ import annotations

from pydantic import BaseModel


class QueueFigure(BaseModel):
    kind: str
    label: str
    count: int
    oldest_age_seconds: int | None
    overdue: int


class CertificateDay(BaseModel):
    day: str
    issued: int
    renewed: int
    revoked: int


class ScanDay(BaseModel):
    day: str
    completed: int
    rejected: int
    expired: int
    failed: int


class PaymentDay(BaseModel):
    day: str
    count: int
    amount_fen: int
    refunded_fen: int


class Dashboard(BaseModel):
    days: int
    queues: list[QueueFigure]
    certificates: list[CertificateDay]
    scans: list[ScanDay]
    payments: list[PaymentDay]
