"""Events in the family contact log that are not contacts: what the family asked for, on which
day, and who asked. Like everything in the log they are never changed or deleted.

The one kind so far is a request for a focused review: a family can ask at any time, and the
request makes a focused review automatic (the review reads it through the api).
"""

from datetime import date
from functools import cache

from sqlalchemy import Select, bindparam, select

from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core.extensions import db
from leder_web.family_log.service import FamilyLogError, _current_person_versions, people
from leder_web.models import Case
from leder_web.models.family import FamilyLogEvent

FOCUSED_REVIEW_REQUESTED = "focused_review_requested"


def events(case: Case, kind: str | None = None) -> list[FamilyLogEvent]:
    """The case's events, oldest first."""
    if kind is None:
        return list(db.session.scalars(_events_query(), {"case_id": case.id}))
    return list(db.session.scalars(_events_of_kind_query(), {"case_id": case.id, "kind": kind}))


@cache
def _events_query() -> Select:
    """Built once: the family log shows them on every visit."""
    return (
        select(FamilyLogEvent)
        .where(FamilyLogEvent.case_id == bindparam("case_id"))
        .order_by(FamilyLogEvent.occurred_on, FamilyLogEvent.id)
    )


@cache
def _events_of_kind_query() -> Select:
    return _events_query().where(FamilyLogEvent.kind == bindparam("kind"))


def record_event(
    case: Case, *, kind: str, member_id: int | None, occurred_on: date, details: str | None, by
) -> FamilyLogEvent:
    if kind not in dict(reference.FAMILY_LOG_EVENTS):
        raise FamilyLogError("Select what happened", field="kind")
    if member_id is None or member_id not in {member.id for member in people(case)}:
        raise FamilyLogError("Select who asked", field="member_id")
    if occurred_on > timeutil.today():
        raise FamilyLogError("The date must be today or in the past", field="occurred_on")
    event = FamilyLogEvent(
        case_id=case.id,
        kind=kind,
        member_id=member_id,
        occurred_on=occurred_on,
        details=(details or "").strip() or None,
        recorded_by_id=by.id,
    )
    db.session.add(event)
    db.session.flush()
    return event


def who_and_when(event: FamilyLogEvent) -> str:
    """ "Jean Whitfield (Sister), 3 November 2026"."""
    person = event.member.current
    return f"{person.name} ({person.relationship_to_person}), {timeutil.uk_date(event.occurred_on)}"


def focused_review_requests(case: Case) -> list[str]:
    """Each request for a focused review, in words, oldest first (one query: the review's task
    list asks for them on every visit)."""
    rows = db.session.execute(_focused_review_requests_query(), {"case_id": case.id})
    return [f"{name} ({relationship}), {timeutil.uk_date(on)}" for on, name, relationship in rows]


@cache
def _focused_review_requests_query() -> Select:
    """Built once: the review's task list runs it on every visit."""
    person = _current_person_versions().subquery()
    return (
        select(FamilyLogEvent.occurred_on, person.c.name, person.c.relationship_to_person)
        .join(person, person.c.member_id == FamilyLogEvent.member_id)
        .where(
            FamilyLogEvent.case_id == bindparam("case_id"),
            FamilyLogEvent.kind == FOCUSED_REVIEW_REQUESTED,
        )
        .order_by(FamilyLogEvent.occurred_on, FamilyLogEvent.id)
    )
