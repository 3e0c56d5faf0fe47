"""Account commands: ``sms-code``, ``login``, ``logout``, ``me`` and ``messages``."""

from __future__ import annotations

import click

from mcert_device.cli.common import App, day, fail, pass_app
from mcert_device.client import DeviceError


@click.command("sms-code")
@click.argument("phone")
@pass_app
def sms_code(app: App, phone: str) -> None:
    """Ask for a login code (登录验证码) sent by SMS to PHONE."""
    body = app.device(login=False).request_code(phone)
    app.emit(
        body,
        lambda: click.echo(
            f"验证码已发送 code sent to {phone}: valid {body['expires_in_seconds']} s, "
            f"resend after {body['resend_after_seconds']} s"
        ),
    )


@click.command()
@click.argument("phone")
@click.option("--code", help="The 6-digit SMS code (prompted when omitted)")
@click.option(
    "--agree",
    is_flag=True,
    help="我已阅读并同意《用户协议》《隐私政策》 (read them: mcert-device agreements)",
)
@pass_app
def login(app: App, phone: str, code: str | None, agree: bool) -> None:
    """Log in (or register) with PHONE and its SMS code; this device is remembered.

    Needs --agree: you have read and agree to the current 用户协议 and 隐私政策."""
    if not agree:
        fail(
            "agreement_required",
            "请阅读并同意《用户协议》和《隐私政策》后登录：mcert-device agreements，"
            "然后加 --agree (read them, then log in with --agree)",
        )
    device = app.device(login=False)
    if code is None:
        code = str(click.prompt("短信验证码 SMS code"))
    body = device.login(phone, code.strip(), agree=True)

    def human() -> None:
        new = "，新账号 new account" if body.get("is_new_user") else ""
        click.echo(f"已登录 logged in: {body['user']['phone_masked']}{new}")

    app.emit(body, human)


@click.command()
@pass_app
def logout(app: App) -> None:
    """Log out: the server ends the session, this device forgets its tokens."""
    device = app.device(login=False)
    if not (device.access_token or device.refresh_token):
        app.emit({"logged_out": False}, lambda: click.echo("未登录 not logged in"))
        return
    try:
        device.logout()
    except DeviceError as exc:
        if exc.status != 401:
            raise
        device.access_token = device.refresh_token = None  # already gone at the server
        device.save()
    app.emit({"logged_out": True}, lambda: click.echo("已退出 logged out"))


@click.command()
@pass_app
def me(app: App) -> None:
    """Who is logged in, and on which devices."""
    device = app.device()
    body = device.me()

    def human() -> None:
        user = body["user"]
        click.echo(f"账号 account:  {user['phone_masked']}  (since {day(user['created_at'])})")
        click.echo(f"本机 device:   {device.keystore.device_id}  ({app.home})")
        click.echo(f"服务器 server: {app.server}")
        for d in body["devices"]:
            mark = "*" if d["current"] else " "
            click.echo(
                f" {mark} {d['name'] or '-'}  {d['platform'] or '-'}  "
                f"last seen {d['last_seen_at'][:19]}"
            )

    app.emit(body, human)


@click.command()
@pass_app
def messages(app: App) -> None:
    """消息: notifications about orders, reviews and certificates."""
    body = app.device().messages()

    def human() -> None:
        click.echo(f"{body['total']} messages, {body['unread']} unread")
        for m in body["items"]:
            mark = " " if m["read"] else "*"
            click.echo(f"{mark} {m['created_at'][:19]}  {m['title']}: {m['body']}")

    app.emit(body, human)


COMMANDS = (sms_code, login, logout, me, messages)
