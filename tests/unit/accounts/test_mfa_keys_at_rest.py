"""The authenticator apps' keys as they are stored: encrypted, and opened only with the key
they were encrypted with."""

import pytest

from leder_web.accounts import mfa

KEY = "a key of at least thirty-two random characters"
APP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_a_key_comes_back_as_it_went_in():
    assert mfa.unseal(mfa.seal(APP_KEY, KEY), KEY) == APP_KEY


def test_the_stored_form_does_not_hold_the_key_and_differs_each_time():
    first, second = mfa.seal(APP_KEY, KEY), mfa.seal(APP_KEY, KEY)
    assert APP_KEY not in first
    assert first != second


def test_another_key_or_a_changed_value_does_not_open_it():
    sealed = mfa.seal(APP_KEY, KEY)
    with pytest.raises(mfa.KeyNotReadable):
        mfa.unseal(sealed, KEY + "!")
    changed = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(mfa.KeyNotReadable):
        mfa.unseal(changed, KEY)
    with pytest.raises(mfa.KeyNotReadable):
        mfa.unseal(APP_KEY, KEY)  # a key stored before they were encrypted


def test_there_is_no_encryption_without_a_key():
    with pytest.raises(ValueError, match="MFA_KEY"):
        mfa.seal(APP_KEY, "")
