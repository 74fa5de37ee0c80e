"""Signing in and out, as a member of staff would: through the real sign-in form. (Every other
test starts signed in: tests/support/sessions.py.)"""

import pytest

from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.models import User
from tests.conftest import TEST_PASSWORD


def post_sign_in(client, email, password, *, headers=None, remote_addr="127.0.0.1", **extra):
    data = {"email": email, "password": password, "csrf_token": client.csrf_token(), **extra}
    return client.post(
        "/sign-in", data=data, headers=headers, environ_base={"REMOTE_ADDR": remote_addr}
    )


def sign_in_as(client, app, user_id: int) -> None:
    """Sign in through the form, as a person does."""
    with app.app_context():
        email = db.session.get(User, user_id).email
    response = post_sign_in(client, email, TEST_PASSWORD)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert response.headers["Location"] == "/home"


def test_empty_form_shows_both_errors_in_the_summary_and_beside_the_fields(client):
    response = post_sign_in(client, "", "")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert page.count("Enter your email address") == 2
    assert page.count("Enter your password") == 2
    assert 'href="#email"' in page
    assert 'href="#password"' in page


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_home_page(app, client, make_user, role):
    sign_in_as(client, app, make_user(role))
    page = client.get("/home").get_data(as_text=True)
    assert f">{ROLE_INFO[role].home_heading}</h1>" in page
    assert ROLE_INFO[role].label in page


def test_home_page_names_the_users_scope(app, client, make_user):
    sign_in_as(client, app, make_user(Role.LOCAL_AREA_CONTACT))
    page = client.get("/home").get_data(as_text=True)
    assert "NHS Birmingham and Solihull Integrated Care Board" in page


def test_wrong_password_and_unknown_email_get_the_same_answer(app, client, make_user):
    make_user(Role.REVIEWER, email="known@example.org")
    wrong_password = post_sign_in(client, "known@example.org", "not the password")
    unknown_email = post_sign_in(client, "nobody@example.org", "not the password")
    assert wrong_password.status_code == unknown_email.status_code == 200
    for response in (wrong_password, unknown_email):
        page = response.get_data(as_text=True)
        assert "Enter a correct email address and password" in page
    assert "not the password" not in wrong_password.get_data(as_text=True)


def test_email_is_matched_whatever_its_case_and_spacing(app, client, make_user):
    make_user(Role.REVIEWER, email="ruth@example.org")
    response = post_sign_in(client, "  Ruth@Example.ORG ", TEST_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"


def test_deactivated_user_cannot_sign_in(app, client, make_user):
    user_id = make_user(Role.REVIEWER, email="gone@example.org")
    with app.app_context():
        db.session.get(User, user_id).active = False
        db.session.commit()
    response = post_sign_in(client, "gone@example.org", TEST_PASSWORD)
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_signed_out_visitor_is_sent_to_sign_in_and_then_back(app, client, make_user):
    make_user(Role.REVIEWER, email="back@example.org")
    response = client.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/home"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" value="/home"' in page
    signed_in = post_sign_in(client, "back@example.org", TEST_PASSWORD, next="/home")
    assert signed_in.headers["Location"] == "/home"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_sign_in_never_redirects_to_another_site(app, client, make_user, next_url):
    make_user(Role.REVIEWER, email="safe@example.org")
    response = post_sign_in(client, "safe@example.org", TEST_PASSWORD, next=next_url)
    assert response.headers["Location"] == "/home"


def test_sign_out_is_a_post_and_ends_the_session(app, client, make_user):
    sign_in_as(client, app, make_user(Role.REVIEWER))
    home = client.get("/home").get_data(as_text=True)
    assert 'action="/sign-out"' in home
    assert client.get("/sign-out").status_code == 405
    response = client.post("/sign-out", data={"csrf_token": client.csrf_token("/home")})
    assert response.headers["Location"] == "/signed-out"
    assert client.get("/home").status_code == 302


def test_sign_out_without_csrf_token_is_refused_with_the_expired_form_page(app, client, make_user):
    sign_in_as(client, app, make_user(Role.REVIEWER))
    response = client.post("/sign-out")
    assert response.status_code == 400
    assert "Your form expired" in response.get_data(as_text=True)
    assert client.get("/home").status_code == 200


def test_htmx_request_without_a_session_is_told_where_to_sign_in(client):
    response = client.get(
        "/home", headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/home"}
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/sign-in?next=/home"


def test_user_text_comes_back_escaped(client):
    attack = '<script>alert("x")</script>'
    response = post_sign_in(client, attack, "whatever")
    page = response.get_data(as_text=True)
    assert attack not in page
    assert "&lt;script&gt;alert(" in page


TOO_MANY = "You have tried to sign in too many times. Wait 15 minutes, then try again"


def test_failed_sign_ins_are_limited_per_address(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_ADDRESS_LIMITS", ((3, 15),))
    statuses = [
        post_sign_in(client, f"person{n}@example.org", "wrong").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    refused = post_sign_in(client, "a@example.org", "x")
    assert refused.status_code == 429
    assert TOO_MANY in refused.get_data(as_text=True)
    assert client.get("/sign-in").status_code == 200
    other_address = post_sign_in(client, "a@example.org", "x", remote_addr="192.0.2.7")
    assert other_address.status_code == 200


def test_failed_sign_ins_are_limited_per_account_from_any_address(app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_ACCOUNT_LIMITS", ((2, 15),))
    statuses = [
        post_sign_in(
            app.test_client(), "target@example.org", "wrong", remote_addr=f"10.0.0.{n}"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    other = post_sign_in(app.test_client(), "someone.else@example.org", "wrong")
    assert other.status_code == 200


def test_the_limits_lift_once_the_failures_are_old_enough(app, client, monkeypatch):
    from datetime import timedelta

    from leder_web.core import clock

    monkeypatch.setitem(app.config, "SIGN_IN_ACCOUNT_LIMITS", ((2, 15),))
    started = clock.now()
    monkeypatch.setattr(clock, "now", lambda: started)
    for _ in range(2):
        post_sign_in(client, "target@example.org", "wrong")
    assert post_sign_in(client, "target@example.org", "wrong").status_code == 429
    monkeypatch.setattr(clock, "now", lambda: started + timedelta(minutes=14))
    assert post_sign_in(client, "target@example.org", "wrong").status_code == 429
    monkeypatch.setattr(clock, "now", lambda: started + timedelta(minutes=16))
    assert post_sign_in(client, "target@example.org", "wrong").status_code == 200


def test_the_attempts_table_holds_no_address_and_no_email(app, client):
    from sqlalchemy import select

    from leder_web.models import SignInAttempt

    post_sign_in(client, "someone@example.org", "wrong", remote_addr="198.51.100.23")
    with app.app_context():
        keys = db.session.scalars(select(SignInAttempt.key_hash)).all()
    assert len(keys) == 2
    for key in keys:
        assert len(key) == 64
        assert "someone" not in key and "198.51" not in key


def test_an_office_behind_one_address_is_not_locked_out_by_its_own_sign_ins(
    app, make_user, monkeypatch
):
    """Successful sign-ins do not count: only failures are limited."""
    monkeypatch.setitem(app.config, "SIGN_IN_ADDRESS_LIMITS", ((3, 15),))
    emails = [f"colleague{n}@example.org" for n in range(5)]
    for email in emails:
        make_user(Role.REVIEWER, email=email)
    statuses = [
        post_sign_in(app.test_client(), email, TEST_PASSWORD).status_code for email in emails
    ]
    assert statuses == [302] * 5


def test_the_forwarded_address_counts_only_behind_the_configured_proxies(rate_limited_app):
    def failures_from_two_forwarded_addresses(app):
        return [
            post_sign_in(
                app.test_client(),
                f"p{n}@example.org",
                "wrong",
                headers={"X-Forwarded-For": f"192.0.2.{n % 2}"},
            ).status_code
            for n in range(4)
        ]

    behind_one_proxy = rate_limited_app(SIGN_IN_ADDRESS_LIMITS=((2, 15),), TRUSTED_PROXY_HOPS=1)
    assert failures_from_two_forwarded_addresses(behind_one_proxy) == [200, 200, 200, 200]
    direct = rate_limited_app(SIGN_IN_ADDRESS_LIMITS=((2, 15),), TRUSTED_PROXY_HOPS=0)
    assert failures_from_two_forwarded_addresses(direct) == [200, 200, 429, 429]


def test_signing_in_gives_an_http_only_same_site_session_cookie(app, client, make_user):
    sign_in_as(client, app, make_user(Role.REVIEWER))
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"
