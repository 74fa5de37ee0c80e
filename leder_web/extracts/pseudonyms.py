"""The national data set's pseudonymous ids: HMAC-SHA256 of a case's internal id (its row id,
written in decimal) with the key from configuration (LEDER_PSEUDONYM_KEY). Without the key
nobody can go from an id back to a case or from a case to its id; with the same key a case has
the same id in every extract, so the academic partner can link extracts; a new key (and key
version) gives every case a new id."""

import hashlib
import hmac
from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class PseudonymKey:
    secret: str
    version: str


def current_key() -> PseudonymKey:
    config = current_app.config
    return PseudonymKey(config["PSEUDONYM_KEY"], config["PSEUDONYM_KEY_VERSION"])


def pseudonym(case_id: int, key: PseudonymKey) -> str:
    """64 hexadecimal characters."""
    if not key.secret:
        raise ValueError("No pseudonym key is configured (LEDER_PSEUDONYM_KEY)")
    message = str(int(case_id)).encode("ascii")
    return hmac.new(key.secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
