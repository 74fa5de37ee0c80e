"""What makes a password acceptable, as the NCSC and WCAG 3.3.8 advise: long enough, not one
of the passwords people use most, and nothing else. No rules about kinds of character, no
expiry, and pasting and password managers welcome (the forms ask for them by autocomplete).

The list (data/common-passwords.txt) is the 10,000 most common passwords, most common first:
the first 10,000 of the ranked password list zxcvbn ships (zxcvbn 4.5.0, MIT licence), which
ranks the passwords of Mark Burnett's set of 10 million passwords published in 2015. It holds
them in lower case, so a password is looked up in lower case: "Password1" is refused as
"password1" is.
"""

from functools import cache
from importlib.resources import files

MIN_LENGTH = 12
MAX_LENGTH = 200  # enough for any passphrase or password manager; argon2 hashes any length


@cache
def common_passwords() -> frozenset[str]:
    text = files("leder_web.accounts").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line)


def is_common(password: str) -> bool:
    return password.lower() in common_passwords()


def problem(password: str, *, email: str | None = None) -> str | None:
    """Why this password cannot be used (the message to show beside the field), or None."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    if is_common(password):
        return (
            "Choose a password that is harder to guess: this one is on a list of common passwords"
        )
    if email and password.strip().lower() == email.strip().lower():
        return "Choose a password that is not your email address"
    return None
