"""Bad input gets a clear answer, never a server error: NUL characters in any field, ids too big
for the database in any URL."""

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.support.case_work import new_case


def test_a_nul_character_in_the_sign_in_form_is_a_bad_request(client):
    response = client.post(
        "/sign-in",
        data={"email": "a\x00@example.org", "password": "x", "csrf_token": client.csrf_token()},
    )
    assert response.status_code == 400
    assert "There is a problem with your request" in response.get_data(as_text=True)


def test_a_nul_character_in_the_public_form_is_a_bad_request_and_keeps_nothing(client):
    page = "/notify/about-you"
    data = {
        "notifier_name": "Jo\x00 Bloggs",
        "notifier_relationship": "Sister",
        "notifier_email": "jo@example.org",
        "csrf_token": client.csrf_token(page),
    }
    assert client.post(page, data=data).status_code == 400
    assert "Jo Bloggs" not in client.get(page).get_data(as_text=True)


def test_a_nul_character_in_a_query_string_is_a_bad_request(client):
    assert client.get("/sign-in?next=/home%00").status_code == 400


@pytest.mark.parametrize("number", [2**31, 2**63, 10**30])
def test_an_id_too_big_for_the_database_is_not_found(app, signed_in, number):
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    reference = new_case(app, State.INITIAL_REVIEW)
    for path in (
        f"/escalations/{number}",
        f"/cases/{reference}/family/people/{number}/change",
        f"/cases/{reference}/family/contacts/{number}/history",
        f"/cases/{reference}/family/letters/{number}/first_contact",
    ):
        assert client.get(path).status_code == 404, path


def test_the_largest_real_id_still_reaches_the_page_rule(app, signed_in):
    client = signed_in(Role.LOCAL_AREA_CONTACT)
    assert client.get(f"/escalations/{2**31 - 1}").status_code == 404
