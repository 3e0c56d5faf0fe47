"""Order commands: the ``apply`` group (personal, company), ``orders``, ``order``,
``resubmit``, ``cancel`` and ``pay`` (the sandbox cashier is paid here).

:func:`order_human` is the one human view of an order; the certificate commands that
create orders (renew, reissue, change) print it too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import click

from mcert_device.cli.common import App, ImageFile, pass_app, upload
from mcert_device.cli.consent import consent_first, consent_option

SANDBOX_CASHIER = "/sandbox/pay/"


def _order_line(o: dict[str, Any]) -> str:
    refund = f"  {o['refund_label']}" if o.get("refund_label") else ""
    return (
        f"{o['id']}  {o['order_no']}  {o['label']}  {o['status_label']} ({o['status']})  "
        f"¥{o['amount_yuan']}{refund}"
    )


def _next_step(o: dict[str, Any]) -> str | None:
    status, oid = o["status"], o["id"]
    if status == "pending_payment":
        return f"mcert-device pay {oid}"
    if status == "rejected":
        return f"mcert-device resubmit {oid} --licence FILE ..."
    if status == "completed":
        return "mcert-device certs (then download the 待下载 certificate)"
    if status == "pending_review":
        return f"wait for review: mcert-device order {oid}"
    return None


def order_human(o: dict[str, Any], headline: str | None = None) -> Callable[[], None]:
    def human() -> None:
        if headline:
            click.echo(headline)
        click.echo(f"订单 order:   {o['id']}  ({o['order_no']})")
        years = f"  {o['years']} 年" if o.get("years") else ""
        click.echo(f"类型 kind:    {o['label']}{years}  ¥{o['amount_yuan']}")
        click.echo(f"状态 status:  {o['status_label']} ({o['status']})")
        if o.get("company_name"):
            click.echo(f"单位 company: {o['company_name']}  {o.get('uscc') or ''}")
        if o.get("reject_reason"):
            click.echo(f"未通过原因 reject reason: {o['reject_reason']}")
        if o.get("pay_deadline") and o["status"] == "pending_payment":
            click.echo(f"支付截止 pay by: {str(o['pay_deadline'])[:19]}")
        if o.get("paid_at"):
            click.echo(f"已支付 paid at: {str(o['paid_at'])[:19]}")
        if o.get("target_cert_id"):
            click.echo(f"证书 certificate: {o['target_cert_id']}")
        for p in o.get("payments") or []:
            click.echo(
                f"  支付 payment #{p['seq']}: {p['status_label']} ({p['status']})  "
                f"{p['trade_no'] or ''}"
            )
        for r in o.get("refunds") or []:
            when = f"  {str(r['refunded_at'])[:19]}" if r.get("refunded_at") else ""
            click.echo(
                f"  退款 refund: ¥{r['amount_yuan']}  {r['status_label']} ({r['status']})  "
                f"reason {r['reason']}{when}"
            )
        for d in o.get("documents") or []:
            click.echo(f"  材料 document: {d['kind']}  {d['filename'] or ''}  {d['size']} B")
        step = _next_step(o)
        if step:
            click.echo(f"下一步 next: {step}")

    return human


@click.group()
def apply() -> None:
    """申请证书: personal (after 实名) or company (with documents, reviewed)."""


@apply.command("personal")
@click.option("--years", required=True, type=click.IntRange(1, 3), help="Validity: 1, 2 or 3")
@pass_app
def apply_personal(app: App, years: int) -> None:
    """个人证书: straight to 待支付 once real-name verified."""
    body = app.device().apply_personal(years)
    app.emit(body, order_human(body, "订单已创建 order created"))


@apply.command("company")
@click.option("--years", required=True, type=click.IntRange(1, 3), help="Validity: 1, 2 or 3")
@click.option("--company-name", required=True, help="单位名称 as on the business licence")
@click.option("--uscc", required=True, help="统一社会信用代码 (18 characters)")
@click.option("--legal-rep", required=True, help="法定代表人 name")
@click.option(
    "--applicant-is-legal-rep/--not-legal-rep",
    default=None,
    help="Whether you are the legal representative (otherwise add --authorization)",
)
@click.option("--licence", required=True, type=ImageFile, help="营业执照: JPEG, PNG or PDF")
@click.option("--authorization", type=ImageFile, help="授权书 when not the legal representative")
@consent_option("company_documents")
@pass_app
def apply_company(
    app: App,
    years: int,
    company_name: str,
    uscc: str,
    legal_rep: str,
    applicant_is_legal_rep: bool | None,
    licence: Path,
    authorization: Path | None,
    give_consent: bool,
) -> None:
    """单位证书: documents are uploaded and the order waits for manual review (待审核)."""
    if applicant_is_legal_rep is None:
        raise click.UsageError("say --applicant-is-legal-rep or --not-legal-rep")
    consent_first(app, "company_documents", give_consent)
    body = app.device().apply_company(
        years=years,
        company_name=company_name,
        uscc=uscc,
        legal_rep_name=legal_rep,
        applicant_is_legal_rep=applicant_is_legal_rep,
        licence=upload(licence),
        authorization=upload(authorization) if authorization else None,
    )
    app.emit(body, order_human(body, "已提交 submitted for review"))


@click.command()
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(
        ["pending_review", "rejected", "pending_payment", "completed", "cancelled", "closed"]
    ),
    help="Only these (repeat: the app's 已取消 tab is --status cancelled --status closed); "
    "none: 全部",
)
@pass_app
def orders(app: App, status: tuple[str, ...]) -> None:
    """订单管理: my orders, newest first, with 退款中/已退款 where money went back."""
    body = app.device().orders(list(status) or None)

    def human() -> None:
        if not body["items"]:
            click.echo("没有订单 no orders")
        for o in body["items"]:
            click.echo(_order_line(o))
        if body["total"] > len(body["items"]):
            click.echo(f"... {body['total']} in all")

    app.emit(body, human)


@click.command()
@click.argument("order_id")
@pass_app
def order(app: App, order_id: str) -> None:
    """One order: status, amount, documents and, under 未通过, the rejection reason."""
    body = app.device().order(order_id)
    app.emit(body, order_human(body))


@click.command()
@click.argument("order_id")
@click.option("--licence", type=ImageFile, help="A corrected 营业执照")
@click.option("--authorization", type=ImageFile, help="A corrected 授权书")
@click.option("--change-proof", type=ImageFile, help="A corrected 变更证明 (name change)")
@click.option("--company-name", help="A corrected company name")
@click.option("--legal-rep", help="A corrected legal representative name")
@click.option("--applicant-is-legal-rep/--not-legal-rep", default=None)
@pass_app
def resubmit(
    app: App,
    order_id: str,
    licence: Path | None,
    authorization: Path | None,
    change_proof: Path | None,
    company_name: str | None,
    legal_rep: str | None,
    applicant_is_legal_rep: bool | None,
) -> None:
    """未通过 → 待审核 with corrections; only what you send is replaced."""
    data: dict[str, str] = {}
    if company_name:
        data["company_name"] = company_name
    if legal_rep:
        data["legal_rep_name"] = legal_rep
    if applicant_is_legal_rep is not None:
        data["applicant_is_legal_rep"] = "true" if applicant_is_legal_rep else "false"
    files = {
        kind: upload(path)
        for kind, path in (
            ("business_licence", licence),
            ("authorization_letter", authorization),
            ("change_proof", change_proof),
        )
        if path is not None
    }
    body = app.device().resubmit(order_id, data=data, files=files)
    app.emit(body, order_human(body, "已重新提交 resubmitted"))


@click.command()
@click.argument("order_id")
@pass_app
def cancel(app: App, order_id: str) -> None:
    """Cancel an order that is not paid yet."""
    body = app.device().cancel(order_id)
    app.emit(body, order_human(body, "已取消 cancelled"))


@click.command()
@click.argument("order_id")
@click.option(
    "--cancel-in-cashier",
    is_flag=True,
    help="Sandbox: press 取消支付 instead; the order stays 待支付 and pay works again",
)
@pass_app
def pay(app: App, order_id: str, cancel_in_cashier: bool) -> None:
    """Pay an order: the sandbox cashier is paid here; a real one opens in a browser.

    A trade cancelled in the cashier (or closed by the gateway) does not block the order:
    paying again opens a new trade until the order's pay window closes.
    """
    device = app.device()
    if cancel_in_cashier:
        body = device.cancel_in_sandbox(order_id)
        app.emit(body, order_human(body, "已取消支付 cashier cancelled (order still open)"))
        return
    cashier = device.start_payment(order_id)
    if not urlparse(cashier).path.startswith(SANDBOX_CASHIER):
        app.emit(
            {"cashier_url": cashier},
            lambda: click.echo(
                f"请在浏览器中打开收银台 open the cashier in a browser:\n{cashier}\n"
                f"then: mcert-device order {order_id}"
            ),
        )
        return
    body = device.pay_in_sandbox(order_id)
    paid = body["status"] == "completed"
    headline = "支付成功 paid (sandbox)" if paid else "支付未完成 not paid (sandbox)"
    app.emit(body, order_human(body, headline))


COMMANDS = (apply, orders, order, resubmit, cancel, pay)
