"""The environment production needs to start (config.ProductionConfig), for tests of what the
production configuration refuses to do once it has started."""

PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "k" * 40,
    "DATABASE_URL": "postgresql://db.internal/leder",
    "RATELIMIT_STORAGE_URI": "redis://cache.internal:6379",
    "LEDER_PSEUDONYM_KEY": "p" * 40,
    "LEDER_PSEUDONYM_KEY_VERSION": "2026-1",
    "LEDER_MFA_KEY": "m" * 40,
    "PUBLIC_URL": "https://leder.example.nhs.uk",
}


def set_production_environment(monkeypatch) -> None:
    for name, value in PRODUCTION_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
