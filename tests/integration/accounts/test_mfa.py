"""Signing in with a password and then a code from an authenticator app: setting the app up on
first sign-in, the code on later ones, recovery codes, and new recovery codes from the account
page. The configuration of the tests signs in with a password alone; these turn the
authenticator step on. The clock is moved, never waited for."""

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select, update

from leder_web.accounts import mfa
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import OutboxEmail, User, UserSession
from tests.conftest import TEST_PASSWORD

# 10:00:00 UTC on 1 December 2026: the start of a 30-second step.
MOMENT = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC)
EMAIL = "asha@example.org"
# The test configuration's key, written out: the stored keys must open with it.
TEST_MFA_KEY = "test-only-mfa-key-not-secret"


@pytest.fixture
def at(monkeypatch):
    """at(seconds): the clock stands that many seconds after MOMENT."""

    def move(seconds: float = 0) -> datetime:
        moment = MOMENT + timedelta(seconds=seconds)
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    move(0)
    return move


@pytest.fixture
def mfa_app(app, monkeypatch, at):
    monkeypatch.setitem(app.config, "MFA_REQUIRED", True)
    return app


@pytest.fixture
def asha(mfa_app, make_user):
    return make_user(Role.REVIEWER, email=EMAIL)


def post(client, path, **data):
    token = client.csrf_token(path if path.startswith("/account") else "/sign-in")
    return client.post(path, data={"csrf_token": token, **data})


def password_step(client, email=EMAIL, password=TEST_PASSWORD):
    return post(client, "/sign-in", email=email, password=password)


def user_row(app, user_id) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def key_of(app, user_id) -> str | None:
    """The key of the user's authenticator app, as the app holds it (stored encrypted)."""
    stored = user_row(app, user_id).mfa_secret
    return mfa.unseal(stored, TEST_MFA_KEY) if stored else None


def pending_key_of(app, user_id) -> str | None:
    """The key being set up, as the page shows it."""
    stored = user_row(app, user_id).mfa_pending_secret
    return mfa.unseal(stored, TEST_MFA_KEY) if stored else None


def app_code(secret: str, seconds: float = 0) -> str:
    """What the authenticator app shows at MOMENT + seconds."""
    return pyotp.TOTP(secret).at(MOMENT + timedelta(seconds=seconds))


def emails_to(app, address) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(OutboxEmail.subject)
                .where(OutboxEmail.to == address)
                .order_by(OutboxEmail.id)
            )
        )


def sign_in_records(app, user_id) -> list[tuple]:
    """How each of the user's sessions was signed in: (signed_in_with, mfa_met_at)."""
    with app.app_context():
        return [
            (data.get("signed_in_with"), data.get("mfa_met_at"))
            for data in db.session.scalars(
                select(UserSession.data)
                .where(UserSession.user_id == user_id)
                .order_by(UserSession.id)
            )
        ]


def signed_in(client) -> bool:
    return client.get("/home").status_code == 200


def set_up(app, client, user_id) -> list[str]:
    """Sign in for the first time and set up the app; the recovery codes shown."""
    assert password_step(client).headers["Location"] == "/sign-in/set-up-authenticator"
    secret = pending_key_of(app, user_id)
    page = post(client, "/sign-in/set-up-authenticator", code=app_code(secret))
    assert page.status_code == 200
    return re.findall(
        r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", page.get_data(as_text=True)
    )


def test_first_sign_in_sets_up_the_app_before_anything_else_opens(mfa_app, asha):
    client = mfa_app.test_client()
    response = password_step(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in/set-up-authenticator"
    # The password alone signs nobody in.
    assert client.get("/home").headers["Location"] == "/sign-in?next=/home"
    assert client.get("/account").headers["Location"] == "/sign-in?next=/account"

    page = client.get("/sign-in/set-up-authenticator").get_data(as_text=True)
    secret = pending_key_of(mfa_app, asha)
    assert len(secret) == 32
    assert '<svg role="img" focusable="false"' in page
    assert "<title>QR code to scan with your authenticator app</title>" in page
    grouped = " ".join(secret[i : i + 4] for i in range(0, 32, 4))
    assert f'<code lang="en">{grouped}</code>' in page
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page


def test_a_wrong_code_does_not_set_the_app_up(mfa_app, asha):
    client = mfa_app.test_client()
    password_step(client)
    response = post(client, "/sign-in/set-up-authenticator", code="000000")
    page = response.get_data(as_text=True)
    assert "<title>Error: Set up an authenticator app" in page
    assert page.count("Enter the code your authenticator app shows now") == 2
    assert user_row(mfa_app, asha).mfa_secret is None
    assert not signed_in(client)


def test_the_right_code_sets_it_up_signs_in_and_shows_ten_recovery_codes_once(mfa_app, asha):
    client = mfa_app.test_client()
    codes = set_up(mfa_app, client, asha)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert signed_in(client)
    user = user_row(mfa_app, asha)
    assert user.mfa_secret is not None
    assert user.mfa_pending_secret is None
    assert emails_to(mfa_app, EMAIL) == ["An authenticator app was set up for your account"]
    # Hashed: no code is stored as it was shown.
    from leder_web.models import RecoveryCode

    with mfa_app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10
    assert not any(code.replace("-", "") in hashed for code in codes for hashed in stored)
    account = client.get("/account").get_data(as_text=True)
    assert "Set up on 1 December 2026" in account
    assert "10 of 10 unused" in account


def test_the_key_is_stored_encrypted_and_opens_only_with_the_configured_key(mfa_app, asha):
    set_up(mfa_app, mfa_app.test_client(), asha)
    stored = user_row(mfa_app, asha).mfa_secret
    key = key_of(mfa_app, asha)
    assert re.fullmatch(r"[A-Z2-7]{32}", key)
    assert key not in stored
    assert len(stored) > 100
    with pytest.raises(mfa.KeyNotReadable):
        mfa.unseal(stored, "another key of at least thirty-two characters")

    # Being set up, too: the key shown on the page is not what is stored.
    client = mfa_app.test_client()
    with mfa_app.app_context():
        db.session.execute(
            update(User).where(User.id == asha).values(mfa_secret=None, mfa_enabled_at=None)
        )
        db.session.commit()
    password_step(client)
    page = client.get("/sign-in/set-up-authenticator").get_data(as_text=True)
    pending = pending_key_of(mfa_app, asha)
    assert " ".join(pending[i : i + 4] for i in range(0, 32, 4)) in page
    assert pending not in user_row(mfa_app, asha).mfa_pending_secret


def test_the_key_shown_changes_at_each_password_until_it_is_set_up(mfa_app, asha):
    password_step(mfa_app.test_client())
    first = pending_key_of(mfa_app, asha)
    password_step(mfa_app.test_client())
    second = pending_key_of(mfa_app, asha)
    assert first != second


def test_later_sign_ins_ask_for_a_code_and_refuse_it_twice(mfa_app, asha, at):
    set_up(mfa_app, mfa_app.test_client(), asha)
    secret = key_of(mfa_app, asha)
    at(60)
    client = mfa_app.test_client()
    response = password_step(client)
    assert response.headers["Location"] == "/sign-in/authenticator-code"
    assert not signed_in(client)
    accepted = post(client, "/sign-in/authenticator-code", code=app_code(secret, 60))
    assert accepted.headers["Location"] == "/home"
    assert signed_in(client)

    # The same code again, in its own 30 seconds, from another browser: refused.
    at(70)
    other = mfa_app.test_client()
    password_step(other)
    again = post(other, "/sign-in/authenticator-code", code=app_code(secret, 60))
    assert "That code has already been used" in again.get_data(as_text=True)
    assert not signed_in(other)
    # The next code is accepted.
    at(90)
    assert post(other, "/sign-in/authenticator-code", code=app_code(secret, 90)).status_code == 302
    # Each session records that MFA was met when it signed in.
    records = sign_in_records(mfa_app, asha)  # the set-up, then the two sign-ins with a code
    assert [(way, met is not None) for way, met in records] == [("password", True)] * 3


def test_a_code_from_the_step_before_is_accepted_but_not_an_older_one(mfa_app, asha, at):
    set_up(mfa_app, mfa_app.test_client(), asha)
    secret = key_of(mfa_app, asha)
    at(300)
    client = mfa_app.test_client()
    password_step(client)
    old = post(client, "/sign-in/authenticator-code", code=app_code(secret, 240))
    assert "Enter the code your authenticator app shows now" in old.get_data(as_text=True)
    late = post(client, "/sign-in/authenticator-code", code=app_code(secret, 270))
    assert late.headers["Location"] == "/home"


def test_the_code_step_ends_ten_minutes_after_the_password(mfa_app, asha, at):
    set_up(mfa_app, mfa_app.test_client(), asha)
    secret = key_of(mfa_app, asha)
    at(60)
    client = mfa_app.test_client()
    password_step(client)
    at(60 + 11 * 60)
    response = post(client, "/sign-in/authenticator-code", code=app_code(secret, 60 + 11 * 60))
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Sign in again</h1>' in response.get_data(as_text=True)
    assert not signed_in(client)


def test_the_code_pages_ask_for_the_password_first(mfa_app):
    client = mfa_app.test_client()
    for path in ("/sign-in/authenticator-code", "/sign-in/recovery-code"):
        page = client.get(path).get_data(as_text=True)
        assert "Enter your email address and password first" in page


def test_a_recovery_code_signs_in_once(mfa_app, asha, at):
    codes = set_up(mfa_app, mfa_app.test_client(), asha)
    at(60)
    client = mfa_app.test_client()
    password_step(client)
    assert "use a recovery code" in client.get("/sign-in/authenticator-code").get_data(as_text=True)
    response = post(client, "/sign-in/recovery-code", code=codes[3].upper().replace("-", " "))
    assert response.headers["Location"] == "/home"
    assert signed_in(client)
    assert emails_to(mfa_app, EMAIL)[-1] == "A recovery code was used to sign in"
    assert "9 of 10 unused" in client.get("/account").get_data(as_text=True)

    other = mfa_app.test_client()
    password_step(other)
    again = post(other, "/sign-in/recovery-code", code=codes[3])
    assert "Enter one of your recovery codes that has not been used" in again.get_data(as_text=True)
    assert not signed_in(other)


def test_new_recovery_codes_after_a_code_and_the_old_ones_stop_working(mfa_app, asha, at):
    client = mfa_app.test_client()
    old_codes = set_up(mfa_app, client, asha)
    secret = key_of(mfa_app, asha)
    at(60)
    wrong = post(client, "/account/recovery-codes", code="123456")
    assert "<title>Error: Get new recovery codes" in wrong.get_data(as_text=True)
    page = post(client, "/account/recovery-codes", code=app_code(secret, 60)).get_data(as_text=True)
    new_codes = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", page)
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert emails_to(mfa_app, EMAIL)[-1] == "Your recovery codes were replaced"

    other = mfa_app.test_client()
    password_step(other)
    refused = post(other, "/sign-in/recovery-code", code=old_codes[0])
    assert "Enter one of your recovery codes that has not been used" in refused.get_data(
        as_text=True
    )
    assert post(other, "/sign-in/recovery-code", code=new_codes[0]).status_code == 302


def test_someone_with_the_app_set_up_is_asked_for_a_code_even_when_it_is_not_required(
    mfa_app, asha, at, monkeypatch
):
    set_up(mfa_app, mfa_app.test_client(), asha)
    monkeypatch.setitem(mfa_app.config, "MFA_REQUIRED", False)
    at(60)
    response = password_step(mfa_app.test_client())
    assert response.headers["Location"] == "/sign-in/authenticator-code"


def test_without_the_requirement_a_password_alone_signs_in(app, make_user):
    user_id = make_user(Role.REVIEWER, email=EMAIL)
    client = app.test_client()
    assert password_step(client).headers["Location"] == "/home"
    assert sign_in_records(app, user_id) == [("password", None)]  # MFA not met
    page = client.get("/account").get_data(as_text=True)
    assert "Not set up: you sign in with your password alone" in page
    assert "You have not set up an authenticator app" in client.get(
        "/account/recovery-codes"
    ).get_data(as_text=True)


def test_wrong_codes_lock_the_account_after_ten_in_a_row(mfa_app, asha, at, monkeypatch):
    monkeypatch.setitem(mfa_app.config, "SIGN_IN_ACCOUNT_LIMITS", ((100, 15),))
    set_up(mfa_app, mfa_app.test_client(), asha)
    secret = key_of(mfa_app, asha)
    at(60)
    client = mfa_app.test_client()
    password_step(client)
    for _ in range(9):
        page = post(client, "/sign-in/authenticator-code", code="000000").get_data(as_text=True)
        assert "Enter the code your authenticator app shows now" in page
    tenth = post(client, "/sign-in/authenticator-code", code="000000").get_data(as_text=True)
    assert "Your account is locked after too many attempts to sign in" in tenth
    assert user_row(mfa_app, asha).locked_at is not None
    assert emails_to(mfa_app, EMAIL)[-1] == "Your account was locked"
    # Locked: even the right password and code do not sign in.
    at(90)
    again = mfa_app.test_client()
    locked = password_step(again).get_data(as_text=True)
    assert "Contact your ICB’s local area contact to unlock it" in locked
    assert app_code(secret, 90)  # the app still shows codes, but there is no step to enter one
    assert not signed_in(again)


def test_a_correct_code_clears_the_failures(mfa_app, asha, at):
    set_up(mfa_app, mfa_app.test_client(), asha)
    secret = key_of(mfa_app, asha)
    at(60)
    client = mfa_app.test_client()
    password_step(client)
    for _ in range(3):
        post(client, "/sign-in/authenticator-code", code="000000")
    assert user_row(mfa_app, asha).failed_sign_ins == 3
    post(client, "/sign-in/authenticator-code", code=app_code(secret, 60))
    assert user_row(mfa_app, asha).failed_sign_ins == 0


def test_the_app_can_be_set_up_from_the_account_page_after_the_password(app, make_user, at):
    """Without the requirement, anyone may choose to set it up; from then on it is asked for."""
    user_id = make_user(Role.REVIEWER, email=EMAIL)
    client = app.test_client()
    password_step(client)
    page = client.get("/account/authenticator").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Set up an authenticator app</h1>' in page
    wrong = post(client, "/account/authenticator", password="not my password")
    assert "Your password is not right" in wrong.get_data(as_text=True)
    assert user_row(app, user_id).mfa_pending_secret is None

    confirmed = post(client, "/account/authenticator", password=TEST_PASSWORD)
    assert confirmed.headers["Location"] == "/account/authenticator"
    secret = pending_key_of(app, user_id)
    key_page = client.get("/account/authenticator").get_data(as_text=True)
    assert "Add the LeDeR review platform to your authenticator app" in key_page
    assert " ".join(secret[i : i + 4] for i in range(0, 32, 4)) in key_page
    codes_page = post(client, "/account/authenticator", code=app_code(secret)).get_data(
        as_text=True
    )
    assert "Your authenticator app is set up" in codes_page
    assert len(re.findall(r"<code>[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}</code>", codes_page)) == 10
    assert key_of(app, user_id) == secret
    at(60)
    assert password_step(app.test_client()).headers["Location"] == "/sign-in/authenticator-code"


def test_the_key_is_shown_only_for_ten_minutes_after_the_password(app, make_user, at):
    make_user(Role.REVIEWER, email=EMAIL)
    client = app.test_client()
    password_step(client)
    post(client, "/account/authenticator", password=TEST_PASSWORD)
    at(11 * 60)
    page = client.get("/account/authenticator").get_data(as_text=True)
    assert "enter your password first" in page
    assert "<svg" not in page


def test_a_lost_phone_is_replaced_after_a_recovery_code(mfa_app, asha, at):
    codes = set_up(mfa_app, mfa_app.test_client(), asha)
    old_secret = key_of(mfa_app, asha)
    at(60)
    client = mfa_app.test_client()
    password_step(client)
    post(client, "/sign-in/recovery-code", code=codes[0])
    assert "Set up again" in client.get("/account").get_data(as_text=True)
    post(client, "/account/authenticator", password=TEST_PASSWORD)
    new_secret = pending_key_of(mfa_app, asha)
    post(client, "/account/authenticator", code=app_code(new_secret, 60))
    assert key_of(mfa_app, asha) == new_secret
    at(120)
    other = mfa_app.test_client()
    password_step(other)
    old = post(other, "/sign-in/authenticator-code", code=app_code(old_secret, 120))
    assert "Enter the code your authenticator app shows now" in old.get_data(as_text=True)
    new = post(other, "/sign-in/authenticator-code", code=app_code(new_secret, 120))
    assert new.headers["Location"] == "/home"


def test_a_key_the_configured_key_cannot_open_is_a_server_fault_not_a_wrong_code(
    mfa_app, asha, at, monkeypatch
):
    set_up(mfa_app, mfa_app.test_client(), asha)
    at(60)
    client = mfa_app.test_client()
    password_step(client)
    monkeypatch.setitem(mfa_app.config, "MFA_KEY", "another key of at least thirty-two characters")
    answer = post(client, "/sign-in/authenticator-code", code="123456")
    assert answer.status_code == 500
    assert "quote reference" in answer.get_data(as_text=True)
    assert user_row(mfa_app, asha).failed_sign_ins == 0
    assert not signed_in(client)
