"""After the panel signs off: the offer of the finished review to the family, recorded as the
family's fourth minimum step ("final": when, with whom, what they said, or why it was not
offered) with what only this offer has beside it (how it was sent, in easy read or not, and
whether the family were told the actions the panel agreed). The local area contact closes
the case once it is recorded."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from leder_web.core import access, workflow
from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core.access import Action
from leder_web.core.domain import DomainError, NotAllowedError
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.family_log.service import FamilyLogError, get_person
from leder_web.family_log.steps import current_steps
from leder_web.models import Case
from leder_web.models.family import FamilyStep, FindingsShared

STEP = "final"


@dataclass
class FindingsDetails:
    offered: bool
    # When offered:
    offered_on: date | None = None
    member_id: int | None = None
    method: str | None = None
    easy_read: bool | None = None
    response: str | None = None
    told_actions: bool | None = None
    # When not offered:
    reason: str | None = None
    details: str | None = None


class NotSignedOff(DomainError):
    """The case is not signed off (not yet, or closed since): nothing was recorded."""


class FindingsChanged(DomainError):
    """Someone recorded the findings after this form was opened: nothing was saved."""

    def __init__(self, newer: FindingsShared) -> None:
        who = newer.recorded_by.full_name if newer.recorded_by else "Someone"
        super().__init__(
            f"{who} recorded how the findings were shared at "
            f"{timeutil.uk_time(newer.recorded_at)} while you had this page open. Check what "
            "they recorded, then save yours again if it is still right"
        )
        self.newer = newer


def records(case: Case) -> list[FindingsShared]:
    """Every record of the findings shared, the newest first."""
    return list(
        db.session.scalars(
            select(FindingsShared)
            .where(FindingsShared.case_id == case.id)
            .order_by(FindingsShared.id.desc())
        )
    )


def current(case: Case) -> FindingsShared | None:
    found = records(case)
    return found[0] if found else None


def findings_recorded(case: Case) -> bool:
    """Whether the offer of the finished review (or why it was not made) is recorded."""
    return (
        db.session.scalar(
            select(FindingsShared.id).where(FindingsShared.case_id == case.id).limit(1)
        )
        is not None
    )


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _check(case: Case, details: FindingsDetails) -> None:
    if details.offered:
        if details.offered_on is None:
            raise FamilyLogError("Enter the date it was offered", field="offered_on")
        if details.offered_on > timeutil.today():
            raise FamilyLogError("The date must be today or in the past", field="offered_on")
        if details.member_id is not None:
            get_person(case, details.member_id)
        if details.method not in dict(reference.CONTACT_METHODS):
            raise FamilyLogError("Select how it was offered", field="method")
        if details.easy_read is None:
            raise FamilyLogError("Select whether it was offered in easy read", field="easy_read")
        if _text(details.response) is None:
            raise FamilyLogError("Enter what the family said", field="response")
        if details.told_actions is None:
            raise FamilyLogError(
                "Select whether the family were told the actions", field="told_actions"
            )
        return
    if details.reason not in dict(reference.FAMILY_STEP_REASONS):
        raise FamilyLogError("Select why it was not offered", field="reason")
    if _text(details.details) is None:
        raise FamilyLogError("Enter what happened", field="details")


def record_findings_shared(
    case: Case, details: FindingsDetails, *, by, opened: int | None = None
) -> FindingsShared:
    """Record the offer (or why there was none) as a new record of the family's fourth step,
    superseding the one made before the review was submitted. `opened`: the findings record
    the form was opened on (0 when none), so a colleague's is never overwritten unseen."""
    workflow.lock(case)
    if State(case.state) is not State.SIGNED_OFF:
        raise NotSignedOff(
            "The case is closed: the findings can no longer be recorded"
            if State(case.state) is State.CLOSED
            else "The findings are recorded once the governance panel has signed off the review"
        )
    if not access.may(by, Action.RECORD_FINDINGS, case):
        raise NotAllowedError()
    newest = current(case)
    if opened is not None and (newest.id if newest else 0) != opened:
        assert newest is not None  # a form is never opened on a record that is not there
        raise FindingsChanged(newest)
    _check(case, details)
    before = current_steps(case).get(STEP)
    step = FamilyStep(
        case_id=case.id,
        step=STEP,
        done=details.offered,
        done_on=details.offered_on if details.offered else timeutil.today(),
        member_id=details.member_id if details.offered else None,
        details=_text(details.response if details.offered else details.details),
        reason=None if details.offered else details.reason,
        supersedes_id=before.id if before else None,
        change_reason="Recorded after the panel signed off the review" if before else None,
        recorded_by_id=by.id,
    )
    db.session.add(step)
    db.session.flush()
    shared = FindingsShared(
        case_id=case.id,
        step_id=step.id,
        method=details.method if details.offered else None,
        easy_read=details.easy_read if details.offered else None,
        told_actions=details.told_actions if details.offered else None,
        recorded_by_id=by.id,
    )
    db.session.add(shared)
    db.session.flush()
    return shared


def _yes_no(value: bool | None) -> str:
    return "Not recorded" if value is None else ("Yes" if value else "No")


def findings_rows(case: Case) -> list[tuple[str, str]] | None:
    """The findings shared, as (question, answer) rows for a summary list; None if not
    recorded."""
    shared = current(case)
    if shared is None:
        return None
    step = shared.step
    recorded = (
        f"{shared.recorded_by.full_name if shared.recorded_by else 'Unknown'}, "
        f"{timeutil.uk_datetime(shared.recorded_at)}"
    )
    if not step.done:
        return [
            ("Offered to the family", "No"),
            ("Why not", reference.label(reference.FAMILY_STEP_REASONS, step.reason)),
            ("What happened", step.details),
            ("Recorded by", recorded),
        ]
    rows = [
        ("Offered to the family", f"Yes, on {timeutil.uk_date(step.done_on)}"),
    ]
    if step.member is not None:
        rows.append(("Offered to", step.member.current.name))
    rows += [
        ("How", reference.label(reference.CONTACT_METHODS, shared.method)),
        ("In easy read", _yes_no(shared.easy_read)),
        ("What they said", step.details),
        ("Told the actions the panel agreed", _yes_no(shared.told_actions)),
        ("Recorded by", recorded),
    ]
    return rows
