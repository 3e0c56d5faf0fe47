"""The demo bidding platform's backend: it holds the SDK client, the session handles (with
their ``qr_secret``) and the bids; the browser only ever sees QR images, frame texts,
statuses and verified results.

Everything it asks of mCert goes through :mod:`mcert_rp` (the root CA certificate too, from
``/pki/ca/root.crt``, when no ``root_pem`` is configured); it imports nothing of the mCert
server. Its pages refresh the animated QR with the SDK's ``mcert-qr.js``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources
from typing import Annotated, Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from mcert_rp import (
    APIError,
    Client,
    EnvelopeError,
    MCertRPError,
    SessionHandle,
    SessionNotPending,
    SessionStatus,
    TransportError,
    VerificationError,
    Verifier,
    decrypt_with_session,
    encrypt_bid,
    prepare_decrypt,
)
from mcert_rp import pdf as rp_pdf
from mcert_rp.demo import pages, qr, sealing
from mcert_rp.demo._headers import SecurityHeaders, csp_for_inline_scripts

BEIJING = timezone(timedelta(hours=8))
KEEP_SECONDS = 30 * 60
MAX_UPLOAD = 20 * 1024 * 1024
USER_COOKIE = "demo_user"
HINT_TEXT = {
    "outstanding": "等待扫码",
    "scanned": "已扫码，请在手机上确认",
    "user_confirming": "已扫码，请在手机上输入证书密码",
}
REASON_TEXT = {
    "cancelled": "已取消",
    "user_cancel": "用户在手机上取消了操作",
    "expired": "操作超时，请重新发起",
    "cert_locked": "证书已锁定，请在手机上重置证书密码",
    "cert_revoked": "证书已吊销",
    "cert_expired": "证书已过期",
    "not_eligible": "所选证书不符合本次业务要求",
    "signature_invalid": "签名验证失败",
}
DONE_TEXT = {"sign": "签章完成", "decrypt": "解密完成", "seal": "盖章完成"}
HINT_TEXT["digest_ready"] = "已选择印章，请在手机上完成盖章"
REASON_TEXT["no_seal"] = "所选证书在手机上没有本次需要的已申领印章"


@dataclass(frozen=True)
class DemoConfig:
    server: str
    client_id: str
    secret: str
    root_pem: bytes | None = None
    platform_name: str = "示范招投标平台"
    rp_name: str | None = None  # checked in login payloads when known


@dataclass
class Bid:
    id: str
    filename: str
    size: int
    envelope: bytes
    cert: x509.Certificate
    created: float = field(default_factory=time.time)
    plain: bytes | None = None


@dataclass
class Pending:
    """One mCert session started by the demo; ``outcome`` is cached once final."""

    id: str
    handle: SessionHandle
    created: float = field(default_factory=time.time)
    documents: list[dict[str, str]] = field(default_factory=list)
    bid: Bid | None = None
    recipient: dict[str, Any] | None = None
    rp_key: ec.EllipticCurvePrivateKey | None = None
    outcome: dict[str, Any] | None = None
    user_token: str | None = None
    seal: sealing.SealRound | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class Store:
    """In-memory state of a single-process demo; entries expire after half an hour."""

    def __init__(self) -> None:
        self.sessions: dict[str, Pending] = {}
        self.bids: dict[str, Bid] = {}
        self.pdfs: dict[str, sealing.BidPdf] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def add_session(self, pending: Pending) -> None:
        with self._lock:
            self._sweep()
            self.sessions[pending.id] = pending

    def add_bid(self, bid: Bid) -> None:
        with self._lock:
            self._sweep()
            self.bids[bid.id] = bid

    def add_pdf(self, pdf: sealing.BidPdf) -> None:
        with self._lock:
            self._sweep()
            self.pdfs[pdf.id] = pdf

    def pdf(self, pdf_id: str) -> sealing.BidPdf:
        found = self.pdfs.get(pdf_id)
        if found is None:
            raise HTTPException(404, "投标文件不存在或已过期")
        return found

    def _sweep(self) -> None:
        cutoff = time.time() - KEEP_SECONDS
        tables: tuple[dict[str, Any], ...] = (self.sessions, self.bids, self.pdfs)
        for table in tables:
            for key in [k for k, v in table.items() if v.created < cutoff]:
                del table[key]

    def session(self, sid: str) -> Pending:
        pending = self.sessions.get(sid)
        if pending is None:
            raise HTTPException(404, "会话不存在或已过期")
        return pending

    def bid(self, bid_id: str) -> Bid:
        bid = self.bids.get(bid_id)
        if bid is None:
            raise HTTPException(404, "标书不存在或已过期")
        return bid


def _local(value: datetime) -> str:
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S (北京时间)")


def _subject(cert: x509.Certificate) -> dict[str, str | None]:
    def attr(oid: x509.ObjectIdentifier) -> str | None:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    return {
        "name": attr(NameOID.COMMON_NAME),
        "organization": attr(NameOID.ORGANIZATION_NAME),
        "serial": format(cert.serial_number, "x"),
    }


def _load_cert(data: bytes) -> x509.Certificate:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)[0]
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise HTTPException(400, "加密证书无法解析：请粘贴 PEM 格式的加密证书") from None


async def _read(upload: UploadFile) -> bytes:
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, "文件过大（上限 20 MB）")
    return data


def create_app(config: DemoConfig, http: httpx.Client | None = None) -> FastAPI:
    """The demo platform; ``http`` lets tests point the SDK at any transport."""
    client = Client(config.server, config.client_id, config.secret, http=http)
    store = Store()
    verifier_box: list[Verifier] = []
    root_box: list[x509.Certificate] = []
    verifier_lock = threading.Lock()

    def root() -> x509.Certificate:
        with verifier_lock:
            if not root_box:
                if config.root_pem is None:
                    root_box.append(client.root_certificate())
                else:
                    root_box.append(_load_cert(config.root_pem))
            return root_box[0]

    def verifier() -> Verifier:
        cert = root()
        with verifier_lock:
            if not verifier_box:
                verifier_box.append(
                    Verifier([cert], client_id=config.client_id, rp_name=config.rp_name)
                )
            return verifier_box[0]

    app = FastAPI(title=config.platform_name, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.add_middleware(SecurityHeaders)
    qr_script = (resources.files("mcert_rp") / "static" / "mcert-qr.js").read_bytes()

    @app.exception_handler(APIError)
    async def api_error(_: Request, exc: APIError) -> JSONResponse:
        return JSONResponse({"detail": f"mCert: {exc.message} ({exc.code})"}, status_code=502)

    @app.exception_handler(TransportError)
    async def unreachable(_: Request, exc: TransportError) -> JSONResponse:
        return JSONResponse({"detail": f"无法连接 mCert 服务器 {config.server}"}, status_code=502)

    def user_of(request: Request) -> dict[str, Any] | None:
        return store.users.get(request.cookies.get(USER_COOKIE, ""))

    # ------------------------------------------------------------------ pages

    def html(request: Request, page: str) -> HTMLResponse:
        body = pages.render(page, config.platform_name, user_of(request))
        return HTMLResponse(body, headers={"Content-Security-Policy": csp_for_inline_scripts(body)})

    @app.get("/static/mcert-qr.js")
    def mcert_qr_js() -> Response:
        return Response(qr_script, media_type="text/javascript; charset=utf-8")

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        return html(request, "home")

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return html(request, "login")

    @app.get("/sign", response_class=HTMLResponse)
    def sign_page(request: Request) -> HTMLResponse:
        return html(request, "sign")

    @app.get("/decrypt", response_class=HTMLResponse)
    def decrypt_page(request: Request) -> HTMLResponse:
        return html(request, "decrypt")

    @app.get("/seal", response_class=HTMLResponse)
    def seal_page(request: Request) -> HTMLResponse:
        return html(request, "seal")

    @app.get("/verify", response_class=HTMLResponse)
    def verify_page(request: Request) -> HTMLResponse:
        return html(request, "verify")

    @app.post("/logout")
    def logout(request: Request) -> Response:
        store.users.pop(request.cookies.get(USER_COOKIE, ""), None)
        resp = Response(status_code=303, headers={"Location": "/"})
        resp.delete_cookie(USER_COOKIE)
        return resp

    @app.get("/api/me")
    def me(request: Request) -> dict[str, Any]:
        return {"user": user_of(request)}

    # ------------------------------------------------------------------ starting sessions

    def started(pending: Pending, **extra: Any) -> dict[str, Any]:
        store.add_session(pending)
        return {"id": pending.id, "type": pending.handle.type, **extra}

    @app.post("/api/login")
    def start_login() -> dict[str, Any]:
        handle = client.start_login(display_text=f"登录 {config.platform_name}")
        return started(Pending(secrets.token_urlsafe(16), handle))

    @app.post("/api/sign")
    async def start_sign(
        text: Annotated[str, Form()] = "",
        files: Annotated[list[UploadFile] | None, File()] = None,
    ) -> dict[str, Any]:
        documents: list[tuple[str, bytes]] = []
        if text.strip():
            documents.append(("文本内容", hashlib.sha256(text.encode()).digest()))
        for upload in files or []:
            if upload.filename:
                data = await _read(upload)
                documents.append((upload.filename[:100], hashlib.sha256(data).digest()))
        if not documents:
            raise HTTPException(400, "请输入文本或选择文件")
        if len(documents) > 100:
            raise HTTPException(400, "一次最多签署 100 份文件")
        names = "、".join(label for label, _ in documents)
        handle = await run_in_threadpool(
            client.start_sign,
            display_text=f"签署文件 {len(documents)} 份：{names}"[:200],
            digests=documents,
        )
        docs = [{"label": label, "sha256": d.hex()} for label, d in documents]
        return started(Pending(secrets.token_urlsafe(16), handle, documents=docs), documents=docs)

    @app.post("/api/bids")
    async def encrypt(
        bid_text: Annotated[str, Form()] = "",
        bid_file: Annotated[UploadFile | None, File()] = None,
        cert_pem: Annotated[str, Form()] = "",
        cert_file: Annotated[UploadFile | None, File()] = None,
    ) -> dict[str, Any]:
        if bid_file is not None and bid_file.filename:
            content, filename = await _read(bid_file), bid_file.filename
        elif bid_text.strip():
            content, filename = bid_text.encode(), "投标文件.txt"
        else:
            raise HTTPException(400, "请上传投标文件或输入投标内容")
        if cert_file is not None and cert_file.filename:
            cert = _load_cert(await _read(cert_file))
        elif cert_pem.strip():
            cert = _load_cert(cert_pem.strip().encode())
        else:
            raise HTTPException(400, "请提供投标人的加密证书 (PEM)")
        try:
            envelope = encrypt_bid(content, [cert])
        except EnvelopeError as exc:  # an unusable key (RSA, wrong curve, signing-only…)
            raise HTTPException(400, f"无法用该证书加密：{exc}") from exc
        bid = Bid(secrets.token_urlsafe(12), filename[:100], len(content), envelope, cert)
        store.add_bid(bid)
        return {
            "bid_id": bid.id,
            "filename": bid.filename,
            "size": bid.size,
            "envelope_size": len(envelope),
            "envelope_sha256": hashlib.sha256(envelope).hexdigest(),
            "recipient": _subject(cert),
            "download": f"/api/bids/{bid.id}/envelope",
        }

    @app.get("/api/bids/{bid_id}/envelope")
    def envelope(bid_id: str) -> Response:
        bid = store.bid(bid_id)
        return Response(
            bid.envelope,
            media_type="application/pkcs7-mime",
            headers={"Content-Disposition": f'attachment; filename="{bid.id}.p7m"'},
        )

    @app.get("/api/bids/{bid_id}/plain")
    def plain(bid_id: str) -> Response:
        bid = store.bid(bid_id)
        if bid.plain is None:
            raise HTTPException(409, "尚未解密")
        return Response(
            bid.plain,
            media_type="application/octet-stream",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(bid.filename)}"},
        )

    @app.post("/api/bids/{bid_id}/decrypt")
    def start_decrypt(bid_id: str) -> dict[str, Any]:
        bid = store.bid(bid_id)
        recipient, rp_key, rp_public = prepare_decrypt(bid.envelope, bid.cert)
        handle = client.start_decrypt(
            display_text=f"开标解密：{bid.filename}"[:200],
            recipient=recipient,
            rp_public_key=rp_public,
        )
        pending = Pending(
            secrets.token_urlsafe(16), handle, bid=bid, recipient=recipient, rp_key=rp_key
        )
        return started(pending)

    # ------------------------------------------------------------------ 投标文件签章, 验章

    async def read_pdf(upload: UploadFile | None) -> bytes:
        if upload is None or not upload.filename:
            raise HTTPException(400, "请选择 PDF 文件")
        data = await _read(upload)
        if not data.startswith(b"%PDF"):
            raise HTTPException(400, "不是 PDF 文件")
        return data

    @app.post("/api/pdfs")
    async def upload_pdf(file: Annotated[UploadFile | None, File()] = None) -> dict[str, Any]:
        data = await read_pdf(file)
        try:
            described = await run_in_threadpool(sealing.describe, data)
        except rp_pdf.PdfRefused as exc:
            raise HTTPException(400, exc.message) from exc
        name = (file.filename if file and file.filename else "投标文件.pdf")[:100]
        bid = sealing.BidPdf(secrets.token_urlsafe(12), name, data, data)
        store.add_pdf(bid)
        return {"pdf_id": bid.id, "filename": bid.filename, "size": len(data), **described}

    @app.post("/api/pdfs/{pdf_id}/seal")
    def start_seal(
        pdf_id: str,
        step: Annotated[str, Form()],
        kinds: Annotated[str, Form()] = "",
    ) -> dict[str, Any]:
        """One seal (one scan) on the bid's latest version: ``step`` is straddle, company or
        legal; ``kinds`` (comma-separated seal types) overrides the step's default."""
        bid = store.pdf(pdf_id)
        if step not in sealing.STEPS:
            raise HTTPException(400, "未知的盖章位置")
        chosen = [k for k in kinds.split(",") if k.strip()]
        if not set(chosen) <= set(sealing.SEAL_KINDS):
            raise HTTPException(400, "未知的印章类型")
        try:
            handle, job = sealing.start_round(client, bid, step, chosen or None)
        except rp_pdf.PdfRefused as exc:
            raise HTTPException(400, exc.message) from exc
        pending = Pending(secrets.token_urlsafe(16), handle, seal=job)
        threading.Thread(
            target=sealing.answer_choice, args=(client, handle, job), daemon=True
        ).start()
        return started(pending, step=step, label=sealing.STEPS[step].label)

    @app.get("/api/pdfs/{pdf_id}/sealed")
    def sealed_pdf(pdf_id: str) -> Response:
        bid = store.pdf(pdf_id)
        name = _quote(bid.filename.removesuffix(".pdf").removesuffix(".PDF") + "-已盖章.pdf")
        return Response(
            bid.current,
            media_type="application/pdf",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
        )

    @app.post("/api/verify")
    async def verify_upload(file: Annotated[UploadFile | None, File()] = None) -> dict[str, Any]:
        """验章: every signature of any PDF, against mCert's root."""
        data = await read_pdf(file)
        trusted = await run_in_threadpool(root)
        try:
            report = await run_in_threadpool(rp_pdf.verify_pdf, data, [trusted])
        except rp_pdf.PdfRefused as exc:
            raise HTTPException(400, exc.message) from exc
        return sealing.report_json(report)

    # ------------------------------------------------------------------ QR and status

    def frame(pending: Pending) -> tuple[str, int]:
        seconds = max(0, int(time.time() - pending.handle.created_at.timestamp()))
        return pending.handle.qr_text(seconds), seconds

    @app.get("/api/sessions/{sid}/frame")
    def current_frame(sid: str) -> dict[str, Any]:
        """The current QR text (what the image encodes): for copying into a phone client,
        and for tests. The frame's key stays here."""
        text, seconds = frame(store.session(sid))
        return {"qr": text, "seconds": seconds}

    @app.get("/api/sessions/{sid}/qr.svg")
    def qr_svg(sid: str) -> Response:
        text, _ = frame(store.session(sid))
        return Response(
            qr.svg(text), media_type="image/svg+xml", headers={"Cache-Control": "no-store"}
        )

    @app.get("/api/sessions/{sid}/qr.png")
    def qr_png(sid: str) -> Response:
        text, _ = frame(store.session(sid))
        return Response(qr.png(text), media_type="image/png", headers={"Cache-Control": "no-store"})

    def finish(pending: Pending, status: SessionStatus) -> dict[str, Any]:
        kind = pending.handle.type
        if status.status == "failed":
            reason = status.reason or "failed"
            if reason == "cancelled" and pending.seal is not None and pending.seal.error:
                return {
                    "status": "failed",
                    "reason": "pdf_refused",
                    "text": f"失败：{pending.seal.error}",
                }
            return {
                "status": "failed",
                "reason": reason,
                "text": f"失败：{REASON_TEXT.get(reason, reason)}",
            }
        try:
            if kind == "login":
                login = verifier().verify_login(status, pending.handle)
                holder = _holder(login.holder)
                token = secrets.token_urlsafe(24)
                store.users[token] = {**holder, "signed_at": login.signed_at}
                pending.user_token = token
                return {
                    "status": "complete",
                    "text": f"登录成功：{login.holder.name}",
                    "holder": holder,
                    "signed_at": login.signed_at,
                }
            if kind == "seal":
                assert pending.seal is not None
                assert status.result is not None
                done = sealing.finish_round(client, pending.seal, status.result, root())
                return {
                    "status": "complete",
                    "text": f"盖章完成：{done['label']}，{done['signer']}",
                    **done,
                }
            if kind == "sign":
                signed = verifier().verify_sign(status, pending.handle)
                return {
                    "status": "complete",
                    "text": f"签章完成：{signed.holder.name}，{len(signed.signatures)} 份文件",
                    "holder": _holder(signed.holder),
                    "signatures": [
                        {
                            "label": s.label,
                            "sha256": s.digest.hex(),
                            "signature": base64.b64encode(s.signature).decode(),
                            "timestamp_time": _local(s.time),
                            "time": s.time.isoformat(),
                        }
                        for s in signed.signatures
                    ],
                }
            bid = pending.bid
            assert bid is not None
            assert pending.recipient is not None
            assert pending.rp_key is not None
            opener = verifier().verify_decrypt(status, bid.cert)
            bid.plain = decrypt_with_session(
                bid.envelope, pending.recipient, status, pending.rp_key
            )
            try:
                preview: str | None = bid.plain[:20000].decode("utf-8")
            except UnicodeDecodeError:
                preview = None
            return {
                "status": "complete",
                "text": f"解密完成：{bid.filename}（{len(bid.plain)} 字节）",
                "filename": bid.filename,
                "size": len(bid.plain),
                "preview": preview,
                "download": f"/api/bids/{bid.id}/plain",
                "recipient": _subject(bid.cert),
                "holder": _holder(opener),
            }
        except VerificationError as exc:
            return {
                "status": "failed",
                "reason": "verification_failed",
                "text": f"失败：结果验证未通过（{type(exc).__name__}: {exc}）",
            }
        except EnvelopeError as exc:  # the envelope did not open with the phone's output
            return {"status": "failed", "reason": "decrypt_failed", "text": f"解密失败：{exc}"}
        except MCertRPError as exc:
            return {"status": "failed", "reason": "error", "text": f"失败：{exc}"}

    @app.get("/api/sessions/{sid}/status")
    def session_status(sid: str, wait: Annotated[float, Query(ge=0, le=20)] = 0) -> JSONResponse:
        """Long-polls mCert (``wait`` seconds) and answers pending, complete or failed."""
        pending = store.session(sid)
        if pending.outcome is None:
            status = client.collect(pending.handle.session_id, wait=wait)
            if status.status == "pending":
                hint = status.hint or "outstanding"
                return JSONResponse(
                    {"status": "pending", "hint": hint, "text": HINT_TEXT.get(hint, hint)}
                )
            with pending.lock:
                if pending.outcome is None:
                    pending.outcome = finish(pending, status)
        resp = JSONResponse(pending.outcome)
        if pending.user_token:
            resp.set_cookie(USER_COOKIE, pending.user_token, httponly=True, samesite="lax")
        return resp

    @app.post("/api/sessions/{sid}/cancel")
    def cancel(sid: str) -> dict[str, Any]:
        pending = store.session(sid)
        try:
            client.cancel(pending.handle.session_id)
        except SessionNotPending:
            pass  # it ended on its own meanwhile
        return {"cancelled": True}

    return app


def _holder(h: Any) -> dict[str, Any]:
    return {"name": h.name, "organization": h.organization, "serial": h.serial}


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
