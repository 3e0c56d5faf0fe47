"""Certificate commands: ``certs``, ``show``, ``download``, ``export``, the ``password``
group (change, reset), ``renew``, ``reissue`` and ``change``.

``download`` makes the keys on this device; ``export`` writes certificates, never keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from mcert_device.cli.common import (
    App,
    ImageFile,
    ask_new_password,
    ask_password,
    day,
    fail,
    pass_app,
    upload,
)
from mcert_device.cli.orders import order_human

CERT_TYPES = {"personal": "个人证书", "org": "单位证书"}


def _where(c: dict[str, Any]) -> str:
    if c["on_this_device"]:
        where = "本机 on this device"
    elif c["bound_elsewhere"]:
        where = f"其他设备 bound elsewhere ({c['device_name'] or '?'})"
    else:
        where = "未下载 not downloaded"
    if c["locked"]:
        where += ", 已锁定 locked"
    return where


def cert_subject(c: dict[str, Any]) -> str:
    return f"{c['subject_org']} / {c['subject_cn']}" if c.get("subject_org") else c["subject_cn"]


def _cert_rows(certs: Iterable[dict[str, Any]]) -> list[str]:
    rows = []
    for c in certs:
        kind = CERT_TYPES.get(c["cert_type"], c["cert_type"])
        rows.append(
            f"{c['id']}  {kind}  {c['status_label']} ({c['status']})  {cert_subject(c)}  "
            f"expires {day(c['not_after'])}  {_where(c)}"
        )
    return rows


@click.command()
@pass_app
def certs(app: App) -> None:
    """证书: my certificates (待下载 first) and where each one lives."""
    body = app.device().certificates()

    def human() -> None:
        if not body:
            click.echo("没有证书 no certificates")
        for row in _cert_rows(body):
            click.echo(row)

    app.emit(body, human)


@click.command()
@click.argument("cert_id")
@pass_app
def show(app: App, cert_id: str) -> None:
    """证书信息: subject, serial numbers, validity, issuer, status, device."""
    c = app.device().certificate(cert_id)

    def human() -> None:
        sign, enc = c.get("signing"), c.get("encryption")
        click.echo(f"证书 certificate: {c['id']}  {CERT_TYPES.get(c['cert_type'], '')}")
        status = f"{c['status_label']} ({c['status']})"
        if c["locked"]:
            status += "  已锁定 locked — mcert-device password reset"
        elif c["status"] == "active":
            status += f"  password attempts left: {c['attempts_left']}"
        click.echo(f"状态 status:      {status}")
        click.echo(f"主体 subject:     {sign['subject'] if sign else cert_subject(c)}")
        if sign:
            click.echo(f"签名证书序列号 signing serial:    {sign['serial']}")
        if enc:
            click.echo(f"加密证书序列号 encryption serial: {enc['serial']}")
        if sign:
            click.echo(
                f"有效期 validity:   {sign['not_before'][:19]} – {sign['not_after'][:19]} (UTC)"
            )
        else:
            click.echo(f"有效期至 expires: {day(c['not_after'])}")
        click.echo(f"颁发者 issuer:    {c.get('issuer') or '-'}")
        click.echo(f"设备 device:      {_where(c)}")
        if c.get("predecessor_id"):
            click.echo(f"前序证书 predecessor: {c['predecessor_id']}")
        if c.get("renewable_now"):
            click.echo(f"可延期 renewable now: mcert-device renew {c['id']} --years N")
        if c["status"] == "pending_download":
            click.echo(f"下一步 next: mcert-device download {c['id']}")

    app.emit(c, human)


@click.command()
@click.argument("cert_id")
@click.option("--password", help="New certificate password (new certificate or reissue)")
@click.option("--current-password", help="The current password (renewal or change)")
@click.option("--predecessor", help="The certificate renewed or changed (default: from the server)")
@pass_app
def download(
    app: App,
    cert_id: str,
    password: str | None,
    current_password: str | None,
    predecessor: str | None,
) -> None:
    """下载证书 to this device: keys are made here, only the certificates come back.

    A new certificate or a reissue sets the certificate password (asked twice); a renewal
    or change proves the current one.
    """
    device = app.device()
    c = device.certificate(cert_id)
    kind = device.order(c["order_id"])["kind"] if c.get("predecessor_id") else "new"
    if kind in ("renewal", "change"):
        predecessor = predecessor or c["predecessor_id"]
        current = ask_password(current_password or password, "当前证书密码 current password")
        result = device.download(cert_id, current_password=current, predecessor_id=predecessor)
    else:
        if current_password is not None:
            raise click.UsageError("this download sets a new password: use --password")
        result = device.download(cert_id, password=ask_new_password(password))

    def human() -> None:
        cert = result["certificate"]
        click.echo(f"已下载 downloaded: {cert_subject(cert)}  ({cert['status_label']})")
        click.echo(f"私钥已加密保存在本机 keys wrapped in {app.home}")
        click.echo(f"查看 details: mcert-device show {cert['id']}")

    app.emit(result, human)


@click.command()
@click.argument("cert_id")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the PEM files",
)
@pass_app
def export(app: App, cert_id: str, out_dir: Path) -> None:
    """Write the signing and encryption certificates (PEM) — certificates, never keys."""
    device = app.device(login=False)
    entry = device.keystore.entries.get(cert_id)
    if entry is None:
        fail("cert_not_on_device", f"本机没有该证书 {cert_id} is not downloaded to this device")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "signing_cert": out_dir / f"{cert_id}-signing.pem",
        "encryption_cert": out_dir / f"{cert_id}-encryption.pem",
    }
    paths["signing_cert"].write_text(entry.signing_cert_pem, encoding="utf-8")
    paths["encryption_cert"].write_text(entry.encryption_cert_pem, encoding="utf-8")

    def human() -> None:
        for path in paths.values():
            click.echo(f"已导出 exported: {path}")

    app.emit({k: str(v) for k, v in paths.items()}, human)


@click.group()
def password() -> None:
    """证书密码: change it, or reset it after a face check."""


@password.command("change")
@click.argument("cert_id")
@click.option("--old-password", help="The current certificate password (prompted)")
@click.option("--new-password", help="The new certificate password (prompted twice)")
@pass_app
def password_change(
    app: App, cert_id: str, old_password: str | None, new_password: str | None
) -> None:
    """修改证书密码: the old one is checked at the server (5 wrong attempts lock it)."""
    device = app.device()
    old = ask_password(old_password, "当前证书密码 current password")
    new = ask_new_password(new_password)
    body = device.change_password(cert_id, old, new)
    app.emit(body, lambda: click.echo(f"证书密码已修改 password changed: {body['id']}"))


@password.command("reset")
@click.argument("cert_id")
@click.option("--face-check", "face_check_id", required=True, help="From: mcert-device face-check")
@click.option("--new-password", help="The new certificate password (prompted twice)")
@pass_app
def password_reset(app: App, cert_id: str, face_check_id: str, new_password: str | None) -> None:
    """重置证书密码 after a face check; unlocks a locked certificate, keeps its serial."""
    device = app.device()
    body = device.reset_password(cert_id, face_check_id, ask_new_password(new_password))
    app.emit(body, lambda: click.echo(f"证书密码已重置 password reset: {body['id']}"))


@click.command()
@click.argument("cert_id")
@click.option("--years", required=True, type=click.IntRange(1, 3), help="Extend by 1, 2 or 3")
@click.option("--password", help="The certificate password (prompted)")
@pass_app
def renew(app: App, cert_id: str, years: int, password: str | None) -> None:
    """证书延期 (in the 90 days before expiry; not after it): an order to pay, then download."""
    device = app.device()
    body = device.renew(cert_id, years, ask_password(password))
    app.emit(body, order_human(body, "延期订单已创建 renewal order created"))


@click.command()
@click.argument("cert_id")
@click.option("--face-check", "face_check_id", required=True, help="From: mcert-device face-check")
@pass_app
def reissue(app: App, cert_id: str, face_check_id: str) -> None:
    """证书补办 on this device (new phone): pay, then download with a new password."""
    body = app.device().reissue(cert_id, face_check_id)
    app.emit(body, order_human(body, "补办订单已创建 reissue order created"))


@click.command()
@click.argument("cert_id")
@click.option("--new-name", required=True, help="The company's new name")
@click.option("--proof", required=True, type=ImageFile, help="新营业执照 or 核准变更通知书")
@pass_app
def change(app: App, cert_id: str, new_name: str, proof: Path) -> None:
    """证书变更 of the company name: review, pay, download. Bound seals become void."""
    body = app.device().change(cert_id, new_name, upload(proof))
    app.emit(body, order_human(body, "变更已提交 change submitted for review"))


COMMANDS = (certs, show, download, export, password, renew, reissue, change)
