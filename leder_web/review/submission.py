"""Submitting a review for quality assurance, when every required task is complete."""

from sqlalchemy import func, select

from leder_web.core import clock as timeutil
from leder_web.core import outbox, workflow
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, QaComment, ReviewItem, ReviewSubmission, User
from leder_web.review import engine
from leder_web.review import sections as rs
from leder_web.review.presenters import statuses
from leder_web.review.service import (
    get_review,
    is_focused,
    items_of,
    section_rows_by_key,
    stored_review,
)


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
    from_state = case.state
    workflow.transition(case, State.QUALITY_ASSURANCE, by=by)
    review = stored_review(case)
    review.submitted_at = timeutil.now()
    record_submission(case, review, by=by, from_state=from_state, at=review.submitted_at)
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


def _item_copy(item: ReviewItem) -> dict:
    return {
        "id": item.id,
        "section_key": item.section_key,
        "kind": item.kind,
        "answers": dict(item.answers or {}),
        "version": item.version,
        "updated_by_id": item.updated_by_id,
    }


def snapshot(review) -> dict:
    """What was submitted: every section's answers, status and version, every item, and the
    focused review decision, as JSON (quality assurance comments refer to this)."""
    rows = section_rows_by_key(review)
    return {
        "sections": {
            key: {
                "version": row.version,
                "status": row.status,
                "answers": dict(row.answers or {}),
                "updated_by_id": row.updated_by_id,
            }
            for key, row in sorted(rows.items())
        },
        "items": [_item_copy(item) for item in items_of(review)],
        "focused_decision": review.focused_decision,
        "focused_decision_reason": review.focused_decision_reason,
        "focused_decided_by_id": review.focused_decided_by_id,
    }


def unresolved_comments(case: Case) -> int:
    """Quality assurance comments on the review that nobody has marked as resolved."""
    return (
        db.session.scalar(
            select(func.count(QaComment.id)).where(
                QaComment.case_id == case.id, QaComment.resolved_at.is_(None)
            )
        )
        or 0
    )


def record_submission(case: Case, review, *, by, from_state: str, at) -> ReviewSubmission:
    """Round 1 at the first submission, one more at each resubmission after a return (which
    records how many comments were still not resolved: resubmitting does not need them all)."""
    number = (
        db.session.scalar(
            select(func.max(ReviewSubmission.number)).where(ReviewSubmission.case_id == case.id)
        )
        or 0
    ) + 1
    submission = ReviewSubmission(
        case_id=case.id,
        number=number,
        submitted_at=at,
        submitted_by_id=by.id if by is not None else None,
        from_state=from_state,
        snapshot=snapshot(review),
        unresolved_comments=unresolved_comments(case) if number > 1 else None,
    )
    db.session.add(submission)
    db.session.flush()
    return submission
