"""Configuration classes. LEDER_ENV chooses one; production is the default."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

INSECURE_SECRET_KEYS = {"", "dev", "change-me", "development-only-not-secret"}


def flag_from(name: str, default: bool) -> bool:
    """An on/off setting from the environment: 1, true, yes or on; 0, false, no or off."""
    value = os.environ.get(name, "").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    return default


def database_url_from(value: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way."""
    if value.startswith("postgres://"):
        value = "postgresql://" + value.removeprefix("postgres://")
    if value.startswith("postgresql://"):
        value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
    return value


class Config:
    NAME = "base"
    SERVICE_NAME = "LeDeR review platform"
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    # hide_parameters: a refused write's error (and so the log) never holds the values it was
    # given, which are a person's details.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}

    # A CSRF token lives as long as the session, so a reviewer who leaves a form open
    # for hours does not lose their typing to an expired token.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = True

    SESSION_COOKIE_NAME = "leder_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    # A signed-in session ends after 30 minutes without a request, and 12 hours after signing in
    # whatever happens (leder_web.core.sessions); the cookie lasts no longer than that.
    SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "30")))
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("SESSION_ABSOLUTE_HOURS", "12")))
    PERMANENT_SESSION_LIFETIME = SESSION_ABSOLUTE_TIMEOUT
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)

    MAX_CONTENT_LENGTH = 512 * 1024
    MAX_FORM_MEMORY_SIZE = 256 * 1024
    MAX_FORM_PARTS = 200

    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    # Sign-in and its authenticator step (leder_web.accounts.attempts): failed attempts are
    # counted in the app's own database, per address (an NHS organisation's offices may share
    # one) and per account from anywhere, as (failures, minutes); past either, attempts are
    # refused until the oldest failure leaves the window. ACCOUNT_LOCK_AFTER failures in a row
    # lock the account until a LAC or the national team unlocks it.
    SIGN_IN_ADDRESS_LIMITS = ((50, 15), (200, 24 * 60))
    SIGN_IN_ACCOUNT_LIMITS = ((5, 15), (20, 24 * 60))
    ACCOUNT_LOCK_AFTER = 10
    # Asking for a forgotten password's reset link, per address and per email address named
    # (whether or not it has an account); invitations sent, per address and per email address
    # invited; and one-time links (invitation, reset) opened that are unknown, used or expired,
    # per address (such a link names no account). Each (requests or failures, minutes).
    RESET_ADDRESS_LIMITS = ((20, 60), (100, 24 * 60))
    RESET_ACCOUNT_LIMITS = ((3, 60), (10, 24 * 60))
    INVITE_ADDRESS_LIMITS = ((100, 60),)
    INVITE_ACCOUNT_LIMITS = ((3, 60), (10, 24 * 60))
    LINK_ADDRESS_LIMITS = ((20, 15), (100, 24 * 60))
    # How long the one-time links work.
    INVITATION_LIFETIME = timedelta(hours=72)
    PASSWORD_RESET_LIFETIME = timedelta(hours=1)
    # Signing off at the panel, downloading data and changing someone's role ask for the
    # password (or a code from the app) again when it was last given longer ago than this.
    STEP_UP_MINUTES = 15
    # Multi-factor authentication (an authenticator app) after the password: on unless
    # LEDER_MFA_REQUIRED turns it off, which production refuses.
    MFA_REQUIRED = True
    # How long after the password the code may be given.
    MFA_PENDING_MINUTES = 10
    # How many proxies (a load balancer, say) stand in front of the app and add
    # X-Forwarded-For: the client's address is read that many hops back, never further.
    TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "0"))
    # The public notification journey, per address (signed-in staff are not limited).
    NOTIFY_RATE_LIMIT = "100 per hour"
    NOTIFY_SUBMIT_RATE_LIMIT = "10 per hour"

    # argon2id parameters (RFC 9106 second recommended option, lowered memory for small servers)
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024
    ARGON2_PARALLELISM = 2

    HSTS = False

    # Pages and their htmx fragments: see leder_web.core.compression.
    COMPRESS_MIMETYPES = ["text/html", "application/json"]
    COMPRESS_BR_LEVEL = 4
    COMPRESS_LEVEL = 6
    COMPRESS_MIN_SIZE = 1400

    # The service's own address (https://leder.example.nhs.uk), for the links in emails. Never
    # taken from the request in production: a forged Host header would send a password reset
    # link to someone else's site. Unset (development, tests): the address the request came to.
    PUBLIC_URL: str | None = None

    # Email: "console" logs each email (development); "smtp" sends it (production).
    MAIL_BACKEND = "console"
    MAIL_FROM = "LeDeR review platform <no-reply@leder.example>"
    SMTP_HOST = "localhost"
    SMTP_PORT = 587


class DevelopmentConfig(Config):
    NAME = "development"
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 (development only)
    SQLALCHEMY_DATABASE_URI = database_url_from(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'leder.db'}")
    )
    WTF_CSRF_SSL_STRICT = False

    def __init__(self) -> None:
        # The demo signs in with a password alone unless LEDER_MFA_REQUIRED=1.
        self.MFA_REQUIRED = flag_from("LEDER_MFA_REQUIRED", False)


class TestConfig(Config):
    NAME = "test"
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105 (tests only)
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_ENABLED = False
    WTF_CSRF_SSL_STRICT = False
    # Tests sign in with a password alone; the tests of the authenticator step turn it on.
    MFA_REQUIRED = False
    # Cheap hashes keep the suite fast; production parameters are tested separately.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 8
    ARGON2_PARALLELISM = 1


class ProductionConfig(Config):
    NAME = "production"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-leder_session"
    HSTS = True

    def __init__(self) -> None:
        self.SECRET_KEY: str = os.environ.get("SECRET_KEY", "")
        self.SQLALCHEMY_DATABASE_URI: str = database_url_from(os.environ.get("DATABASE_URL", ""))
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        self.MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
        self.MAIL_FROM = os.environ.get("MAIL_FROM", Config.MAIL_FROM)
        self.SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
        self.SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))
        self.SMTP_USERNAME = os.environ.get("SMTP_USERNAME")
        self.SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
        self.MFA_REQUIRED = flag_from("LEDER_MFA_REQUIRED", True)
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL", "").strip() or None

    def problems(self) -> list[str]:
        found = []
        workers = os.environ.get("WEB_CONCURRENCY", "")
        if self.RATELIMIT_STORAGE_URI.startswith("memory://") and workers != "1":
            # Each worker would count on its own, so the limits would not hold.
            found.append(
                "RATELIMIT_STORAGE_URI (a shared store such as redis://…, or WEB_CONCURRENCY=1)"
            )
        if self.SECRET_KEY in INSECURE_SECRET_KEYS or len(self.SECRET_KEY) < 32:
            found.append("SECRET_KEY (at least 32 random characters)")
        if not self.SQLALCHEMY_DATABASE_URI.startswith("postgresql+psycopg://"):
            found.append("DATABASE_URL (a postgresql:// URL)")
        if not self.MFA_REQUIRED:
            found.append("LEDER_MFA_REQUIRED on (it cannot be turned off in production)")
        if not (self.PUBLIC_URL or "").startswith("https://"):
            found.append("PUBLIC_URL (the service's https:// address, for links in emails)")
        return found


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
