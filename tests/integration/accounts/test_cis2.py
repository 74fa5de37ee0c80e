"""Signing in with NHS Care Identity Service 2 (CIS2), against an OpenID Connect provider the
tests run themselves (conftest.py): the browser's journey to the provider and back, with the
person "signing in" at the provider as the test.

Run on PostgreSQL too: the first sign-in links the user with a conditional UPDATE on a unique
column.
"""

import re
import socket
import time
import uuid
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pytest
import requests
from joserfc.jwk import RSAKey
from sqlalchemy import func, select

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import AuditEvent, OutboxEmail, User, UserSession
from tests.conftest import TEST_PASSWORD
from tests.integration.accounts.conftest import CLIENT_ID

pytestmark = pytest.mark.postgresql

NOT_LINKED = "Your NHS account is not linked to this service"
ASK_FOR_AN_INVITATION = "Ask your ICB’s local area contact for an invitation"
NOT_SIGNED_IN = "You have not been signed in"
BUTTON = "Sign in with NHS Care Identity Service 2"


def new_sub() -> str:
    return f"cis2-{uuid.uuid4()}"


def go_to_cis2(client, path: str = "/sign-in/cis2") -> str:
    """The start of the journey: the address of the provider's sign-in page, from the redirect."""
    response = client.get(path)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


def sign_in_at_cis2(authorize_url: str, sub: str) -> str:
    """The person signs in at the provider, which sends the browser back: that address."""
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text[:300]
    return answer.headers["Location"]


def back_here(client, callback_url: str):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def sign_in_with_cis2(client, sub: str, path: str = "/sign-in/cis2"):
    return back_here(client, sign_in_at_cis2(go_to_cis2(client, path), sub))


def with_query(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query="&".join(f"{k}={v}" for k, v in query.items())))


def signed_in_as(app, client) -> str | None:
    """Whose home page this client sees (None: it is sent to sign in)."""
    response = client.get("/account")
    if response.status_code != 200:
        return None
    return re.search(r"[\w.+-]+@[\w.-]+", response.get_data(as_text=True)).group(0)


def user_row(app, user_id: int) -> User:
    with app.app_context():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def audit_kinds(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(
            select(AuditEvent.kind, AuditEvent.user_id, AuditEvent.endpoint, AuditEvent.status)
            .where(AuditEvent.endpoint == "auth.cis2_callback")
            .order_by(AuditEvent.id)
        ).all()


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


# --- The sign-in page -------------------------------------------------------------------------


def test_the_sign_in_page_offers_cis2_only_when_it_is_configured(app, client, cis2_provider):
    page = client.get("/sign-in").get_data(as_text=True)
    assert BUTTON not in page
    assert client.get("/sign-in/cis2").status_code == 404
    assert client.get("/sign-in/cis2/callback").status_code == 404

    app.config.update(CIS2_ISSUER=cis2_provider.issuer, CIS2_CLIENT_ID=CLIENT_ID)
    try:
        page = client.get("/sign-in?next=/account").get_data(as_text=True)
    finally:
        app.config.update(CIS2_ISSUER=None, CIS2_CLIENT_ID="")
    button = re.search(r'<a href="([^"]*)"[^>]*class="govuk-button"[^>]*>\s*' + BUTTON, page)
    assert button, page
    assert button.group(1) == "/sign-in/cis2?next=/account"
    # The password form is still there, for organisations without CIS2.
    assert 'name="password"' in page


# --- The journey ------------------------------------------------------------------------------


def test_an_invited_user_signs_in_with_cis2_linked_once_then_by_subject(
    app, client, cis2_on, make_user, monkeypatch
):
    # MFA is required, and this user has no authenticator app: CIS2 is the strong sign-in.
    monkeypatch.setitem(app.config, "MFA_REQUIRED", True)
    user_id = make_user(Role.REVIEWER, email="asha.patel@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="Asha.Patel@example.org", name="Asha Patel")

    authorize = go_to_cis2(client, "/sign-in/cis2?next=/account")
    sent = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{cis2_on.issuer}/oauth2/authorize?")
    assert sent["client_id"] == [CLIENT_ID]
    assert sent["response_type"] == ["code"]
    assert sent["scope"] == ["openid profile email nhsperson"]
    assert sent["redirect_uri"] == ["http://localhost/sign-in/cis2/callback"]
    assert sent["code_challenge_method"] == ["S256"]  # PKCE
    assert len(sent["code_challenge"][0]) == 43
    assert sent["state"][0] and sent["nonce"][0]

    response = back_here(client, sign_in_at_cis2(authorize, sub))
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"  # the page asked for
    assert signed_in_as(app, client) == "asha.patel@example.org"
    assert user_row(app, user_id).oidc_subject == sub
    with app.app_context():
        session_data = db.session.scalars(
            select(UserSession.data).where(UserSession.user_id == user_id)
        ).one()
        told = db.session.scalars(
            select(OutboxEmail.subject).where(OutboxEmail.to == "asha.patel@example.org")
        ).all()
    assert session_data["signed_in_with"] == "cis2"
    assert session_data["mfa_met_at"] is not None
    assert told == ["Your NHS smartcard sign-in was linked to your account"]
    assert audit_kinds(app) == [("signed_in", user_id, "auth.cis2_callback", 302)]

    # A password change starts this browser's session again: still as signed in with CIS2.
    changed = client.post(
        "/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "a new password to remember",
            "csrf_token": client.csrf_token("/account/password"),
        },
    )
    assert changed.headers["Location"] == "/account"
    with app.app_context():
        newest = db.session.scalars(
            select(UserSession.data)
            .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
            .order_by(UserSession.id)
        ).all()
    assert [(data["signed_in_with"], data["mfa_met_at"]) for data in newest] == [
        ("cis2", session_data["mfa_met_at"])
    ]

    # Later sign-ins match on the subject alone: the email address CIS2 gives may change.
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/account")})
    assert signed_in_as(app, client) is None
    cis2_on.add_person(sub, email="asha.patel2@nhs.example")
    response = sign_in_with_cis2(client, sub)
    assert response.headers["Location"] == "/home"
    assert signed_in_as(app, client) == "asha.patel@example.org"
    assert [kind for kind, *_ in audit_kinds(app)] == ["signed_in", "signed_in"]


def test_the_email_address_may_come_from_userinfo_alone(app, client, cis2_on, make_user):
    user_id = make_user(Role.SENIOR_REVIEWER, email="ben.okoro@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="ben.okoro@example.org")
    cis2_on.next_id_token(email=None)  # not in the ID token: the provider's userinfo has it
    response = sign_in_with_cis2(client, sub)
    assert response.status_code == 302
    assert user_row(app, user_id).oidc_subject == sub


def test_an_unknown_identity_is_refused_and_no_user_is_made(app, client, cis2_on, make_user):
    linked_elsewhere = make_user(Role.REVIEWER, email="linked@example.org")
    with app.app_context():
        db.session.get(User, linked_elsewhere).oidc_subject = "someone-else-entirely"
        db.session.commit()
    make_user(Role.REVIEWER, email="unverified@example.org")
    people = {
        "nobody here": {"email": "stranger@example.org"},
        "no email address": {"name": "No Email"},
        "a user linked to another subject": {"email": "linked@example.org"},
        "an email the provider has not verified": {
            "email": "unverified@example.org",
            "email_verified": False,
        },
    }
    users_before = user_count(app)
    for who, claims in people.items():
        sub = new_sub()
        cis2_on.add_person(sub, **claims)
        response = sign_in_with_cis2(client, sub)
        page = response.get_data(as_text=True)
        assert response.status_code == 403, who
        assert f'<h1 class="govuk-heading-l">{NOT_LINKED}</h1>' in page, who
        assert ASK_FOR_AN_INVITATION in page, who
        assert signed_in_as(app, client) is None, who
    assert user_count(app) == users_before
    with app.app_context():
        linked = db.session.scalars(select(User.oidc_subject).where(User.oidc_subject.is_not(None)))
        assert list(linked) == ["someone-else-entirely"]  # nobody was linked
    assert audit_kinds(app) == [("sign_in_failed", None, "auth.cis2_callback", 403)] * 4


def test_a_deactivated_or_locked_user_is_refused(app, client, cis2_on, make_user):
    user_id = make_user(Role.REVIEWER, email="left@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="left@example.org")
    assert sign_in_with_cis2(client, sub).status_code == 302  # linked
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/account")})

    with app.app_context():
        db.session.get(User, user_id).locked_at = clock.now()
        db.session.commit()
    response = sign_in_with_cis2(client, sub)
    assert response.status_code == 403
    assert "Your account is locked after too many attempts" in response.get_data(as_text=True)

    with app.app_context():
        user = db.session.get(User, user_id)
        user.locked_at, user.active = None, False
        db.session.commit()
    response = sign_in_with_cis2(client, sub)
    assert response.status_code == 403
    assert NOT_LINKED in response.get_data(as_text=True)
    assert signed_in_as(app, client) is None
    # Never linked while deactivated either: a new identity with their email address.
    other = new_sub()
    cis2_on.add_person(other, email="left@example.org")
    assert sign_in_with_cis2(client, other).status_code == 403
    assert user_row(app, user_id).oidc_subject == sub


# --- What the callback refuses ----------------------------------------------------------------


def refused(app, client, response) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 400, page[:500]
    assert f">{NOT_SIGNED_IN}</h1>" in page
    assert signed_in_as(app, client) is None
    assert audit_kinds(app)[-1] == ("sign_in_failed", None, "auth.cis2_callback", 400)


def test_an_id_token_for_another_request_is_refused_wrong_nonce(app, client, cis2_on, make_user):
    """The provider's own token, honestly signed, but with the nonce of another sign-in."""
    user_id = make_user(Role.REVIEWER, email="nonce@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="nonce@example.org")
    authorize = with_query(go_to_cis2(client), nonce="the-nonce-of-another-sign-in")
    refused(app, client, back_here(client, sign_in_at_cis2(authorize, sub)))
    assert user_row(app, user_id).oidc_subject is None


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"aud": ["another-service"]}, id="wrong-audience"),
        # Authlib alone would take this one: an authorized party that is this service.
        pytest.param({"aud": ["another-service"], "azp": CLIENT_ID}, id="wrong-audience-our-azp"),
        pytest.param({"aud": None}, id="no-audience"),
        pytest.param({"nonce": None}, id="no-nonce"),
        pytest.param({"nonce": "guessed"}, id="wrong-nonce"),
        pytest.param({"iss": "https://another-provider.example"}, id="wrong-issuer"),
        pytest.param({"exp": "an hour ago", "iat": "two hours ago"}, id="expired"),
        pytest.param({"sub": None}, id="no-subject"),
        pytest.param({"key": "another"}, id="signed-with-another-key"),
    ],
)
def test_an_id_token_wrong_in_one_way_is_refused(app, client, cis2_on, make_user, changes):
    user_id = make_user(Role.REVIEWER, email="checked@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="checked@example.org")
    changes = dict(changes)
    now = int(time.time())
    if changes.get("exp") == "an hour ago":
        changes.update(exp=now - 3600, iat=now - 7200)
    key = RSAKey.generate_key(2048) if changes.pop("key", None) else None
    authorize = go_to_cis2(client)
    cis2_on.next_id_token(key=key, **changes)
    refused(app, client, back_here(client, sign_in_at_cis2(authorize, sub)))
    assert user_row(app, user_id).oidc_subject is None


def test_a_callback_whose_state_does_not_match_is_refused(app, client, cis2_on, make_user):
    make_user(Role.REVIEWER, email="state@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="state@example.org")

    # A state this browser was not sent with.
    callback = sign_in_at_cis2(go_to_cis2(client), sub)
    refused(app, client, back_here(client, with_query(callback, state="not-the-state-sent")))

    # Another browser's answer (someone sent a link to theirs): this one started no sign-in.
    other_browser = app.test_client()
    callback = sign_in_at_cis2(go_to_cis2(other_browser), sub)
    refused(app, client, back_here(client, callback))

    # Two starts in one browser: only the later one counts.
    earlier = go_to_cis2(client)
    later = go_to_cis2(client)
    refused(app, client, back_here(client, sign_in_at_cis2(earlier, sub)))
    assert back_here(client, sign_in_at_cis2(later, sub)).status_code == 302
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/account")})

    # The same answer twice: the state is used up by the first.
    callback = sign_in_at_cis2(go_to_cis2(client), sub)
    assert back_here(client, callback).status_code == 302
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/account")})
    refused(app, client, back_here(client, callback))


def test_a_sign_in_cancelled_at_cis2_is_refused(app, client, cis2_on):
    authorize = go_to_cis2(client)
    answer = requests.post(authorize, data={"action": "deny"}, allow_redirects=False, timeout=5)
    assert "error=access_denied" in answer.headers["Location"]
    refused(app, client, back_here(client, answer.headers["Location"]))


def test_cis2_not_answering_is_said_plainly(app, client, cis2_on, monkeypatch):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setitem(app.config, "CIS2_ISSUER", f"http://127.0.0.1:{port}")
    response = client.get("/sign-in/cis2")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "you cannot sign in with NHS Care Identity Service 2 at the moment" in page


def test_someone_signed_in_is_sent_home(app, cis2_on, signed_in):
    client = signed_in(Role.REVIEWER)
    for path in ("/sign-in/cis2", "/sign-in/cis2/callback?code=x&state=y"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"] == "/home"


# --- What the account page says ---------------------------------------------------------------


def summary_rows(page: str) -> dict[str, str]:
    """The account page's summary list, as a reader hears it: each key and its value."""
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">\s*(.*?)\s*</dt>\s*'
        r'<dd class="govuk-summary-list__value">\s*(.*?)\s*</dd>',
        page,
        flags=re.S,
    )
    return {key: re.sub(r"\s+", " ", value) for key, value in rows}


def test_the_account_page_tells_someone_signed_in_with_cis2_how_they_sign_in(
    app, client, cis2_on, make_user
):
    make_user(Role.REVIEWER, email="dev.shah@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="dev.shah@example.org")
    sign_in_with_cis2(client, sub)
    page = client.get("/account").get_data(as_text=True)
    rows = summary_rows(page)
    assert rows["How you sign in"] == (
        "With your NHS smartcard or authenticator, through NHS Care Identity Service 2 (CIS2)"
    )
    assert "Password" not in rows and "Authenticator app" not in rows
    assert "password alone" not in page
    assert 'href="/account/password"' not in page
    assert 'href="/account/authenticator"' not in page
    assert "password and authenticator app settings are for signing in without CIS2" in page

    # The same person signed in with their password sees the password's settings.
    password_client = app.test_client()
    token = password_client.csrf_token("/sign-in")
    password_client.post(
        "/sign-in",
        data={"email": "dev.shah@example.org", "password": TEST_PASSWORD, "csrf_token": token},
    )
    page = password_client.get("/account").get_data(as_text=True)
    rows = summary_rows(page)
    assert "How you sign in" not in rows
    assert rows["Authenticator app"] == "Not set up: you sign in with your password alone"
    assert 'href="/account/password"' in page


# --- Confirming it is you again, for someone signed in with CIS2 (core.step_up) --------------


@pytest.fixture
def lac_with_cis2(app, client, cis2_on, make_user, monkeypatch):
    """A LAC signed in with CIS2, 16 minutes ago: a download asks them again. The subject."""
    make_user(Role.LOCAL_AREA_CONTACT, email="lac.cis2@example.org")
    sub = new_sub()
    cis2_on.add_person(sub, email="lac.cis2@example.org")
    assert sign_in_with_cis2(client, sub).status_code == 302
    later = clock.now() + timedelta(minutes=16)
    monkeypatch.setattr(clock, "now", lambda: later)
    return sub


def go_to_cis2_again(client, path: str = "/actions.csv") -> str:
    """The download asks again; the page offers CIS2 with a button; the provider's address."""
    asked = client.get(path)
    assert asked.status_code == 302
    assert asked.headers["Location"] == f"/confirm-it-is-you?next={path}"
    page = client.get(asked.headers["Location"]).get_data(as_text=True)
    assert "sign in again with your smartcard or authenticator" in page
    assert 'name="password"' not in page and 'name="code"' not in page
    assert re.search(r'<button type="submit"[^>]*>\s*Continue to NHS CIS2\s*</button>', page)
    sent = client.post(
        asked.headers["Location"], data={"csrf_token": client.csrf_token(asked.headers["Location"])}
    )
    assert sent.status_code == 302, sent.get_data(as_text=True)[:300]
    return sent.headers["Location"]


def test_someone_signed_in_with_cis2_confirms_it_is_them_at_cis2_again(
    app, client, cis2_on, lac_with_cis2
):
    authorize = go_to_cis2_again(client)
    sent = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{cis2_on.issuer}/oauth2/authorize?")
    assert sent["prompt"] == ["login"]
    assert sent["max_age"] == ["0"]
    assert sent["redirect_uri"] == ["http://localhost/sign-in/cis2/callback"]
    assert sent["code_challenge_method"] == ["S256"]

    # CIS2 asked them to sign in just now.
    cis2_on.next_id_token(auth_time=int(clock.now().timestamp()))
    back = back_here(client, sign_in_at_cis2(authorize, lac_with_cis2))
    assert back.status_code == 302
    assert back.headers["Location"] == "/actions.csv"
    download = client.get("/actions.csv")
    assert download.status_code == 200
    assert download.mimetype == "text/csv"


@pytest.mark.parametrize(
    "auth_time",
    [
        pytest.param("20 minutes ago", id="signed-in-before-being-asked"),
        pytest.param(None, id="no-auth-time"),
        pytest.param("in an hour", id="in-the-future"),
    ],
)
def test_an_id_token_not_from_signing_in_again_is_refused(
    app, client, cis2_on, lac_with_cis2, auth_time
):
    authorize = go_to_cis2_again(client)
    moment = int(clock.now().timestamp())
    auth_time = {"20 minutes ago": moment - 20 * 60, "in an hour": moment + 3600}.get(auth_time)
    cis2_on.next_id_token(auth_time=auth_time)
    back = back_here(client, sign_in_at_cis2(authorize, lac_with_cis2))
    assert back.status_code == 400
    page = back.get_data(as_text=True)
    assert "You have not confirmed it is you" in page
    assert 'href="/confirm-it-is-you?next=/actions.csv"' in page
    # Still signed in, and still asked.
    assert signed_in_as(app, client) == "lac.cis2@example.org"
    assert client.get("/actions.csv").headers["Location"] == "/confirm-it-is-you?next=/actions.csv"


def test_someone_else_signing_in_at_cis2_does_not_confirm_it_is_them(
    app, client, cis2_on, lac_with_cis2, make_user
):
    make_user(Role.LOCAL_AREA_CONTACT, email="colleague@example.org")
    colleague = new_sub()
    cis2_on.add_person(colleague, email="colleague@example.org")
    authorize = go_to_cis2_again(client)
    cis2_on.next_id_token(auth_time=int(clock.now().timestamp()))
    back = back_here(client, sign_in_at_cis2(authorize, colleague))
    assert back.status_code == 403
    assert "Someone other than you signed in" in back.get_data(as_text=True)
    assert client.get("/actions.csv").headers["Location"] == "/confirm-it-is-you?next=/actions.csv"
    assert signed_in_as(app, client) == "lac.cis2@example.org"
