"""Inviting people: the national team anyone, a regional coordinator within the region, a LAC
reviewers, senior reviewers and panel members of their ICB. The invitation is a one-time link
by email, working for 72 hours; it sets a password under the usual rules, then the new user
sets up their authenticator app as anyone does at their first sign-in. Used twice or expired,
it is refused with a plain page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Invitation, Organisation, User
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.support.case_work import outbox, post_form, text_of

MOMENT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
PASSWORD = "my first password on the platform"
NEW_PERSON = {"full_name": "Nia Jones", "email": "Nia.Jones@example.org", "role": "reviewer"}


@pytest.fixture
def at(monkeypatch):
    """at(hours): the clock stands that many hours after MOMENT."""

    def move(hours: float = 0) -> None:
        monkeypatch.setattr(clock, "now", lambda: MOMENT + timedelta(hours=hours))

    move(0)
    return move


def org_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Organisation.id).where(Organisation.name == name))


def invite(client, app, organisation=OWN_ICB, **changes):
    data = {**NEW_PERSON, "organisation": str(org_id(app, organisation)), **changes}
    return post_form(client, "/users/invite", data)


def link_in_last_email(app) -> str:
    return re.search(r"http://localhost(/invitations/\S+)", outbox(app)[-1][2])[1]


def accept(client, path, password=PASSWORD):
    token = client.csrf_token("/sign-in")
    return client.post(path, data={"password": password, "csrf_token": token})


@pytest.mark.postgresql
def test_a_lac_invites_a_reviewer_who_chooses_a_password_and_is_signed_in(app, signed_in, at):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    form = lac.get("/users/invite").get_data(as_text=True)
    offered = re.findall(r'name="role" type="radio" value="([a-z_]+)"', form)
    assert offered == ["reviewer", "senior_reviewer", "panel_member"]
    assert f"Organisation: {OWN_ICB}" in text_of(form)

    sent = invite(lac, app)
    assert (sent.status_code, sent.headers["Location"]) == (302, "/users")
    listed = text_of(lac.get("/users").get_data(as_text=True))
    assert "Invitation sent to nia.jones@example.org. It works for 72 hours." in listed
    assert (
        "Nia Jones nia.jones@example.org Reviewer, NHS Birmingham and Solihull Integrated Care "
        "Board Works until 4 December 2026 at 10:00am" in listed
    )
    to, subject, body, kind = outbox(app)[-1]
    assert (to, subject, kind) == (
        "nia.jones@example.org",
        "You are invited to the LeDeR review platform",
        "invitation",
    )
    assert (
        "Test local area contact has invited you to the LeDeR review platform as reviewer" in body
    )
    assert "The link works once, until 4 December 2026 at 10:00am" in body
    path = link_in_last_email(app)
    with app.app_context():
        stored = db.session.scalar(select(Invitation.token_hash))
    assert path.rsplit("/", 1)[1] not in stored  # only the token's hash is kept

    visitor = app.test_client()
    page = visitor.get(path).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Create your account</h1>' in page
    assert "You will sign in with your email address, nia.jones@example.org" in text_of(page)
    common = accept(visitor, path, "Qwerty123456")
    assert "this one is on a list of common passwords" in text_of(common.get_data(as_text=True))
    done = accept(visitor, path)
    assert (done.status_code, done.headers["Location"]) == (302, "/home")
    assert "Your reviews" in visitor.get("/home").get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nia.jones@example.org"))
        assert (user.full_name, user.role, user.organisation.name) == (
            "Nia Jones",
            "reviewer",
            OWN_ICB,
        )
    assert (
        "Nia Jones"
        not in text_of(lac.get("/users").get_data(as_text=True)).split(
            "Invitations not accepted yet"
        )[1]
    )

    # Used once: the link again is a plain page, for this browser and any other.
    for client in (app.test_client(), app.test_client()):
        again = client.get(path)
        assert again.status_code == 200
        words = text_of(again.get_data(as_text=True))
        assert "This invitation cannot be used" in words
        assert "an invitation works once, within 72 hours of being sent" in words
        assert 'name="password"' not in again.get_data(as_text=True)
        twice = accept(client, path, "another password for a second account")
        assert "This invitation cannot be used" in text_of(twice.get_data(as_text=True))
    with app.app_context():
        assert db.session.query(User).filter(User.email == "nia.jones@example.org").count() == 1


@pytest.mark.postgresql
def test_an_invitation_expires_after_72_hours(app, signed_in, at):
    invite(signed_in(Role.LOCAL_AREA_CONTACT), app)
    path = link_in_last_email(app)
    at(71.9)
    assert "Create your account" in app.test_client().get(path).get_data(as_text=True)
    at(72)
    expired = app.test_client()
    assert "This invitation cannot be used" in text_of(expired.get(path).get_data(as_text=True))
    accept(expired, path)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "nia.jones@example.org")) is None


def test_the_invited_person_sets_up_their_app_when_it_is_required(app, signed_in, at, monkeypatch):
    monkeypatch.setitem(app.config, "MFA_REQUIRED", True)
    invite(signed_in(Role.LOCAL_AREA_CONTACT), app)
    visitor = app.test_client()
    done = accept(visitor, link_in_last_email(app))
    assert done.headers["Location"] == "/sign-in/set-up-authenticator"
    assert visitor.get("/home").status_code == 302  # not signed in until the app is set up
    assert "Set up an authenticator app" in visitor.get(done.headers["Location"]).get_data(
        as_text=True
    )


def test_a_newer_invitation_replaces_the_one_before(app, signed_in, at):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    invite(lac, app)
    first = link_in_last_email(app)
    invite(lac, app, role="senior_reviewer")
    second = link_in_last_email(app)
    assert "This invitation cannot be used" in text_of(
        app.test_client().get(first).get_data(as_text=True)
    )
    accept(app.test_client(), second)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "nia.jones@example.org"))
        assert user.role == "senior_reviewer"


def test_nobody_is_invited_outside_the_inviters_authority(app, signed_in, at):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    as_lac = invite(lac, app, role="local_area_contact")
    assert "Select their role" in text_of(as_lac.get_data(as_text=True))  # not offered at all
    elsewhere = invite(lac, app, OTHER_ICB_SAME_REGION)
    assert "Select their organisation" in text_of(elsewhere.get_data(as_text=True))

    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    page = coordinator.get("/users/invite").get_data(as_text=True)
    assert OTHER_ICB_SAME_REGION in page and OTHER_REGION_ICB not in page
    assert "NHS England" not in re.findall(r"<option[^>]*>([^<]+)</option>", page)
    outside = invite(coordinator, app, OTHER_REGION_ICB)
    assert "Select their organisation" in text_of(outside.get_data(as_text=True))
    wrong_kind = invite(coordinator, app, "Midlands")
    assert "A reviewer belongs to an ICB, not to Midlands" in text_of(
        wrong_kind.get_data(as_text=True)
    )
    assert (
        invite(coordinator, app, OTHER_ICB_SAME_REGION, role="local_area_contact").status_code
        == 302
    )

    national = signed_in(Role.NATIONAL_TEAM)
    assert invite(national, app, OTHER_REGION_ICB, email="kent@example.org").status_code == 302
    with app.app_context():
        assert db.session.query(Invitation).count() == 2
    for role in (Role.REVIEWER, Role.SENIOR_REVIEWER, Role.PANEL_MEMBER):
        assert signed_in(role).get("/users/invite").status_code == 403


def test_an_address_with_an_account_is_not_invited(app, signed_in, at, make_user):
    make_user(Role.REVIEWER, email="taken@example.org")
    refused = invite(signed_in(Role.LOCAL_AREA_CONTACT), app, email="Taken@example.org")
    assert "There is already an account with the email address taken@example.org" in text_of(
        refused.get_data(as_text=True)
    )
    assert outbox(app) == []


def test_invitations_are_limited_per_address_invited_and_per_address_sent_from(
    app, signed_in, at, monkeypatch
):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    statuses = [invite(lac, app).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert "has been sent too many invitations lately" in text_of(
        invite(lac, app).get_data(as_text=True)
    )
    monkeypatch.setitem(app.config, "INVITE_ADDRESS_LIMITS", ((3, 60),))
    other = invite(lac, app, email="someone.else@example.org")
    assert other.status_code == 429  # three sent from this address within the hour
    assert "You have sent too many invitations lately" in text_of(other.get_data(as_text=True))
    at(1.1)
    assert invite(lac, app, email="someone.else@example.org").status_code == 302


def test_an_unknown_link_is_the_same_plain_page(client):
    response = client.get("/invitations/not-a-real-token")
    assert response.status_code == 200
    assert "This invitation cannot be used" in text_of(response.get_data(as_text=True))


def test_someone_signed_in_is_asked_to_sign_out_first(app, signed_in, at):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    invite(lac, app)
    page = text_of(lac.get(link_in_last_email(app)).get_data(as_text=True))
    assert "Sign out to accept the invitation" in page
