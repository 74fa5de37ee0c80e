"""The one-time links emailed to people (an invitation, a password reset): a random token in
the link, and only its hash in the database, so a copy of the database opens no link."""

import hashlib
import secrets


def new_token() -> str:
    """256 random bits, safe in a URL."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """SHA-256: the token is random and long, so a fast hash is enough (nothing to guess)."""
    return hashlib.sha256(token.encode()).hexdigest()
