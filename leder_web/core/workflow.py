"""The life of a case: states, the transitions allowed between them, and who may make each.

Every state change goes through transition(), which records who, when, from, to and why.
Anything not listed here raises WorkflowError. Which cases a user may touch at all (their
ICB, their allocation) is decided by leder_web.core.access, not here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, bindparam

from leder_web.core.domain import RuleError
from leder_web.core.roles import REVIEWERS, Role


class State(StrEnum):
    NOTIFIED = "notified"
    NOT_PROCEEDING = "not_proceeding"
    AWAITING_ALLOCATION = "awaiting_allocation"
    INITIAL_REVIEW = "initial_review"
    FOCUSED_REVIEW = "focused_review"
    ON_HOLD = "on_hold"
    QUALITY_ASSURANCE = "quality_assurance"
    AWAITING_PANEL = "awaiting_panel"
    SIGNED_OFF = "signed_off"
    CLOSED = "closed"


STATE_LABELS = {
    State.NOTIFIED: "New notification",
    State.NOT_PROCEEDING: "Not proceeding",
    State.AWAITING_ALLOCATION: "Awaiting allocation",
    State.INITIAL_REVIEW: "Initial review",
    State.FOCUSED_REVIEW: "Focused review",
    State.ON_HOLD: "On hold",
    State.QUALITY_ASSURANCE: "Quality assurance",
    State.AWAITING_PANEL: "Awaiting panel",
    State.SIGNED_OFF: "Signed off",
    State.CLOSED: "Closed",
}

# GOV.UK tag colour per state, so the state reads the same on every list.
STATE_TAG_CLASSES = {
    State.NOTIFIED: "govuk-tag--blue",
    State.NOT_PROCEEDING: "govuk-tag--grey",
    State.AWAITING_ALLOCATION: "govuk-tag--yellow",
    State.INITIAL_REVIEW: "govuk-tag--light-blue",
    State.FOCUSED_REVIEW: "govuk-tag--purple",
    State.ON_HOLD: "govuk-tag--orange",
    State.QUALITY_ASSURANCE: "govuk-tag--turquoise",
    State.AWAITING_PANEL: "govuk-tag--pink",
    State.SIGNED_OFF: "govuk-tag--green",
    State.CLOSED: "govuk-tag--grey",
}

REVIEWING_STATES = frozenset({State.INITIAL_REVIEW, State.FOCUSED_REVIEW})
OPEN_STATES = frozenset(State) - {State.NOT_PROCEEDING, State.CLOSED}


def in_states(column, states: Iterable[State]) -> ColumnElement[bool]:
    """`column IN (the states)`, with the states written into the SQL, not sent as parameters.

    A statement a page runs again and again is prepared on its connection, and PostgreSQL may
    then plan it once for whatever its parameters hold (a generic plan). With the states as
    parameters, that plan cannot tell how few cases are in them: at national scale, listing an
    ICB's few open cases walked every case in England by due date (10 ms, not 0.5). Written in,
    every plan knows them. Only for the workflow's own constant states."""
    values = sorted(state.value for state in states)  # the same SQL in every process
    return column.in_(bindparam(None, values, expanding=True, literal_execute=True))


LAC = Role.LOCAL_AREA_CONTACT


@dataclass(frozen=True)
class Transition:
    roles: frozenset[Role]
    reason_required: bool = False


def _t(*roles: Role, reason: bool = False) -> Transition:
    return Transition(frozenset(roles), reason)


TRANSITIONS: dict[tuple[State, State], Transition] = {
    (State.NOTIFIED, State.AWAITING_ALLOCATION): _t(LAC),
    (State.NOTIFIED, State.NOT_PROCEEDING): _t(LAC, reason=True),
    (State.NOT_PROCEEDING, State.NOTIFIED): _t(Role.NATIONAL_TEAM, reason=True),
    (State.AWAITING_ALLOCATION, State.INITIAL_REVIEW): _t(LAC),
    (State.INITIAL_REVIEW, State.ON_HOLD): _t(LAC, *REVIEWERS, reason=True),
    (State.INITIAL_REVIEW, State.QUALITY_ASSURANCE): _t(*REVIEWERS),
    (State.INITIAL_REVIEW, State.FOCUSED_REVIEW): _t(*REVIEWERS, reason=True),
    (State.FOCUSED_REVIEW, State.ON_HOLD): _t(LAC, *REVIEWERS, reason=True),
    (State.FOCUSED_REVIEW, State.QUALITY_ASSURANCE): _t(*REVIEWERS),
    # Release from hold goes back to the state the case left (checked in transition()).
    (State.ON_HOLD, State.INITIAL_REVIEW): _t(LAC),
    (State.ON_HOLD, State.FOCUSED_REVIEW): _t(LAC),
    (State.QUALITY_ASSURANCE, State.AWAITING_PANEL): _t(Role.SENIOR_REVIEWER),
    (State.QUALITY_ASSURANCE, State.INITIAL_REVIEW): _t(Role.SENIOR_REVIEWER, reason=True),
    (State.QUALITY_ASSURANCE, State.FOCUSED_REVIEW): _t(Role.SENIOR_REVIEWER, reason=True),
    (State.AWAITING_PANEL, State.SIGNED_OFF): _t(Role.PANEL_MEMBER),
    (State.AWAITING_PANEL, State.INITIAL_REVIEW): _t(Role.PANEL_MEMBER, reason=True),
    (State.AWAITING_PANEL, State.FOCUSED_REVIEW): _t(Role.PANEL_MEMBER, reason=True),
    # The LAC closes the case, once the findings shared with the family are recorded.
    (State.SIGNED_OFF, State.CLOSED): _t(LAC),
}


class WorkflowError(RuleError):
    """A state change the workflow does not allow; the message says why in plain words."""


def allowed_next_states(state: State, role: Role) -> list[State]:
    return [to for (frm, to), rule in TRANSITIONS.items() if frm == state and role in rule.roles]


def check_transition(case, to_state: State, *, role: Role | None, reason: str | None) -> None:
    from_state = State(case.state)
    rule = TRANSITIONS.get((from_state, to_state))
    if rule is None:
        raise WorkflowError(
            f"A case cannot go from {STATE_LABELS[from_state].lower()} "
            f"to {STATE_LABELS[to_state].lower()}"
        )
    if role is None or role not in rule.roles:
        raise WorkflowError(f"Your role cannot move a case to {STATE_LABELS[to_state].lower()}")
    if rule.reason_required and not (reason or "").strip():
        raise WorkflowError("A reason is needed for this change")
    if from_state is State.ON_HOLD and case.state_before_hold != to_state:
        raise WorkflowError("A case comes off hold to the state it was in before")


def lock(case) -> None:
    """Hold the case's row until the change is committed, reading it afresh.

    Every command that changes a case calls this first, before it checks anything: of two
    people acting on one case at the same moment, the second waits for the first to finish,
    then sees what the first did and is refused with a clear message if the case has moved on.
    (PostgreSQL's SELECT ... FOR UPDATE; SQLite allows one writer at a time anyway.)
    """
    from sqlalchemy import select

    from leder_web.core.extensions import db

    db.session.flush()  # what this request already changed is kept, not read over
    model = type(case)
    # The row alone (its eager-loaded joins cannot be locked), then the case read afresh.
    db.session.execute(select(model.id).where(model.id == case.id).with_for_update())
    db.session.refresh(case)


def transition(case, to_state: State, *, by, reason: str | None = None):
    """Move a case to another state and record it. `by` is the signed-in user."""
    from leder_web.core.extensions import db
    from leder_web.models.cases import CaseEvent

    role = by.role_enum if by is not None else None
    check_transition(case, to_state, role=role, reason=reason)
    from_state = State(case.state)
    if to_state is State.ON_HOLD:
        case.state_before_hold = from_state.value
    elif from_state is State.ON_HOLD:
        case.state_before_hold = None
    case.state = to_state.value
    event = CaseEvent(
        case=case,
        kind="state",
        by=by,
        from_state=from_state.value,
        to_state=to_state.value,
        details=(reason or "").strip() or None,
    )
    db.session.add(event)
    return event
