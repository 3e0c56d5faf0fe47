from __future__ import annotations

from pathlib import Path

import pytest

import mcert
from mcert.settings import Settings


def test_development_defaults_start() -> None:
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.effective_database_url.startswith("sqlite:///")
    assert s.effective_log_json is False


def test_production_refuses_default_secrets() -> None:
    with pytest.raises(ValueError, match="refusing to start in production") as info:
        Settings(env="production")  # type: ignore[arg-type]
    message = str(info.value)
    assert "MCERT_SECRET_KEY" in message
    assert "MCERT_CA_KEY_PASSPHRASE" in message


def test_production_starts_with_real_secrets() -> None:
    s = Settings(
        env="production",  # type: ignore[arg-type]
        secret_key="kZ3v9QmX2pL7sT1wR8yB4nD6fH0jC5gA-e_Uq",
        ca_key_passphrase="Vq7-mPz2Lk9xRt4W",
        sms_provider="vendor",
        realname_provider="vendor",
        face_provider="vendor",
        payment_provider="vendor",
        invoice_provider="vendor",
        email_provider="vendor",
    )
    assert s.effective_log_json is True


def test_settings_come_from_mcert_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCERT_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("MCERT_SMS_DAILY_LIMIT", "3")
    s = Settings()
    assert s.effective_database_url == "postgresql+psycopg://u@h/db"
    assert s.sms_daily_limit == 3


STRONG_KEY = "kZ3v9QmX2pL7sT1wR8yB4nD6fH0jC5gA-e_Uq"  # a token_urlsafe-like value
STRONG_PASSPHRASE = "Vq7-mPz2Lk9xRt4W"
PRODUCTION = dict(
    env="production",
    sms_provider="vendor",
    realname_provider="vendor",
    face_provider="vendor",
    payment_provider="vendor",
    invoice_provider="vendor",
    email_provider="vendor",
)


def production(**values: object) -> Settings:
    settings: dict[str, object] = {
        **PRODUCTION,
        "secret_key": STRONG_KEY,
        "ca_key_passphrase": STRONG_PASSPHRASE,
        **values,
    }
    return Settings(**settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "weak",
    [
        "a" * 32,
        "x" * 64,
        "ab" * 20,  # one block repeated
        "abcdefghijklmnopqrstuvwxyz0123456789",  # a sequence
        "0123456789012345678901234567890123456789",
        "dev-insecure-secret-change-me",
        "short-but-random-Zq8",
        "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbcccccccc",  # low entropy, not periodic
    ],
)
def test_production_refuses_a_weak_secret_key(weak: str) -> None:
    with pytest.raises(ValueError, match="MCERT_SECRET_KEY") as info:
        production(secret_key=weak)
    assert weak not in str(info.value)
    assert "secrets.token_urlsafe(48)" in str(info.value)


@pytest.mark.parametrize("weak", ["a", "passphrase", "a" * 20, "1234567890123456", "password"])
def test_production_refuses_a_weak_ca_passphrase(weak: str) -> None:
    with pytest.raises(ValueError, match="MCERT_CA_KEY_PASSPHRASE") as info:
        production(ca_key_passphrase=weak)
    assert "MCERT_SECRET_KEY" not in str(info.value)


def test_pkcs11_pin_is_required_and_checked_in_production() -> None:
    for weak in (None, "1234", "12345678", "00000000", "11223344"):
        with pytest.raises(ValueError, match="MCERT_PKCS11_USER_PIN"):
            production(ca_key_backend="pkcs11", pkcs11_user_pin=weak, ca_key_passphrase="")
    s = production(ca_key_backend="pkcs11", pkcs11_user_pin="73915062", ca_key_passphrase="")
    assert s.pkcs11_user_pin == "73915062"


def test_generated_secrets_pass() -> None:
    import secrets

    for _ in range(200):
        production(
            secret_key=secrets.token_urlsafe(48),
            ca_key_passphrase=secrets.token_urlsafe(16),
        )
    production(secret_key=secrets.token_hex(32), ca_key_passphrase="correct horse battery staple")


def test_weak_secrets_are_fine_outside_production() -> None:
    assert Settings(env="test", secret_key="a" * 32, ca_key_passphrase="a").secret_key  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- where things are


@pytest.fixture
def bare_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("MCERT_DATA_DIR", "MCERT_PUBLIC_URL", "MCERT_PKI_URL", "MCERT_HOST", "MCERT_PORT"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_public_url_follows_host_and_port(bare_env: pytest.MonkeyPatch) -> None:
    assert Settings().public_url == "http://127.0.0.1:8000"
    s = Settings(port=9123)
    assert s.public_url == "http://127.0.0.1:9123"
    assert s.effective_pki_url == "http://127.0.0.1:9123"  # certificates point there too
    bare_env.setenv("MCERT_HOST", "192.168.1.20")
    bare_env.setenv("MCERT_PORT", "8443")
    assert Settings().public_url == "http://192.168.1.20:8443"


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("0.0.0.0", "http://127.0.0.1:8000"),
        ("::", "http://[::1]:8000"),
        ("::1", "http://[::1]:8000"),
    ],
)
def test_wildcard_and_ipv6_hosts_make_usable_urls(
    bare_env: pytest.MonkeyPatch, host: str, url: str
) -> None:
    assert Settings(host=host).public_url == url


def test_a_set_public_url_wins_over_host_and_port(bare_env: pytest.MonkeyPatch) -> None:
    bare_env.setenv("MCERT_PUBLIC_URL", "https://mcert.example.cn")
    s = Settings(port=9123)
    assert s.public_url == "https://mcert.example.cn"
    assert s.effective_pki_url == "https://mcert.example.cn"


def test_the_data_dir_is_the_checkouts_var_not_the_current_directory(
    bare_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bare_env.chdir(tmp_path)
    checkout = Path(mcert.__file__).absolute().parents[2]
    assert Settings().data_dir == checkout / "var"
    bare_env.setenv("MCERT_DATA_DIR", str(tmp_path / "data"))
    assert Settings().data_dir == tmp_path / "data"


@pytest.mark.parametrize(
    ("name", "low"),
    [("password_scrypt_ln", 13), ("ca_key_scrypt_ln", 14), ("operator_password_scrypt_ln", 13)],
)
def test_production_refuses_cheap_scrypt(name: str, low: int) -> None:
    """Tests run scrypt at 2**10; production must not be configured like a test."""
    with pytest.raises(ValueError, match=f"MCERT_{name.upper()}={low} is below"):
        production(**{name: low})
    assert getattr(production(), name) == low + 1  # the defaults are the floors
