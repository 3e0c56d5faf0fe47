"""Agreements and separate consents: ``agreements`` (用户协议, 隐私政策) and the ``consent``
group (``list``, ``show``, ``grant``, ``withdraw``), and the ``--consent`` option of the
commands that collect face images, ID and bank-card data or company documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from mcert_device.cli.common import App, pass_app

CONSENTS = ("face", "realname", "company_documents")
DOCUMENTS = ("user_agreement", "privacy_policy", *CONSENTS)

F = TypeVar("F", bound=Callable[..., Any])


def consent_option(document: str) -> Callable[[F], F]:
    """``--consent``: give the separate consent to ``document`` first (the notice's purpose,
    retention and recipients are printed), instead of being refused with consent_required."""
    return click.option(
        "--consent",
        "give_consent",
        is_flag=True,
        help=f"Agree to the {document} consent notice first (see: mcert-device consent show "
        f"{document})",
    )


def consent_first(app: App, document: str, give: bool) -> None:
    if not give:
        return
    device = app.device()
    notice = device.consent_notice(document)
    granted = device.grant_consent(document, notice["version"])
    if not app.as_json:
        click.echo(f"已同意 agreed: 《{notice['title']}》 {granted['version']}", err=True)
        _notice_summary(notice, err=True)


def _notice_summary(notice: dict[str, Any], *, err: bool = False) -> None:
    for label, key in (("目的 purpose", "purpose"), ("保存 retention", "retention")):
        if notice.get(key):
            click.echo(f"  {label}: {notice[key]}", err=err)
    if notice.get("recipients"):
        click.echo(f"  接收方 recipients: {notice['recipients']}", err=err)


@click.command()
@click.option("--show", type=click.Choice(["user_agreement", "privacy_policy"]), help="Print it")
@pass_app
def agreements(app: App, show: str | None) -> None:
    """用户协议 and 隐私政策: titles and versions, or one in full (Markdown) with --show.

    Log in with --agree once you have read them."""
    body = app.device(login=False).agreements()
    if show:
        doc = next(d for d in body if d["document"] == show)
        app.emit(doc, lambda: click.echo(doc["content"], nl=False))
        return

    def human() -> None:
        for d in body:
            click.echo(
                f"《{d['title']}》 {d['version']}  (mcert-device agreements --show {d['document']})"
            )
        click.echo("登录时加 --agree 表示已阅读并同意 (log in with --agree)")

    app.emit(body, human)


@click.group()
def consent() -> None:
    """隐私设置: separate consents to face, ID/bank-card and company-document data."""


@consent.command("list")
@pass_app
def consent_list(app: App) -> None:
    """Each consent and agreement: granted or not, version, time, device, masked address."""
    body = app.device().consents()

    def human() -> None:
        for c in [*body["consents"], *body["agreements"]]:
            rec = c["record"]
            state = "已同意 granted" if c["granted"] else "未同意 not granted"
            if rec and rec["withdrawn_at"]:
                state = f"已撤回 withdrawn {rec['withdrawn_at'][:19]}"
            line = f"{c['document']:<18} 《{c['title']}》 {state}"
            if rec:
                line += (
                    f"  v{rec['version']} {rec['granted_at'][:19]} "
                    f"{rec['device_name'] or '-'} {rec['client_ip_masked'] or '-'}"
                )
            click.echo(line)

    app.emit(body, human)


@consent.command("show")
@click.argument("document", type=click.Choice(DOCUMENTS))
@pass_app
def consent_show(app: App, document: str) -> None:
    """The current notice of DOCUMENT: purpose, retention, recipients and full text."""
    body = app.device(login=False).consent_notice(document)

    def human() -> None:
        click.echo(f"《{body['title']}》 {body['version']}")
        _notice_summary(body)
        click.echo()
        click.echo(body["content"], nl=False)

    app.emit(body, human)


@consent.command("grant")
@click.argument("document", type=click.Choice(CONSENTS))
@pass_app
def consent_grant(app: App, document: str) -> None:
    """同意 the current notice of DOCUMENT (face | realname | company_documents)."""
    device = app.device()
    notice = device.consent_notice(document)
    body = device.grant_consent(document, notice["version"])

    def human() -> None:
        click.echo(f"已同意 agreed: 《{notice['title']}》 {body['version']}")
        _notice_summary(notice)
        click.echo(f"撤回 withdraw: mcert-device consent withdraw {document}")

    app.emit(body, human)


@consent.command("withdraw")
@click.argument("document", type=click.Choice(CONSENTS))
@pass_app
def consent_withdraw(app: App, document: str) -> None:
    """撤回同意: collecting DOCUMENT's data is refused until you grant it again."""
    app.device().withdraw_consent(document)
    app.emit(
        {"withdrawn": document},
        lambda: click.echo(f"已撤回 withdrawn: {document}（需要时可再次同意 grant again）"),
    )


COMMANDS = (agreements, consent)
