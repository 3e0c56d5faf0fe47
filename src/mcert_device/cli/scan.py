"""Scan-to-use commands: ``scan`` (a platform's QR text, then confirm or ``--reject``),
``reject`` and ``usage`` (使用记录)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import click

from mcert_device.cli.certificates import cert_subject
from mcert_device.cli.common import App, ask_password, fail, pass_app
from mcert_device.client import DeviceClient

SCAN_TYPES = {"login": "登录", "sign": "签章", "decrypt": "解密", "seal": "盖章"}


def _serials(device: DeviceClient, cert_id: str) -> set[str]:
    """The signing and encryption serials (hex) of a certificate on this device."""
    from cryptography import x509

    entry = device.keystore.entries.get(cert_id)
    if entry is None:
        return set()
    return {
        format(x509.load_pem_x509_certificate(pem.encode()).serial_number, "x")
        for pem in (entry.signing_cert_pem, entry.encryption_cert_pem)
    }


def _match_cert(device: DeviceClient, cert_ids: Iterable[str], wanted: str) -> str | None:
    """``wanted`` is a holder certificate id or a signing/encryption serial (hex)."""
    wanted_serial = wanted.lower().removeprefix("0x").lstrip("0") or "0"
    for cert_id in cert_ids:
        if cert_id == wanted or wanted_serial in _serials(device, cert_id):
            return cert_id
    return None


def _scan_human(view: dict[str, Any]) -> Callable[[], None]:
    def human() -> None:
        click.echo(f"平台 platform:   {view['rp_name']}")
        click.echo(f"业务 operation:  {view['type_label']} ({view['type']})")
        click.echo(f"内容 text:       {view['display_text']}")
        doc = view.get("document")
        if doc:
            click.echo(f"文件 document:   {doc['label']}  共 {doc['page_count']} 页 pages")
            click.echo(f"SHA-256:         {doc['sha256']}")
            for p in doc.get("placements") or []:
                click.echo(
                    f"  盖章位置 placement: 第 {p['page']} 页 page, "
                    f"x {p['x']:.0f} y {p['y']:.0f} ({p['width']:.0f}×{p['height']:.0f} pt)"
                )
            click.echo(f"印章类型 seal kinds: {', '.join(doc.get('seal_kinds') or [])}")
            for s in view.get("seals") or []:
                click.echo(f"  印章 seal {s['id']}  {s['seal_type']}  {s['name']}")
        else:
            for label in view.get("documents") or []:
                click.echo(f"  文件 document: {label}")
        if not view["certificates"]:
            click.echo("本机没有可用证书 no certificate on this device")
        for choice in view["certificates"]:
            c = choice["certificate"]
            mark = (
                "可用 eligible"
                if choice["eligible"]
                else (f"不可用 {choice['reason']}: {choice['reason_message'] or ''}")
            )
            click.echo(f"  {c['id']}  {cert_subject(c)}  — {mark}")

    return human


def _choose(device: DeviceClient, view: dict[str, Any], wanted: str | None) -> str:
    choices = {c["certificate"]["id"]: c for c in view["certificates"]}
    if wanted is not None:
        cert_id = _match_cert(device, choices, wanted)
        if cert_id is None:
            fail(
                "cert_not_on_device", f"本机没有该证书 {wanted} is not among: {', '.join(choices)}"
            )
        choice = choices[cert_id]
        if not choice["eligible"]:
            fail(
                choice["reason"] or "not_eligible",
                f"{choice['reason_message'] or '该证书不可用'} — "
                f"mcert-device reject {view['session_id']} tells the platform",
            )
        return cert_id
    eligible: list[str] = [cid for cid, c in choices.items() if c["eligible"]]
    if len(eligible) == 1:
        return eligible[0]
    if not eligible:
        fail(
            "no_eligible_cert",
            "本机没有符合要求的证书 no eligible certificate — "
            f"mcert-device reject {view['session_id']} tells the platform",
        )
    fail("cert_ambiguous", f"请用 --cert 选择证书 choose one with --cert: {', '.join(eligible)}")


@click.command()
@click.argument("qr_text")
@click.option("--cert", "wanted", help="Certificate id or serial (default: the only eligible one)")
@click.option("--password", help="The certificate password (prompted)")
@click.option("--reject", is_flag=True, help="Decline: the platform sees user_cancel")
@click.option(
    "--seal",
    "wanted_seal",
    help="Seal sessions: the seal's id or type (default: the only usable one)",
)
@click.option(
    "--thumbnails",
    type=click.Path(file_okay=False),
    help="Seal sessions: save the page thumbnails here (page-N.png)",
)
@pass_app
def scan(
    app: App,
    qr_text: str,
    wanted: str | None,
    password: str | None,
    reject: bool,
    wanted_seal: str | None,
    thumbnails: str | None,
) -> None:
    """扫码 a platform's QR text, then confirm with a certificate and its password.

    Shows the platform, the operation (登录/签章/解密/盖章), its text, the documents and which
    certificates may be used; for a seal session the PDF's page count, SHA-256, placements
    and the usable seals. The QR changes every second: pass a frame at most a few seconds
    old (the platform's page or `mcert-rp` shows the current one).
    """
    device = app.device()
    view = device.scan(qr_text)
    if thumbnails and view.get("document"):
        from pathlib import Path

        from mcert_device.codec import b64u_decode

        out = Path(thumbnails)
        out.mkdir(parents=True, exist_ok=True)
        for t in view["document"]["thumbnails"]:
            (out / f"page-{t['page']}.png").write_bytes(b64u_decode(t["png"]))
    if reject:
        done = device.reject_scan(view["session_id"])

        def declined() -> None:
            _scan_human(view)()
            click.echo("已拒绝 declined")

        app.emit({"scan": view, "result": _summary(done)}, declined)
        return
    if not app.as_json:
        _scan_human(view)()
    seal_id = None
    if view["type"] == "seal":
        seal = _choose_seal(view, wanted_seal)
        seal_id = seal["id"]
        wanted = wanted or seal["cert_id"]
    cert_id = _choose(device, view, wanted)
    done = device.confirm(view["session_id"], cert_id, ask_password(password), seal_id=seal_id)

    def human() -> None:
        label = SCAN_TYPES.get(done["type"], done["type"])
        click.echo(f"已完成 done: {label} with {cert_id} — 请回到网页 back to the platform")

    app.emit({"scan": view, "cert_id": cert_id, "result": _summary(done)}, human)


def _choose_seal(view: dict[str, Any], wanted: str | None) -> dict[str, Any]:
    usable = [s for s in view.get("seals") or [] if wanted in (None, s["id"], s["seal_type"])]
    if len(usable) == 1:
        return dict(usable[0])
    if not usable:
        fail(
            "no_seal",
            "本机没有可用于本次签章的已申领印章 no claimed seal of the kinds asked for — "
            f"mcert-device reject {view['session_id']} tells the platform",
        )
    fail(
        "seal_ambiguous",
        f"请用 --seal 选择印章 choose with --seal: {', '.join(s['id'] for s in usable)}",
    )


def _summary(status: dict[str, Any]) -> dict[str, Any]:
    """The session status without the result's bulk (chain, OCSP, sealed output)."""
    return {k: status.get(k) for k in ("session_id", "type", "status", "hint", "reason")}


@click.command("reject")
@click.argument("session_id")
@pass_app
def reject_scan(app: App, session_id: str) -> None:
    """Decline a session this device has scanned (the platform sees user_cancel)."""
    done = app.device().reject_scan(session_id)
    app.emit(_summary(done), lambda: click.echo(f"已拒绝 declined: {session_id}"))


@click.command()
@click.option("--cert", "wanted", help="Only this certificate (id or serial)")
@click.option("--from", "since", type=click.DateTime(), help="From (ISO date/time, UTC)")
@click.option("--to", "until", type=click.DateTime(), help="Before (ISO date/time, UTC)")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@pass_app
def usage(
    app: App,
    wanted: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
) -> None:
    """使用记录: every scan — operation, holder, certificate serial, platform, result, time."""
    device = app.device()
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if wanted:
        params["cert_id"] = _match_cert(device, device.keystore.entries, wanted) or wanted
    for key, value in (("from", since), ("to", until)):
        if value is not None:
            params[key] = (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    body = device.usage(**params)

    def human() -> None:
        if not body["items"]:
            click.echo("没有使用记录 no usage records")
        for r in body["items"]:
            op = SCAN_TYPES.get(r["operation"], r["operation"])
            result = "成功 success" if r["result"] == "success" else f"失败 {r['result']}"
            click.echo(
                f"{str(r['created_at'])[:19]}  {op}  {r['holder_name'] or '-'}  "
                f"{r['cert_serial'] or '-'}  {r['rp_name']}  {result}"
            )
        shown = offset + len(body["items"])
        if body["total"] > shown:
            click.echo(f"... {body['total']} in all (--offset {shown})")

    app.emit(body, human)


COMMANDS = (scan, reject_scan, usage)
