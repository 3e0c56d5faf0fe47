"""``mcert-rp``: a relying party's side of scan-to-use, from a terminal.

Each command starts one session (login, sign, decrypt) with the SDK, shows the animated QR
code in the terminal (a new frame every second), long-polls until the phone completes or
fails, verifies the result with :class:`~mcert_rp.Verifier` and prints what was verified.
``encrypt`` needs no server: it makes a bid envelope for a holder's encryption certificate.

When stdout is not a terminal the QR art is left out and each new frame's text is printed on
its own line, so scripts (and tests) can read it; with ``--json`` every line is one JSON
object (``{"event": "qr" | "hint" | "result" | "failed", ...}``).

The client secret and the session's ``qr_secret`` are never printed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from mcert_rp._client import Client, SessionHandle, SessionStatus
from mcert_rp._envelope import decrypt_with_session, encrypt_bid, prepare_decrypt
from mcert_rp._exceptions import (
    APIError,
    DecryptionFailed,
    EnvelopeError,
    MCertRPError,
    SessionFailed,
    TransportError,
    VerificationError,
)
from mcert_rp._verify import Holder, Verifier

DEFAULT_SERVER = "http://127.0.0.1:8000"
BEIJING = timezone(timedelta(hours=8), "CST")
# A session waits this long for a scan, then as long again for the phone (server side).
SCAN_SECONDS = 180

HINT_TEXT = {
    "outstanding": "等待扫码 waiting for a scan",
    "scanned": "已扫码，请在手机上确认 scanned — confirm on the phone",
    "user_confirming": "正在手机上确认 confirming on the phone",
    "digest_ready": "文件已准备，等待手机签名 prepared — the phone signs",
}
REASON_TEXT = {
    "cancelled": "已取消 cancelled by the platform",
    "user_cancel": "用户在手机上取消 the holder declined on the phone",
    "expired": "操作超时 timed out — start again",
    "cert_locked": "证书已锁定 the certificate is locked (too many wrong passwords)",
    "cert_revoked": "证书已吊销或已被替换 the certificate is revoked or replaced",
    "cert_expired": "证书已过期 the certificate has expired",
    "not_eligible": "该证书不符合本次业务要求 the certificate does not qualify",
    "signature_invalid": "签名验证失败 the phone's signature did not verify",
    "no_seal": "没有所需类型的已申领印章 no claimed seal of the kinds asked for",
}
TYPE_TEXT = {"login": "登录", "sign": "签章", "decrypt": "解密", "seal": "盖章"}


def reason_text(reason: str | None) -> str:
    return REASON_TEXT.get(reason or "", reason or "unknown")


# --------------------------------------------------------------------------- QR rendering


def qr_matrix(text: str, border: int = 2) -> list[list[bool]]:
    """The QR code's modules (True = dark), with a quiet zone of ``border`` modules."""
    import qrcode  # type: ignore[import-untyped]

    qr = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return [[bool(cell) for cell in row] for row in qr.get_matrix()]


def qr_terminal(text: str) -> str:
    """Half-block rendering with explicit black-on-white colours, so it scans on dark and
    light terminals alike: two module rows per text line."""
    rows = qr_matrix(text)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyph = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        cells = "".join(glyph[(a, b)] for a, b in zip(top, bottom, strict=True))
        lines.append(f"\x1b[30;107m{cells}\x1b[0m")
    return "\n".join(lines)


def write_png(text: str, path: Path) -> None:
    """The frame as a PNG, replaced atomically so a viewer never reads half a file."""
    import qrcode

    image = qrcode.make(text, border=2, box_size=8)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as out:
        image.save(out, format="PNG")
    os.replace(tmp, path)


# --------------------------------------------------------------------------- state


class Failed(Exception):
    """End the command with exit status 1: ``code`` and a message for the operator."""

    def __init__(self, code: str, message: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.data = code, message, data or {}


@dataclass
class App:
    server: str
    client_id: str | None
    secret: str | None
    root: Path | None
    as_json: bool
    rp_name: str | None
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _client: Client | None = field(default=None, repr=False)

    def client(self) -> Client:
        if self._client is None:
            if not (self.client_id and self.secret):
                raise click.UsageError(
                    "--client-id and --secret are required (or MCERT_RP_CLIENT_ID / "
                    "MCERT_RP_SECRET); register a platform with: mcert rp create --name NAME"
                )
            self._client = Client(self.server, self.client_id, self.secret)
        return self._client

    def verifier(self) -> Verifier:
        client_id = self.client().client_id  # refuses early without credentials
        return Verifier(list[Any](self.roots()), client_id=client_id, rp_name=self.rp_name)

    def roots(self) -> list[x509.Certificate]:
        if self.root is not None:
            data = self.root.read_bytes()
            roots = (
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        else:
            url = f"{self.server}/pki/ca/root.crt"
            try:
                root = self.client().root_certificate()
            except APIError as exc:
                raise Failed("root_unavailable", f"cannot fetch the root CA from {url}") from exc
            roots = [root]
            der = root.public_bytes(serialization.Encoding.DER)
            fingerprint = hashlib.sha256(der).hexdigest()
            click.echo(
                f"注意 note: trusting the root CA fetched from {url} "
                f"(SHA-256 {fingerprint[:16]}…); pin it with --root FILE.pem",
                err=True,
            )
        return list(roots)

    def event(self, **data: Any) -> None:
        """One JSON line (``--json``)."""
        self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.out.flush()

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()


pass_app = click.make_pass_decorator(App)


class _Group(click.Group):
    """Failures become one line ``错误 <code>: <message>`` on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Failed as exc:
            _fail(ctx, exc.code, exc.message, exc.data)
        except SessionFailed as exc:
            _fail(ctx, exc.reason, reason_text(exc.reason))
        except APIError as exc:
            _fail(ctx, exc.code, exc.message)
        except VerificationError as exc:
            _fail(ctx, "verification_failed", f"{type(exc).__name__}: {exc}")
        except DecryptionFailed as exc:
            _fail(ctx, "decrypt_failed", f"解密失败 decryption failed: {exc}")
        except EnvelopeError as exc:
            _fail(ctx, "envelope_invalid", f"数字信封不可用 {type(exc).__name__}: {exc}")
        except TransportError as exc:
            server = ctx.obj.server if isinstance(ctx.obj, App) else "?"
            _fail(ctx, "server_unreachable", f"无法连接服务器 cannot reach {server}: {exc}")
        except MCertRPError as exc:
            _fail(ctx, "error", str(exc))


def _fail(
    ctx: click.Context, code: str, message: str, data: dict[str, Any] | None = None
) -> NoReturn:
    app = ctx.obj if isinstance(ctx.obj, App) else None
    if app is not None and app.as_json:
        app.event(event="failed", code=code, message=message, **(data or {}))
    click.echo(f"错误 {code}: {message}", err=True)
    sys.exit(1)


# --------------------------------------------------------------------------- the wait


class Display:
    """Shows the session while it waits: QR frames once a second until the phone scans,
    then the hint. A terminal is redrawn in place; anything else gets one line per change."""

    def __init__(self, app: App, handle: SessionHandle, png: Path | None) -> None:
        self.app, self.handle, self.png = app, handle, png
        self.tty = app.out.isatty() and not app.as_json
        self.last_seconds = -1
        self.last_hint: str | None = None

    def tick(self, hint: str) -> None:
        seconds = max(0, int(time.time() - self.handle.created_at.timestamp()))
        showing_qr = hint == "outstanding"
        if hint == self.last_hint and (not showing_qr or seconds == self.last_seconds):
            return
        changed = hint != self.last_hint
        self.last_seconds, self.last_hint = seconds, hint
        qr = self.handle.qr_text(seconds) if showing_qr else None
        if qr is not None and self.png is not None:
            write_png(qr, self.png)
        if self.app.as_json:
            if changed:
                self.app.event(event="hint", hint=hint)
            if qr is not None:
                self.app.event(event="qr", qr=qr, seconds=seconds)
        elif self.tty:
            self._redraw(hint, qr, seconds)
        else:
            if changed:
                self.app.say(f"# {HINT_TEXT.get(hint, hint)}")
            if qr is not None:
                self.app.say(qr)

    def _redraw(self, hint: str, qr: str | None, seconds: int) -> None:
        kind = TYPE_TEXT.get(self.handle.type, self.handle.type)
        lines = ["\x1b[H\x1b[2J", f"mCert 扫码{kind}  session {self.handle.session_id}", ""]
        if qr is not None:
            lines += [qr_terminal(qr), "", "请用 mCert 移动证书扫码 scan with the mCert app"]
            lines.append(f"剩余 {max(0, SCAN_SECONDS - seconds)} 秒  (Ctrl-C 取消 cancels)")
            if self.png is not None:
                lines.append(f"PNG: {self.png}")
        lines.append(HINT_TEXT.get(hint, hint))
        self.app.say("\n".join(lines))


def wait_for(
    app: App,
    handle: SessionHandle,
    png: Path | None,
    on_selection: Callable[[SessionStatus], None] | None = None,
) -> SessionStatus:
    """Long-poll in a thread while the display ticks; Ctrl-C cancels the session.

    A seal session calls ``on_selection`` once the holder chose a certificate and seal."""
    client = app.client()
    latest: list[SessionStatus] = []
    errors: list[BaseException] = []

    def poll() -> None:
        handled = False
        try:
            while True:
                status = client.collect(handle.session_id, wait=20)
                latest.append(status)
                if status.status != "pending":
                    return
                if on_selection is not None and status.selection and not handled:
                    handled = True
                    on_selection(status)
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)

    def interrupted(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    display = Display(app, handle, png)
    worker = threading.Thread(target=poll, name="mcert-rp-collect", daemon=True)
    worker.start()
    # A terminated command cancels its session too, so the phone is not left confirming.
    previous = signal.signal(signal.SIGTERM, interrupted)
    try:
        while worker.is_alive():
            hint = latest[-1].hint if latest else "outstanding"
            display.tick(hint or "outstanding")
            worker.join(0.2)
    except KeyboardInterrupt:
        try:
            client.cancel(handle.session_id)
        except MCertRPError:
            pass
        raise Failed("cancelled", "已取消 cancelled") from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if errors:
        raise errors[0]
    status = latest[-1]
    if status.status == "failed":
        raise Failed(status.reason or "failed", reason_text(status.reason))
    if display.tty:
        app.say("\x1b[H\x1b[2J")
    return status


# --------------------------------------------------------------------------- output


def _holder(h: Holder) -> dict[str, Any]:
    return {
        "name": h.name,
        "organization": h.organization,
        "organization_identifier": h.organization_identifier,
        "serial": h.serial,
    }


def _holder_lines(app: App, h: Holder) -> None:
    app.say(f"  持证人 holder:        {h.name or '-'}")
    if h.organization:
        app.say(f"  单位 organisation:    {h.organization} ({h.organization_identifier or '-'})")
    app.say(f"  证书序列号 serial:    {h.serial}")


def _local(value: datetime) -> str:
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S %Z")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _display_text(value: str | None, default: str) -> str:
    return (value or default)[:200]


# --------------------------------------------------------------------------- commands


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--server",
    envvar="MCERT_RP_SERVER",
    default=DEFAULT_SERVER,
    show_default=True,
    help="mCert server (env MCERT_RP_SERVER)",
)
@click.option("--client-id", envvar="MCERT_RP_CLIENT_ID", help="env MCERT_RP_CLIENT_ID")
@click.option("--secret", envvar="MCERT_RP_SECRET", help="env MCERT_RP_SECRET")
@click.option(
    "--root",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Trusted root CA certificate (PEM or DER); default: fetched from the server",
)
@click.option("--rp-name", help="Also check that login payloads name this platform")
@click.option("--json", "as_json", is_flag=True, help="JSON lines for scripts")
@click.version_option(package_name="mcert-rp")
@click.pass_context
def main(
    ctx: click.Context,
    server: str,
    client_id: str | None,
    secret: str | None,
    root: Path | None,
    rp_name: str | None,
    as_json: bool,
) -> None:
    """mcert-rp: a bidding platform's side of mCert scan-to-use, in a terminal.

    \b
      mcert rp create --name 某某交易平台 --json      # once: client id and secret
      export MCERT_RP_CLIENT_ID=rp_… MCERT_RP_SECRET=…
      mcert-rp login
      mcert-rp sign 投标函.pdf 报价单.pdf
      mcert-rp encrypt --cert enc.pem --in bid.txt --out bid.p7m
      mcert-rp decrypt bid.p7m --cert enc.pem --out bid-opened.txt
      mcert-rp demo --port 8100                     # the demo bidding platform
    """
    ctx.obj = App(
        server=server.rstrip("/"),
        client_id=client_id,
        secret=secret,
        root=root,
        as_json=as_json,
        rp_name=rp_name,
    )


PngOption = click.option(
    "--png",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the current QR frame to this PNG file (every second)",
)
DisplayTextOption = click.option(
    "--display-text", help="Shown on the phone (default per operation)"
)


@main.command()
@DisplayTextOption
@PngOption
@pass_app
def login(app: App, display_text: str | None, png: Path | None) -> None:
    """扫码登录: who is at the keyboard, verified (certificate chain, OCSP, signature)."""
    verifier = app.verifier()
    handle = app.client().start_login(display_text=_display_text(display_text, "扫码登录"))
    status = wait_for(app, handle, png)
    result = verifier.verify_login(status, handle)
    if app.as_json:
        app.event(
            event="result",
            type="login",
            session_id=handle.session_id,
            holder=_holder(result.holder),
            signed_at=result.signed_at,
        )
        return
    app.say("登录成功 login verified")
    _holder_lines(app, result.holder)
    app.say(f"  签名时间 signed at:   {_local(datetime.fromisoformat(result.signed_at))}")


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@DisplayTextOption
@PngOption
@pass_app
def sign(app: App, files: tuple[Path, ...], display_text: str | None, png: Path | None) -> None:
    """文件签章: the holder signs the SHA-256 of each FILE; each signature is timestamped."""
    if len(files) > 100:
        raise click.UsageError("at most 100 files per session")
    digests = [(path.name[:100], hashlib.sha256(path.read_bytes()).digest()) for path in files]
    verifier = app.verifier()
    default = f"签署文件 {len(files)} 份：" + "、".join(label for label, _ in digests)
    handle = app.client().start_sign(
        display_text=_display_text(display_text, default), digests=digests
    )
    status = wait_for(app, handle, png)
    result = verifier.verify_sign(status, handle)
    if app.as_json:
        app.event(
            event="result",
            type="sign",
            session_id=handle.session_id,
            holder=_holder(result.holder),
            signatures=[
                {
                    "label": s.label,
                    "sha256": s.digest.hex(),
                    "signature": _b64(s.signature),
                    "timestamp": _b64(s.timestamp),
                    "time": s.time.isoformat(),
                }
                for s in result.signatures
            ],
        )
        return
    app.say(f"签章成功 {len(result.signatures)} signature(s) verified")
    _holder_lines(app, result.holder)
    for s in result.signatures:
        app.say(f"  {s.label}")
        app.say(f"    SHA-256:            {s.digest.hex()}")
        app.say(f"    时间戳 timestamp:   {_local(s.time)}")


_PLACEMENT_HELP = (
    "Where the seal goes: 'keyword:TEXT' (first match; 'keyword-all:TEXT', "
    "'keyword-last:TEXT'), 'page:N:X:Y' (centre, PDF points from the bottom left) or "
    "'straddle' / 'straddle:FIRST:LAST' (骑缝章 across the right edges of those pages)"
)


def _placement(value: str) -> Any:
    from mcert_rp import pdf

    kind, _, rest = value.partition(":")
    if kind in ("keyword", "keyword-first", "keyword-last", "keyword-all") and rest:
        occurrence = {"keyword": "first"}.get(kind, kind.removeprefix("keyword-"))
        return pdf.AtKeyword(rest, occurrence)  # type: ignore[arg-type]
    if kind == "straddle":
        if not rest:
            return pdf.Straddle()
        try:
            first, last = rest.split(":")
            return pdf.Straddle(int(first), int(last))
        except ValueError:
            pass
    if kind == "page":
        try:
            page, x, y = rest.split(":")
            return pdf.AtPosition(int(page), float(x), float(y))
        except ValueError:
            pass
    raise click.BadParameter(value, param_hint="--at")


@main.command("seal")
@click.argument("pdf_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--at", "at", default="keyword:投标人（盖章）", show_default=True, help=_PLACEMENT_HELP
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Seal types the holder may choose (company_official, personal_signature, …)",
)
@click.option(
    "--level",
    type=click.Choice(["B-B", "B-T", "B-LT", "B-LTA"]),
    default="B-LT",
    show_default=True,
)
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@DisplayTextOption
@PngOption
@pass_app
def seal_pdf(
    app: App,
    pdf_path: Path,
    at: str,
    kinds: tuple[str, ...],
    level: str,
    out_path: Path,
    display_text: str | None,
    png: Path | None,
) -> None:
    """投标文件签章: seal PDF_PATH with the holder's seal by scanning; writes --out.

    The PDF stays here: mCert carries its SHA-256, page count and thumbnails of the sealed
    pages; the holder picks a claimed seal, the signature is made on the phone."""
    from mcert_rp import pdf

    data = pdf_path.read_bytes()
    placement = _placement(at)
    try:
        info = pdf.inspect_pdf(data)
        boxes = pdf.locate(data, [placement], pdf.SealImage(b"", 40, 40), info)
    except pdf.PdfRefused as exc:
        raise Failed(exc.code, exc.message) from exc
    if len(boxes) > 1 and not isinstance(placement, pdf.Straddle):
        raise Failed("placement_ambiguous", f"{len(boxes)} places found: one seal per session")
    box: Any = boxes if isinstance(placement, pdf.Straddle) else boxes[0]
    roots = app.roots()
    client = app.client()
    document = pdf.session_document(data, boxes, label=pdf_path.name[:100])
    handle = client.start_seal(
        display_text=_display_text(display_text, f"投标文件签章：{pdf_path.name}"[:200]),
        document=document,
        seal_kinds=list(kinds) or None,
    )
    prepared: list[Any] = []

    def on_selection(status: SessionStatus) -> None:
        assert status.selection is not None
        p = pdf.prepare_for_selection(data, status.selection, box)
        prepared.append(p)
        client.submit_digest(handle.session_id, status.selection["selection_id"], p.digest)

    status = wait_for(app, handle, png, on_selection)
    assert status.result is not None
    try:
        sealed = pdf.finish_from_result(
            prepared[-1],
            status.result,
            level=level,  # type: ignore[arg-type]
            crls=[client.crl("root"), client.crl("issuing")] if level in ("B-LT", "B-LTA") else (),
            tsa=client.timestamp,
        )
        report = pdf.verify_pdf(sealed, roots)
    except pdf.PdfRefused as exc:
        raise Failed(exc.code, exc.message) from exc
    if not report.valid:
        raise Failed("verification_failed", "the sealed PDF does not verify")
    out_path.write_bytes(sealed)
    sig = report.signatures[-1]
    if app.as_json:
        app.event(event="result", type="seal", session_id=handle.session_id, out=str(out_path),
                  **_sig_json(sig))  # fmt: skip
        return
    app.say(f"签章成功 sealed: {out_path}")
    _sig_lines(app, sig)


def _sig_json(sig: Any) -> dict[str, Any]:
    return {
        "field": sig.field_name,
        "signer": sig.signer,
        "serial": sig.signer_serial,
        "valid": sig.valid,
        "intact": sig.intact,
        "trusted": sig.trusted,
        "revocation_info": sig.revocation_info,
        "timestamp": sig.timestamp.isoformat() if sig.timestamp else None,
        "document_timestamp": sig.document_timestamp,
        "modification_level": sig.modification_level,
        "page": sig.page,
        "seal": (
            {"name": sig.seal.name, "es_id": sig.seal.es_id, "kind": sig.seal.kind}
            if sig.seal
            else None
        ),
    }


def _sig_lines(app: App, sig: Any) -> None:
    mark = "有效 valid" if sig.valid else "无效 INVALID"
    app.say(f"  {sig.field_name}: {mark}")
    app.say(f"    签署人 signer:      {sig.signer} ({sig.signer_serial})")
    if sig.seal:
        app.say(f"    印章 seal:          {sig.seal.name} {sig.seal.kind or ''} {sig.seal.es_id}")
    app.say(f"    页 page:            {sig.page}")
    app.say(f"    完整 intact:        {sig.intact}   可信 trusted: {sig.trusted}")
    app.say(f"    吊销信息 revinfo:   {sig.revocation_info}")
    ts = _local(sig.timestamp) if sig.timestamp else "-"
    app.say(f"    时间戳 timestamp:   {ts}   文档时间戳 LTA: {sig.document_timestamp}")
    app.say(f"    修改 modification:  {sig.modification_level}")


@main.command("verify-pdf")
@click.argument("pdf_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def verify_pdf_command(app: App, pdf_path: Path) -> None:
    """验章: check every signature of PDF_PATH against the mCert root (--root).

    Exits 1 when the document has no signature or any signature does not hold."""
    from mcert_rp import pdf

    try:
        report = pdf.verify_pdf(pdf_path.read_bytes(), app.roots())
    except pdf.PdfRefused as exc:
        raise Failed(exc.code, exc.message) from exc
    if app.as_json:
        app.event(
            event="result",
            type="verify-pdf",
            valid=report.valid,
            signatures=[_sig_json(s) for s in report.signatures],
        )
    else:
        app.say(f"{len(report.signatures)} signature(s) in {pdf_path}")
        for s in report.signatures:
            _sig_lines(app, s)
    if not report.signatures:
        raise Failed("no_signature", "文件没有签名 the PDF is not signed")
    if not report.valid:
        raise Failed("verification_failed", "签名无效 a signature does not verify")


def _load_certs(paths: tuple[Path, ...]) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for path in paths:
        data = path.read_bytes()
        try:
            certs += (
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        except ValueError as exc:
            raise click.BadParameter(f"{path}: not a certificate", param_hint="--cert") from exc
    return certs


def _subject(cert: x509.Certificate) -> str:
    names = [
        str(a.value)
        for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME)
        for a in cert.subject.get_attributes_for_oid(oid)
    ]
    return " / ".join(names) or cert.subject.rfc4514_string()


@main.command()
@click.option(
    "--cert",
    "cert_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A holder's encryption certificate (repeat for several holders)",
)
@click.option(
    "--in", "in_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def encrypt(app: App, cert_paths: tuple[Path, ...], in_path: Path, out_path: Path) -> None:
    """投标加密: a CMS envelope (DER) only the holder's phone can open. Needs no server."""
    certs = _load_certs(cert_paths)
    envelope = encrypt_bid(in_path.read_bytes(), certs)
    out_path.write_bytes(envelope)
    recipients = [{"subject": _subject(c), "serial": format(c.serial_number, "x")} for c in certs]
    if app.as_json:
        app.event(
            event="result",
            type="encrypt",
            out=str(out_path),
            size=len(envelope),
            recipients=recipients,
        )
        return
    app.say(f"已加密 encrypted: {in_path} → {out_path} ({len(envelope)} bytes)")
    for r in recipients:
        app.say(f"  接收人 recipient: {r['subject']}  serial {r['serial']}")


@main.command()
@click.argument("envelope_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--cert",
    "cert_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The holder's encryption certificate the envelope was made for",
)
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@DisplayTextOption
@PngOption
@pass_app
def decrypt(
    app: App,
    envelope_path: Path,
    cert_path: Path,
    out_path: Path,
    display_text: str | None,
    png: Path | None,
) -> None:
    """开标解密: the holder's phone does the key agreement; the bid is opened here, and
    only written out once the result verifies (who decrypted, with which certificate)."""
    cert = _load_certs((cert_path,))[0]
    envelope = envelope_path.read_bytes()
    recipient, rp_key, rp_public = prepare_decrypt(envelope, cert)
    verifier = app.verifier()
    handle = app.client().start_decrypt(
        display_text=_display_text(display_text, f"开标解密 {envelope_path.name}"),
        recipient=recipient,
        rp_public_key=rp_public,
    )
    status = wait_for(app, handle, png)
    holder_info = verifier.verify_decrypt(status, cert)
    plain = decrypt_with_session(envelope, recipient, status, rp_key)
    out_path.write_bytes(plain)
    holder = _subject(cert)
    if app.as_json:
        app.event(
            event="result",
            type="decrypt",
            session_id=handle.session_id,
            out=str(out_path),
            size=len(plain),
            certificate={"subject": holder, "serial": format(cert.serial_number, "x")},
            holder=_holder(holder_info),
        )
        return
    app.say(f"解密成功 decrypted: {out_path} ({len(plain)} bytes)")
    _holder_lines(app, holder_info)
    app.say(f"  加密证书 encryption certificate: {holder}  serial {cert.serial_number:x}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind")
@click.option("--port", default=8100, show_default=True, type=int, help="Port to bind")
@click.option("--name", default="示范招投标平台", show_default=True, help="Platform name")
@pass_app
def demo(app: App, host: str, port: int, name: str) -> None:
    """示范招投标平台: serve the demo bidding platform (login, sign, 投标文件签章 and 验章 of
    PDFs, decrypt — all through this SDK).

    Needs the [demo] extra (pip install 'mcert-rp[demo]') and a registered relying party:
    mcert rp create --name NAME on the mCert side (or run mcert demo-rp there, which
    registers one and starts this).
    """
    try:
        import uvicorn

        from mcert_rp.demo import DemoConfig, create_app
    except ImportError as exc:
        raise Failed(
            "demo_unavailable", f"需要 pip install 'mcert-rp[demo]' (missing {exc.name})"
        ) from exc
    client = app.client()
    if app.root is None:
        app.say(f"trusting the root CA from {app.server}/pki/ca/root.crt")
    config = DemoConfig(
        server=app.server,
        client_id=client.client_id,
        secret=app.secret or "",
        root_pem=app.root.read_bytes() if app.root else None,
        platform_name=name,
        rp_name=app.rp_name,
    )
    app.say(f"{name}: http://{host}:{port}/")
    uvicorn.run(create_app(config), host=host, port=port, log_level="info")


if __name__ == "__main__":
    main()
