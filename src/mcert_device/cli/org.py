"""The company side: ``org`` (授权管理 for a company's admins: ``list``, ``show``,
``members``, ``invite``, ``role``, ``revoke``, ``resend``, ``usage``), ``claims`` and
``claim`` (待申领的证书) for the person invited.

``--org`` takes a company id or its USCC; without it, the one company this holder
administers. Names, phones and ID numbers come back masked from the server.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from mcert_device.cli.common import App, ImageFile, day, fail, pass_app
from mcert_device.cli.consent import consent_first, consent_option
from mcert_device.cli.orders import order_human
from mcert_device.client import DeviceClient

ROLES = {"user": "证书使用人", "admin": "证书管理员"}


def _org(device: DeviceClient, wanted: str | None) -> str:
    """The company id: ``wanted`` (id or USCC) among this holder's, else the only one they
    administer."""
    companies = device.companies()
    if wanted is not None:
        for c in companies:
            if wanted in (c["id"], c["uscc"]):
                return str(c["id"])
        return wanted  # the server decides (403 org_admin_required for strangers)
    admin_of = [c for c in companies if c["role"] == "admin"]
    if len(admin_of) == 1:
        return str(admin_of[0]["id"])
    if not admin_of:
        fail("org_admin_required", "您不是任何单位的证书管理员 you administer no company")
    names = ", ".join(f"{c['uscc']} {c['name']}" for c in admin_of)
    fail("org_required", f"请用 --org 选择单位 choose one with --org: {names}")


org_option = click.option("--org", "wanted_org", help="Company id or USCC (default: yours)")


def _member_line(m: dict[str, Any]) -> str:
    certs = ",".join(f"{c['status_label']}" for c in m["certificates"]) or "无证书 no certificate"
    me = "  (我 me)" if m["is_me"] else ""
    used = f"  最近使用 last used {str(m['last_used_at'])[:19]}" if m["last_used_at"] else ""
    return (
        f"{m['id']}  {m['role_label']}  {m['status_label']} ({m['status']})  "
        f"{m['name_masked'] or '-'}  {m['phone_masked']}  {certs}{used}{me}"
    )


@click.group()
def org() -> None:
    """授权管理: a company's members, for its certificate admins (证书管理员)."""


@org.command("list")
@pass_app
def org_list(app: App) -> None:
    """The companies this holder is an authorised member of, with the role."""
    body = app.device().companies()

    def human() -> None:
        if not body:
            click.echo("不是任何单位的成员 not a member of any company")
        for c in body:
            click.echo(f"{c['id']}  {c['uscc']}  {c['name']}  {c['role_label']} ({c['role']})")

    app.emit(body, human)


@org.command("show")
@org_option
@pass_app
def org_show(app: App, wanted_org: str | None) -> None:
    """单位信息: name, USCC, legal representative, documents, certificates and expiry."""
    device = app.device()
    body = device.company(_org(device, wanted_org))

    def human() -> None:
        click.echo(f"单位 company:  {body['name']}  {body['uscc']}")
        click.echo(f"法定代表人 legal representative: {body['legal_rep_masked']}")
        for d in body["documents"]:
            click.echo(f"  材料 {d['label']}: {d['status_label']}  ({d['order_no']})")
        for n in body["name_changes"]:
            click.echo(f"  更名 renamed {day(n['changed_at'])}: {n['old_name']} → {n['new_name']}")
        click.echo(f"成员 members: {len(body['members'])}")
        for c in body["certificates"]:
            redownload = "  待重新下载 renamed: download again" if c["needs_redownload"] else ""
            left = f"  剩余 {c['days_left']} 天" if c["days_left"] is not None else ""
            click.echo(
                f"  证书 {c['serial'] or '-'}  {c['holder_name_masked']}  {c['status_label']}  "
                f"有效期至 {day(c['not_after'])}{left}{redownload}"
            )

    app.emit(body, human)


@org.command("members")
@org_option
@pass_app
def org_members(app: App, wanted_org: str | None) -> None:
    """单位成员: role, status, masked name and phone, certificates, last use."""
    device = app.device()
    body = device.members(_org(device, wanted_org), limit=100)

    def human() -> None:
        for m in body["items"]:
            click.echo(_member_line(m))
        if body["total"] > len(body["items"]):
            click.echo(f"... {body['total']} in all")

    app.emit(body, human)


@org.command("invite")
@click.option("--name", required=True, help="The person's real name (姓名)")
@click.option("--id-number", required=True, help="Resident ID number (身份证号)")
@click.option("--phone", required=True, help="Mobile number: they log in with it to claim")
@click.option("--role", type=click.Choice(list(ROLES)), default="user", show_default=True)
@click.option(
    "--prepay-years",
    type=click.IntRange(1, 3),
    help="Pay for their certificate now (an order to pay: mcert-device pay ORDER)",
)
@org_option
@pass_app
def org_invite(
    app: App,
    name: str,
    id_number: str,
    phone: str,
    role: str,
    prepay_years: int | None,
    wanted_org: str | None,
) -> None:
    """单位成员授权: authorise a person as 证书使用人 (user) or 证书管理员 (admin).

    They get an SMS, log in with that phone and claim under 待申领的证书
    (mcert-device claims). The same invitation sent again answers with the first.
    """
    device = app.device()
    member = device.invite(
        _org(device, wanted_org),
        name=name,
        id_number=id_number,
        phone=phone,
        role=role,
        prepay_years=prepay_years,
    )

    def human() -> None:
        click.echo(f"已授权 authorised: {_member_line(member)}")
        prepay = member.get("prepay")
        if prepay:
            click.echo(
                f"预付订单 prepayment {prepay['order_no']}: ¥{prepay['amount_yuan']} "
                f"{prepay['status_label']} — mcert-device pay {prepay['order_id']}"
            )

    app.emit(member, human)


@org.command("role")
@click.argument("member_id")
@click.argument("role", type=click.Choice(list(ROLES)))
@org_option
@pass_app
def org_role(app: App, member_id: str, role: str, wanted_org: str | None) -> None:
    """Make a member 证书管理员 (admin) or 证书使用人 (user)."""
    device = app.device()
    member = device.set_role(_org(device, wanted_org), member_id, role)
    app.emit(member, lambda: click.echo(f"已变更 changed: {_member_line(member)}"))


@org.command("revoke")
@click.argument("member_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
@org_option
@pass_app
def org_revoke(app: App, member_id: str, yes: bool, wanted_org: str | None) -> None:
    """取消授权: the member's certificates of this company are revoked with it."""
    device = app.device()
    org_id = _org(device, wanted_org)
    if not yes:
        click.confirm(
            "取消授权将吊销该成员持有的本单位证书 revoking also revokes their company "
            "certificates. Continue?",
            abort=True,
        )
    member = device.revoke_member(org_id, member_id)
    app.emit(member, lambda: click.echo(f"已取消授权 revoked: {_member_line(member)}"))


@org.command("resend")
@click.argument("member_id")
@org_option
@pass_app
def org_resend(app: App, member_id: str, wanted_org: str | None) -> None:
    """Send the invitation SMS again (once a minute)."""
    device = app.device()
    member = device.resend_invitation(_org(device, wanted_org), member_id)
    app.emit(member, lambda: click.echo(f"已重发 sent again: {_member_line(member)}"))


@org.command("usage")
@click.option("--member", "member_id", help="Only this member's records (member id)")
@click.option("--serial", help="Only this certificate serial")
@click.option("--operation", type=click.Choice(["login", "sign", "decrypt"]))
@click.option("--from", "since", type=click.DateTime(), help="From (ISO date/time, UTC)")
@click.option("--to", "until", type=click.DateTime(), help="Before (ISO date/time, UTC)")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Export every matching record to this CSV file (UTF-8 with BOM)",
)
@org_option
@pass_app
def org_usage(
    app: App,
    member_id: str | None,
    serial: str | None,
    operation: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
    csv_path: Path | None,
    wanted_org: str | None,
) -> None:
    """The company's 使用记录: every member's scans (certificate admins only)."""
    device = app.device()
    params: dict[str, Any] = {"scope": "company", "org_id": _org(device, wanted_org)}
    for key, value in (("member_id", member_id), ("serial", serial), ("operation", operation)):
        if value:
            params[key] = value
    for key, moment in (("from", since), ("to", until)):
        if moment is not None:
            params[key] = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()
    if csv_path is not None:
        size = device.export_usage(csv_path, **params)
        app.emit(
            {"path": str(csv_path), "bytes": size},
            lambda: click.echo(f"已导出 exported: {csv_path} ({size} B)"),
        )
        return
    body = device.usage(limit=limit, offset=offset, **params)

    def human() -> None:
        if not body["items"]:
            click.echo("没有使用记录 no usage records")
        for r in body["items"]:
            click.echo(
                f"{str(r['created_at'])[:19]}  {r['operation_label']}  {r['holder_name'] or '-'}"
                f"  {r['cert_serial'] or '-'}  {r['rp_name']}  {r['result_label']}"
            )
        shown = offset + len(body["items"])
        if body["total"] > shown:
            click.echo(f"... {body['total']} in all (--offset {shown})")

    app.emit(body, human)


@click.command("claims")
@pass_app
def claims(app: App) -> None:
    """待申领的证书: company certificates this holder is authorised to claim."""
    body = app.device().claims()

    def human() -> None:
        if not body:
            click.echo("没有待申领的证书 nothing to claim")
        for c in body:
            paid = "  单位已预付 prepaid" if c["prepaid"] else ""
            pending = "  管理员预付未完成 prepayment unpaid" if c["prepay_pending"] else ""
            order = f"  待支付订单 order {c['open_order_id']}" if c["open_order_id"] else ""
            click.echo(
                f"{c['member_id']}  {c['company_name']}  {c['uscc']}  {c['role_label']}  "
                f"授权人 by {c['invited_by_masked'] or '-'}{paid}{pending}{order}"
            )
        if body:
            click.echo("申领 claim: mcert-device claim MEMBER_ID --image FACE.jpg")

    app.emit(body, human)


@click.command("claim")
@click.argument("member_id")
@click.option("--image", type=ImageFile, help="A face capture: the face check is done here")
@click.option("--face-check", "face_check_id", help="Or a face check id (mcert-device face-check)")
@click.option("--years", default=1, show_default=True, type=click.IntRange(1, 3))
@consent_option("face")
@pass_app
def claim(
    app: App,
    member_id: str,
    image: Path | None,
    face_check_id: str | None,
    years: int,
    give_consent: bool,
) -> None:
    """申领 a company certificate: identity check, face check, then the order.

    Your real-name identity must be the name and ID number the admin entered. The order
    is free when the admin prepaid; otherwise pay it (mcert-device pay ORDER), then
    download the certificate (mcert-device certs, mcert-device download CERT).
    """
    device = app.device()
    if face_check_id is None:
        if image is None:
            fail("face_check_required", "请提供人脸照片 give --image FACE.jpg or --face-check ID")
        consent_first(app, "face", give_consent)
        face_check_id = device.face_check(image.read_bytes(), image.name)
    order = device.claim(member_id, face_check_id, years)
    app.emit(order, order_human(order, "已申领 claimed"))


COMMANDS = (org, claims, claim)
