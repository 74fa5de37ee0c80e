"""The authenticator app: time-based one-time codes (TOTP, RFC 6238: 6 digits, a new one every
30 seconds, SHA-1, as every authenticator app reads from a QR code), the QR code itself as
SVG, and the recovery codes for when the app is lost.

Pure functions of their arguments: the time and the encryption key are given by the caller
(core.clock, the MFA_KEY setting), and nothing here reads or writes the database.
"""

import base64
import hmac
import re
import secrets
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from markupsafe import Markup

ISSUER = "LeDeR review platform"
# A code is accepted for the step before and after the current one as well: a phone's clock
# a little out, or a code typed just as it changed.
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
# 12 letters and digits, none that look alike (no 0/o, 1/l/i): 31 ** 12, about 2 ** 59.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 12
SIX_DIGITS = re.compile(r"[0-9]{6}")


# What the encryption key is derived for: another use of the same setting would get another key.
SEALING_PURPOSE = b"leder-web: authenticator app keys at rest"


class KeyNotReadable(Exception):
    """A stored authenticator key that the configured MFA_KEY does not open: the setting was
    changed, or the value was not written by this service. Never a wrong code: the server
    is misconfigured, and nobody's attempts are counted against them for it."""


def _fernet(key: str) -> Fernet:
    """Fernet (AES-128-CBC with HMAC-SHA256, from the cryptography package) under a key
    derived from the setting by HKDF-SHA256: any 32 or more random characters will do."""
    if not key:
        raise ValueError("no MFA_KEY is set (LEDER_MFA_KEY in production)")
    derived = HKDF(algorithm=SHA256(), length=32, salt=None, info=SEALING_PURPOSE).derive(
        key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(secret: str, key: str) -> str:
    """An authenticator key as it is stored: encrypted and authenticated (about 140
    characters, different each time for the same key)."""
    return _fernet(key).encrypt(secret.encode()).decode("ascii")


def unseal(sealed: str, key: str) -> str:
    """The authenticator key from its stored form."""
    try:
        return _fernet(key).decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as error:
        raise KeyNotReadable(
            "a stored authenticator key cannot be decrypted with MFA_KEY (LEDER_MFA_KEY)"
        ) from error


def new_secret() -> str:
    """A random key of 160 bits, as base32 (32 characters): what RFC 4226 recommends."""
    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """The key as people type it from the screen: in groups of four."""
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_code_svg(secret: str, account: str) -> Markup:
    """The QR code an authenticator app scans, as inline SVG (no image request, no script),
    dark on white so it scans in a dark theme too. It names itself to screen readers; the page
    gives the key as text beside it for anyone who cannot scan it."""
    svg = segno.make(provisioning_uri(secret, account), error="m").svg_inline(
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="app-qr-code",
        lineclass=None,
        title="QR code to scan with your authenticator app",
    )
    # segno's own markup: its only text is the title above.
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704


def normalise_code(typed: str) -> str:
    """What people type from an app: spaces and dashes are not part of the code."""
    return re.sub(r"[\s-]", "", typed or "")


def matching_step(secret: str, typed: str, at: datetime) -> int | None:
    """The time step whose code this is (within DRIFT_STEPS of `at`), or None. Every candidate
    is compared in constant time."""
    code = normalise_code(typed)
    if not SIX_DIGITS.fullmatch(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(at)
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def code_at(secret: str, at: datetime) -> str:
    """The code an app shows at that moment (for the demo and tests)."""
    return pyotp.TOTP(secret).at(at)


def new_recovery_codes() -> list[str]:
    return [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]


def show_recovery_code(code: str) -> str:
    """abcd-efgh-jkmn: easier to copy by hand."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def normalise_recovery_code(typed: str) -> str:
    return normalise_code(typed).lower()


def looks_like_recovery_code(typed: str) -> bool:
    code = normalise_recovery_code(typed)
    return len(code) == RECOVERY_LENGTH and all(char in RECOVERY_ALPHABET for char in code)
