"""The Users pages: each manager sees the users within their authority, and on each user's page
deactivates, reactivates and changes their role. Deactivating ends every session of the user;
reactivating never brings one back. A role changes only within the manager's authority, never
one's own, and asks for the password again when it was last given over 15 minutes ago."""

import re
from datetime import timedelta

import pytest

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import User
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, TEST_PASSWORD
from tests.integration.accounts.test_sessions import can_open_home, copy_of, signed_in_client
from tests.support.case_work import outbox, post_form, text_of


@pytest.fixture
def people(app, make_user):
    """A reviewer of the own ICB (Rhiannon), one of another ICB of the region, and one of another
    region: their ids."""
    return {
        "own": make_user(Role.REVIEWER, email="rhiannon@example.org"),
        "region": make_user(Role.REVIEWER, OTHER_ICB_SAME_REGION, email="bea@example.org"),
        "far": make_user(Role.REVIEWER, OTHER_REGION_ICB, email="kai@example.org"),
    }


def listed(client) -> str:
    return text_of(client.get("/users").get_data(as_text=True))


def role_of(app, user_id) -> str:
    with app.app_context():
        return db.session.get(User, user_id).role


@pytest.mark.postgresql
def test_each_manager_lists_the_users_within_their_authority(app, signed_in, people):
    lac_page = listed(signed_in(Role.LOCAL_AREA_CONTACT))
    assert "rhiannon@example.org" in lac_page
    assert "bea@example.org" not in lac_page and "kai@example.org" not in lac_page
    assert "local_area_contact@signed-in.example.org" not in lac_page  # themselves
    assert "senior_reviewer@signed-in.example.org" in lac_page
    assert "regional_coordinator@signed-in.example.org" not in lac_page

    coordinator = listed(signed_in(Role.REGIONAL_COORDINATOR))
    assert "rhiannon@example.org" in coordinator and "bea@example.org" in coordinator
    assert "local_area_contact@signed-in.example.org" in coordinator
    assert "kai@example.org" not in coordinator
    assert "national_team@signed-in.example.org" not in coordinator

    national = signed_in(Role.NATIONAL_TEAM)
    everyone = listed(national)
    assert "kai@example.org" in everyone and "academic_partner@signed-in.example.org" in everyone
    found = text_of(national.get("/users?q=RHIANNON").get_data(as_text=True))
    assert "1 user found" in found and "bea@example.org" not in found

    assert signed_in(Role.REVIEWER).get("/users").status_code == 403


def test_the_home_page_links_managers_to_users(signed_in):
    for role in (Role.LOCAL_AREA_CONTACT, Role.REGIONAL_COORDINATOR, Role.NATIONAL_TEAM):
        assert 'href="/users"' in signed_in(role).get("/home").get_data(as_text=True)
    assert 'href="/users"' not in signed_in(Role.REVIEWER).get("/home").get_data(as_text=True)


@pytest.mark.postgresql
def test_deactivating_ends_every_session_and_reactivating_brings_none_back(
    app, signed_in, make_user
):
    user_id = make_user(Role.REVIEWER, email="dana@example.org")
    dana = signed_in_client(app, "dana@example.org")
    stolen = copy_of(app, dana)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)

    done = post_form(lac, f"/users/{user_id}/deactivate", {})
    assert done.headers["Location"] == f"/users/{user_id}"
    page = text_of(lac.get(done.headers["Location"]).get_data(as_text=True))
    assert "Test reviewer is deactivated and signed out everywhere" in page
    assert "Status Deactivated: cannot sign in" in page
    assert not can_open_home(dana) and not can_open_home(stolen)
    visitor = app.test_client()
    refused = visitor.post(
        "/sign-in",
        data={
            "email": "dana@example.org",
            "password": TEST_PASSWORD,
            "csrf_token": visitor.csrf_token(),
        },
    )
    assert "Enter a correct email address and password" in text_of(refused.get_data(as_text=True))
    again = post_form(lac, f"/users/{user_id}/deactivate", {})
    assert "Test reviewer was already deactivated" in text_of(
        lac.get(again.headers["Location"]).get_data(as_text=True)
    )

    post_form(lac, f"/users/{user_id}/reactivate", {})
    assert "Status Active" in text_of(lac.get(f"/users/{user_id}").get_data(as_text=True))
    # The old sessions stay ended: the browsers signed in before must sign in again.
    assert not can_open_home(dana) and not can_open_home(stolen)
    fresh = signed_in_client(app, "dana@example.org")
    assert can_open_home(fresh)


def test_nobody_acts_on_a_user_outside_their_authority_or_on_themselves(
    app, signed_in, session_users, people
):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    for path in (f"/users/{people['region']}", f"/users/{people['far']}"):
        assert lac.get(path).status_code == 403
        assert post_form(lac, f"{path}/deactivate", {}).status_code == 403
    with app.app_context():
        assert db.session.get(User, people["region"]).active is True
    senior = session_users[Role.SENIOR_REVIEWER]
    coordinator_id = session_users[Role.REGIONAL_COORDINATOR]
    assert lac.get(f"/users/{coordinator_id}").status_code == 403
    own = session_users[Role.LOCAL_AREA_CONTACT]
    assert lac.get(f"/users/{own}").status_code == 403
    assert post_form(lac, f"/users/{own}/deactivate", {}).status_code == 403
    assert post_form(lac, f"/users/{own}/role", {"role": "reviewer"}).status_code == 403
    assert role_of(app, own) == "local_area_contact"
    assert lac.get(f"/users/{senior}").status_code == 200
    assert lac.get("/users/999999").status_code == 404


@pytest.mark.postgresql
def test_a_lac_switches_a_reviewer_to_senior_reviewer_and_they_are_told(app, signed_in, people):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    user_page = lac.get(f"/users/{people['own']}").get_data(as_text=True)
    assert f'href="/users/{people["own"]}/role"' in user_page
    form = lac.get(f"/users/{people['own']}/role").get_data(as_text=True)
    assert re.findall(r'name="role" type="radio" value="([a-z_]+)"', form) == [
        "senior_reviewer",
        "panel_member",
    ]
    made_lac = post_form(
        lac, f"/users/{people['own']}/role", {"role": "local_area_contact", "was": "reviewer"}
    )
    assert "Select their new role" in text_of(made_lac.get_data(as_text=True))
    assert role_of(app, people["own"]) == "reviewer"

    done = post_form(
        lac, f"/users/{people['own']}/role", {"role": "senior_reviewer", "was": "reviewer"}
    )
    assert done.headers["Location"] == f"/users/{people['own']}"
    assert role_of(app, people["own"]) == "senior_reviewer"
    assert (
        "Test reviewer’s role is now senior reviewer. They have been sent an email to say so."
        in text_of(lac.get(done.headers["Location"]).get_data(as_text=True))
    )
    to, subject, body, kind = outbox(app)[-1]
    assert (to, subject, kind) == ("rhiannon@example.org", "Your role was changed", "role_changed")
    assert "Test local area contact changed your role on the LeDeR review platform from " in body
    assert "Reviewer to Senior reviewer, NHS Birmingham and Solihull" in body

    # A page opened before that change does not overwrite it.
    stale = post_form(
        lac, f"/users/{people['own']}/role", {"role": "panel_member", "was": "reviewer"}
    )
    assert "Test reviewer’s role was changed to senior reviewer while you were choosing" in (
        text_of(stale.get_data(as_text=True))
    )
    assert role_of(app, people["own"]) == "senior_reviewer"


def test_a_coordinator_makes_a_reviewer_of_the_region_a_lac_but_not_one_elsewhere(
    app, signed_in, people
):
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    post_form(
        coordinator,
        f"/users/{people['region']}/role",
        {"role": "local_area_contact", "was": "reviewer"},
    )
    assert role_of(app, people["region"]) == "local_area_contact"
    far = post_form(
        coordinator, f"/users/{people['far']}/role", {"role": "senior_reviewer", "was": "reviewer"}
    )
    assert far.status_code == 403
    assert role_of(app, people["far"]) == "reviewer"


def test_changing_a_role_asks_for_the_password_after_15_minutes_and_keeps_the_choice(
    app, signed_in, people, monkeypatch
):
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    path = f"/users/{people['own']}/role"
    signed_in_at = clock.now()
    monkeypatch.setattr(clock, "now", lambda: signed_in_at + timedelta(minutes=14))
    assert lac.get(path).status_code == 200  # signed in 14 minutes ago: not asked

    monkeypatch.setattr(clock, "now", lambda: signed_in_at + timedelta(minutes=16))
    asked = lac.get(path)
    assert (asked.status_code, asked.headers["Location"]) == (
        302,
        f"/confirm-it-is-you?next={path}",
    )
    # A form sent once the check is old: nothing changes, and the choice is kept.
    sent = post_form(lac, path, {"role": "panel_member", "was": "reviewer"})
    assert sent.headers["Location"] == f"/confirm-it-is-you?next={path}"
    assert role_of(app, people["own"]) == "reviewer"
    page = lac.get(sent.headers["Location"]).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Confirm it is you</h1>' in page
    assert "What you entered on the page is kept" in text_of(page)
    wrong = post_form(lac, sent.headers["Location"], {"password": "not my password"})
    assert "Your password is not right" in text_of(wrong.get_data(as_text=True))
    confirmed = post_form(lac, sent.headers["Location"], {"password": TEST_PASSWORD})
    assert confirmed.headers["Location"] == path
    again = lac.get(path).get_data(as_text=True)
    assert re.search(r'value="panel_member"\s+checked', again) or re.search(
        r'checked[^>]*value="panel_member"', again
    )
    post_form(lac, path, {"role": "panel_member", "was": "reviewer"})
    assert role_of(app, people["own"]) == "panel_member"
