"""Configuration classes. LEDER_ENV chooses one; production is the default."""

import os
import re
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

INSECURE_SECRET_KEYS = {"", "dev", "change-me", "development-only-not-secret"}
INSECURE_PSEUDONYM_KEYS = {
    "",
    "development-only-pseudonym-key-not-secret",
    "test-only-pseudonym-key-not-secret",
}
INSECURE_MFA_KEYS = {
    "",
    "development-only-mfa-key-not-secret",
    "test-only-mfa-key-not-secret",
}
PSEUDONYM_KEY_VERSION_FORMAT = re.compile(r"[A-Za-z0-9.-]{1,20}")


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


CIS2_DEFAULT_SCOPES = "openid profile email nhsperson"


def read_cis2_settings(config) -> None:
    """The LEDER_CIS2_... variables, onto this configuration."""
    config.CIS2_ISSUER = os.environ.get("LEDER_CIS2_ISSUER", "").strip() or None
    config.CIS2_CLIENT_ID = os.environ.get("LEDER_CIS2_CLIENT_ID", "").strip()
    config.CIS2_CLIENT_SECRET = os.environ.get("LEDER_CIS2_CLIENT_SECRET") or None
    config.CIS2_PRIVATE_KEY_PATH = os.environ.get("LEDER_CIS2_PRIVATE_KEY_PATH") or None
    config.CIS2_PRIVATE_KEY_ID = os.environ.get("LEDER_CIS2_PRIVATE_KEY_ID") or None
    config.CIS2_SCOPES = os.environ.get("LEDER_CIS2_SCOPES", "").strip() or CIS2_DEFAULT_SCOPES
    config.CIS2_REDIRECT_URI = os.environ.get("LEDER_CIS2_REDIRECT_URI") or None


def cis2_problems(config) -> list[str]:
    """What stops signing in with CIS2 from working as configured (nothing when it is off)."""
    if not config.CIS2_ISSUER:
        return []
    found = []
    if not config.CIS2_ISSUER.startswith("https://"):
        found.append("LEDER_CIS2_ISSUER (an https:// address)")
    if not config.CIS2_CLIENT_ID:
        found.append("LEDER_CIS2_CLIENT_ID")
    key_path = config.CIS2_PRIVATE_KEY_PATH
    if key_path and not Path(key_path).is_file():
        found.append("LEDER_CIS2_PRIVATE_KEY_PATH (a file that exists)")
    if not key_path and not config.CIS2_CLIENT_SECRET:
        found.append("LEDER_CIS2_CLIENT_SECRET or LEDER_CIS2_PRIVATE_KEY_PATH")
    return found


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
    # The authenticator apps' keys are stored encrypted with a key derived from this one
    # (leder_web.accounts.mfa.seal): a copy of the database alone does not give anyone the
    # codes. Production takes it from LEDER_MFA_KEY; changing it makes every stored key
    # unreadable, so everyone would set up their app again.
    MFA_KEY = ""
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

    # Signing in with NHS Care Identity Service 2 (CIS2), an OpenID Connect provider
    # (leder_web.accounts.cis2): off unless LEDER_CIS2_ISSUER is set. The client authenticates
    # at the token endpoint with LEDER_CIS2_CLIENT_SECRET, or with a JWT signed by the private
    # key at LEDER_CIS2_PRIVATE_KEY_PATH (private_key_jwt, as CIS2 asks), whose key id CIS2
    # knows as LEDER_CIS2_PRIVATE_KEY_ID.
    # The development and production configurations read them from the environment.
    CIS2_ISSUER: str | None = None
    CIS2_CLIENT_ID = ""
    CIS2_CLIENT_SECRET: str | None = None
    CIS2_PRIVATE_KEY_PATH: str | None = None
    CIS2_PRIVATE_KEY_ID: str | None = None
    CIS2_SCOPES = CIS2_DEFAULT_SCOPES
    # The address CIS2 sends people back to, exactly as registered with it; by default this
    # service's own /sign-in/cis2/callback as the request reached it.
    CIS2_REDIRECT_URI: str | None = None
    # How long to wait for CIS2's answer to each request the service makes to it.
    CIS2_TIMEOUT_SECONDS = 10

    # Pages and their htmx fragments: see leder_web.core.compression.
    COMPRESS_MIMETYPES = ["text/html", "application/json"]
    COMPRESS_BR_LEVEL = 4
    COMPRESS_LEVEL = 6
    COMPRESS_MIN_SIZE = 1400

    # The national data set's pseudonymous ids: HMAC-SHA256 of each case's internal id with this
    # key (leder_web.extracts.pseudonyms). The same key gives the same id in every extract; a
    # new key (with a new version, recorded with each extract) gives new ids throughout.
    PSEUDONYM_KEY = ""
    PSEUDONYM_KEY_VERSION = ""
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
    PSEUDONYM_KEY = "development-only-pseudonym-key-not-secret"
    PSEUDONYM_KEY_VERSION = "dev-1"
    MFA_KEY = "development-only-mfa-key-not-secret"

    def __init__(self) -> None:
        # The demo signs in with a password alone unless LEDER_MFA_REQUIRED=1.
        self.MFA_REQUIRED = flag_from("LEDER_MFA_REQUIRED", False)
        read_cis2_settings(self)


class TestConfig(Config):
    NAME = "test"
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105 (tests only)
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_ENABLED = False
    WTF_CSRF_SSL_STRICT = False
    PSEUDONYM_KEY = "test-only-pseudonym-key-not-secret"
    PSEUDONYM_KEY_VERSION = "test-1"
    MFA_KEY = "test-only-mfa-key-not-secret"
    # Tests sign in with a password alone; the tests of the authenticator step turn it on.
    MFA_REQUIRED = False
    # Password sign-in only, whatever the environment says (CIS2_ISSUER stays None): the
    # tests of signing in with CIS2 turn it on against a provider of their own.
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
        self.PSEUDONYM_KEY = os.environ.get("LEDER_PSEUDONYM_KEY", "")
        self.PSEUDONYM_KEY_VERSION = os.environ.get("LEDER_PSEUDONYM_KEY_VERSION", "").strip()
        self.MFA_KEY = os.environ.get("LEDER_MFA_KEY", "")
        read_cis2_settings(self)
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
        if (
            self.PSEUDONYM_KEY in INSECURE_PSEUDONYM_KEYS
            or len(self.PSEUDONYM_KEY) < 32
            or self.PSEUDONYM_KEY == self.SECRET_KEY
            or not PSEUDONYM_KEY_VERSION_FORMAT.fullmatch(self.PSEUDONYM_KEY_VERSION)
        ):
            found.append(
                "LEDER_PSEUDONYM_KEY (at least 32 random characters, kept apart from SECRET_KEY)"
                " with LEDER_PSEUDONYM_KEY_VERSION (up to 20 letters, digits, dots or dashes)"
            )
        if (
            self.MFA_KEY in INSECURE_MFA_KEYS
            or len(self.MFA_KEY) < 32
            or self.MFA_KEY in {self.SECRET_KEY, self.PSEUDONYM_KEY}
        ):
            found.append(
                "LEDER_MFA_KEY (at least 32 random characters, kept apart from SECRET_KEY and"
                " LEDER_PSEUDONYM_KEY)"
            )
        found += cis2_problems(self)
        if not (self.PUBLIC_URL or "").startswith("https://"):
            found.append("PUBLIC_URL (the service's https:// address, for links in emails)")
        return found


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
