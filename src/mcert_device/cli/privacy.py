"""我的信息 and 注销账号: ``privacy summary``, ``privacy export [--html] -o FILE``,
``account cancel``, ``account cancel-status``, ``account cancel-withdraw``.

``account cancel`` sends the re-verification code to the account's phone, shows what
cancellation does and asks for the code (``--code`` to skip the prompt); the account is
cancelled after the cooling-off period unless ``cancel-withdraw`` is run before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from mcert_device import privacy as api
from mcert_device.cli.common import App, pass_app


@click.group()
def privacy() -> None:
    """我的信息: what the server holds about you, and a copy of it."""


@privacy.command("summary")
@pass_app
def summary(app: App) -> None:
    """Each category of personal data held, with a count."""
    body = api.summary(app.device())

    def human() -> None:
        for c in body["categories"]:
            click.echo(f"{c['title']}  {c['count']}  ({c['description']})")

    app.emit(body, human)


@privacy.command("export")
@click.option("--html", "as_html", is_flag=True, help="A readable HTML page instead of JSON")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="Write the file here",
)  # fmt: skip
@pass_app
def export(app: App, as_html: bool, output: Path) -> None:
    """下载我的信息: write everything the server holds about you to a file."""
    content = api.export(app.device(), "html" if as_html else "json")
    output.write_bytes(content)
    app.emit(
        {"path": str(output), "bytes": len(content)},
        lambda: click.echo(f"已保存 saved {output} ({len(content)} bytes)"),
    )


@click.group()
def account() -> None:
    """注销账号: cancel this account (after a cooling-off period) or withdraw the request."""


def _status_line(p: dict[str, Any] | None) -> str:
    if p is None:
        return "没有进行中的注销申请 no cancellation pending"
    return (
        f"{p['status_label']} ({p['status']})  申请 {p['requested_at']}  注销时间 due {p['due_at']}"
    )


@account.command("cancel-status")
@pass_app
def cancel_status(app: App) -> None:
    """The pending cancellation, the consequences and what blocks it now."""
    body = api.cancellation(app.device())

    def human() -> None:
        click.echo(_status_line(body["pending"]))
        click.echo(f"冷静期 cooling-off: {body['cooling_off_days']} 天")
        for line in body["consequences"]:
            click.echo(f"- {line}")
        for line in body["blockers"]:
            click.echo(f"不可注销 blocked: {line}")

    app.emit(body, human)


@account.command("cancel")
@click.option("--code", help="The SMS code (sent and prompted for when omitted)")
@click.option("--yes", is_flag=True, help="Do not ask to confirm the consequences")
@pass_app
def cancel(app: App, code: str | None, yes: bool) -> None:
    """Ask to cancel the account: re-verify by SMS, then the cooling-off period starts."""
    device = app.device()
    if code is None:
        status = api.cancellation(device)
        if not app.as_json:
            click.echo("注销账号后：")
            for line in status["consequences"]:
                click.echo(f"- {line}")
        if not yes:
            click.confirm("确认注销账号？ confirm cancellation", abort=True)
        api.cancellation_code(device)
        code = str(click.prompt("短信验证码 SMS code"))
    body = api.cancel(device, code.strip())
    app.emit(
        body,
        lambda: click.echo(
            f"已申请注销 requested: 将于 {body['due_at']} 注销；在此之前可运行 "
            "`mcert-device account cancel-withdraw` 撤销"
        ),
    )


@account.command("cancel-withdraw")
@pass_app
def cancel_withdraw(app: App) -> None:
    """撤销注销: withdraw the pending cancellation."""
    body = api.withdraw(app.device())
    app.emit(body, lambda: click.echo("已撤销注销 withdrawn: 账号继续正常使用"))


@account.command("cancel-code")
@pass_app
def cancel_code(app: App) -> None:
    """Only send the re-verification SMS code (then `account cancel --code`)."""
    body = api.cancellation_code(app.device())
    app.emit(
        body, lambda: click.echo(f"验证码已发送 code sent: valid {body['expires_in_seconds']} s")
    )


COMMANDS = (privacy, account)
