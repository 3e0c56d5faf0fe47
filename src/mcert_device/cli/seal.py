"""Electronic seals (电子印章): ``seal apply``, ``seal list``, ``seal show``, ``seal claim``.

``apply`` takes a photo of the seal stamped on white paper (company seals, 私章) or, for a
handwritten signature, the signature pad's PNG and its strokes as a JSON file. The
extracted seal is written next to the photo first (``--preview``) so it can be looked at
before submitting. When seals cost money, ``apply`` prints the order to pay
(``mcert-device pay <order id>``); the seal goes to review once it is paid. ``claim`` asks
for the certificate password and keeps the signed seal data and image under
``<home>/seals/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from mcert_device import seals
from mcert_device.cli.common import App, ImageFile, ask_password, day, fail, pass_app, upload

TYPES = (
    "company_official",
    "company_contract",
    "company_finance",
    "company_invoice",
    "personal_stamp",
    "personal_signature",
)


def _line(s: dict[str, Any]) -> str:
    reason = s.get("reject_reason") or s.get("void_reason")
    why = f"  原因 reason: {reason}" if reason else ""
    until = f"  有效期至 {day(s['valid_end'])}" if s.get("valid_end") else ""
    order = s.get("order")
    paying = (
        f"  订单 order {order['id']} ¥{order['amount_yuan']} {order['status_label']}"
        if order and s["status"] == "unpaid"
        else ""
    )
    return (
        f"{s['id']}  {s['type_label']}  {s['name']}  {s['status_label']} ({s['status']})"
        f"  证书 cert {s['cert_id']}{until}{paying}{why}"
    )


def _applied(body: dict[str, Any]) -> str:
    order = body.get("order")
    if body["status"] != "unpaid" or not order:
        return "已提交，等待审核 submitted for review\n" + _line(body)
    return (
        f"已提交，待支付 awaiting payment: 订单 order {order['order_no']} "
        f"金额 ¥{order['amount_yuan']}\n{_line(body)}\n"
        f"pay it: mcert-device pay {order['id']}  (then the seal goes to review)"
    )


@click.group()
def seal() -> None:
    """电子印章: apply for, list and claim electronic seals."""


@seal.command("apply")
@click.argument("cert_id")
@click.argument("seal_type", type=click.Choice(TYPES))
@click.argument("image", type=ImageFile)
@click.option(
    "--strokes",
    type=ImageFile,
    help="personal_signature: the pad's strokes, a JSON list of strokes of [x, y, …] points",
)
@click.option(
    "--preview",
    "preview_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Only extract: write the seal PNG here and submit nothing",
)
@pass_app
def seal_apply(
    app: App,
    cert_id: str,
    seal_type: str,
    image: Path,
    strokes: Path | None,
    preview_path: Path | None,
) -> None:
    """申请印章 bound to CERT_ID: a photo of the stamp, or a signature PNG with --strokes."""
    device = app.device()
    if seal_type == "personal_signature" and strokes is None:
        fail("signature_strokes_required", "手写签名需要 --strokes 笔迹文件 (JSON)")
    drawn = json.loads(strokes.read_text(encoding="utf-8")) if strokes else None
    if preview_path is not None:
        preview_path.write_bytes(seals.preview(device, seal_type, upload(image), drawn))
        click.echo(f"提取预览 preview written to {preview_path}")
        return
    body = seals.apply(device, cert_id, seal_type, upload(image), drawn)
    app.emit(body, lambda: click.echo(_applied(body)))


@seal.command("list")
@click.option("--group", type=click.Choice(["company", "personal"]), help="企业章 or 个人章")
@pass_app
def seal_list(app: App, group: str | None) -> None:
    """The seals of this holder with status, bound certificate, expiry and reasons."""
    body = seals.seals(app.device(), group)

    def human() -> None:
        if not body:
            click.echo("暂无印章 no seals")
        for s in body:
            click.echo(_line(s))

    app.emit(body, human)


@seal.command("show")
@click.argument("seal_id")
@click.option(
    "--image",
    "image_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the seal image (PNG) here",
)
@pass_app
def seal_show(app: App, seal_id: str, image_path: Path | None) -> None:
    """One seal; --image saves its picture."""
    device = app.device()
    body = seals.seal(device, seal_id)
    if image_path is not None:
        image_path.write_bytes(seals.image(device, seal_id))
    app.emit(body, lambda: click.echo(_line(body)))


@seal.command("claim")
@click.argument("seal_id")
@click.option("--password", help="The certificate password (asked if not given)")
@pass_app
def seal_claim(app: App, seal_id: str, password: str | None) -> None:
    """申领 an approved seal with the certificate password; kept under <home>/seals/."""
    device = app.device()
    body = seals.claim(device, seal_id, ask_password(password), home=app.home)

    def human() -> None:
        click.echo("申领成功 claimed\n" + _line(body["seal"]))
        click.echo(f"印章数据 seal data: {app.home / 'seals' / (seal_id + '.der')}")

    app.emit(body, human)


COMMANDS = (seal,)
