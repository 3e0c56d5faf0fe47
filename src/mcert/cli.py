"""The ``mcert`` command: serve, migrate, inspect the SMS outbox, verify the audit chain.

Each command builds its own settings and runtime; nothing is read at import time. A
configuration problem (a missing or invalid setting, a database without its schema or out
of reach) is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from typing import Any

import click
from pydantic import ValidationError

from mcert.operator.roles import OperatorRole
from mcert.pki.crl import RevocationReason
from mcert.settings import ConfigurationError, InsecureSettings, Settings


class ConfigError(click.ClickException):
    """A configuration problem: one line, exit code 2 (like a usage error)."""

    exit_code = 2


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        messages = "; ".join(
            (f"MCERT_{str(e['loc'][0]).upper()}: " if e["loc"] else "")
            + str(e["msg"]).removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise ConfigError(f"invalid settings: {messages}") from exc


def _runtime() -> Any:
    import mcert.flows  # noqa: F401  (connects the listeners between domains)
    from mcert.runtime import Runtime

    return Runtime(_settings())


def _database(settings: Settings | None) -> str:
    from sqlalchemy.engine import make_url

    if settings is None:
        return "the database"
    url = make_url(settings.effective_database_url)
    return f"the database {url.render_as_string(hide_password=True)}"


def _config_problem(exc: BaseException) -> str | None:
    """The one-line message for an exception that is a configuration problem, else None."""
    from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

    if isinstance(exc, ConfigurationError | InsecureSettings):
        return str(exc)
    if isinstance(exc, DBAPIError):
        try:
            settings: Settings | None = Settings()
        except Exception:
            settings = None
        first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
        if isinstance(exc, OperationalError | ProgrammingError) and (
            "no such table" in first or ("relation" in first and "does not exist" in first)
        ):
            return f"{_database(settings)} has no schema yet: run `mcert db upgrade`"
        if isinstance(exc, OperationalError):
            return f"cannot use {_database(settings)}: {first}"
    if isinstance(exc, PermissionError):
        return f"cannot use {exc.filename}: permission denied (check MCERT_DATA_DIR)"
    return None


def _require_schema(settings: Settings) -> None:
    """Refuse to serve a database without its schema (every request would fail) and never
    create an empty SQLite file on the way."""
    from sqlalchemy.engine import make_url

    from mcert.db.engine import make_engine
    from mcert.db.migrate import current

    url = make_url(settings.effective_database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        from pathlib import Path

        if not Path(str(url.database)).exists():
            raise ConfigError(f"{_database(settings)} does not exist: run `mcert db upgrade`")
    engine = make_engine(settings.effective_database_url)
    try:
        if current(engine) is None:
            raise ConfigError(f"{_database(settings)} has no schema yet: run `mcert db upgrade`")
    finally:
        engine.dispose()


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            message = _config_problem(exc)
            if message is None:
                raise
            raise ConfigError(message) from exc


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mcert")
def main() -> None:
    """mCert: mobile digital certificates for e-bidding.

    Settings come from MCERT_* environment variables (README, Configuration). The data
    directory is MCERT_DATA_DIR, or the checkout's var/ when mCert runs from a source
    checkout; an installed mCert without MCERT_DATA_DIR refuses to start.
    """


@main.command()
@click.option("--host", help="Address to bind  [default: MCERT_HOST, else 127.0.0.1]")
@click.option("--port", type=int, help="Port to bind  [default: MCERT_PORT, else 8000]")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes")
@click.option("--reload", is_flag=True, help="Reload on code changes (development)")
def serve(host: str | None, port: int | None, workers: int, reload: bool) -> None:
    """Serve the API (and the app, once built) over HTTP.

    Without MCERT_PUBLIC_URL, the URL written into QR codes, certificates and payment
    callbacks is http://HOST:PORT of this command.
    """
    import uvicorn

    # The workers build their settings from the environment: hand them the address too, so
    # the default public URL they derive is this one.
    if host is not None:
        os.environ["MCERT_HOST"] = host
    if port is not None:
        os.environ["MCERT_PORT"] = str(port)
    settings = _settings()  # fail fast on insecure production settings
    _require_schema(settings)
    host, port = settings.host, settings.port
    from mcert import logging as mcert_logging

    mcert_logging.configure(settings.log_level, settings.effective_log_json)
    hint = ""
    if host in ("", "0.0.0.0", "::") and "MCERT_PUBLIC_URL" not in os.environ:
        hint = " (set MCERT_PUBLIC_URL to an address phones on other machines reach)"
    click.echo(f"mcert: serving on {host}:{port}, public URL {settings.public_url}{hint}", err=True)
    uvicorn.run(
        "mcert.main:app_factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        log_config=None,
        proxy_headers=False,
        timeout_keep_alive=settings.http_keep_alive_seconds,
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


@main.command("consents")
@click.argument("phone")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts")
def consents(phone: str, as_json: bool) -> None:
    """A holder's agreements and consents (docs/privacy.md): every grant, newest first.

    Version, time, withdrawal, device and the masked client address: the evidence of what
    the holder agreed to, and when."""
    from sqlalchemy import select

    from mcert.account.models import Device, User
    from mcert.consent import service as consent_service
    from mcert.ident import validate_mobile
    from mcert.pii import mask_ip

    rt = _runtime()
    with rt.sessions() as db:
        user = db.scalars(
            select(User).where(User.phone_bidx == rt.blind_index.compute(validate_mobile(phone)))
        ).first()
        if user is None:
            raise click.ClickException("no account with this phone number")
        devices = {d.id: d.device_key for d in db.scalars(select(Device)).all()}
        rows: list[dict[str, str | None]] = []
        for r in consent_service.history(db, user.id):
            ip = consent_service.client_ip_of(rt, r)
            rows.append(
                {
                    "document": r.document,
                    "version": r.version,
                    "granted_at": r.granted_at.isoformat(),
                    "withdrawn_at": r.withdrawn_at.isoformat() if r.withdrawn_at else None,
                    "device": devices.get(r.device_id or ""),
                    "client_ip": mask_ip(ip) if ip else None,
                }
            )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        withdrawn = row["withdrawn_at"]
        state = f"withdrawn {withdrawn[:19]}" if withdrawn else "standing"
        click.echo(
            f"{str(row['granted_at'])[:19]}  {row['document']:<18} v{row['version']}  {state}  "
            f"{row['device'] or '-'}  {row['client_ip'] or '-'}"
        )


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


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl")
@click.option("--action", help="Exact action, or a prefix ending in '.' (order.)")
@click.option("--actor", help="Actor id, or type:id / type: (operator:)")
@click.option("--target", help="Target id, or type:id / type:")
@click.option("--since", type=click.DateTime(), help="UTC, inclusive")
@click.option("--until", type=click.DateTime(), help="UTC, exclusive")
def audit_export(
    fmt: str,
    action: str | None,
    actor: str | None,
    target: str | None,
    since: datetime | None,
    until: datetime | None,
) -> None:
    """Write matching audit entries to stdout, oldest first (the console's export)."""
    from sqlalchemy import select

    from mcert.audit.service import AuditFilter, export_lines
    from mcert.operator.models import Operator

    def names(batch: list[Any]) -> dict[str, str]:
        ids = {e.actor_id for e in batch if e.actor_type == "operator" and e.actor_id}
        rows = session.execute(
            select(Operator.id, Operator.display_name).where(Operator.id.in_(ids))
        ).all()
        return {i: n for i, n in rows}

    utc = [d.replace(tzinfo=UTC) if d is not None else None for d in (since, until)]
    f = AuditFilter(action=action, actor=actor, target=target, since=utc[0], until=utc[1])
    rt = _runtime()
    with rt.sessions() as session:
        for chunk in export_lines(session, f, fmt, names):
            click.echo(chunk, nl=False)


@main.group()
def ca() -> None:
    """The certificate authority: hierarchy, issuance, revocation."""


@ca.command("init")
def ca_init() -> None:
    """Create the root CA, issuing CA, OCSP signer, TSA certificate and first CRLs (idempotent)."""
    from mcert.ca.service import ca_service

    rt = _runtime()
    with rt.sessions() as session:
        report = ca_service(rt).init(session, rt.clock.now())
    for item in report.created:
        click.echo(f"created {item}")
    if not report.created:
        click.echo("CA already initialised")
    click.echo(f"root:    {report.root.subject.rfc4514_string()}")
    click.echo(f"issuing: {report.issuing.subject.rfc4514_string()}")


def _parse_subject(text: str) -> dict[str, str]:
    keys = {
        "CN": "common_name",
        "O": "organization",
        "SERIALNUMBER": "pseudonym_id",
        "ORGID": "organization_identifier",
    }
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.replace("/", ",").split(","))):
        name, sep, value = part.partition("=")
        if not sep or name.strip().upper() not in keys:
            raise click.BadParameter(f"use CN=…,O=…,serialNumber=… (got {part!r})")
        out[keys[name.strip().upper()]] = value.strip()
    return out


@ca.command("issue")
@click.option(
    "--csr",
    "csr_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="PEM or DER certificate request (only its public key is used)",
)
@click.option("--profile", required=True, help="personal-sign, org-sign, personal-enc, org-enc")
@click.option("--subject", required=True, help='e.g. "CN=张三,serialNumber=<pseudonym>"')
@click.option("--days", type=int, default=None, help="Validity in days (default: profile's)")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Write the PEM here")
def ca_issue(
    csr_path: str, profile: str, subject: str, days: int | None, out_path: str | None
) -> None:
    """Issue a certificate from a CSR (operator testing and operations)."""
    from datetime import timedelta
    from pathlib import Path

    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from mcert.audit.service import Actor
    from mcert.ca.service import ca_service
    from mcert.errors import DomainError
    from mcert.pki.issue import SubjectInfo

    rt = _runtime()
    now = rt.clock.now()
    try:
        info = SubjectInfo.model_validate(_parse_subject(subject))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--subject") from exc
    with rt.sessions() as session:
        try:
            row = ca_service(rt).issue(
                session,
                now=now,
                profile=profile,
                subject=info,
                csr=Path(csr_path).read_bytes(),
                not_after=now + timedelta(days=days) if days else None,
                actor=Actor("operator", "cli"),
            )
            session.commit()
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    pem = x509.load_der_x509_certificate(row.cert_der).public_bytes(Encoding.PEM).decode()
    if out_path:
        Path(out_path).write_text(pem)
        click.echo(f"issued serial {row.serial} -> {out_path}")
    else:
        click.echo(f"# serial {row.serial}", err=True)
        click.echo(pem, nl=False)


@ca.command("revoke")
@click.argument("serial")
@click.option(
    "--reason",
    default="unspecified",
    show_default=True,
    type=click.Choice([r.value for r in RevocationReason]),
    help="RFC 5280 reason",
)
def ca_revoke(serial: str, reason: str) -> None:
    """Revoke a certificate by serial (hex); the CRL and OCSP answer at once.

    A holder's certificate is revoked with its pair (signing and encryption) and every open
    scan session of it fails with ``cert_revoked``."""
    from mcert.audit.service import Actor
    from mcert.cert import service as certs
    from mcert.errors import DomainError

    rt = _runtime()
    with rt.sessions() as session:
        try:
            row = certs.revoke(
                session,
                rt,
                serial,
                reason=RevocationReason(reason),
                now=rt.clock.now(),
                actor=Actor("operator", "cli"),
            )
            session.commit()
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    click.echo(f"revoked {row.serial} ({reason})")


@ca.command("show")
@click.argument("serial")
@click.option("--pem", is_flag=True, help="Also print the certificate")
def ca_show(serial: str, pem: bool) -> None:
    """Show a certificate's subject, validity and status."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from mcert.ca.service import ca_service
    from mcert.errors import DomainError

    rt = _runtime()
    with rt.sessions() as session:
        try:
            row = ca_service(rt).get(session, serial)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    click.echo(f"serial:      {row.serial}")
    click.echo(f"subject:     {row.subject}")
    click.echo(f"profile:     {row.profile}")
    click.echo(f"not before:  {row.not_before.isoformat()}")
    click.echo(f"not after:   {row.not_after.isoformat()}")
    status = row.status
    if row.revoked_at:
        status += f" at {row.revoked_at.isoformat()} ({row.revocation_reason})"
    click.echo(f"status:      {status}")
    click.echo(f"sha256:      {row.fingerprint}")
    if pem:
        cert = x509.load_der_x509_certificate(row.cert_der)
        click.echo(cert.public_bytes(Encoding.PEM).decode(), nl=False)


@main.group()
def crl() -> None:
    """Certificate revocation lists."""


@crl.command("generate")
@click.option(
    "--ca", "ca_name", default="issuing", show_default=True, type=click.Choice(["issuing", "root"])
)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Also write the DER here")
def crl_generate(ca_name: str, out_path: str | None) -> None:
    """Sign a fresh CRL now (it is also regenerated on revocation and on schedule)."""
    from pathlib import Path

    from mcert.ca.service import ca_service

    rt = _runtime()
    with rt.sessions() as session:
        rec = ca_service(rt).generate_crl(session, ca_name, rt.clock.now())
    if out_path:
        Path(out_path).write_bytes(rec.der)
    click.echo(
        f"{ca_name} CRL #{rec.crl_number}: {rec.entries} entries, "
        f"next update {rec.next_update.isoformat()}"
    )


@main.group()
def operator() -> None:
    """CA operator accounts (console and review)."""


@operator.command("create")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([r.value for r in OperatorRole]),
    default="reviewer",
    show_default=True,
)
@click.option("--name", "display_name", default=None, help="Display name (default: username)")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 10 characters (prompted when omitted)",
)
def operator_create(username: str, role: str, display_name: str | None, password: str) -> None:
    """Create an operator who can log in to /api/console/v1 and review applications."""
    from mcert.errors import DomainError
    from mcert.operator.service import create_operator

    rt = _runtime()
    with rt.sessions() as session:
        try:
            op = create_operator(
                session,
                rt,
                username=username,
                password=password,
                role=role,
                display_name=display_name or username,
            )
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    click.echo(f"operator {op.username} ({op.role}) created")


@operator.command("unlock")
@click.argument("username")
def operator_unlock(username: str) -> None:
    """Lift a console login lockout before it expires (audited)."""
    from mcert.errors import DomainError
    from mcert.operator.service import unlock_operator

    rt = _runtime()
    with rt.sessions() as session:
        try:
            op = unlock_operator(session, rt, username)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    click.echo(f"operator {op.username} unlocked")


@operator.command("list")
def operator_list() -> None:
    """Every operator: role, second factor, disabled, last login."""
    from mcert.operator.service import list_operators

    rt = _runtime()
    with rt.sessions() as session:
        for op in list_operators(session):
            totp = "2fa" if op.totp_secret_enc else "no-2fa"
            state = "disabled" if op.disabled else "active"
            last = op.last_login_at.isoformat() if op.last_login_at else "-"
            click.echo(f"{op.username}\t{op.role}\t{totp}\t{state}\t{last}\t{op.display_name}")


def _manage(action: str, username: str, *args: Any) -> None:
    from mcert.audit.service import Actor
    from mcert.errors import DomainError
    from mcert.operator import service

    rt = _runtime()
    actor = Actor.system("cli")
    with rt.sessions() as session:
        try:
            if action == "role":
                op = service.set_role(session, rt, username, args[0], actor)
                click.echo(f"operator {op.username} is now {op.role}")
            elif action == "reset-2fa":
                op = service.reset_totp(session, rt, username, actor)
                click.echo(f"operator {op.username}: second factor reset (enrols at next login)")
            else:
                op = service.set_disabled(session, rt, username, action == "disable", actor)
                click.echo(f"operator {op.username} {action}d")
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc


@operator.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice([r.value for r in OperatorRole]))
def operator_role(username: str, role: str) -> None:
    """Change an operator's role (audited)."""
    _manage("role", username, role)


@operator.command("reset-2fa")
@click.argument("username")
def operator_reset_2fa(username: str) -> None:
    """Forget an operator's authenticator (lost phone) and end their sessions (audited)."""
    _manage("reset-2fa", username)


@operator.command("disable")
@click.argument("username")
def operator_disable(username: str) -> None:
    """Disable an operator: no login, sessions ended (audited)."""
    _manage("disable", username)


@operator.command("enable")
@click.argument("username")
def operator_enable(username: str) -> None:
    """Enable a disabled operator again (audited)."""
    _manage("enable", username)


@main.group()
def lookup() -> None:
    """Look up holders, companies and orders, masked (the console's look-up)."""


def _echo_rows(rows: list[dict[str, Any]], as_json: bool, columns: tuple[str, ...]) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo("nothing found")
    for r in rows:
        click.echo("  ".join(str(r.get(c) if r.get(c) is not None else "-") for c in columns))


@lookup.command("holders")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True)
def lookup_holders(query: str, as_json: bool) -> None:
    """Holders by phone, last 4 digits of the phone, name or ID number (masked)."""
    from mcert.errors import DomainError
    from mcert.lookup import service

    rt = _runtime()
    with rt.sessions() as session:
        try:
            found = service.search_holders(session, rt, query)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        rows = [service.masked(h) for h in found.holders]
    _echo_rows(rows, as_json, ("id", "name_masked", "phone_masked", "id_number_masked"))
    if not found.scanned_all:
        click.echo("(searched the newest holders only)", err=True)


@lookup.command("companies")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True)
def lookup_companies(query: str, as_json: bool) -> None:
    """Verified companies by part of the name or the USCC."""
    from mcert.errors import DomainError
    from mcert.lookup import service

    rt = _runtime()
    with rt.sessions() as session:
        try:
            rows = service.search_companies(session, rt, query)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    _echo_rows(rows, as_json, ("id", "uscc", "name", "legal_rep_masked", "members"))


@lookup.command("orders")
@click.option("--q", "query", help="Order number (or its start), USCC or id")
@click.option("--status")
@click.option("--kind")
@click.option("--json", "as_json", is_flag=True)
def lookup_orders(query: str | None, status: str | None, kind: str | None, as_json: bool) -> None:
    """Orders, newest first, the holder's name masked."""
    from mcert.lookup import service

    rt = _runtime()
    with rt.sessions() as session:
        rows = service.search_orders(session, rt, q=query, status=status, kind=kind)
    _echo_rows(
        rows, as_json, ("id", "order_no", "kind", "status", "amount_fen", "holder_name_masked")
    )


@lookup.command("unmask")
@click.argument("holder_id")
@click.option("--operator", "username", required=True, help="An operator allowed to unmask")
@click.option(
    "--field",
    "fields",
    multiple=True,
    required=True,
    type=click.Choice(["name", "phone", "id_number"]),
)
@click.option("--reason", required=True, help="Why (kept in the audit log)")
def lookup_unmask(holder_id: str, username: str, fields: tuple[str, ...], reason: str) -> None:
    """Reveal a holder's name, phone or ID number; audited (pii.unmask) with the reason."""
    from mcert.errors import DomainError
    from mcert.lookup import service
    from mcert.operator.roles import Permission, ensure

    rt = _runtime()
    with rt.sessions() as session:
        try:
            op = _operator(session, username)
            ensure(op.role, Permission.UNMASK)
            values = service.unmask(session, rt, op, holder_id, list(fields), reason)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    for field, value in values.items():
        click.echo(f"{field}: {value if value is not None else '-'}")


@main.group()
def review() -> None:
    """Review applications from the command line (the console API does the same)."""


def _operator(session: Any, username: str) -> Any:
    from mcert.operator.service import active_operator

    op = active_operator(session, username)
    if op is None:
        raise click.ClickException(f"no active operator {username!r} (mcert operator create)")
    return op


@review.command("list")
@click.option("--status", default="pending_review", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def review_list(status: str, as_json: bool) -> None:
    """Applications waiting for review (oldest first)."""
    from mcert.order.service import label
    from mcert.review.service import queue

    rt = _runtime()
    with rt.sessions() as session:
        rows = [
            {
                "id": o.id,
                "order_no": o.order_no,
                "label": label(o),
                "company": o.company_name,
                "uscc": o.uscc,
                "status": o.status,
                "submitted_at": o.submitted_at.isoformat() if o.submitted_at else None,
            }
            for o in queue(session, status)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("nothing to review")
    for r in rows:
        click.echo(
            f"{r['id']}  {r['order_no']}  {r['label']}  {r['company'] or ''}  "
            f"{r['uscc'] or ''}  {r['submitted_at']}"
        )


@review.command("queues")
@click.option("--json", "as_json", is_flag=True)
def review_queues(as_json: bool) -> None:
    """The review queues: items waiting, the oldest's age, overdue (the console's /queues)."""
    from mcert.review import queues

    rt = _runtime()
    with rt.sessions() as session:
        rows: list[dict[str, Any]] = [
            {
                "kind": q.kind.value,
                "label": queues.LABELS[q.kind],
                "count": q.count,
                "oldest_age_seconds": q.oldest_age_seconds,
                "overdue": q.overdue,
            }
            for q in queues.summary(session, rt)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        age = r["oldest_age_seconds"]
        oldest = f"{age // 3600}h{age % 3600 // 60:02d}m" if age is not None else "-"
        click.echo(
            f"{r['kind']:<13} {r['label']}  {r['count']:>4}  oldest {oldest}  "
            f"overdue {r['overdue']}"
        )


@review.command("queue")
@click.argument(
    "kind", type=click.Choice(["application", "resubmission", "name_change", "seal", "invoice"])
)
@click.option("--json", "as_json", is_flag=True)
def review_queue(kind: str, as_json: bool) -> None:
    """One review queue, oldest first, with service level and claims."""
    from mcert.review import queues

    rt = _runtime()
    with rt.sessions() as session:
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "subject_name": e.subject_name,
                "submitted_at": e.submitted_at.isoformat(),
                "age_seconds": e.age_seconds,
                "overdue": e.overdue,
                "claimed_by": e.claim.display_name if e.claim else None,
            }
            for e in queues.items(session, rt, queues.QueueKind(kind))
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("nothing waiting")
    for r in rows:
        flag = "OVERDUE " if r["overdue"] else ""
        claim = f"  claimed by {r['claimed_by']}" if r["claimed_by"] else ""
        click.echo(f"{r['id']}  {flag}{r['title']}  {r['subject_name'] or ''}{claim}")


@review.command("show")
@click.argument("order_id")
def review_show(order_id: str) -> None:
    """An application with its documents."""
    from mcert.order.models import Order
    from mcert.review.schemas import detail

    rt = _runtime()
    with rt.sessions() as session:
        order = session.get(Order, order_id)
        if order is None:
            raise click.ClickException("order_not_found: 订单不存在")
        d = detail(session, rt, order)
    click.echo(json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=2))


@review.command("approve")
@click.argument("order_id")
@click.option("--operator", "username", required=True, help="Operator username")
def review_approve(order_id: str, username: str) -> None:
    """Approve: the applicant is told by SMS and can pay."""
    from mcert.errors import DomainError
    from mcert.review import queues
    from mcert.review.service import approve

    rt = _runtime()
    with rt.sessions() as session:
        try:
            op = _operator(session, username)
            queues.hold(session, rt, op, "order", order_id)  # refused if another holds it
            order = approve(session, rt, op, order_id)
            queues.end(session, "order", order_id)
            session.commit()
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    click.echo(f"approved {order.order_no}: {order.status}")


@review.command("reject")
@click.argument("order_id")
@click.option("--operator", "username", required=True, help="Operator username")
@click.option("--reason", default="", help="Shown to the applicant (Chinese)")
@click.option("--reason-code", help="A standard reason (mcert review reasons KIND)")
def review_reject(order_id: str, username: str, reason: str, reason_code: str | None) -> None:
    """Reject with a reason the applicant sees under 未通过.

    A company's name change is not rejected at once (as in the console): the rejection is
    proposed, and a second operator approves it in the console's 复核 (approvals)."""
    from mcert.approval.service import propose_name_change_reject
    from mcert.errors import DomainError
    from mcert.order.models import Order
    from mcert.review import queues, reasons
    from mcert.review.service import is_name_change, reject

    rt = _runtime()
    with rt.sessions() as session:
        try:
            op = _operator(session, username)
            order = session.get(Order, order_id)
            kind = queues.order_kind(order) if order is not None else "application"
            text = reasons.compose(kind, reason_code, reason)
            queues.hold(session, rt, op, "order", order_id)  # refused if another holds it
            if order is not None and is_name_change(order):
                approval = propose_name_change_reject(session, rt, op, order, text)
                session.commit()
                click.echo(
                    f"proposed {approval.id}: rejecting {order.order_no} needs a second "
                    "operator's approval (console: 复核)"
                )
                return
            order = reject(session, rt, op, order_id, text)
            queues.end(session, "order", order_id)
            session.commit()
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    click.echo(f"rejected {order.order_no}: {order.reject_reason}")


@review.command("reasons")
@click.argument("kind", type=click.Choice(["application", "resubmission", "name_change", "seal"]))
def review_reasons(kind: str) -> None:
    """Standard rejection reasons of a queue (use the code with reject --reason-code)."""
    from mcert.review.reasons import reasons

    for code, text in reasons(kind):
        click.echo(f"{code:<24} {text}")


@review.group("seals")
def review_seals() -> None:
    """Review electronic seals (电子印章) from the command line."""


def _seal_row(session: Any, seal: Any) -> dict[str, Any]:
    from mcert.seal.schemas import review_item

    return dict(review_item(session, seal).model_dump(mode="json"))


@review_seals.command("list")
@click.option("--status", default="pending_review", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def review_seals_list(status: str, as_json: bool) -> None:
    """Seals waiting for review (oldest first)."""
    from mcert.seal.service import queue

    rt = _runtime()
    with rt.sessions() as session:
        rows = [_seal_row(session, s) for s in queue(session, status)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("nothing to review")
    for r in rows:
        click.echo(
            f"{r['id']}  {r['type_label']}  {r['name']}  {r['holder_name_masked'] or ''}  "
            f"{r['status_label']}  {r['created_at']}"
        )


@review_seals.command("show")
@click.argument("seal_id")
@click.option(
    "--save",
    "save_dir",
    type=click.Path(file_okay=False),
    help="Write the original upload and the extracted seal into this folder",
)
def review_seals_show(seal_id: str, save_dir: str | None) -> None:
    """A seal with its company and certificate; --save writes both images to look at."""
    from pathlib import Path

    from mcert.errors import DomainError
    from mcert.seal import service as seals
    from mcert.seal.schemas import review_detail

    rt = _runtime()
    with rt.sessions() as session:
        try:
            seal = seals.get(session, seal_id)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        detail = review_detail(session, rt, seal)
        if save_dir:
            folder = Path(save_dir)
            folder.mkdir(parents=True, exist_ok=True)
            ext = ".png" if seal.original_type == "image/png" else ".jpg"
            (folder / f"{seal.id}-original{ext}").write_bytes(seals.original(rt, seal))
            (folder / f"{seal.id}-extracted.png").write_bytes(seals.image(rt, seal))
    click.echo(json.dumps(detail.model_dump(mode="json"), ensure_ascii=False, indent=2))


@review_seals.command("approve")
@click.argument("seal_id")
@click.option("--operator", "username", required=True, help="Operator username")
def review_seals_approve(seal_id: str, username: str) -> None:
    """Approve: the seal data is signed by the seal-maker; the holder can claim it."""
    from mcert.errors import DomainError
    from mcert.seal.service import approve

    rt = _runtime()
    with rt.sessions() as session:
        try:
            seal = approve(session, rt, _operator(session, username), seal_id)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        click.echo(f"approved {seal.es_id} {seal.name}: {seal.status}")


@review_seals.command("reject")
@click.argument("seal_id")
@click.option("--operator", "username", required=True, help="Operator username")
@click.option("--reason", required=True, help="Shown to the holder (Chinese)")
def review_seals_reject(seal_id: str, username: str, reason: str) -> None:
    """Reject with a reason the holder sees under 未通过."""
    from mcert.errors import DomainError
    from mcert.seal.service import reject

    rt = _runtime()
    with rt.sessions() as session:
        try:
            seal = reject(session, rt, _operator(session, username), seal_id, reason)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        click.echo(f"rejected {seal.name}: {seal.reject_reason}")


@main.group()
def org() -> None:
    """Verified companies and their members (what a CA operator may see: masked)."""


def _org_page(uscc: str) -> Any:
    from mcert.company.service import page_of
    from mcert.errors import DomainError
    from mcert.ident import validate_uscc
    from mcert.org.service import by_uscc

    rt = _runtime()
    with rt.sessions() as session:
        try:
            return rt, page_of(session, rt, by_uscc(session, validate_uscc(uscc)), None)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc


@org.command("show")
@click.argument("uscc")
@click.option("--json", "as_json", is_flag=True)
def org_show(uscc: str, as_json: bool) -> None:
    """A company: name, legal representative (masked), documents, members, certificates."""
    from collections import Counter

    from mcert.pii import mask_name

    rt, page = _org_page(uscc)
    now = rt.clock.now()
    data = {
        "id": page.org.id,
        "name": page.org.name,
        "uscc": page.org.uscc,
        "legal_rep": mask_name(page.legal_rep),
        "verified_at": page.org.verified_at.isoformat(),
        "name_changes": [
            {"old": c.old_name, "new": c.new_name, "at": c.changed_at.isoformat()}
            for c in page.name_changes
        ],
        "documents": [
            {"kind": d.kind, "order_no": d.order.order_no, "status": d.status}
            for d in page.documents
        ],
        "members": dict(Counter(f"{m.member.role}/{m.member.status}" for m in page.members)),
        "certificates": [
            {
                "holder": mask_name(c.cert.subject_cn),
                "serial": c.serial,
                "status": c.status,
                "not_after": c.cert.not_after.isoformat() if c.cert.not_after else None,
                "days_left": (c.cert.not_after - now).days if c.cert.not_after else None,
                "needs_redownload": c.needs_redownload,
            }
            for c in page.certificates
        ],
    }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['name']}  {data['uscc']}  法定代表人 {data['legal_rep']}")
    click.echo(f"verified {data['verified_at']}  members {data['members']}")
    for d in data["documents"]:
        click.echo(f"  document {d['kind']}  {d['order_no']}  {d['status']}")
    for c in data["certificates"]:
        click.echo(
            f"  cert {c['serial'] or '-'}  {c['holder']}  {c['status']}  "
            f"until {c['not_after'] or '-'}"
        )


@org.command("members")
@click.argument("uscc")
@click.option("--json", "as_json", is_flag=True)
def org_members(uscc: str, as_json: bool) -> None:
    """A company's members: role, status, masked name, phone and ID number."""
    from mcert.company.schemas import member_read

    rt, page = _org_page(uscc)
    now = rt.clock.now()
    rows = [member_read(v, "", now).model_dump(mode="json") for v in page.members]
    for row in rows:
        row.pop("is_me")
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        certs = ",".join(c["status"] for c in r["certificates"]) or "-"
        click.echo(
            f"{r['id']}  {r['role_label']}  {r['status_label']}  {r['name_masked'] or '-'}  "
            f"{r['phone_masked']}  {r['id_number_masked'] or '-'}  certs {certs}"
        )


@main.group()
def payments() -> None:
    """Payments of orders: attempts, duplicate notifications, refunds (operators)."""


@payments.command("show")
@click.argument("order")
@click.option("--json", "as_json", is_flag=True)
def payments_show(order: str, as_json: bool) -> None:
    """One order's payment attempts and refunds (ORDER: its id or order number)."""
    from sqlalchemy import or_, select

    from mcert.order import payments as order_payments
    from mcert.order.models import Order

    rt = _runtime()
    with rt.sessions() as session:
        row = session.scalars(
            select(Order).where(or_(Order.id == order, Order.order_no == order))
        ).first()
        if row is None:
            raise click.ClickException("order_not_found: 订单不存在")
        body = {
            "order_no": row.order_no,
            "status": row.status,
            "amount_fen": row.amount_fen,
            "attempts": [
                {
                    "seq": a.seq,
                    "out_trade_no": a.out_trade_no,
                    "trade_no": a.trade_no,
                    "status": a.status,
                    "duplicate_notifications": a.duplicate_notifications,
                    "paid_at": a.paid_at.isoformat() if a.paid_at else None,
                }
                for a in order_payments.attempts(session, row)
            ],
            "refunds": [
                _refund_row(r) for r in order_payments.refunds_of(session, [row.id])[row.id]
            ],
        }
    if as_json:
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    click.echo(f"{body['order_no']}  {body['status']}  {body['amount_fen']} fen")
    for a in body["attempts"]:
        click.echo(
            f"  attempt {a['seq']}  {a['out_trade_no']}  {a['trade_no'] or '-'}  {a['status']}"
            f"  duplicates={a['duplicate_notifications']}"
        )
    for r in body["refunds"]:
        click.echo(
            f"  refund {r['out_request_no']}  {r['amount_fen']} fen  {r['status']}  "
            f"{r['reason']}  {r['failure'] or ''}"
        )


def _refund_row(r: Any) -> dict[str, Any]:
    return {
        "order_id": r.order_id,
        "out_request_no": r.out_request_no,
        "amount_fen": r.amount_fen,
        "reason": r.reason,
        "status": r.status,
        "failure": r.failure,
        "duplicate_notifications": r.duplicate_notifications,
        "requested_at": r.requested_at.isoformat(),
        "refunded_at": r.refunded_at.isoformat() if r.refunded_at else None,
    }


@payments.command("refunds")
@click.option(
    "--status",
    type=click.Choice(["pending", "processing", "succeeded", "failed"]),
    help="Only refunds in this state (failed ones need an operator)",
)
@click.option("--json", "as_json", is_flag=True)
def payments_refunds(status: str | None, as_json: bool) -> None:
    """Refunds of late or superseded payments, newest first."""
    from sqlalchemy import select

    from mcert.order.models import Refund

    rt = _runtime()
    with rt.sessions() as session:
        query = select(Refund).order_by(Refund.requested_at.desc()).limit(200)
        if status:
            query = query.where(Refund.status == status)
        rows = [_refund_row(r) for r in session.scalars(query).all()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no refunds")
    for r in rows:
        click.echo(
            f"{r['out_request_no']}  {r['amount_fen']} fen  {r['status']}  {r['reason']}  "
            f"{r['requested_at']}  {r['failure'] or ''}"
        )


@main.group()
def jobs() -> None:
    """Scheduled work: close unpaid orders, refunds, expiry reminders, CRL refresh."""


@jobs.command("run")
def jobs_run() -> None:
    """Run every job once now (workers also run them once per MCERT_JOBS_INTERVAL_SECONDS)."""
    from mcert.jobs import run_all

    rt = _runtime()
    for name, result in run_all(rt).items():
        click.echo(f"{name}: {result}")


@main.group()
def privacy() -> None:
    """Personal data: retention (delete what is past its period), data-subject requests."""


@privacy.command("retention")
@click.option("--dry-run", "dry_run", is_flag=True, help="Only list what is due; delete nothing")
@click.option("--json", "as_json", is_flag=True)
def privacy_retention(dry_run: bool, as_json: bool) -> None:
    """Delete face captures and bank-card numbers past their retention period (the job
    ``privacy_retention`` does this every interval); see docs/privacy.md."""
    from mcert.rights import retention

    rt = _runtime()
    with rt.sessions() as session:
        report = retention.enforce(session, rt, dry_run=dry_run)
    rows = [
        {"kind": d.kind, "table": d.table, "id": d.row_id, "since": d.since.isoformat()}
        for d in report.due
    ]
    if as_json:
        click.echo(
            json.dumps(
                {"dry_run": dry_run, "due": rows, "deleted": report.deleted},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in rows:
        click.echo(f"{r['kind']}  {r['table']}  {r['id']}  since {r['since']}")
    click.echo(str(report) if dry_run else f"deleted: {report.deleted} of {len(rows)} due")


@privacy.command("run")
def privacy_run() -> None:
    """Run retention and due account cancellations once, now."""
    from mcert.rights import cancellation, retention

    rt = _runtime()
    with rt.sessions() as session:
        click.echo(f"retention: {retention.enforce(session, rt)}")
    with rt.sessions() as session:
        click.echo(f"cancellations: {cancellation.complete_due(session, rt)}")


@privacy.command("requests")
@click.option("--kind", type=click.Choice(["export", "cancellation"]), default=None)
@click.option("--status", type=click.Choice(["pending", "withdrawn", "completed"]), default=None)
@click.option("--json", "as_json", is_flag=True)
def privacy_requests(kind: str | None, status: str | None, as_json: bool) -> None:
    """Data-subject requests (exports, account cancellations with their status)."""
    from mcert.rights.service import requests

    rt = _runtime()
    with rt.sessions() as session:
        rows = requests(session, kind=kind, status=status)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo("no requests")
    for r in rows:
        due = f"  due {r['due_at'].isoformat()}" if r["due_at"] else ""
        done = f"  done {r['completed_at'].isoformat()}" if r["completed_at"] else ""
        click.echo(
            f"{r['id']}  {r['kind']}  {r['status']}  user {r['user_id']}  "
            f"{r['requested_at'].isoformat()}{due}{done}"
        )


@main.group()
def rp() -> None:
    """Relying parties (bidding platforms) that use scan-to-use."""


@rp.command("create")
@click.option("--name", required=True, help="The name holders see on the phone")
@click.option(
    "--ops",
    default="login,sign,decrypt,seal",
    show_default=True,
    help="Allowed operations, comma separated",
)
@click.option("--callback-url", default=None, help="Signed status callbacks go here")
@click.option("--json", "as_json", is_flag=True)
def rp_create(name: str, ops: str, callback_url: str | None, as_json: bool) -> None:
    """Register a relying party; prints its client id and secret (shown once)."""
    from mcert.errors import DomainError
    from mcert.rp.service import create

    rt = _runtime()
    with rt.sessions() as session:
        try:
            party, secret = create(
                session,
                rt,
                name=name,
                ops=[o.strip() for o in ops.split(",") if o.strip()],
                callback_url=callback_url,
            )
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    if as_json:
        click.echo(
            json.dumps(
                {
                    "client_id": party.client_id,
                    "secret": secret,
                    "name": party.name,
                    "ops": party.ops,
                },
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"client_id: {party.client_id}")
    click.echo(f"secret:    {secret}")
    click.echo(f"ops:       {party.ops}")
    click.echo("Keep the secret on the platform's backend; it is not shown again.")


@main.command("demo-rp")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind")
@click.option("--port", default=8100, show_default=True, type=int, help="Port to bind")
@click.option(
    "--server",
    envvar="MCERT_RP_SERVER",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="The mCert server (env MCERT_RP_SERVER)",
)
@click.option("--client-id", envvar="MCERT_RP_CLIENT_ID", help="env MCERT_RP_CLIENT_ID")
@click.option("--secret", envvar="MCERT_RP_SECRET", help="env MCERT_RP_SECRET")
@click.option(
    "--root",
    type=click.Path(exists=True, dir_okay=False),
    help="mCert root CA certificate (PEM/DER); default: fetched from the server",
)
@click.option("--name", default="示范招投标平台", show_default=True, help="Platform name")
def demo_rp(
    host: str,
    port: int,
    server: str,
    client_id: str | None,
    secret: str | None,
    root: str | None,
    name: str,
) -> None:
    """Serve the demo bidding platform (示范招投标平台) that logs in, signs and decrypts
    through the RP SDK (it is the SDK's `mcert-rp demo`; needs
    pip install './sdk/python[demo]', which `make install` does).

    Without --client-id/--secret it registers itself as a new relying party in this
    machine's mCert database (the same MCERT_* settings as the server) and prints the
    credentials: fine for a local demo, not how a real platform is set up.
    """
    from pathlib import Path

    try:
        import uvicorn

        from mcert_rp.demo import DemoConfig, create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the demo platform is part of the RP SDK: pip install './sdk/python[demo]' "
            f"(missing {exc.name})"
        ) from exc

    rp_name: str | None = None
    if not (client_id and secret):
        from mcert.errors import DomainError
        from mcert.rp.service import create

        rt = _runtime()
        with rt.sessions() as session:
            try:
                party, secret = create(
                    session,
                    rt,
                    name=name,
                    ops=["login", "sign", "decrypt", "seal"],
                    callback_url=None,
                )
            except DomainError as exc:
                raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        client_id, rp_name = party.client_id, party.name
        click.echo(f"registered relying party {name!r} in {rt.settings.effective_database_url}")
        click.echo(f"  client_id: {client_id}")
        click.echo(f"  secret:    {secret}")
        click.echo(f"  reuse with: mcert demo-rp --client-id {client_id} --secret <secret>")
    if root is None:
        click.echo(f"trusting the root CA from {server.rstrip('/')}/pki/ca/root.crt")
    config = DemoConfig(
        server=server.rstrip("/"),
        client_id=client_id,
        secret=secret,
        root_pem=Path(root).read_bytes() if root else None,
        platform_name=name,
        rp_name=rp_name,
    )
    click.echo(f"{name}: http://{host}:{port}/")
    uvicorn.run(create_app(config), host=host, port=port, log_level="info")


@main.command()
@click.option(
    "--threads", default=1, show_default=True, type=click.IntRange(1, 32), help="Worker loops"
)
@click.option("--once", is_flag=True, help="Schedule due jobs, run every due task, then exit")
def worker(threads: int, once: bool) -> None:
    """Run the task queue: SMS, relying-party callbacks and the scheduled jobs.

    Any number of workers may run against one PostgreSQL database. SIGTERM or Ctrl-C stops
    a worker after the task at hand; a worker killed outright leaves its task to another
    worker once the task's lease (MCERT_TASK_LEASE_SECONDS) expires.
    """
    import signal
    import threading

    import mcert.jobs  # noqa: F401  (registers the periodic jobs)
    from mcert import logging as mcert_logging
    from mcert.tasks.queue import task_queue
    from mcert.tasks.worker import Worker

    settings = _settings()
    _require_schema(settings)
    mcert_logging.configure(settings.log_level, settings.effective_log_json)
    rt = _runtime()
    queue = task_queue(rt)
    if once:
        scheduled = queue.schedule_periodic()
        ran = queue.drain()
        click.echo(f"scheduled {scheduled} periodic job(s), ran {ran} task(s)")
        return
    stop = threading.Event()

    def _stop(signum: int, _frame: Any) -> None:
        click.echo(f"mcert worker: stopping ({signal.Signals(signum).name})", err=True)
        stop.set()
        queue.wake.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    loops = [
        threading.Thread(target=Worker(rt, f"w{i}").run, args=(stop,), name=f"mcert-worker-w{i}")
        for i in range(threads)
    ]
    click.echo(f"mcert worker: {threads} loop(s) on {_database(settings)}", err=True)
    for loop in loops:
        loop.start()
    while any(loop.is_alive() for loop in loops):
        for loop in loops:
            loop.join(0.5)  # short joins: the main thread must stay free to take signals
    rt.dispose()


@main.group()
def tasks() -> None:
    """The task queue: list tasks, revive a failed or dead one."""


@tasks.command("list")
@click.option(
    "--status",
    type=click.Choice(["queued", "running", "done", "failed", "dead"]),
    help="Only tasks in this status",
)
@click.option("--kind", help="Only tasks of this kind (sms, rp_callback, job.refunds …)")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
def tasks_list(status: str | None, kind: str | None, limit: int) -> None:
    """Most recently changed tasks first: id, kind, status, attempts, next run, last error."""
    from mcert.tasks.queue import list_tasks
    from mcert.tasks.states import TaskStatus

    rt = _runtime()
    with rt.sessions() as db:
        rows = list_tasks(db, status=TaskStatus(status) if status else None, kind=kind, limit=limit)
        for t in rows:
            click.echo(
                f"{t.id}  {t.kind:<24} {t.status:<8} {t.attempts}/{t.max_attempts}  "
                f"{t.run_after.isoformat(timespec='seconds')}  {t.last_error or ''}".rstrip()
            )


@tasks.command("retry")
@click.argument("task_id")
def tasks_retry(task_id: str) -> None:
    """Queue a failed or dead task again, now, with its attempts reset (audited)."""
    from mcert.audit.service import Actor, record
    from mcert.errors import DomainError
    from mcert.tasks.queue import retry_task

    rt = _runtime()
    with rt.sessions() as db:
        try:
            task = retry_task(db, rt, task_id)
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        record(
            db,
            at=rt.clock.now(),
            actor=Actor("operator", "cli"),
            action="task.retried",
            target_type="task",
            target_id=task.id,
            details={"kind": task.kind},
        )
        db.commit()
    click.echo(f"task {task_id} queued again")


@main.group()
def email() -> None:
    """The email sandbox."""


@email.command("outbox")
@click.option("--to", "to", help="Only messages sent to this address")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def email_outbox(to: str | None, limit: int) -> None:
    """Show messages the sandbox email provider has 'sent' (newest first)."""
    from mcert.providers.email import SandboxEmailSender

    rt = _runtime()
    sender = rt.email
    if not isinstance(sender, SandboxEmailSender):
        raise click.ClickException("the configured email provider has no outbox")
    messages = sender.outbox(to=to, limit=limit)
    if not messages:
        click.echo("outbox is empty")
    for m in messages:
        click.echo(
            f"{m.sent_at:%Y-%m-%d %H:%M:%S}Z  {m.recipient}  {m.subject}  [{m.attachment_names}]"
        )


@main.group()
def invoice() -> None:
    """Invoices (开票): the operators' queue of failed invoices, retry and void."""


@invoice.command("list")
@click.option(
    "--status",
    type=click.Choice(["issuing", "issued", "failed", "reversed", "voided", "all"]),
    default="failed",
    show_default=True,
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
def invoice_list(status: str, limit: int) -> None:
    """Newest first: id, status, amount, buyer, invoice number, failure reason."""
    from mcert.invoice import service as invoices
    from mcert.money import yuan_figures

    rt = _runtime()
    with rt.sessions() as db:
        rows = invoices.list_all(db, None if status == "all" else status, limit=limit)
        if not rows:
            click.echo("no invoices")
        for i in rows:
            orders = ",".join(item.order_no for item in invoices.items_of(db, i))
            click.echo(
                f"{i.id}  {i.status:<8} {yuan_figures(i.amount_fen):>10}  "
                f"{invoices.buyer_name(rt, i)}  "
                f"{i.buyer_tax_no or '-'}  {i.invoice_no or '-'}  {orders}  "
                f"{i.failure_reason or ''}".rstrip()
            )


@invoice.command("retry")
@click.argument("invoice_id")
def invoice_retry(invoice_id: str) -> None:
    """Request a failed invoice again (开票失败 → 开票中; audited)."""
    from mcert.audit.service import Actor
    from mcert.errors import DomainError
    from mcert.invoice import service as invoices

    rt = _runtime()
    with rt.sessions() as db:
        try:
            inv = invoices.retry(db, rt, invoice_id, Actor("operator", "cli"))
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        click.echo(f"invoice {inv.id} requested again (attempt {inv.attempt})")


@invoice.command("void")
@click.argument("invoice_id")
@click.option("--reason", required=True, help="Why (shown to the holder)")
def invoice_void(invoice_id: str, reason: str) -> None:
    """Void a failed invoice (its orders can be invoiced again) or reverse an issued one by a
    red-letter invoice (audited)."""
    from mcert.audit.service import Actor
    from mcert.errors import DomainError
    from mcert.invoice import service as invoices
    from mcert.invoice.states import InvoiceStatus

    rt = _runtime()
    with rt.sessions() as db:
        try:
            inv = invoices.void(db, rt, invoice_id, reason, Actor("operator", "cli"))
        except DomainError as exc:
            raise click.ClickException(f"{exc.code}: {exc.message}") from exc
        voided = inv.status == InvoiceStatus.VOIDED
        what = "voided" if voided else "to be reversed (red-letter)"
        click.echo(f"invoice {inv.id} {what}")


if __name__ == "__main__":
    main()
