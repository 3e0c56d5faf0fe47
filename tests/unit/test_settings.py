from __future__ import annotations

import pytest

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
        secret_key="x" * 40,
        ca_key_passphrase="a-real-passphrase",
        sms_provider="vendor",
        realname_provider="vendor",
        face_provider="vendor",
        payment_provider="vendor",
    )
    assert s.effective_log_json is True


def test_settings_come_from_mcert_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCERT_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("MCERT_SMS_DAILY_LIMIT", "3")
    s = Settings()
    assert s.effective_database_url == "postgresql+psycopg://u@h/db"
    assert s.sms_daily_limit == 3
