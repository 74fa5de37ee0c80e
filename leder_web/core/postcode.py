"""UK postcodes: the one pattern and the one way of writing them, so the notify form and the
duplicate rules agree on what a postcode is."""

import re

PATTERN = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
NOT_REAL = "Enter a real postcode"


def compact(text: str | None) -> str:
    """Upper case without spaces, for comparing: " b13  8jp" becomes "B138JP"."""
    return "".join((text or "").upper().split())


def is_real(text: str | None) -> bool:
    return bool(PATTERN.fullmatch(compact(text)))


def formatted(text: str | None) -> str | None:
    """B11AA, b1 1aa and B1  1AA all become B1 1AA; anything else is left as typed."""
    if text is None:
        return None
    if is_real(text):
        code = compact(text)
        return f"{code[:-3]} {code[-3:]}"
    return text.strip()
