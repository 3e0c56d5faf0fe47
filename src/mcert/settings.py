"""Settings: one pydantic-settings class read from ``MCERT_*`` environment variables.

Built once in :func:`mcert.main.create_app` (or by the CLI) and passed down; nothing in
mCert reads the environment at import time. In production, default, missing or weak
secrets (``mcert.strength``) refuse to start.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mcert.strength import SecretRule, weakness

DEV_SECRET = "dev-insecure-secret-change-me"
DEV_CA_PASSPHRASE = "dev-insecure-ca-passphrase"

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


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MCERT_", extra="ignore")

    env: Environment = Field(Environment.DEVELOPMENT, description="development | test | production")
    data_dir: Path = Field(Path("var"), description="Where SQLite, CA keys and uploads live")
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
    secret_key: str = Field(
        DEV_SECRET,
        description="Signs tokens and derives field-encryption and blind-index keys",
    )
    public_url: str = Field(
        "http://127.0.0.1:8000",
        description="Base URL holders and relying parties reach (used in QR codes, AIA, CRL DP)",
    )
    product_name: str = Field("mCert", description="Product name used in SMS templates")
    log_json: bool | None = Field(
        None, description="JSON log lines; default on in production, off otherwise"
    )
    log_level: str = Field("INFO", description="Python log level")

    sms_provider: str = Field("sandbox", description="SMS provider name in the registry")
    sms_code_ttl_seconds: int = Field(300, description="How long an SMS login code is valid")
    sms_code_max_attempts: int = Field(5, description="Wrong tries before a code is dead")
    sms_resend_seconds: int = Field(60, description="Minimum interval between codes per phone")
    sms_daily_limit: int = Field(10, description="Codes per phone per day")
    sms_ip_hourly_limit: int = Field(30, description="Codes per client IP per hour")

    access_token_ttl_seconds: int = Field(900, description="Access token lifetime")
    refresh_token_ttl_seconds: int = Field(30 * 86400, description="Refresh token lifetime")

    ca_key_backend: str = Field("file", description="CA key backend: file | pkcs11")
    ca_key_passphrase: str = Field(
        DEV_CA_PASSPHRASE, description="Passphrase of the file key backend's PKCS#8 files"
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
        40_000_000, description="Largest accepted image in pixels (stops decompression bombs)"
    )

    realname_daily_attempts: int = Field(
        5, description="Real-name / face verification attempts per account per day"
    )
    products_json: str | None = Field(
        None,
        description="Prices as JSON, overriding the defaults in mcert/order/products.py",
    )
    renewal_window_days: int = Field(90, description="Renewal opens this many days before expiry")
    order_pay_minutes: int = Field(30, description="Unpaid orders close after this many minutes")
    password_max_failures: int = Field(5, description="Wrong certificate passwords before lock")
    password_prehash_iterations: int = Field(
        310_000, description="PBKDF2 iterations of the device-side password pre-hash"
    )
    background_jobs: bool = Field(
        False, description="Run scheduled jobs in-process (mcert serve turns this on)"
    )
    jobs_interval_seconds: float = Field(60.0, description="How often the scheduler runs jobs")
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
    def effective_log_json(self) -> bool:
        return self.is_production if self.log_json is None else self.log_json

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
        for kind in ("sms", "realname", "face", "payment"):
            if getattr(self, f"{kind}_provider") == "sandbox":
                problems.append(
                    f"MCERT_{kind.upper()}_PROVIDER=sandbox is not allowed in production"
                )
        if problems:
            raise InsecureSettings("refusing to start in production: " + "; ".join(problems))
        return self
