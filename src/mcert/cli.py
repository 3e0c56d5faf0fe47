"""The ``mcert`` command: serve, migrate, inspect the SMS outbox, verify the audit chain.

Each command builds its own settings and runtime; nothing is read at import time.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from pydantic import ValidationError

from mcert.settings import Settings


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        messages = "; ".join(str(e["msg"]) for e in exc.errors())
        raise click.ClickException(f"invalid settings: {messages}") from exc


def _runtime() -> Any:
    from mcert.runtime import Runtime

    return Runtime(_settings())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mcert")
def main() -> None:
    """mCert: mobile digital certificates for e-bidding."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to bind")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes")
@click.option("--reload", is_flag=True, help="Reload on code changes (development)")
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    """Serve the API (and the app, once built) over HTTP."""
    import uvicorn

    settings = _settings()  # fail fast on insecure production settings
    from mcert import logging as mcert_logging

    mcert_logging.configure(settings.log_level, settings.effective_log_json)
    uvicorn.run(
        "mcert.main:app_factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        log_config=None,
        proxy_headers=False,
    )


@main.group()
def db() -> None:
    """Database schema management."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (creates the SQLite file if needed)."""
    from mcert.db.migrate import current, upgrade

    rt = _runtime()
    upgrade(rt.engine, revision)
    click.echo(f"database at revision {current(rt.engine)}")


@main.group()
def sms() -> None:
    """The SMS sandbox."""


@sms.command("outbox")
@click.option("--phone", help="Only messages sent to this phone number")
@click.option("--last", is_flag=True, help="Only the newest message")
@click.option("--limit", default=20, show_default=True, help="How many messages")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")
def sms_outbox(phone: str | None, last: bool, limit: int, as_json: bool) -> None:
    """Show messages the sandbox SMS provider has 'sent' (newest first)."""
    from mcert.ident import validate_mobile
    from mcert.providers.sms import SandboxSMSSender

    rt = _runtime()
    sender = rt.sms
    if not isinstance(sender, SandboxSMSSender):
        raise click.ClickException("the configured SMS provider has no outbox")
    if phone:
        phone = validate_mobile(phone)
    messages = sender.outbox(phone=phone, limit=1 if last else limit)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": m.id,
                        "phone": m.phone_masked,
                        "template": m.template,
                        "body": m.body,
                        "sent_at": m.sent_at.isoformat(),
                    }
                    for m in messages
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not messages:
        click.echo("outbox is empty")
    for m in messages:
        click.echo(f"{m.sent_at:%Y-%m-%d %H:%M:%S}Z  {m.phone_masked}  {m.body}")


@main.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
def audit_verify() -> None:
    """Walk the audit chain; exit 1 naming the first edited, deleted or moved entry."""
    from mcert.audit.service import verify

    rt = _runtime()
    with rt.sessions() as session:
        report = verify(session)
    if report.ok:
        click.echo(f"audit chain OK: {report.entries} entries, head {report.head}")
        return
    click.echo(f"audit chain BROKEN at entry {report.bad_seq}: {report.problem}", err=True)
    click.echo(f"{report.entries} entries verified before it", err=True)
    sys.exit(1)


if __name__ == "__main__":
    main()
