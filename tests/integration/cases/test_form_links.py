"""Every form about a case has a way back and a way out: a Back link before the page and a
Cancel link beside its button, both to the case."""

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State
from tests.support.case_work import new_case

LAC = Role.LOCAL_AREA_CONTACT


@pytest.mark.parametrize(
    ("role", "state", "suffix"),
    [
        (LAC, State.NOTIFIED, "/screen"),
        (LAC, State.AWAITING_ALLOCATION, "/allocate"),
        (LAC, State.INITIAL_REVIEW, "/hold"),
        (LAC, State.AWAITING_ALLOCATION, "/escalate"),
        (Role.REGIONAL_COORDINATOR, State.NOTIFIED, "/transfer"),
        (Role.NATIONAL_TEAM, State.NOT_PROCEEDING, "/reopen"),
    ],
)
def test_a_case_form_has_back_and_cancel_links_to_the_case(app, signed_in, role, state, suffix):
    reference = new_case(app, state)
    response = signed_in(role).get(f"/cases/{reference}{suffix}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<a class="govuk-back-link" href="/cases/{reference}">Back to the case</a>' in page
    assert f'<a class="govuk-link" href="/cases/{reference}">Cancel</a>' in page


def test_back_from_the_first_question_of_an_untouched_section_returns_to_the_task_list(
    app, signed_in, session_users
):
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=session_users[Role.REVIEWER])
    client = signed_in(Role.REVIEWER)
    base = f"/cases/{reference}/review"
    page = client.get(f"{base}/pen-portrait/questions/1").get_data(as_text=True)
    assert f'<a href="{base}" class="govuk-back-link">Back</a>' in page


def test_the_submitted_confirmation_is_only_for_a_review_being_checked(
    app, signed_in, session_users
):
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=session_users[Role.REVIEWER])
    response = signed_in(Role.REVIEWER).get(f"/cases/{reference}/review/submitted")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}/review"
