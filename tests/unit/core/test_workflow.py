"""The workflow's rules: which moves exist, who may make them, when a reason is needed, and
that a hold always ends in the state it interrupted. Anything else raises."""

from types import SimpleNamespace

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import (
    TRANSITIONS,
    State,
    WorkflowError,
    allowed_next_states,
    check_transition,
)

ALLOWED = [
    (frm, to, role) for (frm, to), rule in TRANSITIONS.items() for role in sorted(rule.roles)
]
REFUSED_ROLES = [
    (frm, to, role)
    for (frm, to), rule in TRANSITIONS.items()
    for role in sorted(set(Role) - rule.roles)
]
MISSING_PAIRS = [(frm, to) for frm in State for to in State if (frm, to) not in TRANSITIONS]


def case_in(state: State, before_hold: State | None = None):
    return SimpleNamespace(
        state=state.value, state_before_hold=before_hold.value if before_hold else None
    )


def case_for(frm: State, to: State):
    """A case in `frm`; one on hold left the state it is now going back to."""
    return case_in(frm, before_hold=to if frm is State.ON_HOLD else None)


@pytest.mark.parametrize(("frm", "to", "role"), ALLOWED)
def test_each_listed_move_is_allowed_for_its_roles(frm, to, role):
    check_transition(case_for(frm, to), to, role=role, reason="A reason")


@pytest.mark.parametrize(("frm", "to", "role"), REFUSED_ROLES)
def test_each_listed_move_is_refused_for_every_other_role(frm, to, role):
    with pytest.raises(WorkflowError, match="Your role cannot"):
        check_transition(case_for(frm, to), to, role=role, reason="A reason")


@pytest.mark.parametrize(("frm", "to"), MISSING_PAIRS)
def test_every_move_not_listed_raises_for_everyone(frm, to):
    for role in Role:
        with pytest.raises(WorkflowError, match="cannot go from"):
            check_transition(case_in(frm), to, role=role, reason="A reason")


def test_no_one_signed_out_may_move_a_case():
    with pytest.raises(WorkflowError):
        check_transition(case_in(State.NOTIFIED), State.AWAITING_ALLOCATION, role=None, reason=None)


@pytest.mark.parametrize(
    ("frm", "to"), [pair for pair, rule in TRANSITIONS.items() if rule.reason_required]
)
@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_a_move_that_needs_a_reason_refuses_an_empty_one(frm, to, reason):
    role = sorted(TRANSITIONS[(frm, to)].roles)[0]
    with pytest.raises(WorkflowError, match="A reason is needed"):
        check_transition(case_for(frm, to), to, role=role, reason=reason)


def test_moves_that_need_a_reason_are_the_ones_the_design_names():
    needing = {pair for pair, rule in TRANSITIONS.items() if rule.reason_required}
    assert (State.NOTIFIED, State.NOT_PROCEEDING) in needing
    assert (State.INITIAL_REVIEW, State.ON_HOLD) in needing
    assert (State.NOT_PROCEEDING, State.NOTIFIED) in needing
    assert (State.NOTIFIED, State.AWAITING_ALLOCATION) not in needing


def test_accepting_needs_no_reason():
    check_transition(
        case_in(State.NOTIFIED),
        State.AWAITING_ALLOCATION,
        role=Role.LOCAL_AREA_CONTACT,
        reason=None,
    )


@pytest.mark.parametrize("left", [State.INITIAL_REVIEW, State.FOCUSED_REVIEW])
def test_a_hold_returns_only_to_the_state_it_left(left):
    other = State.FOCUSED_REVIEW if left is State.INITIAL_REVIEW else State.INITIAL_REVIEW
    on_hold = case_in(State.ON_HOLD, before_hold=left)
    check_transition(on_hold, left, role=Role.LOCAL_AREA_CONTACT, reason=None)
    with pytest.raises(WorkflowError, match="to the state it was in before"):
        check_transition(on_hold, other, role=Role.LOCAL_AREA_CONTACT, reason=None)


def test_only_the_lac_releases_a_hold():
    on_hold = case_in(State.ON_HOLD, before_hold=State.INITIAL_REVIEW)
    for role in (Role.REVIEWER, Role.SENIOR_REVIEWER, Role.REGIONAL_COORDINATOR):
        with pytest.raises(WorkflowError):
            check_transition(on_hold, State.INITIAL_REVIEW, role=role, reason=None)


def test_terminal_states_lead_nowhere_except_the_national_reopening():
    assert allowed_next_states(State.CLOSED, Role.NATIONAL_TEAM) == []
    for role in Role:
        expected = [State.NOTIFIED] if role is Role.NATIONAL_TEAM else []
        assert allowed_next_states(State.NOT_PROCEEDING, role) == expected


def test_allowed_next_states_for_the_lac_at_screening():
    assert set(allowed_next_states(State.NOTIFIED, Role.LOCAL_AREA_CONTACT)) == {
        State.AWAITING_ALLOCATION,
        State.NOT_PROCEEDING,
    }
    assert allowed_next_states(State.NOTIFIED, Role.REVIEWER) == []


def test_the_refusal_says_why_in_plain_words():
    with pytest.raises(WorkflowError) as error:
        check_transition(
            case_in(State.NOTIFIED), State.CLOSED, role=Role.LOCAL_AREA_CONTACT, reason=None
        )
    assert str(error.value) == "A case cannot go from new notification to closed"
