"""``mcert-device``: the phone, as a command line.

Every holder operation of the mobile app (login, 实名认证, applications, orders, payment,
download, password, renewal, reissue, change, messages) as one command over
:class:`~mcert_device.client.DeviceClient`. State lives in a home directory (``--home``):
the :class:`~mcert_device.crypto.Keystore` (device id, ``device_secret``, wrapped private
keys, certificates), the session tokens and the server URL.

This module must never print, log or send a private key, the ``device_secret``, a session
token or a password; ``export`` writes certificates only. Like the rest of
``mcert_device`` it never imports the server package ``mcert``.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlparse

import click
import httpx

from mcert_device.client import DeviceClient, DeviceError
from mcert_device.crypto import DeviceCryptoError

DEFAULT_SERVER = "http://127.0.0.1:8000"
DEFAULT_HOME = "~/.mcert-device"
CONFIG_FILE = "config.json"
SANDBOX_CASHIER = "/sandbox/pay/"
# Never shown, even with --json: secrets, or blobs sealed to a key that no longer exists.
HIDDEN_FIELDS = frozenset(
    {"access_token", "refresh_token", "sealed_encryption_key", "sealed_server_share"}
)
CERT_TYPES = {"personal": "个人证书", "org": "单位证书"}
LOGIN_HINT = "请先登录 (log in first): mcert-device sms-code PHONE && mcert-device login PHONE"


# --------------------------------------------------------------------------- state


@dataclass
class App:
    """What every command shares: where the device lives and how to talk to the server."""

    home: Path
    server: str
    as_json: bool
    _device: DeviceClient | None = field(default=None, repr=False)

    def device(self, *, login: bool = True) -> DeviceClient:
        """The device loaded from ``home``; with ``login``, refuse early when logged out."""
        if self._device is None:
            http = httpx.Client(base_url=self.server, timeout=30.0)
            click.get_current_context().call_on_close(http.close)
            self._device = DeviceClient.open(http, self.home)
            self._device.device_name = f"mcert-device@{socket.gethostname()}"[:100]
        if login and not (self._device.access_token or self._device.refresh_token):
            fail("not_logged_in", LOGIN_HINT)
        return self._device

    def emit(self, data: Any, human: Callable[[], None]) -> None:
        """The server's JSON for scripts, or a short human summary."""
        if self.as_json:
            click.echo(json.dumps(_public(data), ensure_ascii=False, indent=2))
        else:
            human()


def _public(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _public(v) for k, v in data.items() if k not in HIDDEN_FIELDS}
    if isinstance(data, list):
        return [_public(v) for v in data]
    return data


def fail(code: str, message: str) -> NoReturn:
    click.echo(f"错误 {code}: {message}", err=True)
    sys.exit(1)


def _resolve_server(home: Path, explicit: str | None) -> str:
    """``--server``/``MCERT_SERVER``, else the URL saved on first use, else the default."""
    config = home / CONFIG_FILE
    saved: str | None = None
    if config.exists():
        saved = json.loads(config.read_text(encoding="utf-8")).get("server")
    server = (explicit or saved or DEFAULT_SERVER).rstrip("/")
    if saved is None:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        config.write_text(json.dumps({"server": server}) + "\n", encoding="utf-8")
    elif explicit and server != saved.rstrip("/"):
        click.echo(f"注意 note: {home} was set up for {saved}; using {server}", err=True)
    return server


class _Group(click.Group):
    """Turns the server's refusals and network failures into ``错误 <code>: <message>``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeviceError as exc:
            message = exc.message
            if exc.status == 401:
                message = f"{message} — {LOGIN_HINT}"
            left = exc.details.get("attempts_left")
            if left is not None:
                message = f"{message} (剩余尝试 attempts left: {left})"
            fail(exc.code, message)
        except httpx.TransportError as exc:
            server = ctx.obj.server if isinstance(ctx.obj, App) else "?"
            fail("server_unreachable", f"无法连接服务器 cannot reach {server}: {exc}")
        except DeviceCryptoError as exc:
            fail("keystore_error", f"本机密钥库错误 keystore problem: {exc}")


pass_app = click.make_pass_decorator(App)
ImageFile = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


def _file(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


def _new_password(value: str | None, label: str = "新证书密码 new certificate password") -> str:
    if value is not None:
        return value
    return str(click.prompt(label, hide_input=True, confirmation_prompt=True))


def _password(value: str | None, label: str = "证书密码 certificate password") -> str:
    if value is not None:
        return value
    return str(click.prompt(label, hide_input=True))


def _day(value: str | None) -> str:
    return value[:10] if value else "-"


# --------------------------------------------------------------------------- root


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    envvar="MCERT_DEVICE_HOME",
    default=DEFAULT_HOME,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Device state: keystore, session, server URL (env MCERT_DEVICE_HOME)",
)
@click.option(
    "--server",
    envvar="MCERT_SERVER",
    default=None,
    help=f"mCert server (env MCERT_SERVER; saved on first use; default {DEFAULT_SERVER})",
)
@click.option("--json", "as_json", is_flag=True, help="Print the server's JSON (for scripts)")
@click.version_option(package_name="mcert")
@click.pass_context
def main(ctx: click.Context, home: Path, server: str | None, as_json: bool) -> None:
    """mcert-device: 移动数字证书 on the command line — a phone for mCert.

    Private keys are made here and stay here, wrapped; only CSRs, certificates and password
    pre-hashes travel. A first certificate, step by step:

    \b
      mcert-device sms-code 13800138000
      mcert-device login 13800138000
      mcert-device realname phone --name 张三 --id-number 110101199001010015
      mcert-device realname face ATTEMPT_ID --image me.jpg
      mcert-device apply personal --years 1
      mcert-device pay ORDER_ID
      mcert-device certs
      mcert-device download CERT_ID
    """
    home = home.expanduser()
    ctx.obj = App(home=home, server=_resolve_server(home, server), as_json=as_json)


# --------------------------------------------------------------------------- account


@main.command("sms-code")
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


@main.command()
@click.argument("phone")
@click.option("--code", help="The 6-digit SMS code (prompted when omitted)")
@pass_app
def login(app: App, phone: str, code: str | None) -> None:
    """Log in (or register) with PHONE and its SMS code; this device is remembered."""
    device = app.device(login=False)
    if code is None:
        code = str(click.prompt("短信验证码 SMS code"))
    body = device.login(phone, code.strip())

    def human() -> None:
        new = "，新账号 new account" if body.get("is_new_user") else ""
        click.echo(f"已登录 logged in: {body['user']['phone_masked']}{new}")

    app.emit(body, human)


@main.command()
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


@main.command()
@pass_app
def me(app: App) -> None:
    """Who is logged in, and on which devices."""
    device = app.device()
    body = device.me()

    def human() -> None:
        user = body["user"]
        click.echo(f"账号 account:  {user['phone_masked']}  (since {_day(user['created_at'])})")
        click.echo(f"本机 device:   {device.keystore.device_id}  ({app.home})")
        click.echo(f"服务器 server: {app.server}")
        for d in body["devices"]:
            mark = "*" if d["current"] else " "
            click.echo(
                f" {mark} {d['name'] or '-'}  {d['platform'] or '-'}  "
                f"last seen {d['last_seen_at'][:19]}"
            )

    app.emit(body, human)


# --------------------------------------------------------------------------- real-name


def _attempt_human(body: dict[str, Any]) -> Callable[[], None]:
    def human() -> None:
        click.echo(f"实名认证 attempt {body['id']}: {body['status']}")
        step = body.get("next_step")
        if step == "sms":
            click.echo(f"下一步 next: mcert-device realname sms {body['id']} --code CODE")
        elif step == "face":
            click.echo(f"下一步 next: mcert-device realname face {body['id']} --image FILE")

    return human


def _realname_human(body: dict[str, Any]) -> Callable[[], None]:
    def human() -> None:
        if not body.get("verified"):
            click.echo("未实名 not verified: mcert-device realname phone|bank-card ...")
            return
        click.echo(
            f"已实名 verified: {body['name_masked']}  {body['id_number_masked']}  "
            f"by {body['method']} at {str(body['verified_at'])[:19]}"
        )

    return human


@main.group()
def realname() -> None:
    """实名认证: phone or bank card, then a face check."""


@realname.command("phone")
@click.option("--name", required=True, help="Name on the ID card")
@click.option("--id-number", required=True, help="Resident ID number (18 characters)")
@pass_app
def realname_phone(app: App, name: str, id_number: str) -> None:
    """Carrier check: this account's phone must be registered to NAME / ID-NUMBER."""
    body = app.device().realname_phone(name, id_number)
    app.emit(body, _attempt_human(body))


@realname.command("bank-card")
@click.option("--name", required=True, help="Name on the ID card")
@click.option("--id-number", required=True, help="Resident ID number")
@click.option("--card", required=True, help="Bank card number")
@click.option("--bank-phone", required=True, help="The phone number the bank has on file")
@pass_app
def realname_bank_card(app: App, name: str, id_number: str, card: str, bank_phone: str) -> None:
    """Bank four elements; a code is sent to the bank's phone (then: realname sms)."""
    body = app.device().realname_bank_card(name, id_number, card, bank_phone)
    app.emit(body, _attempt_human(body))


@realname.command("sms")
@click.argument("attempt_id")
@click.option("--code", help="The code sent to the bank phone (prompted when omitted)")
@pass_app
def realname_sms(app: App, attempt_id: str, code: str | None) -> None:
    """Confirm a bank-card attempt with the SMS code."""
    device = app.device()
    if code is None:
        code = str(click.prompt("短信验证码 SMS code"))
    body = device.realname_sms(attempt_id, code.strip())
    app.emit(body, _attempt_human(body))


@realname.command("face")
@click.argument("attempt_id")
@click.option("--image", required=True, type=ImageFile, help="Face capture, JPEG or PNG")
@pass_app
def realname_face(app: App, attempt_id: str, image: Path) -> None:
    """Finish an attempt with a face capture (人脸核身)."""
    body = app.device().realname_face(attempt_id, image.read_bytes(), image.name)
    app.emit(body, _realname_human(body))


@realname.command("status")
@pass_app
def realname_status(app: App) -> None:
    """Whether this account is verified (masked name and ID number)."""
    body = app.device().realname_status()
    app.emit(body, _realname_human(body))


@main.command("face-check")
@click.option("--image", required=True, type=ImageFile, help="Face capture, JPEG or PNG")
@pass_app
def face_check(app: App, image: Path) -> None:
    """A fresh face check for password reset and reissue; prints its face_check_id."""
    body = app.device().request(
        "POST", "/api/app/v1/face-checks", files={"image": (image.name, image.read_bytes())}
    )
    app.emit(
        body,
        lambda: click.echo(
            f"face_check_id: {body['face_check_id']}  (valid {body['expires_in_seconds']} s)"
        ),
    )


# --------------------------------------------------------------------------- orders


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


def _order_human(o: dict[str, Any], headline: str | None = None) -> Callable[[], None]:
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


@main.group()
def apply() -> None:
    """申请证书: personal (after 实名) or company (with documents, reviewed)."""


@apply.command("personal")
@click.option("--years", required=True, type=click.IntRange(1, 3), help="Validity: 1, 2 or 3")
@pass_app
def apply_personal(app: App, years: int) -> None:
    """个人证书: straight to 待支付 once real-name verified."""
    body = app.device().apply_personal(years)
    app.emit(body, _order_human(body, "订单已创建 order created"))


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
) -> None:
    """单位证书: documents are uploaded and the order waits for manual review (待审核)."""
    if applicant_is_legal_rep is None:
        raise click.UsageError("say --applicant-is-legal-rep or --not-legal-rep")
    body = app.device().apply_company(
        years=years,
        company_name=company_name,
        uscc=uscc,
        legal_rep_name=legal_rep,
        applicant_is_legal_rep=applicant_is_legal_rep,
        licence=_file(licence),
        authorization=_file(authorization) if authorization else None,
    )
    app.emit(body, _order_human(body, "已提交 submitted for review"))


@main.command()
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


@main.command()
@click.argument("order_id")
@pass_app
def order(app: App, order_id: str) -> None:
    """One order: status, amount, documents and, under 未通过, the rejection reason."""
    body = app.device().order(order_id)
    app.emit(body, _order_human(body))


@main.command()
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
        kind: _file(path)
        for kind, path in (
            ("business_licence", licence),
            ("authorization_letter", authorization),
            ("change_proof", change_proof),
        )
        if path is not None
    }
    body = app.device().resubmit(order_id, data=data, files=files)
    app.emit(body, _order_human(body, "已重新提交 resubmitted"))


@main.command()
@click.argument("order_id")
@pass_app
def cancel(app: App, order_id: str) -> None:
    """Cancel an order that is not paid yet."""
    body = app.device().cancel(order_id)
    app.emit(body, _order_human(body, "已取消 cancelled"))


@main.command()
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
        app.emit(body, _order_human(body, "已取消支付 cashier cancelled (order still open)"))
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
    app.emit(body, _order_human(body, headline))


# --------------------------------------------------------------------------- certificates


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


def _subject(c: dict[str, Any]) -> str:
    return f"{c['subject_org']} / {c['subject_cn']}" if c.get("subject_org") else c["subject_cn"]


def _cert_rows(certs: Iterable[dict[str, Any]]) -> list[str]:
    rows = []
    for c in certs:
        kind = CERT_TYPES.get(c["cert_type"], c["cert_type"])
        rows.append(
            f"{c['id']}  {kind}  {c['status_label']} ({c['status']})  {_subject(c)}  "
            f"expires {_day(c['not_after'])}  {_where(c)}"
        )
    return rows


@main.command()
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


@main.command()
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
        click.echo(f"主体 subject:     {sign['subject'] if sign else _subject(c)}")
        if sign:
            click.echo(f"签名证书序列号 signing serial:    {sign['serial']}")
        if enc:
            click.echo(f"加密证书序列号 encryption serial: {enc['serial']}")
        if sign:
            click.echo(
                f"有效期 validity:   {sign['not_before'][:19]} – {sign['not_after'][:19]} (UTC)"
            )
        else:
            click.echo(f"有效期至 expires: {_day(c['not_after'])}")
        click.echo(f"颁发者 issuer:    {c.get('issuer') or '-'}")
        click.echo(f"设备 device:      {_where(c)}")
        if c.get("predecessor_id"):
            click.echo(f"前序证书 predecessor: {c['predecessor_id']}")
        if c.get("renewable_now"):
            click.echo(f"可延期 renewable now: mcert-device renew {c['id']} --years N")
        if c["status"] == "pending_download":
            click.echo(f"下一步 next: mcert-device download {c['id']}")

    app.emit(c, human)


@main.command()
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
        current = _password(current_password or password, "当前证书密码 current password")
        result = device.download(cert_id, current_password=current, predecessor_id=predecessor)
    else:
        if current_password is not None:
            raise click.UsageError("this download sets a new password: use --password")
        result = device.download(cert_id, password=_new_password(password))

    def human() -> None:
        cert = result["certificate"]
        click.echo(f"已下载 downloaded: {_subject(cert)}  ({cert['status_label']})")
        click.echo(f"私钥已加密保存在本机 keys wrapped in {app.home}")
        click.echo(f"查看 details: mcert-device show {cert['id']}")

    app.emit(result, human)


@main.command()
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


@main.group()
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
    old = _password(old_password, "当前证书密码 current password")
    new = _new_password(new_password)
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
    body = device.reset_password(cert_id, face_check_id, _new_password(new_password))
    app.emit(body, lambda: click.echo(f"证书密码已重置 password reset: {body['id']}"))


@main.command()
@click.argument("cert_id")
@click.option("--years", required=True, type=click.IntRange(1, 3), help="Extend by 1, 2 or 3")
@click.option("--password", help="The certificate password (prompted)")
@pass_app
def renew(app: App, cert_id: str, years: int, password: str | None) -> None:
    """证书延期 (in the 90 days before expiry; not after it): an order to pay, then download."""
    device = app.device()
    body = device.renew(cert_id, years, _password(password))
    app.emit(body, _order_human(body, "延期订单已创建 renewal order created"))


@main.command()
@click.argument("cert_id")
@click.option("--face-check", "face_check_id", required=True, help="From: mcert-device face-check")
@pass_app
def reissue(app: App, cert_id: str, face_check_id: str) -> None:
    """证书补办 on this device (new phone): pay, then download with a new password."""
    body = app.device().reissue(cert_id, face_check_id)
    app.emit(body, _order_human(body, "补办订单已创建 reissue order created"))


@main.command()
@click.argument("cert_id")
@click.option("--new-name", required=True, help="The company's new name")
@click.option("--proof", required=True, type=ImageFile, help="新营业执照 or 核准变更通知书")
@pass_app
def change(app: App, cert_id: str, new_name: str, proof: Path) -> None:
    """证书变更 of the company name: review, pay, download. Bound seals become void."""
    body = app.device().change(cert_id, new_name, _file(proof))
    app.emit(body, _order_human(body, "变更已提交 change submitted for review"))


@main.command()
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


# --------------------------------------------------------------------------- scan to use


SCAN_TYPES = {"login": "登录", "sign": "签章", "decrypt": "解密"}


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
            click.echo(f"  {c['id']}  {_subject(c)}  — {mark}")

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


@main.command()
@click.argument("qr_text")
@click.option("--cert", "wanted", help="Certificate id or serial (default: the only eligible one)")
@click.option("--password", help="The certificate password (prompted)")
@click.option("--reject", is_flag=True, help="Decline: the platform sees user_cancel")
@pass_app
def scan(app: App, qr_text: str, wanted: str | None, password: str | None, reject: bool) -> None:
    """扫码 a platform's QR text, then confirm with a certificate and its password.

    Shows the platform, the operation (登录/签章/解密), its text, the documents and which
    certificates may be used. The QR changes every second: pass a frame at most a few
    seconds old (the platform's page or `mcert-rp` shows the current one).
    """
    device = app.device()
    view = device.scan(qr_text)
    if reject:
        done = device.reject_scan(view["session_id"])

        def declined() -> None:
            _scan_human(view)()
            click.echo("已拒绝 declined")

        app.emit({"scan": view, "result": _summary(done)}, declined)
        return
    if not app.as_json:
        _scan_human(view)()
    cert_id = _choose(device, view, wanted)
    done = device.confirm(view["session_id"], cert_id, _password(password))

    def human() -> None:
        label = SCAN_TYPES.get(done["type"], done["type"])
        click.echo(f"已完成 done: {label} with {cert_id} — 请回到网页 back to the platform")

    app.emit({"scan": view, "cert_id": cert_id, "result": _summary(done)}, human)


def _summary(status: dict[str, Any]) -> dict[str, Any]:
    """The session status without the result's bulk (chain, OCSP, sealed output)."""
    return {k: status.get(k) for k in ("session_id", "type", "status", "hint", "reason")}


@main.command("reject")
@click.argument("session_id")
@pass_app
def reject_scan(app: App, session_id: str) -> None:
    """Decline a session this device has scanned (the platform sees user_cancel)."""
    done = app.device().reject_scan(session_id)
    app.emit(_summary(done), lambda: click.echo(f"已拒绝 declined: {session_id}"))


@main.command()
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
