"""Forgotten passwords: "Forgotten your password?" on the sign-in page, an email address, and a
one-time link by email that works within the hour. The answer never says whether the address
has an account; using the link ends every session of the user; asking is limited per address
and per email address. The clock is moved, never waited for."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import OutboxEmail, PasswordReset, SignInAttempt
from tests.conftest import TEST_PASSWORD
from tests.integration.accounts.test_sessions import can_open_home, signed_in_client
from tests.support.case_work import outbox, text_of
from tests.support.statements import counting_statements

EMAIL = "rosa@example.org"
UNKNOWN = "nobody@example.org"
NEW = "a brand new password to remember"
MOMENT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def at(monkeypatch):
    """at(minutes): the clock stands that many minutes after MOMENT."""

    def move(minutes: float = 0) -> None:
        monkeypatch.setattr(clock, "now", lambda: MOMENT + timedelta(minutes=minutes))

    move(0)
    return move


@pytest.fixture
def rosa(app, make_user):
    return make_user(Role.REVIEWER, email=EMAIL)


def ask(client, email, **kwargs):
    token = client.csrf_token("/forgotten-password")
    return client.post("/forgotten-password", data={"email": email, "csrf_token": token}, **kwargs)


def link_in_last_email(app) -> str:
    body = outbox(app)[-1][2]
    return re.search(r"http://localhost(/reset-password/\S+)", body)[1]


def choose(client, path, password):
    return client.post(
        path,
        data={"new_password": password, "csrf_token": client.csrf_token("/forgotten-password")},
    )


def sign_in(client, password):
    return client.post(
        "/sign-in",
        data={"email": EMAIL, "password": password, "csrf_token": client.csrf_token()},
    )


def without_tokens(page: str) -> str:
    """A page as a reader sees it: the form's token and the script nonce differ per request."""
    page = re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", page)
    return re.sub(r'nonce="[^"]+"', "", page)


def test_the_sign_in_page_offers_the_reset(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert '<a class="govuk-link" href="/forgotten-password">Forgotten your password?</a>' in page
    form = client.get("/forgotten-password").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Reset your password</h1>' in form
    assert 'autocomplete="username"' in form


@pytest.mark.postgresql
def test_the_answer_is_the_same_for_an_address_with_an_account_and_one_without(app, rosa, at):
    known_client, unknown_client = app.test_client(), app.test_client()
    with counting_statements(app) as known_work:
        known = ask(known_client, EMAIL)
    with counting_statements(app) as unknown_work:
        unknown = ask(unknown_client, UNKNOWN)
    assert (known.status_code, known.headers["Location"]) == (
        302,
        "/forgotten-password/check-your-email",
    )
    assert (unknown.status_code, unknown.headers["Location"]) == (
        known.status_code,
        known.headers["Location"],
    )
    assert known.get_data() == unknown.get_data()
    known_page = known_client.get(known.headers["Location"]).get_data(as_text=True)
    unknown_page = unknown_client.get(unknown.headers["Location"]).get_data(as_text=True)
    assert without_tokens(known_page) == without_tokens(unknown_page)
    assert (
        "If the email address you entered has an account, we have sent it a link to choose a "
        "new password. The link works once, within an hour." in text_of(known_page)
    )
    # The same work either way: the same reads and the request counted, one email queued; the
    # address with an account has its link stored besides.
    assert len(known_work) - len(unknown_work) in (0, 1), f"{known_work}\n---\n{unknown_work}"
    sent = outbox(app)
    assert [(to, subject) for to, subject, _body, _kind in sent] == [
        (EMAIL, "Reset your password"),
        (UNKNOWN, "Reset your password"),
    ]
    assert "no account that can sign in has it" in sent[1][2]
    assert "/reset-password/" not in sent[1][2]


def test_a_deactivated_account_gets_no_link(app, rosa, at):
    from leder_web.models import User

    with app.app_context():
        db.session.get(User, rosa).active = False
        db.session.commit()
    ask(app.test_client(), EMAIL)
    assert outbox(app)[-1][3] == "password_reset_no_account"


@pytest.mark.postgresql
def test_the_link_sets_a_new_password_ends_every_session_and_works_once(app, rosa, at):
    elsewhere = signed_in_client(app, EMAIL)  # signed in on another device
    ask(app.test_client(), EMAIL)
    path = link_in_last_email(app)
    with app.app_context():
        stored = db.session.scalar(select(PasswordReset.token_hash))
    token = path.rsplit("/", 1)[1]
    assert token not in stored and len(token) >= 40  # only its hash is kept

    visitor = app.test_client()
    page = visitor.get(path).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Choose a new password</h1>' in page
    assert 'autocomplete="new-password"' in page
    too_short = choose(visitor, path, "short")
    assert "Password must be 12 characters or more" in text_of(too_short.get_data(as_text=True))

    done = choose(visitor, path, NEW)
    assert (done.status_code, done.headers["Location"]) == (302, "/sign-in")
    assert "Your password has been changed. Sign in with your new password." in text_of(
        visitor.get("/sign-in").get_data(as_text=True)
    )
    assert not can_open_home(elsewhere)
    assert outbox(app)[-1][1] == "Your password was changed"
    assert sign_in(app.test_client(), TEST_PASSWORD).status_code == 200  # the old one: refused
    assert sign_in(app.test_client(), NEW).status_code == 302

    # Used once: the same link again is a plain page, and changes nothing.
    again = visitor.get(path)
    assert again.status_code == 200
    words = text_of(again.get_data(as_text=True))
    assert "This link cannot be used" in words
    assert "a link to reset your password works once, within an hour" in words
    assert "new_password" not in again.get_data(as_text=True)
    reused = choose(visitor, path, "yet another password to try")
    assert "This link cannot be used" in text_of(reused.get_data(as_text=True))
    assert sign_in(app.test_client(), NEW).status_code == 302


@pytest.mark.postgresql
def test_the_link_expires_after_an_hour(app, rosa, at):
    ask(app.test_client(), EMAIL)
    path = link_in_last_email(app)
    at(59)
    assert "Choose a new password" in app.test_client().get(path).get_data(as_text=True)
    at(61)
    page = text_of(app.test_client().get(path).get_data(as_text=True))
    assert "This link cannot be used" in page
    assert choose(app.test_client(), path, NEW).status_code == 200
    assert sign_in(app.test_client(), NEW).status_code == 200  # nothing changed


def test_changing_the_password_another_way_ends_the_links_waiting(app, rosa, at):
    ask(app.test_client(), EMAIL)
    path = link_in_last_email(app)
    client = signed_in_client(app, EMAIL)
    client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": NEW,
            "csrf_token": client.csrf_token("/account/password"),
        },
    )
    assert "This link cannot be used" in text_of(app.test_client().get(path).get_data(as_text=True))


ASKED_TOO_OFTEN = "You have asked for too many links lately. Wait an hour, then try again"


def test_asking_is_limited_per_email_address_whether_or_not_it_has_an_account(app, rosa, at):
    for email in (EMAIL, UNKNOWN):
        statuses = [
            ask(app.test_client(), email, environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code
            for n in range(4)
        ]
        assert statuses == [302, 302, 302, 429], email
    refused = ask(app.test_client(), EMAIL)
    assert ASKED_TOO_OFTEN in text_of(refused.get_data(as_text=True))
    assert len(outbox(app)) == 6  # three each
    at(61)
    assert ask(app.test_client(), EMAIL).status_code == 302


def test_asking_is_limited_per_address(app, at, monkeypatch):
    monkeypatch.setitem(app.config, "RESET_ADDRESS_LIMITS", ((2, 60),))
    client = app.test_client()
    statuses = [ask(client, f"person{n}@example.org").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    other_address = ask(client, "person9@example.org", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other_address.status_code == 302


def test_links_that_fail_are_limited_per_address(app, rosa, at, monkeypatch):
    monkeypatch.setitem(app.config, "LINK_ADDRESS_LIMITS", ((3, 15),))
    ask(app.test_client(), EMAIL)
    path = link_in_last_email(app)
    guesser = app.test_client()
    for n in range(3):
        assert choose(guesser, f"/reset-password/guess-{n}", NEW).status_code == 200
    # Now even a real link is refused from that address, and opening it writes nothing.
    assert guesser.get(path).status_code == 429
    assert choose(guesser, path, NEW).status_code == 429
    other_address = app.test_client().get(path, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other_address.status_code == 200
    with app.app_context():
        counted = db.session.scalar(select(func.count()).select_from(SignInAttempt))
    assert counted == 2 + 3  # the reset asked for (address and account), the three guesses


def test_nothing_kept_of_a_request_names_the_address_or_the_email(app, rosa, at):
    ask(app.test_client(), EMAIL)
    with app.app_context():
        keys = list(db.session.scalars(select(SignInAttempt.key_hash)))
        emails = db.session.scalar(select(func.count()).select_from(OutboxEmail))
    assert emails == 1
    assert all(EMAIL not in key and "127.0.0.1" not in key for key in keys)
