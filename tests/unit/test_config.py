import pytest

from config import database_url_from
from leder_web import create_app


def test_production_is_the_default_and_refuses_to_start_without_secrets(monkeypatch):
    monkeypatch.delenv("LEDER_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(SystemExit) as stopped:
        create_app()
    message = str(stopped.value)
    assert "\n" not in message
    assert "SECRET_KEY" in message
    assert "DATABASE_URL" in message


def test_production_refuses_a_weak_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "change-me")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/leder")
    with pytest.raises(SystemExit, match="SECRET_KEY"):
        create_app("production")


def test_production_refuses_sqlite(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///leder.db")
    with pytest.raises(SystemExit, match="DATABASE_URL"):
        create_app("production")


def test_production_refuses_limits_kept_in_one_workers_memory(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/leder")
    monkeypatch.setenv("PUBLIC_URL", "https://leder.example.nhs.uk")
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    with pytest.raises(SystemExit, match="RATELIMIT_STORAGE_URI"):
        create_app("production")
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(SystemExit, match="RATELIMIT_STORAGE_URI"):
        create_app("production")
    monkeypatch.setenv("WEB_CONCURRENCY", "1")  # one worker: its memory is the whole count
    assert create_app("production").config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_production_starts_with_real_settings_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgres://db.internal/leder")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://cache.internal:6379")
    monkeypatch.setenv("PUBLIC_URL", "https://leder.example.nhs.uk")
    app = create_app("production")
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://db.internal/leder"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["HSTS"] is True
    assert app.config["PUBLIC_URL"] == "https://leder.example.nhs.uk"


def test_production_refuses_to_build_email_links_from_the_request(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/leder")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://cache.internal:6379")
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(SystemExit, match="PUBLIC_URL"):
        create_app("production")
    monkeypatch.setenv("PUBLIC_URL", "http://leder.example.nhs.uk")
    with pytest.raises(SystemExit, match="PUBLIC_URL"):
        create_app("production")


def test_unknown_environment_name_is_refused():
    with pytest.raises(SystemExit, match="LEDER_ENV"):
        create_app("staging")


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_use_psycopg_3(given, used):
    assert database_url_from(given) == used


def test_production_refuses_to_turn_off_the_authenticator_step(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/leder")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://cache.internal:6379")
    monkeypatch.setenv("PUBLIC_URL", "https://leder.example.nhs.uk")
    monkeypatch.setenv("LEDER_MFA_REQUIRED", "0")
    with pytest.raises(SystemExit, match="LEDER_MFA_REQUIRED"):
        create_app("production")
    monkeypatch.delenv("LEDER_MFA_REQUIRED")
    assert create_app("production").config["MFA_REQUIRED"] is True


def test_the_demo_signs_in_with_a_password_alone_unless_asked(monkeypatch):
    monkeypatch.delenv("LEDER_MFA_REQUIRED", raising=False)
    assert create_app("development").config["MFA_REQUIRED"] is False
    monkeypatch.setenv("LEDER_MFA_REQUIRED", "1")
    assert create_app("development").config["MFA_REQUIRED"] is True
    assert create_app("test").config["MFA_REQUIRED"] is False
