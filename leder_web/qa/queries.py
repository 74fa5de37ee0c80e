"""Reading the quality assurance queue: the submitted reviews of an ICB, oldest first, and
what the home pages show of it and of reviews returned to their reviewer."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import aliased

from leder_web.allocation import api as allocation
from leder_web.core.clock import today, uk_day
from leder_web.core.extensions import db
from leder_web.core.workflow import REVIEWING_STATES, State, in_states
from leder_web.models import (
    Case,
    CaseHold,
    Notification,
    QaComment,
    QaDecision,
    ReviewSubmission,
    User,
)

HOME_OLDEST = 3


@dataclass(frozen=True)
class QueuedReview:
    reference: str
    full_name: str
    date_of_birth: date | None
    reviewer: str | None
    submitted_at: datetime | None
    days_since_notification: int
    # None when the case has never been on hold; otherwise the days less the days on hold.
    hold_adjusted_days: int | None
    resubmissions: int


_REVIEWER = aliased(User)


def _latest_submission_column():
    return (
        select(func.max(ReviewSubmission.submitted_at))
        .where(ReviewSubmission.case_id == Case.id)
        .scalar_subquery()
    )


def _submission_count_column():
    return (
        select(func.count(ReviewSubmission.id))
        .where(ReviewSubmission.case_id == Case.id)
        .scalar_subquery()
    )


@cache
def _queue_query() -> Select:
    submitted = _latest_submission_column()
    return (
        select(
            Case.id,
            Case.reference,
            Case.notified_at,
            Notification.full_name,
            Notification.date_of_birth,
            _REVIEWER.full_name,
            submitted,
            _submission_count_column(),
        )
        .select_from(Case)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .outerjoin(_REVIEWER, _REVIEWER.id == Case.reviewer_id)
        .where(
            Case.icb_id == bindparam("icb_id"),
            in_states(Case.state, [State.QUALITY_ASSURANCE]),
        )
        .order_by(func.coalesce(submitted, Case.notified_at), Case.id)
    )


@cache
def _holds_query() -> Select:
    return (
        select(CaseHold)
        .where(CaseHold.case_id.in_(bindparam("case_ids", expanding=True)))
        .order_by(CaseHold.started_at)
    )


def queue(icb_id: int, on: date | None = None) -> list[QueuedReview]:
    """The ICB's reviews waiting for quality assurance, the longest waiting first: two
    statements, the reviews and the holds of all of them."""
    on = on or today()
    rows = db.session.execute(_queue_query(), {"icb_id": icb_id}).all()
    holds: dict[int, list[CaseHold]] = defaultdict(list)
    if rows:
        for hold in db.session.scalars(_holds_query(), {"case_ids": [row[0] for row in rows]}):
            holds[hold.case_id].append(hold)
    found = []
    for case_id, reference, notified_at, name, born, reviewer, submitted, count in rows:
        days = (on - uk_day(notified_at)).days
        case_holds = holds.get(case_id)
        adjusted = None
        if case_holds:
            adjusted = days - sum(allocation.days_on_hold(hold, on) for hold in case_holds)
        found.append(
            QueuedReview(
                reference,
                name or reference,
                born,
                reviewer,
                submitted,
                days,
                adjusted,
                max(0, (count or 0) - 1),
            )
        )
    return found


@dataclass(frozen=True)
class WaitingReview:
    reference: str
    full_name: str
    submitted_at: datetime | None


@cache
def _oldest_query() -> Select:
    submitted = _latest_submission_column()
    return (
        select(Case.reference, Notification.full_name, submitted, func.count().over())
        .select_from(Case)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .where(
            Case.icb_id == bindparam("icb_id"),
            in_states(Case.state, [State.QUALITY_ASSURANCE]),
        )
        .order_by(func.coalesce(submitted, Case.notified_at), Case.id)
        .limit(HOME_OLDEST)
    )


def senior_home(user) -> dict:
    """How many reviews wait for quality assurance, and the oldest few: one statement."""
    rows = db.session.execute(_oldest_query(), {"icb_id": user.organisation_id}).all()
    return {
        "count": rows[0][3] if rows else 0,
        "oldest": [WaitingReview(ref, name or ref, at) for ref, name, at, _ in rows],
    }


@dataclass(frozen=True)
class ReturnedReview:
    reference: str
    full_name: str
    returned_at: datetime
    returned_by: str
    unresolved: int
    reviewer: str | None = None


def _unresolved_column():
    return (
        select(func.count(QaComment.id))
        .where(QaComment.case_id == Case.id, QaComment.resolved_at.is_(None))
        .scalar_subquery()
    )


def _returned(*conditions) -> Select:
    """Reviews back with their reviewer after quality assurance returned them (the latest
    round's decision), not yet resubmitted, with their comments not resolved."""
    later = aliased(ReviewSubmission)
    latest = select(func.max(later.number)).where(later.case_id == Case.id).scalar_subquery()
    return (
        select(
            Case.reference,
            Notification.full_name,
            QaDecision.decided_at,
            User.full_name,
            _unresolved_column(),
            _REVIEWER.full_name,
        )
        .select_from(Case)
        .join(ReviewSubmission, ReviewSubmission.case_id == Case.id)
        .join(QaDecision, QaDecision.submission_id == ReviewSubmission.id)
        .join(User, User.id == QaDecision.decided_by_id)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .outerjoin(_REVIEWER, _REVIEWER.id == Case.reviewer_id)
        .where(
            *conditions,
            in_states(Case.state, REVIEWING_STATES),
            ReviewSubmission.number == latest,
            QaDecision.outcome == "returned",
        )
        .order_by(QaDecision.decided_at, Case.id)
    )


def _returned_rows(query: Select, values: dict) -> list[ReturnedReview]:
    return [
        ReturnedReview(reference, name or reference, at, by, unresolved or 0, reviewer)
        for reference, name, at, by, unresolved, reviewer in db.session.execute(query, values)
    ]


@cache
def _returned_query() -> Select:
    return _returned(Case.reviewer_id == bindparam("reviewer_id"))


def reviewer_home(user) -> dict:
    """The reviewer's reviews returned with comments, still to resubmit: one statement."""
    return {"returned": _returned_rows(_returned_query(), {"reviewer_id": user.id})}


@cache
def _awaiting_resubmission_query() -> Select:
    return _returned(Case.icb_id == bindparam("icb_id"))


def senior_returned_home(user) -> dict:
    """The ICB's reviews returned after quality assurance and not yet resubmitted, the longest
    waiting first: one statement."""
    rows = _returned_rows(_awaiting_resubmission_query(), {"icb_id": user.organisation_id})
    return {"returned": rows}
