"""Settings: one pydantic-settings class read from ``MCERT_*`` environment variables.

Built once in :func:`mcert.main.create_app` (or by the CLI) and passed down; nothing in
mCert reads the environment at import time. In production, default, missing or weak
secrets (``mcert.strength``) refuse to start.
"""

from __future__ import annotations

from enum import StrEnum
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from mcert.strength import SecretRule, weakness

DEV_SECRET = "dev-insecure-secret-change-me"
DEV_CA_PASSPHRASE = "dev-insecure-ca-passphrase"
# scrypt costs (log2 N): the production floors and the defaults (tests set lower ones).
PASSWORD_SCRYPT_LN = 14  # ~70 ms and 16 MiB per certificate-password check
CA_KEY_SCRYPT_LN = 15  # ~0.1 s and 32 MiB, once per secret key per process
OPERATOR_PASSWORD_SCRYPT_LN = 14  # ~70 ms and 16 MiB per operator login

# Production minimums for secrets (mcert.strength). Measured on 20 000 draws each: 90
# estimated bits refuses no secrets.token_urlsafe(24) and 1 in 20 000 secrets.token_hex(16)
# (a 128-bit key); 48 bits refuses 1 in 7 000 token_urlsafe(12); the PIN rule 1 in 170
# random 8-digit PINs (those like 55556443).
SECRET_KEY_RULE = SecretRule(min_length=32, min_bits=90)
PASSPHRASE_RULE = SecretRule(min_length=16, min_bits=48)
PIN_RULE = SecretRule(min_length=8, min_bits=12, max_sequential=0.8)
GENERATE_HINT = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class InsecureSettings(ValueError):
    """Production was asked to start with a default or missing secret."""


class ConfigurationError(ValueError):
    """A setting is missing or unusable; the message is one line naming what to set."""


# src/mcert/settings.py -> the checkout that holds src/mcert (an editable install or a run
# from the source tree); never resolved through symlinks, so a copy elsewhere is not one.
_CHECKOUT = Path(__file__).absolute().parents[2]


def checkout_dir() -> Path | None:
    """The source checkout mCert runs from, or None when it is installed as a package."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "src" / "mcert").is_dir():
        return _CHECKOUT
    return None


def default_data_dir() -> Path:
    """``MCERT_DATA_DIR`` when set (pydantic reads it); else the checkout's ``var/``.

    Never the current directory: a command run from elsewhere would silently start an empty
    database there. An installed package without ``MCERT_DATA_DIR`` is refused.
    """
    checkout = checkout_dir()
    if checkout is None:
        raise ConfigurationError(
            "no data directory: set MCERT_DATA_DIR to the directory that holds (or will "
            "hold) the database, CA keys and uploads"
        )
    return checkout / "var"


def url_host(host: str) -> str:
    """How a URL names the address a server binds: wildcard addresses become loopback."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MCERT_", extra="ignore")

    env: Environment = Field(Environment.DEVELOPMENT, description="development | test | production")
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Where SQLite, CA keys and uploads live; default the checkout's var/ "
        "when run from a source checkout, else required",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL; default sqlite:///<data_dir>/mcert.db. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    )
    redis_url: str | None = Field(
        None,
        description="Redis for shared short-lived state (rate limits); "
        "the database is used when unset",
    )
    redis_key_prefix: str = Field(
        "mcert:",
        description="Prefix of every Redis key, so that several deployments (or test "
        "workers) can share one Redis database",
    )
    secret_key: str = Field(
        DEV_SECRET,
        description="Signs tokens and derives field-encryption and blind-index keys",
    )
    host: str = Field("127.0.0.1", description="Address `mcert serve` binds (--host)")
    port: int = Field(8000, ge=1, le=65535, description="Port `mcert serve` binds (--port)")
    http_keep_alive_seconds: int = Field(
        75,
        ge=1,
        description="How long `mcert serve` keeps an idle HTTP connection open. Above what "
        "clients keep theirs (nginx's upstream keepalive_timeout 60 s, httpx 5 s), so the "
        "client closes first: a server closing a connection the client is reusing resets "
        "the request on it",
    )
    public_url: str = Field(
        "",
        description="Base URL holders and relying parties reach (used in QR codes, AIA, CRL "
        "DP, payment callbacks); default http://MCERT_HOST:MCERT_PORT",
    )
    product_name: str = Field("mCert", description="Product name used in SMS templates")
    log_json: bool | None = Field(
        None, description="JSON log lines; default on in production, off otherwise"
    )
    log_level: str = Field("INFO", description="Python log level")

    sms_provider: str = Field("sandbox", description="SMS provider name in the registry")
    sms_code_ttl_seconds: int = Field(300, description="How long an SMS login code is valid")
    sms_code_max_attempts: int = Field(
        5, description="Wrong tries at one code from one client IP before that IP is refused it"
    )
    sms_code_max_total_attempts: int = Field(
        10,
        description="Wrong tries at one code from all sources before it dies "
        "(a new code can then be requested after sms_resend_seconds)",
    )
    sms_guess_ip_hourly_limit: int = Field(
        30, description="Wrong SMS codes per client IP per hour, across phones, before a 429"
    )
    sms_resend_seconds: int = Field(60, description="Minimum interval between codes per phone")
    sms_daily_limit: int = Field(20, description="Codes per phone per day, from all sources")
    sms_phone_ip_daily_limit: int = Field(
        5, description="Codes per phone per day requested from one client IP"
    )
    sms_ip_hourly_limit: int = Field(30, description="Codes per client IP per hour")

    access_token_ttl_seconds: int = Field(900, description="Access token lifetime")
    refresh_token_ttl_seconds: int = Field(30 * 86400, description="Refresh token lifetime")
    device_challenge_ttl_seconds: int = Field(
        120,
        ge=10,
        le=600,
        description="Lifetime of a single-use device challenge (binding-sensitive calls)",
    )

    ca_key_backend: str = Field("file", description="CA key backend: file | pkcs11")
    ca_key_passphrase: str = Field(
        DEV_CA_PASSPHRASE, description="Passphrase of the file key backend's PKCS#8 files"
    )
    ca_key_scrypt_ln: int = Field(
        CA_KEY_SCRYPT_LN,
        ge=10,
        le=22,
        description="log2 of the scrypt cost sealing the file backend's secret keys (the "
        "escrow master key); new files only, each file records its own. Production refuses "
        f"less than {CA_KEY_SCRYPT_LN}; tests lower it",
    )
    pkcs11_module: str | None = Field(None, description="PKCS#11 module path (e.g. SoftHSM2)")
    pkcs11_token_label: str = Field("mcert", description="PKCS#11 token label")
    pkcs11_user_pin: str | None = Field(None, description="PKCS#11 user PIN")

    realname_provider: str = Field(
        "sandbox", description="Real-name verification provider (bank card / phone elements)"
    )
    face_provider: str = Field("sandbox", description="Face verification provider")
    storage_provider: str = Field(
        "local", description="Object storage for uploads: local = encrypted files under data_dir"
    )
    payment_provider: str = Field("sandbox", description="Payment gateway provider")
    invoice_provider: str = Field("sandbox", description="E-invoicing (开票) service provider")
    invoice_seller_name: str = Field(
        "北京数安信证书服务有限公司", description="The seller (销售方) printed on invoices"
    )
    invoice_seller_tax_no: str = Field(
        "91110108MA01AN8D7R", description="The seller's taxpayer number (统一社会信用代码)"
    )
    invoice_query_after_seconds: int = Field(
        300,
        description="When no result callback has arrived this long after an invoice request, "
        "ask the invoicing service (a lost callback)",
    )
    email_provider: str = Field("sandbox", description="Email provider (invoices by email)")
    payment_timeout_minutes: int = Field(
        30, description="Unpaid trades are closed by the gateway after this many minutes"
    )
    upload_max_document_bytes: int = Field(
        10 * 1024 * 1024, description="Largest accepted document upload (JPEG, PNG, PDF)"
    )
    upload_max_face_image_bytes: int = Field(
        5 * 1024 * 1024, description="Largest accepted face capture (JPEG, PNG)"
    )
    upload_max_image_pixels: int = Field(
        12_000_000,
        description="Largest accepted document image (licence scan) in pixels, checked from "
        "the header before decoding",
    )
    upload_max_face_pixels: int = Field(
        4_000_000, description="Largest accepted face capture in pixels, checked before decoding"
    )
    image_decode_concurrency: int = Field(
        2, ge=1, description="Images decoded at once per process; others wait for a slot"
    )
    http_max_json_bytes: int = Field(
        64 * 1024,
        ge=1024,
        description="Largest request body of a JSON or form route (uploads and the PKI "
        "endpoints have their own limits); larger bodies get 413 before they are read",
    )
    max_in_flight: int = Field(
        8,
        ge=0,
        description="Requests under /api/ and /pki/ one worker process works on at once; "
        "one more is answered 503 server_busy with Retry-After at once. Long-polls, health "
        "checks, metrics and static files do not count. 0: no bound. Admitted requests past "
        "the thread pool's size wait for a thread on the event loop, at no CPU cost",
    )
    threads: int = Field(
        2,
        ge=1,
        description="Thread-pool size per worker process (sync endpoints and database work). "
        "Each runnable thread competes for the GIL with the event loop, which then answers "
        "late, refusals included; two keep one request running while another waits on the "
        "database. Raise it when requests wait on something slow (a remote HSM)",
    )
    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated CIDRs of reverse proxies whose X-Forwarded-For is "
        "believed; empty: the peer address is the client",
    )
    api_docs: bool | None = Field(
        None, description="Serve /docs, /redoc and /openapi.json; default off in production"
    )
    ready_min_free_bytes: int = Field(
        256 * 1024 * 1024, description="/readyz fails when data_dir has less free disk space"
    )

    realname_daily_attempts: int = Field(
        5, description="Real-name / face verification attempts per account per day"
    )
    products_json: str | None = Field(
        None,
        description="Prices as JSON, overriding the defaults in mcert/order/products.py",
    )
    privacy_documents_dir: Path | None = Field(
        None,
        description="A directory of Markdown documents replacing the packaged 用户协议, 隐私政策 "
        "and consent notices file by file (mcert/consent/documents; docs/privacy.md)",
    )
    renewal_window_days: int = Field(90, description="Renewal opens this many days before expiry")
    order_pay_minutes: int = Field(30, description="Unpaid orders close after this many minutes")
    operator_login_max_failures: int = Field(
        5, description="Failed operator logins per username before the username is locked"
    )
    operator_lockout_seconds: int = Field(
        900, description="How long a locked operator username stays locked"
    )
    operator_login_ip_limit: int = Field(
        20, description="Failed operator logins per client IP per lockout period before a 429"
    )
    operator_password_scrypt_ln: int = Field(
        OPERATOR_PASSWORD_SCRYPT_LN,
        ge=10,
        le=20,
        description="log2 of the scrypt cost of operator passwords; new hashes only, each "
        "hash records its own. Production refuses less than "
        f"{OPERATOR_PASSWORD_SCRYPT_LN}; tests lower it",
    )
    metrics_enabled: bool | None = Field(
        None, description="Serve /metrics (Prometheus); default on, off in production"
    )
    metrics_token: str | None = Field(
        None, description="When set, /metrics requires Authorization: Bearer <token>"
    )
    password_max_failures: int = Field(5, description="Wrong certificate passwords before lock")
    review_sla_hours: dict[str, int] = Field(
        default_factory=lambda: {
            "application": 24,
            "resubmission": 24,
            "name_change": 24,
            "seal": 24,
            "invoice": 8,
        },
        description="Console review queues: hours an item may wait before it is overdue, per "
        "kind (application, resubmission, name_change, seal, invoice); JSON. 24 h is one "
        "working day; a kind left out gets 24",
    )
    review_claim_minutes: int = Field(
        30, ge=1, le=24 * 60, description="A reviewer's claim on a queue item lapses after this"
    )
    review_pdf_max_pages: int = Field(
        50, ge=1, le=1000, description="PDF documents rendered for review: pages at most"
    )
    seal_price_fen: int = Field(
        0,
        ge=0,
        description="Price of an electronic seal in fen; 0 (the default): seals are free. "
        "Above 0, applying for a seal creates an order (kind seal) to pay before review",
    )
    download_retry_minutes: int = Field(
        10,
        ge=0,
        description="A download may be fetched again with the same CSR and the password "
        "for this many minutes after the first one (0: never)",
    )
    password_prehash_iterations: int = Field(
        310_000, description="PBKDF2 iterations of the device-side password pre-hash"
    )
    password_scrypt_ln: int = Field(
        PASSWORD_SCRYPT_LN,
        ge=10,
        le=20,
        description="log2 of the scrypt cost of legacy (v1) certificate-password verifiers. "
        "New verifiers are v2 (HMAC under the CA key backend's verifier key) and v1 ones are "
        "upgraded on the next correct password, so this only matters to code that still "
        f"makes v1 verifiers (tests). Production refuses less than {PASSWORD_SCRYPT_LN}",
    )
    background_jobs: bool = Field(
        False,
        description="Run background work in-process: the task runner (unless "
        "MCERT_INPROCESS_WORKER is off) and the sandbox gateway's notifications "
        "(mcert serve turns this on)",
    )
    inprocess_worker: bool = Field(
        True,
        description="mcert serve runs the task queue in a thread of each process; turn off "
        "when separate `mcert worker` processes run it",
    )
    jobs_interval_seconds: float = Field(
        60.0, gt=0, description="Period of the scheduled jobs (each runs once per period)"
    )
    worker_poll_seconds: float = Field(
        1.0, gt=0, description="How often an idle worker looks for due tasks"
    )
    task_lease_seconds: int = Field(
        300,
        ge=10,
        description="A claimed task is run again by another worker if its worker has not "
        "finished it within this time (the worker is taken to have died)",
    )
    task_max_attempts: int = Field(8, ge=1, description="Attempts before a task is given up (dead)")
    task_retry_seconds: float = Field(
        10.0,
        gt=0,
        description="Wait before the first retry of a failed task; doubled each attempt, "
        "at most one hour",
    )
    retention_face_days: int = Field(
        30,
        ge=0,
        description="Face captures (real-name and face checks) are deleted this many days "
        "after the check; the result and the image's SHA-256 are kept (docs/privacy.md)",
    )
    retention_card_days: int = Field(
        30,
        ge=0,
        description="Bank-card numbers and the bank's phone of a real-name attempt are "
        "deleted this many days after the attempt (the masked form stays in the audit log)",
    )
    cancellation_cooling_off_days: int = Field(
        7,
        ge=0,
        description="注销账号: days between the request and the account's deletion, during "
        "which the holder may withdraw it",
    )
    task_keep_days: int = Field(
        7, ge=1, description="Finished (done or dead) tasks are deleted after this many days"
    )
    tasks_eager: bool = Field(
        False,
        description="Run each task on the committing thread right after the transaction "
        "that queued it commits (tests; never with real workers)",
    )
    pki_url: str | None = Field(
        None,
        description="Plain http:// base URL written into certificates (AIA, CRL DP); "
        "default MCERT_PUBLIC_URL",
    )
    ca_org_name: str = Field("mCert", description="Organisation name in the CA certificates")
    ocsp_validity_seconds: int = Field(
        3600, description="nextUpdate - thisUpdate of OCSP responses (pre-signed and cached)"
    )
    crl_validity_seconds: int = Field(86400, description="nextUpdate - thisUpdate of CRLs")
    ocsp_responder_days: int = Field(7, description="Validity of the delegated OCSP signer")
    tsa_policy_oid: str = Field(
        "1.2.840.113556.1.8000.2554.34144.64011.26931.17152.41748.6950571.613525.3.1",
        description="TSA policy OID written into timestamp tokens (under the CA policy arc)",
    )

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_cidrs(cls, value: object) -> object:
        if isinstance(value, str):
            return [ip_network(p.strip(), strict=False) for p in value.split(",") if p.strip()]
        return value

    @property
    def effective_api_docs(self) -> bool:
        return not self.is_production if self.api_docs is None else self.api_docs

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def effective_pki_url(self) -> str:
        return (self.pki_url or self.public_url).rstrip("/")

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'mcert.db').as_posix()}"

    @property
    def effective_metrics_enabled(self) -> bool:
        return not self.is_production if self.metrics_enabled is None else self.metrics_enabled

    @property
    def effective_log_json(self) -> bool:
        return self.is_production if self.log_json is None else self.log_json

    @model_validator(mode="after")
    def _default_public_url(self) -> Self:
        if not self.public_url:
            self.public_url = f"http://{url_host(self.host)}:{self.port}"
        return self

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Self:
        if not self.is_production:
            return self
        problems = []
        # Strength, not only length (mcert.strength); messages name the setting, never the value.
        checks: list[tuple[str, str | None, SecretRule]] = [
            ("MCERT_SECRET_KEY", self.secret_key, SECRET_KEY_RULE)
        ]
        if self.ca_key_backend == "file":
            checks.append(("MCERT_CA_KEY_PASSPHRASE", self.ca_key_passphrase, PASSPHRASE_RULE))
        if self.ca_key_backend == "pkcs11":
            checks.append(("MCERT_PKCS11_USER_PIN", self.pkcs11_user_pin, PIN_RULE))
        for name, value, rule in checks:
            why = weakness(value, rule)
            if value in (DEV_SECRET, DEV_CA_PASSPHRASE):
                why = "is the development default"
            if why:
                problems.append(f"{name} {why}; {GENERATE_HINT}")
        for name, cost, floor in (
            ("MCERT_PASSWORD_SCRYPT_LN", self.password_scrypt_ln, PASSWORD_SCRYPT_LN),
            ("MCERT_CA_KEY_SCRYPT_LN", self.ca_key_scrypt_ln, CA_KEY_SCRYPT_LN),
            (
                "MCERT_OPERATOR_PASSWORD_SCRYPT_LN",
                self.operator_password_scrypt_ln,
                OPERATOR_PASSWORD_SCRYPT_LN,
            ),
        ):
            if cost < floor:
                problems.append(f"{name}={cost} is below the production floor {floor}")
        for kind in ("sms", "realname", "face", "payment", "invoice", "email"):
            if getattr(self, f"{kind}_provider") == "sandbox":
                problems.append(
                    f"MCERT_{kind.upper()}_PROVIDER=sandbox is not allowed in production"
                )
        if problems:
            raise InsecureSettings("refusing to start in production: " + "; ".join(problems))
        return self
