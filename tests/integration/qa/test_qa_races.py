"""Two senior reviewers deciding on one review at the same moment: one decision is recorded,
and the other is told who decided. Real threads against PostgreSQL; the rounds repeat because
a race does not show every time."""

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, QaDecision, User
from leder_web.review import service as reviews
from leder_web.review import submission
from tests.conftest import OWN_ICB
from tests.integration.qa.helpers import ALL_MET
from tests.support.databases import postgres_server_url
from tests.support.factories import make_case
from tests.support.races import at_once, client_for, person, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def submitted(app, reviewer_id: int) -> str:
    with app.app_context():
        case = make_case(OWN_ICB, State.INITIAL_REVIEW, reviewer_id=reviewer_id)
        state = reviews.section_state(case, "pen-portrait")
        by = SimpleNamespace(id=reviewer_id)
        reviews.save_page(state, {"pen_portrait": "She loved music."}, state.version, by=by)
        reviewer = db.session.get_one(User, reviewer_id)
        original = submission.incomplete
        submission.incomplete = lambda case: []
        try:
            assert submission.submit_for_quality_assurance(case, by=reviewer) == []
        finally:
            submission.incomplete = original
        db.session.commit()
        return case.reference


if postgres_server_url():

    def test_two_senior_reviewers_deciding_at_once_record_one_decision(race_app):
        reviewer = person(race_app, Role.REVIEWER, "ruth")
        first = client_for(race_app, person(race_app, Role.SENIOR_REVIEWER, "sam one"))
        second = client_for(race_app, person(race_app, Role.SENIOR_REVIEWER, "sam two"))
        for _ in range(ROUNDS):
            reference = submitted(race_app, reviewer)
            path = f"/cases/{reference}/quality-assurance"
            responses = at_once(
                (first, path, {**ALL_MET, "outcome": "approve"}),
                (second, path, {"outcome": "return", "summary": "Add the hospital stay"}),
            )
            locations = sorted(r.headers["Location"] for r in responses)
            with race_app.app_context():
                case = db.session.scalar(select(Case).where(Case.reference == reference))
                decisions = db.session.scalar(
                    select(func.count())
                    .select_from(QaDecision)
                    .join(QaDecision.submission)
                    .where(QaDecision.submission.has(case_id=case.id))
                )
                moves = db.session.scalar(
                    select(func.count())
                    .select_from(CaseEvent)
                    .where(
                        CaseEvent.case_id == case.id, CaseEvent.from_state == "quality_assurance"
                    )
                )
                state = case.state
            assert decisions == 1
            assert moves == 1
            if state == State.AWAITING_PANEL.value:
                assert locations == [f"/cases/{reference}", f"{path}/approve"]
                refused, loser = second, "Sam One approved this review at"
            else:
                assert state == State.INITIAL_REVIEW.value
                assert locations == [f"/cases/{reference}", f"{path}/return"]
                refused, loser = first, "Sam Two returned this review at"
            page = refused.get(f"/cases/{reference}").get_data(as_text=True)
            assert loser in page
            assert "Your decision was not recorded." in page
