"""Sessions that really end: a copied cookie stops working when its session ends, whether by
signing out, timing out, a password change or deactivation; the cookie holds only a token."""

from datetime import timedelta

import pytest
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import select, update

from leder_web.accounts import service as users
from leder_web.core.clock import now
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import User, UserSession
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def person(app, make_user):
    user_id = make_user(Role.REVIEWER)
    with app.app_context():
        return user_id, db.session.get(User, user_id).email


def signed_in_client(app, email):
    client = app.test_client()
    response = client.post(
        "/sign-in",
        data={"email": email, "password": TEST_PASSWORD, "csrf_token": client.csrf_token()},
    )
    assert response.status_code == 302
    return client


def copy_of(app, client):
    """Another browser holding a copy of this client's session cookie."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    other = app.test_client()
    other.set_cookie(cookie.key, cookie.value)
    return other


def can_open_home(client) -> bool:
    response = client.get("/home")
    return response.status_code == 200


def test_the_cookie_holds_only_a_random_token(app, person):
    client = signed_in_client(app, person[1])
    value = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    data = SecureCookieSessionInterface().get_signing_serializer(app).loads(value)
    assert list(data) == ["sid"]
    assert len(data["sid"]) >= 40


def test_a_copied_cookie_stops_working_when_its_owner_signs_out(app, person):
    client = signed_in_client(app, person[1])
    thief = copy_of(app, client)
    assert can_open_home(thief)
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/home")})
    assert not can_open_home(client)
    assert not can_open_home(thief)
    assert thief.get("/home").headers["Location"].startswith("/sign-in")


def test_signing_in_again_starts_a_new_session_and_the_old_cookie_stays_ended(app, person):
    first = signed_in_client(app, person[1])
    old = copy_of(app, first)
    first.post("/sign-out", data={"csrf_token": first.csrf_token("/home")})
    signed_in_client(app, person[1])
    assert not can_open_home(old)


def _age_sessions(app, user_id, **columns):
    with app.app_context():
        db.session.execute(
            update(UserSession).where(UserSession.user_id == user_id).values(**columns)
        )
        db.session.commit()


def test_thirty_minutes_without_a_request_ends_the_session(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], last_seen_at=now() - timedelta(minutes=29))
    assert can_open_home(client)  # still in time, and the request counts as activity
    _age_sessions(app, person[0], last_seen_at=now() - timedelta(minutes=31))
    assert not can_open_home(client)


def test_twelve_hours_after_signing_in_the_session_ends_however_busy(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], created_at=now() - timedelta(hours=12, minutes=1))
    assert not can_open_home(client)


def test_a_request_keeps_the_session_alive(app, person):
    client = signed_in_client(app, person[1])
    _age_sessions(app, person[0], last_seen_at=now() - timedelta(minutes=20))
    assert can_open_home(client)
    with app.app_context():
        seen = db.session.scalar(
            select(UserSession.last_seen_at).where(UserSession.user_id == person[0])
        )
    assert now() - seen.replace(tzinfo=now().tzinfo) < timedelta(minutes=1)


def test_deactivation_ends_every_session_and_reactivation_does_not_bring_them_back(app, person):
    client = signed_in_client(app, person[1])
    with app.app_context():
        users.deactivate(db.session.get(User, person[0]))
        db.session.commit()
    assert not can_open_home(client)
    with app.app_context():
        db.session.get(User, person[0]).active = True
        db.session.commit()
    assert not can_open_home(client)


def test_a_password_change_ends_every_other_session(app, person):
    laptop = signed_in_client(app, person[1])
    phone = signed_in_client(app, person[1])
    with app.app_context():
        users.change_password(db.session.get(User, person[0]), "a brand new long password")
        db.session.commit()
    assert not can_open_home(laptop)
    assert not can_open_home(phone)


def test_sign_out_everywhere_ends_sessions_on_every_device(app, person):
    laptop = signed_in_client(app, person[1])
    phone = signed_in_client(app, person[1])
    response = laptop.post("/sign-out/everywhere", data={"csrf_token": laptop.csrf_token("/home")})
    assert response.headers["Location"] == "/signed-out"
    assert not can_open_home(laptop)
    assert not can_open_home(phone)


def test_a_signed_cookie_that_names_a_user_without_a_server_session_signs_nobody_in(app, person):
    with app.app_context():
        login_id = db.session.get(User, person[0]).login_id
    forged = (
        SecureCookieSessionInterface()
        .get_signing_serializer(app)
        .dumps({"_user_id": login_id, "_fresh": True})
    )
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], forged)
    assert not can_open_home(client)


def test_signing_out_tells_the_browser_to_clear_what_it_kept(app, person):
    client = signed_in_client(app, person[1])
    response = client.post("/sign-out", data={"csrf_token": client.csrf_token("/home")})
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
