"""Reviews submitted for quality assurance through the reviewer's own Submit button, and the
senior reviewer's form."""

from types import SimpleNamespace

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, User
from leder_web.review import service as reviews
from tests.conftest import OWN_ICB
from tests.support.case_work import post_form
from tests.support.factories import make_case
from tests.support.sessions import sign_in_as

CHECK_KEYS = [
    "details_verified",
    "family_steps",
    "gp_records",
    "other_person",
    "pen_portrait",
    "key_episodes",
    "cause_of_death",
    "care_questions",
    "learning",
    "grade",
    "focused_decision",
    "safeguarding",
    "language",
]
ALL_MET = {f"check_{key}": "met" for key in CHECK_KEYS}


def every_section_complete(monkeypatch) -> None:
    """Submitting checks that every task is complete; these tests are about what follows."""
    monkeypatch.setattr("leder_web.review.submission.incomplete", lambda case: [])


def written_review(app, reviewer_id: int, *, full_name="Margaret Ellison", **fields) -> str:
    """A case in initial review allocated to the reviewer, with a pen portrait they saved."""
    with app.app_context():
        case = make_case(
            OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer_id, full_name=full_name, **fields
        )
        state = reviews.section_state(case, "pen-portrait")
        reviews.save_page(
            state,
            {"pen_portrait": "She loved music."},
            state.version,
            by=SimpleNamespace(id=reviewer_id),
        )
        db.session.commit()
        return case.reference


def submit(app, user_id: int, reference: str):
    client = app.test_client()
    sign_in_as(client, app, user_id)
    response = post_form(client, f"/cases/{reference}/review/submit", {})
    assert response.status_code == 302, response.status
    return client


def submitted_review(app, make_user, monkeypatch, **fields) -> tuple[str, int]:
    """A review submitted by a new reviewer of the own ICB: (reference, reviewer id)."""
    every_section_complete(monkeypatch)
    reviewer_id = make_user(Role.REVIEWER)
    reference = written_review(app, reviewer_id, **fields)
    submit(app, reviewer_id, reference)
    return reference, reviewer_id


def state_of(app, reference: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Case.state).where(Case.reference == reference))


def name_of(app, user_id: int) -> str:
    with app.app_context():
        return db.session.get_one(User, user_id).full_name
