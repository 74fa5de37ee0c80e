"""Failed sign-in attempts, counted in the application's own database (no cache server): per
address, because one address trying many accounts is an attack; per account, because one
account tried from many addresses is one too.

Each failure is a row (a keyed hash and a time); a limit is a number of failures within a
window of minutes. Keys are HMACs under the application's secret key: the table holds no
address and no email address, and a copy of it cannot be matched against a list of either.
Rows older than the longest window are deleted as new ones are written.
"""

import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.models import SignInAttempt

KEEP_FOR = timedelta(days=1)


def _key(kind: str, value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def address_key(address: str | None) -> str:
    return _key("address", address or "unknown")


def account_key(email: str) -> str:
    """The account as it was named: the same key whether or not such an account exists."""
    return _key("account", email.strip().lower())


def keyed(kind: str, value: str | None) -> str:
    """A key for another limit than signing in's, counted apart from it: a reset link asked for
    ("reset-address", "reset-account"), an invitation sent, a one-time link that failed."""
    return _key(kind, (value or "unknown").strip().lower())


def failures_since(key: str, minutes: int) -> int:
    since = clock.now() - timedelta(minutes=minutes)
    return (
        db.session.scalar(
            select(func.count())
            .select_from(SignInAttempt)
            .where(SignInAttempt.key_hash == key, SignInAttempt.at > since)
        )
        or 0
    )


def over_limit(key: str, limits) -> bool:
    """True when the key has had as many failures as any (failures, minutes) limit allows."""
    return any(failures_since(key, minutes) >= count for count, minutes in limits)


def refused(*, address: str, account: str) -> bool:
    """Whether the next attempt from this address for this account must wait."""
    config = current_app.config
    return over_limit(address, config["SIGN_IN_ADDRESS_LIMITS"]) or over_limit(
        account, config["SIGN_IN_ACCOUNT_LIMITS"]
    )


def record_failure(*keys: str) -> None:
    """One more failure (or, for the limits on asking, one more request) under each key."""
    moment = clock.now()
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.at < moment - KEEP_FOR))
    db.session.add_all([SignInAttempt(key_hash=key, at=moment) for key in keys])
    db.session.flush()


def forget(key: str) -> None:
    """An account unlocked starts with a clean slate."""
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.key_hash == key))
