"""Submitting a review for quality assurance, when every required task is complete."""

from sqlalchemy import select

from leder_web.core import clock as timeutil
from leder_web.core import outbox, workflow
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, User
from leder_web.review import engine
from leder_web.review import sections as rs
from leder_web.review.presenters import statuses
from leder_web.review.service import get_review, is_focused, stored_review


def incomplete(case: Case) -> list[engine.Section]:
    review = get_review(case)
    return rs.incomplete_sections(statuses(case, review), is_focused(case, review))


def senior_reviewers(icb_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.organisation_id == icb_id)
            .where(User.role == Role.SENIOR_REVIEWER.value)
            .where(User.active.is_(True))
            .order_by(User.id)
        )
    )


def submit_for_quality_assurance(case: Case, *, by) -> list[engine.Section]:
    """Submit when every required task is Completed; the tasks still to do otherwise.
    Raises workflow.WorkflowError if the case cannot move now."""
    workflow.lock(case)
    missing = incomplete(case)
    if missing:
        return missing
    workflow.transition(case, State.QUALITY_ASSURANCE, by=by)
    stored_review(case).submitted_at = timeutil.now()
    for senior in senior_reviewers(case.icb_id):
        if senior.id == by.id:
            continue  # nobody quality-assures their own review
        outbox.queue_email(
            to=senior.email,
            subject=f"Review {case.reference} is ready for quality assurance",
            body=(
                f"Review {case.reference} has been submitted for quality assurance by "
                f"{by.full_name}.\n\nSign in to the LeDeR review platform to check it."
            ),
            kind="review_submitted",
        )
    return []
