"""Invoices (开票): ``invoice title add|list``, ``invoice apply``, ``invoice list``,
``invoice withdraw``, ``invoice download``.

``apply`` takes one or several completed orders (合并开票) and a saved title; the amount is
what was paid, decided by the server. ``download`` writes the PDF (or ``--xml``, or the
red-letter PDF with ``--red``) to a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mcert_device import invoices
from mcert_device.cli.common import App, pass_app


def _line(i: dict[str, Any]) -> str:
    why = f"  原因 reason: {i['failure_reason']}" if i.get("failure_reason") else ""
    number = f"  发票号码 {i['invoice_no']}" if i.get("invoice_no") else ""
    red = f"  红字 {i['red_invoice_no']}" if i.get("red_invoice_no") else ""
    orders = ",".join(o["order_no"] for o in i["orders"])
    return (
        f"{i['id']}  {i['kind_label']}  {i['buyer_name']}  ¥{i['amount']}  "
        f"{i['status_label']} ({i['status']})  订单 {orders}{number}{red}{why}"
    )


def _title_line(t: dict[str, Any]) -> str:
    kind = "单位" if t["kind"] == "company" else "个人"
    return f"{t['id']}  {kind}  {t['name']}  {t.get('tax_no') or ''}".rstrip()


@click.group()
def invoice() -> None:
    """开票: invoice titles, applications for completed orders, downloads."""


@invoice.group("title")
def title() -> None:
    """发票抬头: saved invoice titles."""


@title.command("add")
@click.argument("kind", type=click.Choice(["personal", "company"]))
@click.argument("name")
@click.option("--tax-no", help="company: 纳税人识别号 (统一社会信用代码)")
@click.option("--address", help="专票: 地址")
@click.option("--phone", help="专票: 电话")
@click.option("--bank", help="专票: 开户行")
@click.option("--bank-account", help="专票: 账号")
@pass_app
def title_add(
    app: App,
    kind: str,
    name: str,
    tax_no: str | None,
    address: str | None,
    phone: str | None,
    bank: str | None,
    bank_account: str | None,
) -> None:
    """Save a title: KIND personal or company, NAME; companies need --tax-no."""
    body = invoices.add_title(
        app.device(),
        kind,
        name,
        tax_no,
        address=address,
        phone=phone,
        bank=bank,
        bank_account=bank_account,
    )
    app.emit(body, lambda: click.echo("已保存 saved\n" + _title_line(body)))


@title.command("list")
@pass_app
def title_list(app: App) -> None:
    """The saved titles, then the verified companies offered as titles."""
    body = invoices.titles(app.device())

    def human() -> None:
        for t in body["titles"]:
            click.echo(_title_line(t))
        for s in body["suggestions"]:
            click.echo(f"(建议 suggested)  单位  {s['name']}  {s['tax_no']}")
        if not body["titles"] and not body["suggestions"]:
            click.echo("没有发票抬头 no titles")

    app.emit(body, human)


@invoice.command("apply")
@click.argument("order_ids", nargs=-1, required=True)
@click.option("--title", "title_id", required=True, help="The title's id (invoice title list)")
@click.option("--special", is_flag=True, help="增值税专用发票 (company titles only)")
@click.option("--email", help="Send the invoice to this address when issued")
@pass_app
def invoice_apply(
    app: App, order_ids: tuple[str, ...], title_id: str, special: bool, email: str | None
) -> None:
    """申请开票 for one or several completed ORDER_IDS (合并开票)."""
    body = invoices.apply(
        app.device(),
        list(order_ids),
        title_id,
        kind="special" if special else "normal",
        email=email,
    )
    app.emit(body, lambda: click.echo("已提交，开票中 submitted\n" + _line(body)))


@invoice.command("list")
@pass_app
def invoice_list(app: App) -> None:
    """我的发票, newest first, with their status."""
    body = invoices.invoices(app.device())

    def human() -> None:
        for i in body:
            click.echo(_line(i))
        if not body:
            click.echo("没有发票 no invoices")

    app.emit(body, human)


@invoice.command("withdraw")
@click.argument("invoice_id")
@pass_app
def invoice_withdraw(app: App, invoice_id: str) -> None:
    """撤回 a failed application (开票失败); its orders can be applied for again."""
    body = invoices.withdraw(app.device(), invoice_id)
    app.emit(body, lambda: click.echo("已撤回 withdrawn\n" + _line(body)))


@invoice.command("download")
@click.argument("invoice_id")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--xml", "as_xml", is_flag=True, help="The XML data file instead of the PDF")
@click.option("--red", is_flag=True, help="The red-letter invoice's PDF")
@pass_app
def invoice_download(app: App, invoice_id: str, out: Path, as_xml: bool, red: bool) -> None:
    """Write the invoice's PDF (or XML, or red-letter PDF) to OUT."""
    which = "red-pdf" if red else ("xml" if as_xml else "pdf")
    data = invoices.download(app.device(), invoice_id, which)
    out.write_bytes(data)
    app.emit(
        {"path": str(out), "bytes": len(data)},
        lambda: click.echo(f"已保存 written {out} ({len(data)} bytes)"),
    )


COMMANDS = (invoice,)
