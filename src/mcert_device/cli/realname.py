"""实名认证 commands: the ``realname`` group (phone, bank card, SMS, face, status) and
``face-check`` (a fresh face check for password reset and reissue)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from mcert_device.cli.common import App, ImageFile, pass_app
from mcert_device.cli.consent import consent_first, consent_option


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


@click.group()
def realname() -> None:
    """实名认证: phone or bank card, then a face check."""


@realname.command("phone")
@click.option("--name", required=True, help="Name on the ID card")
@click.option("--id-number", required=True, help="Resident ID number (18 characters)")
@consent_option("realname")
@pass_app
def realname_phone(app: App, name: str, id_number: str, give_consent: bool) -> None:
    """Carrier check: this account's phone must be registered to NAME / ID-NUMBER."""
    consent_first(app, "realname", give_consent)
    body = app.device().realname_phone(name, id_number)
    app.emit(body, _attempt_human(body))


@realname.command("bank-card")
@click.option("--name", required=True, help="Name on the ID card")
@click.option("--id-number", required=True, help="Resident ID number")
@click.option("--card", required=True, help="Bank card number")
@click.option("--bank-phone", required=True, help="The phone number the bank has on file")
@consent_option("realname")
@pass_app
def realname_bank_card(
    app: App, name: str, id_number: str, card: str, bank_phone: str, give_consent: bool
) -> None:
    """Bank four elements; a code is sent to the bank's phone (then: realname sms)."""
    consent_first(app, "realname", give_consent)
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
@consent_option("face")
@pass_app
def realname_face(app: App, attempt_id: str, image: Path, give_consent: bool) -> None:
    """Finish an attempt with a face capture (人脸核身)."""
    consent_first(app, "face", give_consent)
    body = app.device().realname_face(attempt_id, image.read_bytes(), image.name)
    app.emit(body, _realname_human(body))


@realname.command("status")
@pass_app
def realname_status(app: App) -> None:
    """Whether this account is verified (masked name and ID number)."""
    body = app.device().realname_status()
    app.emit(body, _realname_human(body))


@click.command("face-check")
@click.option("--image", required=True, type=ImageFile, help="Face capture, JPEG or PNG")
@consent_option("face")
@pass_app
def face_check(app: App, image: Path, give_consent: bool) -> None:
    """A fresh face check for password reset and reissue; prints its face_check_id."""
    consent_first(app, "face", give_consent)
    body = app.device().request(
        "POST", "/api/app/v1/face-checks", files={"image": (image.name, image.read_bytes())}
    )
    app.emit(
        body,
        lambda: click.echo(
            f"face_check_id: {body['face_check_id']}  (valid {body['expires_in_seconds']} s)"
        ),
    )


COMMANDS = (realname, face_check)
