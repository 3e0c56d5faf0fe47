"""The sandbox e-invoice service: a small tax-control platform running inside mCert.

It keeps its own book of requests (``sandbox_invoices``), decides each one as the tax
bureau would from the test data below, renders the 数电票 PDF and XML
(:mod:`mcert.providers.invoice_document`), and tells the merchant by a callback signed with
HMAC-SHA256 (header ``X-Invoice-Signature``, key generated on first use under
``<data_dir>/sandbox/``), retried after 1, 5, 15 and 60 minutes until the answer is
``success``. :meth:`SandboxInvoiceService.query` answers for a lost callback.

Test data (also in docs/sandbox.md), by the buyer's tax number (纳税人识别号):

================================  ===========================================================
buyer                             outcome
================================  ===========================================================
tax number, characters 9–16       failed: 税务机关拒绝开票：购买方纳税人识别号状态异常
``99999999``                      (every attempt; the holder must use another title)
tax number, characters 9–16       failed on a first attempt (request number ending ``-1``):
``88888888``                      税务系统繁忙，请稍后重试; a retry is issued
name containing 拒开               failed: 购买方名称与税务登记信息不符
anything else                     issued
================================  ===========================================================

It must never run in production and never import mCert's domains.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from mcert.clock import Clock
from mcert.db.base import Base, IdMixin, UTCDateTime
from mcert.errors import NotFound
from mcert.providers.delivery import DeliveryWorker
from mcert.providers.invoice import (
    SIGNATURE_HEADER,
    CallbackRejected,
    InvoiceKind,
    IssueRequest,
    IssueResult,
    Party,
    ResultState,
    invoice_providers,
)
from mcert.providers.invoice_document import (
    DocumentLine,
    InvoiceDocument,
    render_pdf,
    render_xml,
)

log = logging.getLogger(__name__)

BEIJING = ZoneInfo("Asia/Shanghai")
RETRY_DELAYS = (60, 300, 900, 3600)
REJECTED_BODY = "99999999"
BUSY_BODY = "88888888"
REJECTED_NAME = "拒开"
REASON_REJECTED = "税务机关拒绝开票：购买方纳税人识别号状态异常"
REASON_BUSY = "税务系统繁忙，请稍后重试"
REASON_NAME = "购买方名称与税务登记信息不符"


class CallbackState(StrEnum):
    PENDING = "pending"  # to be delivered (again) at next_callback_at
    DONE = "done"  # answered success
    ABANDONED = "abandoned"  # every retry failed
    LOST = "lost"  # dropped on purpose (tests of the query path)
    NONE = "none"  # red-letter invoices are answered synchronously


class SandboxInvoice(IdMixin, Base):
    """One request in the sandbox's own book (a separate database file on SQLite)."""

    __tablename__ = "sandbox_invoices"

    request_no: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    request: Mapped[str] = mapped_column(Text, nullable=False)
    state: Mapped[str] = mapped_column(String(12), nullable=False)
    invoice_no: Mapped[str | None] = mapped_column(String(20), unique=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    xml: Mapped[bytes | None] = mapped_column(LargeBinary)
    notify_url: Mapped[str | None] = mapped_column(String(500))
    callback_state: Mapped[str] = mapped_column(String(12), nullable=False)  # CallbackState
    callback_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


class _Response(Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def text(self) -> str: ...


class HTTPPoster(Protocol):
    """``httpx.Client`` or a ``TestClient``."""

    def post(self, url: str, *, content: bytes, headers: dict[str, str]) -> _Response: ...


def _callback_key(folder: Path) -> bytes:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "invoice_callback.key"
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
        try:
            os.link(tmp, path)  # first writer wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_bytes()


def _party(data: Mapping[str, Any]) -> Party:
    return Party(
        **{k: data.get(k) for k in ("address", "phone", "bank", "account")},
        name=data["name"],
        tax_no=data.get("tax_no"),
    )


@invoice_providers.register("sandbox")
class SandboxInvoiceService:
    name = "sandbox"

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        clock: Clock,
        data_dir: Path,
        seller: Party,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._folder = data_dir / "sandbox"
        self._key: bytes | None = None
        self.seller = seller

    @property
    def key(self) -> bytes:
        if self._key is None:
            self._key = _callback_key(self._folder)
        return self._key

    # ------------------------------------------------------------------ the tax bureau

    def _decide(self, request: IssueRequest) -> str | None:
        tax_no = request.buyer.tax_no or ""
        if len(tax_no) == 18 and tax_no[8:16] == REJECTED_BODY:
            return REASON_REJECTED
        if len(tax_no) == 18 and tax_no[8:16] == BUSY_BODY and request.request_no.endswith("-1"):
            return REASON_BUSY
        if REJECTED_NAME in request.buyer.name:
            return REASON_NAME
        return None

    def _invoice_no(self, now: datetime) -> str:
        # 数电票号码: 2-digit year, 2-digit region (11 = Beijing), channel 1, 15-digit serial.
        return f"{now.astimezone(BEIJING):%y}111" + "".join(
            secrets.choice("0123456789") for _ in range(15)
        )

    def _document(
        self,
        invoice_no: str,
        now: datetime,
        kind: InvoiceKind,
        buyer: Party,
        lines: list[dict[str, Any]],
        sign: int = 1,
        red_of: str | None = None,
    ) -> InvoiceDocument:
        refs = ",".join(line.get("reference", "") for line in lines if line.get("reference"))
        return InvoiceDocument(
            invoice_no=invoice_no,
            issued_at=now.astimezone(BEIJING),
            kind=kind,
            buyer=buyer,
            seller=self.seller,
            lines=tuple(
                DocumentLine(line["name"], line["quantity"], sign * line["amount_fen"])
                for line in lines
            ),
            remark=f"订单号：{refs}" if refs else "",
            red_of=red_of,
        )

    def submit(self, request: IssueRequest) -> None:
        now = self._clock.now()
        with self._sessions() as db:
            if db.scalar(
                select(SandboxInvoice.id).where(SandboxInvoice.request_no == request.request_no)
            ):
                return
            data = asdict(request)
            reason = self._decide(request)
            row = SandboxInvoice(
                request_no=request.request_no,
                request=json.dumps(data, ensure_ascii=False, default=str),
                state=ResultState.FAILED if reason else ResultState.ISSUED,
                reason=reason,
                notify_url=request.notify_url,
                callback_state=CallbackState.PENDING,
                callback_attempts=0,
                next_callback_at=now,
                created_at=now,
            )
            if reason is None:
                row.invoice_no = self._invoice_no(now)
                row.issued_at = now
                doc = self._document(
                    row.invoice_no, now, request.kind, request.buyer, data["lines"]
                )
                row.pdf, row.xml = render_pdf(doc), render_xml(doc)
            db.add(row)
            db.commit()
        log.info("sandbox invoice %s: %s", request.request_no, reason or "issued")

    def red_letter(self, request_no: str, original_invoice_no: str, reason: str) -> IssueResult:
        now = self._clock.now()
        with self._sessions() as db:
            done = db.scalar(select(SandboxInvoice).where(SandboxInvoice.request_no == request_no))
            if done is None:
                blue = db.scalar(
                    select(SandboxInvoice).where(SandboxInvoice.invoice_no == original_invoice_no)
                )
                if blue is None or blue.state != ResultState.ISSUED:
                    raise NotFound("原蓝字发票不存在", code="invoice_original_unknown")
                original = json.loads(blue.request)
                done = SandboxInvoice(
                    request_no=request_no,
                    request=json.dumps(
                        {"red_of": original_invoice_no, "reason": reason}, ensure_ascii=False
                    ),
                    state=ResultState.ISSUED,
                    invoice_no=self._invoice_no(now),
                    issued_at=now,
                    callback_state=CallbackState.NONE,
                    callback_attempts=0,
                    created_at=now,
                )
                doc = self._document(
                    done.invoice_no or "",
                    now,
                    InvoiceKind(original["kind"]),
                    _party(original["buyer"]),
                    original["lines"],
                    sign=-1,
                    red_of=original_invoice_no,
                )
                done.pdf, done.xml = render_pdf(doc), render_xml(doc)
                db.add(done)
                db.commit()
            return self._result(done)

    # ------------------------------------------------------------------ merchant protocol

    @staticmethod
    def _result(row: SandboxInvoice) -> IssueResult:
        return IssueResult(
            request_no=row.request_no,
            state=ResultState(row.state),
            invoice_no=row.invoice_no,
            issued_at=row.issued_at,
            reason=row.reason,
            pdf=row.pdf,
            xml=row.xml,
        )

    def query(self, request_no: str) -> IssueResult:
        with self._sessions() as db:
            row = db.scalar(select(SandboxInvoice).where(SandboxInvoice.request_no == request_no))
            if row is None:
                return IssueResult(request_no=request_no, state=ResultState.PROCESSING)
            return self._result(row)

    def sign(self, body: bytes) -> str:
        return hmac.new(self.key, body, hashlib.sha256).hexdigest()

    def verify_callback(self, body: bytes, signature: str) -> IssueResult:
        if not hmac.compare_digest(self.sign(body), signature or ""):
            raise CallbackRejected()
        try:
            data = json.loads(body)
            return IssueResult(
                request_no=str(data["request_no"]),
                state=ResultState(data["state"]),
                invoice_no=data.get("invoice_no"),
                issued_at=datetime.fromisoformat(data["issued_at"])
                if data.get("issued_at")
                else None,
                reason=data.get("reason"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CallbackRejected("开票结果通知格式不正确") from exc

    def callback_body(self, row: SandboxInvoice) -> bytes:
        return json.dumps(
            {
                "request_no": row.request_no,
                "state": row.state,
                "invoice_no": row.invoice_no,
                "issued_at": row.issued_at.isoformat() if row.issued_at else None,
                "reason": row.reason,
            },
            ensure_ascii=False,
            sort_keys=True,
        ).encode()

    def deliver_due(self, http: HTTPPoster, limit: int = 100) -> int:
        """Post the due callbacks; returns how many were answered ``success``.

        No transaction is held while posting: the merchant's handler queries this service.
        """
        now = self._clock.now()
        with self._sessions() as db:
            due = [
                (row.id, row.notify_url or "", self.callback_body(row))
                for row in db.scalars(
                    select(SandboxInvoice)
                    .where(
                        SandboxInvoice.callback_state == CallbackState.PENDING,
                        SandboxInvoice.next_callback_at <= now,
                    )
                    .order_by(SandboxInvoice.created_at)
                    .limit(limit)
                ).all()
            ]
            db.rollback()
        delivered = 0
        for row_id, url, body in due:
            ok = False
            try:
                answer = http.post(
                    url,
                    content=body,
                    headers={"Content-Type": "application/json", SIGNATURE_HEADER: self.sign(body)},
                )
                ok = answer.status_code == 200 and answer.text.strip() == "success"
            except Exception as exc:
                log.info("sandbox invoice callback to %s failed: %s", url, exc)
            with self._sessions() as db:
                row = db.get(SandboxInvoice, row_id)
                assert row is not None
                row.callback_attempts += 1
                if ok:
                    row.callback_state = CallbackState.DONE
                    delivered += 1
                elif row.callback_attempts > len(RETRY_DELAYS):
                    row.callback_state = CallbackState.ABANDONED
                else:
                    delay = RETRY_DELAYS[row.callback_attempts - 1]
                    row.next_callback_at = now + timedelta(seconds=delay)
                db.commit()
        return delivered

    def start_background_delivery(self, interval_seconds: float = 2.0) -> DeliveryWorker:
        worker = DeliveryWorker("sandbox-invoice-callback", self.deliver_due, interval_seconds)
        worker.start()
        return worker

    def drop_callbacks(self) -> int:
        """Lose every pending callback (tests of the query for lost callbacks)."""
        with self._sessions() as db:
            rows = db.scalars(
                select(SandboxInvoice).where(SandboxInvoice.callback_state == CallbackState.PENDING)
            ).all()
            for row in rows:
                row.callback_state = CallbackState.LOST
            db.commit()
            return len(rows)


def sandbox_invoice_tables() -> list[Any]:
    return [SandboxInvoice.__table__]
