"""The family's minimum steps (codes.FAMILY_STEPS), and the family task's status that follows.

The LeDeR policy asks that every family is, as a minimum, told that a review is taking place,
invited to contribute, offered the draft pen portrait and review to comment on, and offered a
copy of the finished review. Each step is recorded as done, or with a reason why it could not
be done. Records are never changed: a later record of a step supersedes the earlier one, and
both are kept (models.family refuses updates and deletes; so does the database).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Select, bindparam, func, or_, select

from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core import workflow
from leder_web.core.domain import DomainError, NotFoundError
from leder_web.core.extensions import db
from leder_web.family_log.service import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    FamilyLogError,
    get_person,
)
from leder_web.models import Case
from leder_web.models.family import (
    SOURCE_STAFF,
    ContactEntry,
    FamilyContactDecision,
    FamilyMember,
    FamilyMemberVersion,
    FamilyStep,
)

STEP_CODES = tuple(code for code, _ in reference.FAMILY_STEPS)
DONE = "done"
NOT_POSSIBLE = "not_possible"


def task_status(step_states: Mapping[str, str | None], other_work: bool) -> str:
    """The family task: Completed when every step is done or has a reason why it could not be
    done; In progress once any step is recorded or anything else is in the log; otherwise Not
    started. `step_states` maps a step to DONE, NOT_POSSIBLE or None (nothing recorded)."""
    states = [step_states.get(code) for code in STEP_CODES]
    if all(state in (DONE, NOT_POSSIBLE) for state in states):
        return COMPLETED
    if other_work or any(state is not None for state in states):
        return IN_PROGRESS
    return NOT_STARTED


def state_of(record: FamilyStep | None) -> str | None:
    if record is None:
        return None
    return DONE if record.done else NOT_POSSIBLE


def step_label(step: str) -> str:
    if step not in STEP_CODES:
        raise NotFoundError()
    return reference.label(reference.FAMILY_STEPS, step)


# --- Reading -------------------------------------------------------------------------------------


def step_records(case: Case) -> list[FamilyStep]:
    """Every record of every step, oldest first."""
    return list(db.session.scalars(_step_records_query(), {"case_id": case.id}))


@cache
def _step_records_query() -> Select:
    """Built once: the family log and the review's task list read the steps on every visit."""
    return (
        select(FamilyStep).where(FamilyStep.case_id == bindparam("case_id")).order_by(FamilyStep.id)
    )


@cache
def _step_done_query() -> Select:
    """Each record's step and whether it was done, oldest first (so the latest of each step
    is the one that stands, as in current_steps)."""
    return (
        select(FamilyStep.step, FamilyStep.done)
        .where(FamilyStep.case_id == bindparam("case_id"))
        .order_by(FamilyStep.id)
    )


def current_steps(case: Case, records: Iterable[FamilyStep] | None = None) -> dict[str, FamilyStep]:
    """The record that stands for each step recorded so far: the latest."""
    current: dict[str, FamilyStep] = {}
    for record in step_records(case) if records is None else records:
        current[record.step] = record
    return current


def latest_record_id(case: Case) -> int:
    """The newest step record of the case (0 when none): what a form was opened on."""
    found = db.session.scalar(select(func.max(FamilyStep.id)).where(FamilyStep.case_id == case.id))
    return found or 0


def _other_work(case: Case) -> bool:
    """Anything a member of staff has put in the log, in one query. The contact and the
    do-not-contact record copied from the notification are not work done."""
    person_added = (
        select(FamilyMember.id)
        .where(FamilyMember.case_id == case.id, FamilyMember.source == SOURCE_STAFF)
        .exists()
    )
    person_corrected = (
        select(FamilyMemberVersion.id)
        .join(FamilyMember)
        .where(FamilyMember.case_id == case.id, FamilyMemberVersion.version > 1)
        .exists()
    )
    contact = select(ContactEntry.id).where(ContactEntry.case_id == case.id).exists()
    decision = (
        select(FamilyContactDecision.id)
        .where(
            FamilyContactDecision.case_id == case.id,
            FamilyContactDecision.made_by_id.is_not(None),
        )
        .exists()
    )
    return bool(db.session.scalar(select(or_(person_added, person_corrected, contact, decision))))


@dataclass(frozen=True)
class FamilyProgress:
    status: str
    recorded: int  # steps done or with a reason why not
    to_record: list[str]  # the labels of the steps with nothing recorded yet

    @property
    def hint(self) -> str:
        total = len(STEP_CODES)
        if not self.to_record:
            return f"All {total} steps with the family are recorded"
        return f"{self.recorded} of {total} steps with the family recorded"


def family_progress(case: Case, records: Iterable[FamilyStep] | None = None) -> FamilyProgress:
    """The family task's status and the steps still to record (`records`: the case's step
    records, when the caller has read them already)."""
    states: dict[str, str | None]
    if records is None:
        # Whether each step was done is all the status needs: not the records with the person
        # and the member of staff each names (the review's task list asks on every visit).
        rows = db.session.execute(_step_done_query(), {"case_id": case.id})
        states = {step: DONE if was_done else NOT_POSSIBLE for step, was_done in rows}
    else:
        states = {step: state_of(record) for step, record in current_steps(case, records).items()}
    recorded = sum(state is not None for state in states.values())
    to_record = [label for code, label in reference.FAMILY_STEPS if code not in states]
    # Only asked when no step is recorded: a recorded step is work done.
    other_work = bool(states) or _other_work(case)
    return FamilyProgress(task_status(states, other_work), recorded, to_record)


def family_task_status(case: Case) -> str:
    """not_started, in_progress or completed (see task_status)."""
    return family_progress(case).status


# --- Recording -----------------------------------------------------------------------------------


class StepsChanged(DomainError):
    """Someone recorded a step after this form was opened: nothing was saved."""

    def __init__(self, newer: FamilyStep) -> None:
        who = newer.recorded_by.full_name if newer.recorded_by else "Someone"
        super().__init__(
            f"{who} recorded “{step_label(newer.step)}” at {timeutil.uk_time(newer.recorded_at)} "
            "while you had this page open. Check what they recorded, then save yours again if "
            "it is still right"
        )
        self.newer = newer


@dataclass
class StepDone:
    done_on: date
    details: str
    member_id: int | None = None
    explained_limits: bool = False
    family_comments: str | None = None
    how_reflected: str | None = None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _check_done(case: Case, step: str, done: StepDone) -> None:
    if done.done_on > timeutil.today():
        raise FamilyLogError("The date must be today or in the past", field="done_on")
    if _text(done.details) is None:
        raise FamilyLogError("Enter what was said or sent", field="details")
    if done.member_id is not None:
        get_person(case, done.member_id)
    if step == "told" and not done.explained_limits:
        raise FamilyLogError(
            "Confirm that you explained what a LeDeR review can and cannot do",
            field="explained_limits",
        )
    if step == "draft" and _text(done.family_comments) and not _text(done.how_reflected):
        raise FamilyLogError(
            "Enter how the family's comments are reflected in the review", field="how_reflected"
        )


def _check_opened(case: Case, step: str | None, opened: int | None) -> dict[str, FamilyStep]:
    """Lock the case, then refuse if a step was recorded since the form was opened on
    `opened` (the step's current record id, or the case's newest when `step` is None)."""
    workflow.lock(case)
    records = step_records(case)
    current = current_steps(case, records)
    if opened is not None:
        newest = current.get(step) if step else (records[-1] if records else None)
        if (newest.id if newest else 0) != opened:
            assert newest is not None  # a form is never opened on a record that is not there
            raise StepsChanged(newest)
    return current


def record_step_done(
    case: Case,
    step: str,
    done: StepDone,
    *,
    by,
    opened: int | None = None,
    change_reason: str | None = None,
) -> FamilyStep:
    """Record that `step` was done. Over an earlier record that it was done, this is a
    correction and needs a reason; over a reason why it could not be, it is progress."""
    step_label(step)
    current = _check_opened(case, step, opened).get(step)
    _check_done(case, step, done)
    if current is not None and current.done and _text(change_reason) is None:
        raise FamilyLogError("Enter the reason for the change", field="change_reason")
    record = FamilyStep(
        case_id=case.id,
        step=step,
        done=True,
        done_on=done.done_on,
        member_id=done.member_id,
        details=_text(done.details),
        explained_limits=bool(done.explained_limits) if step == "told" else False,
        family_comments=_text(done.family_comments) if step == "draft" else None,
        how_reflected=_text(done.how_reflected) if step == "draft" else None,
        supersedes_id=current.id if current else None,
        change_reason=_text(change_reason) if current else None,
        recorded_by_id=by.id,
    )
    db.session.add(record)
    db.session.flush()
    return record


def record_steps_not_possible(
    case: Case,
    steps: list[str],
    reason: str | None,
    details: str | None,
    *,
    by,
    opened: int | None = None,
) -> list[FamilyStep]:
    """Record why each of `steps` could not be done: one structured reason and its details,
    a record for each step. A step recorded as done is corrected on its own page instead."""
    chosen = [code for code in STEP_CODES if code in set(steps or [])]
    if not chosen or len(chosen) != len(set(steps)):
        raise FamilyLogError("Select the steps that could not be done", field="steps")
    if reason not in dict(reference.FAMILY_STEP_REASONS):
        raise FamilyLogError("Select why they could not be done", field="reason")
    if _text(details) is None:
        raise FamilyLogError("Enter what happened", field="details")
    current = _check_opened(case, None, opened)
    for code in chosen:
        if current.get(code) is not None and current[code].done:
            raise FamilyLogError(
                f"“{step_label(code)}” is recorded as done. To correct it, change that step",
                field="steps",
            )
    records = [
        FamilyStep(
            case_id=case.id,
            step=code,
            done=False,
            done_on=timeutil.today(),
            details=_text(details),
            reason=reason,
            supersedes_id=current[code].id if code in current else None,
            recorded_by_id=by.id,
        )
        for code in chosen
    ]
    db.session.add_all(records)
    db.session.flush()
    return records
