"""Allocating a case to a reviewer, reallocating it, and holds: placing, releasing and counting
the days on hold, so the clock can be read raw or hold-adjusted."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import lazyload

from leder_web.cases import api as case_service
from leder_web.core import access, clock, workflow
from leder_web.core import codes as reference
from leder_web.core.access import Action
from leder_web.core.clock import now, uk_day
from leder_web.core.domain import RuleError, details_for_other
from leder_web.core.extensions import db
from leder_web.core.outbox import queue_email
from leder_web.core.roles import REVIEWERS
from leder_web.core.workflow import OPEN_STATES, REVIEWING_STATES, State
from leder_web.models import Case, CaseEvent, CaseHold, Organisation, User

# A case can change hands while it is being reviewed or waiting on another process.
REALLOCATABLE_STATES = REVIEWING_STATES | {State.ON_HOLD}
HOLDABLE_STATES = frozenset(frm for (frm, to) in workflow.TRANSITIONS if to is State.ON_HOLD)


class AllocationError(RuleError):
    """A change that cannot be made as asked; `field` names the form field to show it on."""


# --- Reviewers and their workload -------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    reviewer: User
    open_cases: int
    overdue_cases: int

    @property
    def words(self) -> str:
        cases = f"{self.open_cases} open case{'s' if self.open_cases != 1 else ''}"
        return f"{cases}, {self.overdue_cases} overdue"


def reviewer_workloads(icb_id: int, on: date | None = None) -> list[Workload]:
    """Every active reviewer and senior reviewer of the ICB with their open and overdue cases,
    in one grouped query."""
    return _workloads(User.organisation_id == icb_id, on)


def region_workloads(region_id: int | None, on: date | None = None) -> list[Workload]:
    """Every active reviewer and senior reviewer of every ICB of the region, ICB by ICB."""
    if region_id is None:  # an ICB outside any region has no one to lend
        return []
    icbs = select(Organisation.id).where(Organisation.parent_id == region_id)
    found = _workloads(User.organisation_id.in_(icbs), on)
    return sorted(found, key=lambda workload: workload.reviewer.organisation.name)


def _workloads(whose, on: date | None) -> list[Workload]:
    today = on or clock.today()
    open_case = and_(Case.reviewer_id == User.id, Case.state.in_([s.value for s in OPEN_STATES]))
    overdue = func.coalesce(func.sum(sql_case((Case.due_on < today, 1), else_=0)), 0)
    rows = db.session.execute(
        select(User, func.count(Case.id), overdue)
        .outerjoin(Case, open_case)
        .where(
            whose,
            User.role.in_([role.value for role in REVIEWERS]),
            User.active.is_(True),
        )
        .group_by(User.id)
        .order_by(User.full_name, User.id)
    ).all()
    return [Workload(user, int(count), int(late)) for user, count, late in rows]


# --- Allocation -------------------------------------------------------------------------------


def is_reallocation(case: Case) -> bool:
    return case.reviewer_id is not None and State(case.state) in REALLOCATABLE_STATES


def may_allocate(case: Case) -> bool:
    return case.state == State.AWAITING_ALLOCATION.value or is_reallocation(case)


def allocate(
    case: Case,
    *,
    by,
    reviewer_id: int,
    note: str | None = None,
    reallocating: bool | None = None,
) -> bool:
    """Give the case to a reviewer of its ICB. A first allocation starts the initial review;
    a reallocation keeps the state and needs a reason (in `note`). `reallocating` is what the
    person meant (None: whatever the case needs). False when nothing had to change: the case
    was already allocated to that reviewer, as by a double click."""
    workflow.lock(case)
    if not may_allocate(case):
        raise AllocationError("This case cannot be allocated now")
    if reallocating is False and is_reallocation(case):
        if case.reviewer_id == reviewer_id:
            return False
        assert case.reviewer is not None  # a reallocation moves a case from its reviewer
        raise AllocationError(
            f"This case was allocated to {case.reviewer.full_name} while you were choosing: "
            "reallocate it if it should change hands",
            "reviewer",
        )
    reviewer = next(
        (w.reviewer for w in reviewer_workloads(case.icb_id) if w.reviewer.id == reviewer_id), None
    )
    if reviewer is None:
        raise AllocationError("Select a reviewer", "reviewer")
    note = (note or "").strip() or None
    if is_reallocation(case):
        assert case.reviewer is not None  # a reallocation moves a case from its reviewer
        if reviewer.id == case.reviewer_id:
            raise AllocationError("Select a different reviewer to reallocate the case", "reviewer")
        if not note:
            raise AllocationError("Enter why the case is being reallocated", "note")
        words = f"Reallocated from {case.reviewer.full_name} to {reviewer.full_name}"
    else:
        workflow.transition(case, State.INITIAL_REVIEW, by=by)
        words = f"Allocated to {reviewer.full_name}"
    _hand_over(case, reviewer, by=by, details=_allocation_details(words, note), lent_in=False)
    return True


def _hand_over(case: Case, reviewer: User, *, by, details: str, lent_in: bool) -> None:
    """The case to its new reviewer: recorded in its history, and the reviewer emailed."""
    case.reviewer = reviewer
    # Only the regional coordinator lends a case across ICBs; any other allocation ends a loan.
    case.reviewer_lent_in = lent_in
    db.session.add(
        CaseEvent(
            case=case,
            kind="allocation",
            by=by,
            from_state=case.state,
            to_state=case.state,
            details=details,
        )
    )
    # No personal details in email: the reference is enough to find the case once signed in.
    queue_email(
        to=reviewer.email,
        subject=f"A case has been allocated to you: reference {case.reference}",
        body=(
            f"A case has been allocated to you: reference {case.reference}.\n\n"
            "Sign in to the LeDeR review platform to see it on your home page."
        ),
        kind="allocated",
    )


def reviewer_words(reviewer: User) -> str:
    return f"{reviewer.full_name} ({reviewer.organisation.name})"


def reallocate_in_region(
    case: Case, *, by, reviewer_id: int, reason: str | None, from_reviewer_id: int | None
) -> bool:
    """The regional coordinator gives the case to a reviewer of any ICB of the region; the case
    stays its ICB's. A reviewer of another ICB gets this case alone (case.reviewer_lent_in).
    `from_reviewer_id` is who had it when the coordinator chose: a change of hands meanwhile is
    refused, not overwritten. False when nothing had to change (a double click)."""
    workflow.lock(case)
    if not access.may(by, Action.COORDINATE_CASE, case):
        raise AllocationError(f"This case has been moved to {case.icb.name}, outside your region")
    if not is_reallocation(case):
        raise AllocationError("This case cannot be reallocated now")
    assert case.reviewer is not None  # is_reallocation(): the case has a reviewer
    if case.reviewer_id != from_reviewer_id:
        if case.reviewer_id == reviewer_id:
            return False
        raise AllocationError(
            f"This case was reallocated to {reviewer_words(case.reviewer)} while you were "
            "choosing: choose again if it should change hands",
            "reviewer",
        )
    reviewer = next(
        (w.reviewer for w in region_workloads(case.icb.parent_id) if w.reviewer.id == reviewer_id),
        None,
    )
    if reviewer is None:
        raise AllocationError("Select a reviewer", "reviewer")
    if reviewer.id == case.reviewer_id:
        raise AllocationError("Select a different reviewer to reallocate the case", "reviewer")
    reason = (reason or "").strip()
    if not reason:
        raise AllocationError("Enter why the case is being reallocated", "reason")
    words = (
        f"Reallocated by the regional coordinator from {reviewer_words(case.reviewer)} "
        f"to {reviewer_words(reviewer)}"
    )
    _hand_over(
        case,
        reviewer,
        by=by,
        details=_allocation_details(words, reason),
        lent_in=reviewer.organisation_id != case.icb_id,
    )
    return True


# --- Holds ------------------------------------------------------------------------------------


def may_hold(case: Case) -> bool:
    return State(case.state) in HOLDABLE_STATES


def open_hold(case: Case) -> CaseHold | None:
    return db.session.scalar(
        select(CaseHold).where(CaseHold.case_id == case.id, CaseHold.ended_at.is_(None))
    )


# An allocation's history line is "<what happened>: <the LAC's note>"; the words before the
# note never contain ": " (they are "Allocated to <name>", "Reallocated from … to …" or the
# regional coordinator's "Reallocated by the regional coordinator from … (ICB) to … (ICB)",
# whose note is the coordinator's reason).
NOTE_AFTER = ": "


def _allocation_details(words: str, note: str | None) -> str:
    return f"{words}{NOTE_AFTER}{note}" if note else words


@dataclass(frozen=True)
class AllocationNote:
    by: str
    at: datetime
    note: str


def allocation_note(case: Case) -> AllocationNote | None:
    """The note the LAC left for the reviewer when the case was last allocated, if any."""
    found = db.session.execute(_allocation_event_query(), {"case_id": case.id}).first()
    if found is None:
        return None
    details, at, by_name = found
    if NOTE_AFTER not in (details or ""):
        return None
    note = (details or "").partition(NOTE_AFTER)[2]
    return AllocationNote(by_name or "The local area contact", at, note)


@cache
def _allocation_event_query() -> Select:
    """Built once: the case overview and the review's task list show the note. The columns it
    shows, not the event with its author and their organisation."""
    return (
        select(CaseEvent.details, CaseEvent.at, User.full_name)
        .outerjoin(User, User.id == CaseEvent.by_id)
        .where(CaseEvent.case_id == bindparam("case_id"), CaseEvent.kind == "allocation")
        .order_by(CaseEvent.id.desc())
        .limit(1)
    )


def hold_reason_words(reason: str, details: str | None) -> str:
    words = reference.label(reference.HOLD_REASONS, reason)
    return f"{words}: {details}" if details else words


def place_on_hold(case: Case, *, by, reason: str, details: str | None = None) -> CaseHold:
    workflow.lock(case)
    if case.state == State.ON_HOLD.value:
        raise AllocationError("This case is already on hold")
    if reason not in dict(reference.HOLD_REASONS):
        raise AllocationError("Select why the case is going on hold", "reason")
    details = details_for_other(
        reason, details, "Enter why the case is going on hold", field="details"
    )
    workflow.transition(case, State.ON_HOLD, by=by, reason=hold_reason_words(reason, details))
    hold = CaseHold(case=case, reason=reason, details=details, started_at=now(), placed_by=by)
    db.session.add(hold)
    return hold


def release_from_hold(case: Case, *, by) -> None:
    """Back to the state the case left; the hold's end is recorded for the hold-adjusted clock."""
    workflow.lock(case)
    if case.state != State.ON_HOLD.value:
        raise AllocationError("This case is no longer on hold")
    if case.state != State.ON_HOLD.value or not case.state_before_hold:
        raise AllocationError("This case cannot come off hold: the state it left was not recorded")
    workflow.transition(case, State(case.state_before_hold), by=by)
    hold = open_hold(case)
    if hold is not None:
        hold.ended_at = now()
        hold.released_by = by


def holds_of(case: Case) -> list[CaseHold]:
    return list(db.session.scalars(_holds_query(), {"case_id": case.id}))


@cache
def _holds_query():
    """Built once: every case overview runs it. Who placed and released each hold is read only
    when asked for, not joined with their organisation on every page."""
    return (
        select(CaseHold)
        .where(CaseHold.case_id == bindparam("case_id"))
        .order_by(CaseHold.started_at)
        .options(lazyload(CaseHold.placed_by), lazyload(CaseHold.released_by))
    )


def days_on_hold(hold: CaseHold, on: date | None = None) -> int:
    """Whole days from the day it started to the day it ended (or today, while still on hold)."""
    end = uk_day(hold.ended_at) if hold.ended_at else (on or clock.today())
    return max(0, (end - uk_day(hold.started_at)).days)


def hold_days(case: Case, on: date | None = None, holds: list[CaseHold] | None = None) -> int:
    return sum(days_on_hold(hold, on) for hold in (holds if holds is not None else holds_of(case)))


@dataclass(frozen=True)
class CaseClocks:
    raw: case_service.Clock
    adjusted: case_service.Clock | None  # None when the case has never been on hold
    days_on_hold: int


def clocks(case: Case, on: date | None = None, holds: list[CaseHold] | None = None) -> CaseClocks:
    """The 6-month clock as notified, and pushed back by the days spent on hold."""
    on = on or clock.today()
    raw = case_service.clock(case, on)
    holds = holds if holds is not None else holds_of(case)
    if not holds:
        return CaseClocks(raw, None, 0)
    days = hold_days(case, on, holds)
    adjusted_due = date.fromordinal(case.due_on.toordinal() + days)
    adjusted = case_service.Clock(due_on=adjusted_due, days_left=(adjusted_due - on).days)
    return CaseClocks(raw, adjusted, days)
