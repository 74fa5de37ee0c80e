"""Changing your password: the current one first; the new one 12 characters or more and not a
common one; pasting and password managers welcome. The other sessions end, this one goes on,
and an email says it happened."""

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import OutboxEmail
from tests.conftest import TEST_PASSWORD

NEW = "a new password to remember"


@pytest.fixture
def person(app, make_user):
    make_user(Role.REVIEWER, email="gita@example.org")
    client = app.test_client()
    data = {"email": "gita@example.org", "password": TEST_PASSWORD}
    assert (
        client.post("/sign-in", data={**data, "csrf_token": client.csrf_token()}).status_code == 302
    )
    return client


def change(client, current, new):
    token = client.csrf_token("/account/password")
    return client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "csrf_token": token},
    )


def test_the_page_lets_password_managers_fill_it_and_never_blocks_pasting(person):
    page = person.get("/account/password").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Change your password</h1>' in page
    assert 'autocomplete="current-password"' in page
    assert 'autocomplete="new-password"' in page
    assert "onpaste" not in page
    assert "Use 12 characters or more" in page
    account = person.get("/account").get_data(as_text=True)
    assert 'href="/account/password"' in account


def test_an_empty_form_says_what_to_enter(person):
    page = change(person, "", "").get_data(as_text=True)
    assert "<title>Error: Change your password" in page
    assert page.count("Enter your current password") == 2
    assert page.count("Enter a new password") == 2


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("short pass", "Password must be 12 characters or more"),
        ("Qwerty123456", "Choose a password that is harder to guess"),
    ],
)
def test_a_new_password_that_is_too_easy_is_refused(person, new, message):
    page = change(person, TEST_PASSWORD, new).get_data(as_text=True)
    assert "<title>Error: Change your password" in page
    assert message in page


def test_a_wrong_current_password_is_refused(person):
    page = change(person, "not my password", NEW).get_data(as_text=True)
    assert "Your current password is not right" in page


def test_the_change_ends_other_sessions_keeps_this_one_and_sends_an_email(app, person):
    other = app.test_client()
    data = {"email": "gita@example.org", "password": TEST_PASSWORD}
    other.post("/sign-in", data={**data, "csrf_token": other.csrf_token()})
    assert other.get("/home").status_code == 200

    response = change(person, TEST_PASSWORD, NEW)
    assert response.headers["Location"] == "/account"
    assert "Your password has been changed" in person.get("/account").get_data(as_text=True)
    assert person.get("/home").status_code == 200
    assert other.get("/home").status_code == 302
    with app.app_context():
        subjects = db.session.scalars(
            select(OutboxEmail.subject).where(OutboxEmail.to == "gita@example.org")
        ).all()
        body = db.session.scalar(
            select(OutboxEmail.body).where(OutboxEmail.to == "gita@example.org")
        )
    assert subjects == ["Your password was changed"]
    assert NEW not in body

    fresh = app.test_client()
    old = fresh.post("/sign-in", data={**data, "csrf_token": fresh.csrf_token()})
    assert old.status_code == 200
    new = {"email": "gita@example.org", "password": NEW, "csrf_token": fresh.csrf_token()}
    assert fresh.post("/sign-in", data=new).status_code == 302
