"""When a review cannot be changed, the reviewer is told why, and nothing they typed is lost
without their seeing it."""

import re

import pytest
from sqlalchemy import select

from leder_web.allocation import service as allocation
from leder_web.core.clock import today, uk_date
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, User
from tests.integration.review.test_review_journey import journey_starter
from tests.support.case_work import new_case, text_of

HOLD_WORDS = (
    "This case was put on hold by Test local area contact on {day} (Coroner's inquest: "
    "Inquest opened). The review cannot be changed until the hold is released. Everything "
    "saved before then is kept."
)


@pytest.fixture
def journey(app, make_user):
    return journey_starter(app, make_user)


def put_on_hold(app, session_users, reference: str) -> str:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        lac = db.session.get(User, session_users[Role.LOCAL_AREA_CONTACT])
        allocation.place_on_hold(case, by=lac, reason="coroner", details="Inquest opened")
        db.session.commit()
    return HOLD_WORDS.format(day=uk_date(today()))


def test_saving_a_page_after_the_case_went_on_hold_says_so_and_shows_what_was_typed(
    app, journey, session_users
):
    j = journey()
    version = j.version_on("/pen-portrait/questions/1")
    words = put_on_hold(app, session_users, j.reference)
    response = j.post(
        "/pen-portrait/questions/1",
        {"version": version, "action": "continue", "pen_portrait": "Peggy loved\nthe sea"},
    )
    assert response.status_code == 409
    page = text_of(response.get_data(as_text=True))
    assert "Your changes were not saved" in page
    assert words in page
    assert "What you typed" in page
    assert "Peggy loved the sea" in page
    assert "You cannot see this page" not in page


def test_autosave_after_the_case_went_on_hold_says_why(app, journey, session_users):
    j = journey()
    words = put_on_hold(app, session_users, j.reference)
    response = j.client.post(
        f"{j.base}/pen-portrait/questions/1/autosave",
        data={"version": "0", "pen_portrait": "Typed"},
        headers={"X-CSRFToken": j.token(), "HX-Request": "true"},
    )
    assert response.status_code == 409
    assert response.get_json() == {"closed": True, "message": "Not saved. " + words}


def test_opening_a_question_page_of_a_submitted_review_goes_to_the_review_saying_why(app, journey):
    j = journey(state=State.QUALITY_ASSURANCE)
    response = j.get("/pen-portrait/questions/1")
    assert response.status_code == 302
    assert response.headers["Location"] == j.base
    page = text_of(j.client.get(j.base).get_data(as_text=True))
    assert (
        "This review has been submitted for quality assurance. It cannot be changed unless it "
        "is returned to the reviewer."
    ) in page


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (State.NOTIFIED, "The review has not started: the notification has not been screened yet."),
        (
            State.AWAITING_ALLOCATION,
            "The review has not started: the case has not been allocated to a reviewer yet.",
        ),
        (
            State.NOT_PROCEEDING,
            "This case is not going ahead to review, so there is no review to change.",
        ),
        (
            State.AWAITING_PANEL,
            "This review has passed quality assurance and is waiting for the governance panel. "
            "It cannot be changed.",
        ),
        (
            State.SIGNED_OFF,
            "This review has been signed off by the governance panel. It cannot be changed.",
        ),
        (
            State.CLOSED,
            "This review has been signed off and the case is closed. It cannot be changed.",
        ),
    ],
)
def test_the_review_tab_says_where_the_review_stands(app, signed_in, state, words):
    reference = new_case(app, state)
    page = text_of(
        signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/review").get_data(as_text=True)
    )
    assert words in page
    assert "has been submitted" not in page or state is State.QUALITY_ASSURANCE


def test_the_review_tab_of_a_case_on_hold_says_who_put_it_on_hold_and_when(
    app, journey, session_users
):
    j = journey()
    words = put_on_hold(app, session_users, j.reference)
    page = text_of(j.client.get(j.base).get_data(as_text=True))
    assert words in page
    assert "submitted" not in page


def test_a_review_being_written_has_no_such_message(journey):
    page = text_of(journey().page())
    assert "cannot be changed" not in page
    assert "Complete the sections in any order" in page


def test_a_case_that_is_not_going_ahead_shows_no_time_left_on_its_review_tab(app, signed_in):
    reference = new_case(app, State.NOT_PROCEEDING, due_in_days=100)
    page = text_of(
        signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/review").get_data(as_text=True)
    )
    assert re.search(r"Time left\s+No deadline", page)
    assert "days left" not in page


@pytest.mark.parametrize(
    ("role", "refused_page", "ask"),
    [
        (Role.LOCAL_AREA_CONTACT, "/escalations", "ask your regional coordinator."),
        (Role.REVIEWER, "/screening", "ask your local area contact."),
        (Role.REGIONAL_COORDINATOR, "/screening", "ask the LeDeR national team."),
    ],
)
def test_the_refusal_page_names_whom_to_ask(app, signed_in, role, refused_page, ask):
    response = signed_in(role).get(refused_page)
    assert response.status_code == 403
    assert ask in text_of(response.get_data(as_text=True))
