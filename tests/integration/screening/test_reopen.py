"""The national team re-opens a case that is not proceeding: back to its ICB's screening."""

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.conftest import session_user_email
from tests.support.case_work import load_case, new_case, outbox, post_form, text_of

REASON = "The person lived in England: the address was misread"


def not_proceeding(app, signed_in, **fields) -> str:
    """A new notification the LAC decided not to go ahead with (it died outside England)."""
    reference = new_case(app, State.NOTIFIED, **fields)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    post_form(
        lac,
        f"/cases/{reference}/screen",
        {"decision": "not_proceeding", "reason": "outside_england"},
    )
    assert load_case(app, reference).state == State.NOT_PROCEEDING.value
    return reference


def reopen(client, reference, reason=REASON):
    return post_form(client, f"/cases/{reference}/reopen", {"reason": reason})


def test_the_page_says_what_happens_next(app, signed_in):
    reference = not_proceeding(app, signed_in)
    national = signed_in(Role.NATIONAL_TEAM)
    case_page = national.get(f"/cases/{reference}").get_data(as_text=True)
    assert f'href="/cases/{reference}/reopen"' in case_page
    page = national.get(f"/cases/{reference}/reopen").get_data(as_text=True)
    words = text_of(page)
    assert "Re-open this case" in words
    assert (
        "it goes back to NHS Birmingham and Solihull Integrated Care Board as a new notification "
        "to screen again"
    ) in words
    assert "are emailed the case reference" in words
    assert f'action="/cases/{reference}/reopen"' in page
    assert f'href="/cases/{reference}">Cancel</a>' in page


def test_re_opening_sends_the_case_back_to_screening_records_why_and_tells_the_lac(app, signed_in):
    reference = not_proceeding(app, signed_in, full_name="Margaret Ellis")
    national = signed_in(Role.NATIONAL_TEAM)
    response = reopen(national, reference)
    assert response.headers["Location"] == f"/cases/{reference}"
    case = load_case(app, reference)
    assert case.state == State.NOTIFIED.value
    assert case.not_proceeding_reason is None
    overview = text_of(national.get(f"/cases/{reference}").get_data(as_text=True))
    assert "Case re-opened: it is back with NHS Birmingham and Solihull" in overview
    assert "Why the review is not going ahead" not in overview
    history = text_of(national.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "New notification → Not proceeding" in history  # the decision it undoes stays
    assert "Not proceeding → New notification" in history
    assert f"Re-opened by the national team: {REASON}" in history
    assert "Test national team" in history  # who
    [(to, subject, body, kind)] = outbox(app)
    assert (to, kind) == (session_user_email(Role.LOCAL_AREA_CONTACT), "reopened")
    assert f"A case has been re-opened for screening: reference {reference}" in subject
    assert "Margaret" not in subject + body and "Ellis" not in subject + body
    queue = signed_in(Role.LOCAL_AREA_CONTACT).get("/screening").get_data(as_text=True)
    assert f'href="/cases/{reference}/screen"' in queue


def test_a_reason_is_needed(app, signed_in):
    reference = not_proceeding(app, signed_in)
    page = reopen(signed_in(Role.NATIONAL_TEAM), reference, "   ").get_data(as_text=True)
    assert "<title>Error: Re-open this case" in page
    assert page.count("Enter why the case is being re-opened") == 2
    assert load_case(app, reference).state == State.NOT_PROCEEDING.value
    assert outbox(app) == []


def test_a_case_already_re_opened_is_not_re_opened_twice(app, signed_in):
    reference = not_proceeding(app, signed_in)
    national = signed_in(Role.NATIONAL_TEAM)
    reopen(national, reference)
    response = reopen(national, reference, "Again")
    assert response.headers["Location"] == f"/cases/{reference}"
    page = text_of(national.get(f"/cases/{reference}").get_data(as_text=True))
    assert "This case has already been re-opened" in page
    assert national.get(f"/cases/{reference}/reopen").headers["Location"] == f"/cases/{reference}"
    assert len(outbox(app)) == 1


@pytest.mark.parametrize(
    "role", [Role.LOCAL_AREA_CONTACT, Role.REGIONAL_COORDINATOR, Role.REVIEWER, Role.PANEL_MEMBER]
)
def test_only_the_national_team_may_re_open(app, signed_in, role):
    reference = not_proceeding(app, signed_in)
    client = signed_in(role)
    assert client.get(f"/cases/{reference}/reopen").status_code == 403
    assert reopen(client, reference).status_code == 403
    assert load_case(app, reference).state == State.NOT_PROCEEDING.value
    assert f'href="/cases/{reference}/reopen"' not in client.get(f"/cases/{reference}").get_data(
        as_text=True
    )


def test_a_closed_case_is_not_re_opened_and_the_page_says_it_is_closed(app, signed_in):
    reference = new_case(app, State.CLOSED)
    national = signed_in(Role.NATIONAL_TEAM)
    response = reopen(national, reference)
    assert response.status_code == 403
    assert "This case is closed" in text_of(response.get_data(as_text=True))
    assert "already been re-opened" not in response.get_data(as_text=True)
    assert load_case(app, reference).state == State.CLOSED.value
