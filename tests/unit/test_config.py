import pytest

from config import database_url_from
from leder_web import create_app

PSEUDONYM_KEY = "p" * 40
MFA_KEY = "m" * 40


@pytest.fixture(autouse=True)
def a_pseudonym_key(monkeypatch):
    """Production needs the national data set's key and the key the authenticator apps' keys
    are encrypted with; each test of them takes them away itself."""
    monkeypatch.setenv("LEDER_PSEUDONYM_KEY", PSEUDONYM_KEY)
    monkeypatch.setenv("LEDER_PSEUDONYM_KEY_VERSION", "2026-1")
    monkeypatch.setenv("LEDER_MFA_KEY", MFA_KEY)


def test_production_is_the_default_and_refuses_to_start_without_secrets(monkeypatch):
    monkeypatch.delenv("LEDER_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("LEDER_PSEUDONYM_KEY")
    monkeypatch.delenv("LEDER_MFA_KEY")
    with pytest.raises(SystemExit) as stopped:
        create_app()
    message = str(stopped.value)
    assert "\n" not in message
    assert "SECRET_KEY" in message
    assert "DATABASE_URL" in message
    assert "LEDER_PSEUDONYM_KEY" in message
    assert "LEDER_MFA_KEY" in message


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


def _otherwise_ready(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/leder")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://cache.internal:6379")
    monkeypatch.setenv("PUBLIC_URL", "https://leder.example.nhs.uk")


@pytest.mark.parametrize(
    ("key", "version"),
    [
        (None, "2026-1"),  # no key
        ("short-key", "2026-1"),  # under 32 characters
        ("development-only-pseudonym-key-not-secret", "2026-1"),  # the development key
        ("k" * 40, "2026-1"),  # the same as SECRET_KEY
        ("p" * 40, None),  # no version
        ("p" * 40, "version one"),  # a version that is not a short label
    ],
)
def test_production_refuses_to_start_without_a_pseudonym_key_and_its_version(
    monkeypatch, key, version
):
    _otherwise_ready(monkeypatch)
    for name, value in (("LEDER_PSEUDONYM_KEY", key), ("LEDER_PSEUDONYM_KEY_VERSION", version)):
        if value is None:
            monkeypatch.delenv(name)
        else:
            monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit, match="LEDER_PSEUDONYM_KEY"):
        create_app("production")


def test_production_takes_its_pseudonym_key_from_the_environment(monkeypatch):
    _otherwise_ready(monkeypatch)
    app = create_app("production")
    assert app.config["PSEUDONYM_KEY"] == PSEUDONYM_KEY
    assert app.config["PSEUDONYM_KEY_VERSION"] == "2026-1"


@pytest.mark.parametrize(
    "key",
    [
        None,  # not set
        "short-key",  # under 32 characters
        "development-only-mfa-key-not-secret",
        "test-only-mfa-key-not-secret",
        "k" * 40,  # the SECRET_KEY
        PSEUDONYM_KEY,  # the national data set's key
    ],
)
def test_production_refuses_to_start_without_its_own_mfa_key(monkeypatch, key):
    _otherwise_ready(monkeypatch)
    if key is None:
        monkeypatch.delenv("LEDER_MFA_KEY")
    else:
        monkeypatch.setenv("LEDER_MFA_KEY", key)
    with pytest.raises(SystemExit) as stopped:
        create_app("production")
    message = str(stopped.value)
    assert "\n" not in message
    assert "LEDER_MFA_KEY (at least 32 random characters" in message


def test_production_takes_its_mfa_key_from_the_environment(monkeypatch):
    _otherwise_ready(monkeypatch)
    assert create_app("production").config["MFA_KEY"] == MFA_KEY


def test_development_and_tests_have_fixed_mfa_keys_of_their_own(monkeypatch):
    monkeypatch.delenv("LEDER_MFA_KEY")
    development, test = create_app("development"), create_app("test")
    assert development.config["MFA_KEY"] == "development-only-mfa-key-not-secret"
    assert test.config["MFA_KEY"] == "test-only-mfa-key-not-secret"


def test_development_and_tests_have_fixed_keys_of_their_own(monkeypatch):
    monkeypatch.delenv("LEDER_PSEUDONYM_KEY")
    development, test = create_app("development"), create_app("test")
    assert development.config["PSEUDONYM_KEY"] == "development-only-pseudonym-key-not-secret"
    assert development.config["PSEUDONYM_KEY_VERSION"] == "dev-1"
    assert test.config["PSEUDONYM_KEY"] == "test-only-pseudonym-key-not-secret"
    assert test.config["PSEUDONYM_KEY_VERSION"] == "test-1"


def test_production_refuses_cis2_half_configured_and_starts_with_it_whole(monkeypatch, tmp_path):
    _otherwise_ready(monkeypatch)
    monkeypatch.delenv("LEDER_CIS2_SCOPES", raising=False)
    monkeypatch.delenv("LEDER_CIS2_CLIENT_SECRET", raising=False)
    monkeypatch.delenv("LEDER_CIS2_PRIVATE_KEY_PATH", raising=False)
    monkeypatch.delenv("LEDER_CIS2_ISSUER", raising=False)
    assert create_app("production").config["CIS2_ISSUER"] is None  # off unless set

    monkeypatch.setenv("LEDER_CIS2_ISSUER", "http://cis2.example")
    monkeypatch.delenv("LEDER_CIS2_CLIENT_ID", raising=False)
    with pytest.raises(SystemExit) as stopped:
        create_app("production")
    for missing in (
        "LEDER_CIS2_ISSUER (an https:// address)",
        "LEDER_CIS2_CLIENT_ID",
        "LEDER_CIS2_CLIENT_SECRET or LEDER_CIS2_PRIVATE_KEY_PATH",
    ):
        assert missing in str(stopped.value)

    monkeypatch.setenv("LEDER_CIS2_ISSUER", "https://cis2.example/realms/Healthcare")
    monkeypatch.setenv("LEDER_CIS2_CLIENT_ID", "leder")
    monkeypatch.setenv("LEDER_CIS2_PRIVATE_KEY_PATH", str(tmp_path / "missing.pem"))
    with pytest.raises(SystemExit, match="LEDER_CIS2_PRIVATE_KEY_PATH"):
        create_app("production")

    (tmp_path / "missing.pem").write_text("a key")
    config = create_app("production").config
    assert config["CIS2_ISSUER"] == "https://cis2.example/realms/Healthcare"
    assert config["CIS2_CLIENT_ID"] == "leder"
    assert config["CIS2_SCOPES"] == "openid profile email nhsperson"
