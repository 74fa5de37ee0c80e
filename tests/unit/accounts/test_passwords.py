"""Which passwords are refused: too short, or on the list of common passwords, whatever their
case. Nothing else: no rules about kinds of character."""

import pytest

from leder_web.accounts import passwords

TOO_SHORT = "Password must be 12 characters or more"
COMMON = "Choose a password that is harder to guess: this one is on a list of common passwords"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("eleven chars", None),  # 12 with the space
        ("elevenchars", TOO_SHORT),
        ("qwerty123456", COMMON),
        ("QWERTY123456", COMMON),
        ("1qaz2wsx3edc", COMMON),
        ("LeaveMeAlone", COMMON),
        ("correct horse battery staple", None),
        ("alllowercaseletters", None),  # no composition rules
        ("x" * 200, None),
        ("x" * 201, "Password must be 200 characters or fewer"),
        ("ruth@example.org", "Choose a password that is not your email address"),
    ],
)
def test_what_is_refused(password, problem):
    assert passwords.problem(password, email="Ruth@example.org") == problem


def test_the_list_holds_ten_thousand_passwords_in_lower_case():
    common = passwords.common_passwords()
    assert len(common) == 10_000
    assert "password" in common
    assert "123456" in common
    assert all(entry == entry.lower() for entry in common)
