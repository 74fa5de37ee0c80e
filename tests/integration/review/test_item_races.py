"""Marking a section complete while someone adds an item to it never leaves a completed section
with an incomplete item. Real threads on PostgreSQL, repeated because races do not always show."""

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, Review, ReviewItem, ReviewSection
from leder_web.review import engine
from tests.support.databases import postgres_server_url
from tests.support.races import at_once, client_for, new_case, person, race_app  # noqa: F401

ROUNDS = 6
EVENT = {
    "action": "continue",
    "date-day": "3",
    "date-month": "9",
    "date-year": "2026",
    "setting": "Home",
    "what_happened": "A fall at home",
}

pytestmark = pytest.mark.postgresql


def section_and_items(app, reference):
    with app.app_context():
        review_id = db.session.scalar(
            select(Review.id)
            .join(Case, Case.id == Review.case_id)
            .where(Case.reference == reference)
        )
        status = db.session.scalar(
            select(ReviewSection.status).where(
                ReviewSection.review_id == review_id, ReviewSection.key == "timeline"
            )
        )
        items = db.session.scalars(
            select(ReviewItem.answers).where(ReviewItem.review_id == review_id)
        ).all()
        return status, items


if postgres_server_url():

    def test_completing_while_an_incomplete_item_is_added_never_leaves_it_completed(race_app):
        reviewer_id = person(race_app, Role.REVIEWER, "ruth")
        first = client_for(race_app, reviewer_id)
        second = client_for(race_app, reviewer_id)
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.INITIAL_REVIEW, reviewer_id=reviewer_id)
            base = f"/cases/{reference}/review/timeline"
            first.post(f"{base}/add/event", data={**EVENT, "csrf_token": first.csrf_token("/home")})
            at_once(
                (first, f"{base}/complete", {}),
                (second, f"{base}/add/event", {"action": "later", "setting": "Hospital"}),
            )
            status, items = section_and_items(race_app, reference)
            assert len(items) == 2
            assert status != engine.COMPLETED, "completed with an incomplete item in it"
