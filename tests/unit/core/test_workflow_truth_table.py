"""The life of a case, written out by hand: for every state a case can leave, every state it could
go to and every role, whether the move is allowed and whether it needs a reason.

The allowed moves are typed out below and never read from leder_web.core.workflow, so adding,
dropping or widening a move, or making a reason optional, fails a test that names the move.
"""

from types import SimpleNamespace

import pytest

from leder_web.core.roles import Role
from leder_web.core.workflow import State, WorkflowError, allowed_next_states, check_transition

NOTIFIED = State.NOTIFIED
NOT_PROCEEDING = State.NOT_PROCEEDING
AWAITING_ALLOCATION = State.AWAITING_ALLOCATION
INITIAL_REVIEW = State.INITIAL_REVIEW
FOCUSED_REVIEW = State.FOCUSED_REVIEW
ON_HOLD = State.ON_HOLD
QUALITY_ASSURANCE = State.QUALITY_ASSURANCE
AWAITING_PANEL = State.AWAITING_PANEL
SIGNED_OFF = State.SIGNED_OFF
CLOSED = State.CLOSED
STATES = [
    NOTIFIED,
    NOT_PROCEEDING,
    AWAITING_ALLOCATION,
    INITIAL_REVIEW,
    FOCUSED_REVIEW,
    ON_HOLD,
    QUALITY_ASSURANCE,
    AWAITING_PANEL,
    SIGNED_OFF,
    CLOSED,
]

NATIONAL_TEAM = Role.NATIONAL_TEAM
COORDINATOR = Role.REGIONAL_COORDINATOR
LAC = Role.LOCAL_AREA_CONTACT
REVIEWER = Role.REVIEWER
SENIOR = Role.SENIOR_REVIEWER
PANEL = Role.PANEL_MEMBER
ADVISORY = Role.ADVISORY_GROUP
ACADEMIC = Role.ACADEMIC_PARTNER
ROLES = [NATIONAL_TEAM, COORDINATOR, LAC, REVIEWER, SENIOR, PANEL, ADVISORY, ACADEMIC]

REASON = True
NO_REASON = False

# Every allowed move: (from, to, role, whether a reason is needed). Everything else is refused.
ALLOWED = [
    # Screening: the LAC accepts, or decides not to proceed and says why.
    (NOTIFIED, AWAITING_ALLOCATION, LAC, NO_REASON),
    (NOTIFIED, NOT_PROCEEDING, LAC, REASON),
    # Only the national team reopens a case that is not proceeding, and says why.
    (NOT_PROCEEDING, NOTIFIED, NATIONAL_TEAM, REASON),
    # The LAC allocates.
    (AWAITING_ALLOCATION, INITIAL_REVIEW, LAC, NO_REASON),
    # Initial review: a hold, submission for quality assurance, or a focused review.
    (INITIAL_REVIEW, ON_HOLD, LAC, REASON),
    (INITIAL_REVIEW, ON_HOLD, REVIEWER, REASON),
    (INITIAL_REVIEW, ON_HOLD, SENIOR, REASON),
    (INITIAL_REVIEW, QUALITY_ASSURANCE, REVIEWER, NO_REASON),
    (INITIAL_REVIEW, QUALITY_ASSURANCE, SENIOR, NO_REASON),
    (INITIAL_REVIEW, FOCUSED_REVIEW, REVIEWER, REASON),
    (INITIAL_REVIEW, FOCUSED_REVIEW, SENIOR, REASON),
    # Focused review: a hold, or submission for quality assurance.
    (FOCUSED_REVIEW, ON_HOLD, LAC, REASON),
    (FOCUSED_REVIEW, ON_HOLD, REVIEWER, REASON),
    (FOCUSED_REVIEW, ON_HOLD, SENIOR, REASON),
    (FOCUSED_REVIEW, QUALITY_ASSURANCE, REVIEWER, NO_REASON),
    (FOCUSED_REVIEW, QUALITY_ASSURANCE, SENIOR, NO_REASON),
    # The LAC releases a hold (only to the state the case left: see the tests below).
    (ON_HOLD, INITIAL_REVIEW, LAC, NO_REASON),
    (ON_HOLD, FOCUSED_REVIEW, LAC, NO_REASON),
    # Quality assurance: a senior reviewer approves, or sends back with comments.
    (QUALITY_ASSURANCE, AWAITING_PANEL, SENIOR, NO_REASON),
    (QUALITY_ASSURANCE, INITIAL_REVIEW, SENIOR, REASON),
    (QUALITY_ASSURANCE, FOCUSED_REVIEW, SENIOR, REASON),
    # The panel signs off, or sends back with reasons.
    (AWAITING_PANEL, SIGNED_OFF, PANEL, NO_REASON),
    (AWAITING_PANEL, INITIAL_REVIEW, PANEL, REASON),
    (AWAITING_PANEL, FOCUSED_REVIEW, PANEL, REASON),
    # Closing once the findings have been shared with the family.
    (SIGNED_OFF, CLOSED, LAC, NO_REASON),
]
ALLOWED_MOVES = {(frm, to, role): reason for frm, to, role, reason in ALLOWED}
EXISTING_PAIRS = {(frm, to) for frm, to, _role, _reason in ALLOWED}

BLANK_REASONS = [None, "", " ", "   ", "\t", "\n", " \t\r\n "]


def case_in(state: State, before_hold: State | None = None):
    return SimpleNamespace(
        state=state.value, state_before_hold=before_hold.value if before_hold else None
    )


def case_for(frm: State, to: State):
    """A case in `frm`; a case on hold left the state it is now going back to."""
    return case_in(frm, before_hold=to if frm is ON_HOLD else None)


def _refusal(frm: State, to: State, role: Role | None, reason: str | None) -> str | None:
    try:
        check_transition(case_for(frm, to), to, role=role, reason=reason)
    except WorkflowError as error:
        return str(error)
    return None


def test_the_table_lists_no_move_twice():
    assert len(ALLOWED_MOVES) == len(ALLOWED) == 25


# --- Every (from, to, role) -------------------------------------------------------------------


@pytest.mark.parametrize("to", STATES)
@pytest.mark.parametrize("frm", STATES)
def test_every_move_for_every_role(frm, to):
    """Each role may make the move exactly when the table lists it; with a reason given, so
    only the move and the role decide."""
    wrong = []
    for role in ROLES:
        refused = _refusal(frm, to, role, "A reason")
        allowed = (frm, to, role) in ALLOWED_MOVES
        if allowed and refused:
            wrong.append(f"{frm} -> {to} as {role}: should be allowed, refused: {refused}")
        if not allowed and not refused:
            wrong.append(f"{frm} -> {to} as {role}: should be refused")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("to", STATES)
@pytest.mark.parametrize("frm", STATES)
def test_a_refusal_says_whether_the_move_or_the_role_is_wrong(frm, to):
    for role in ROLES:
        if (frm, to, role) in ALLOWED_MOVES:
            continue
        with pytest.raises(WorkflowError) as error:
            check_transition(case_for(frm, to), to, role=role, reason="A reason")
        if (frm, to) in EXISTING_PAIRS:
            assert str(error.value).startswith("Your role cannot move a case to"), role
        else:
            assert str(error.value).startswith("A case cannot go from"), role


@pytest.mark.parametrize("to", STATES)
@pytest.mark.parametrize("frm", STATES)
def test_no_one_without_a_role_may_move_a_case(frm, to):
    with pytest.raises(WorkflowError):
        check_transition(case_for(frm, to), to, role=None, reason="A reason")


# --- Reasons ----------------------------------------------------------------------------------

NEEDING_A_REASON = [
    pytest.param(frm, to, role, id=f"{frm}-{to}-{role}")
    for frm, to, role, reason in ALLOWED
    if reason is REASON
]
NEEDING_NO_REASON = [
    pytest.param(frm, to, role, id=f"{frm}-{to}-{role}")
    for frm, to, role, reason in ALLOWED
    if reason is NO_REASON
]


def test_the_moves_that_need_a_reason():
    assert sorted(f"{p.values[0]} -> {p.values[1]} as {p.values[2]}" for p in NEEDING_A_REASON) == [
        "awaiting_panel -> focused_review as panel_member",
        "awaiting_panel -> initial_review as panel_member",
        "focused_review -> on_hold as local_area_contact",
        "focused_review -> on_hold as reviewer",
        "focused_review -> on_hold as senior_reviewer",
        "initial_review -> focused_review as reviewer",
        "initial_review -> focused_review as senior_reviewer",
        "initial_review -> on_hold as local_area_contact",
        "initial_review -> on_hold as reviewer",
        "initial_review -> on_hold as senior_reviewer",
        "not_proceeding -> notified as national_team",
        "notified -> not_proceeding as local_area_contact",
        "quality_assurance -> focused_review as senior_reviewer",
        "quality_assurance -> initial_review as senior_reviewer",
    ]


@pytest.mark.parametrize(("frm", "to", "role"), NEEDING_A_REASON)
@pytest.mark.parametrize("reason", BLANK_REASONS, ids=repr)
def test_a_move_that_needs_a_reason_refuses_a_blank_one(frm, to, role, reason):
    with pytest.raises(WorkflowError, match=r"^A reason is needed for this change$"):
        check_transition(case_for(frm, to), to, role=role, reason=reason)


@pytest.mark.parametrize(("frm", "to", "role"), NEEDING_A_REASON)
def test_a_move_that_needs_a_reason_takes_one_with_words_in_it(frm, to, role):
    check_transition(case_for(frm, to), to, role=role, reason="  Coroner's inquest  ")
    check_transition(case_for(frm, to), to, role=role, reason="x")


@pytest.mark.parametrize(("frm", "to", "role"), NEEDING_NO_REASON)
@pytest.mark.parametrize("reason", [*BLANK_REASONS, "A note"], ids=repr)
def test_a_move_that_needs_no_reason_takes_any_or_none(frm, to, role, reason):
    check_transition(case_for(frm, to), to, role=role, reason=reason)


def test_a_blank_reason_does_not_hide_a_wrong_role():
    with pytest.raises(WorkflowError, match=r"^Your role cannot"):
        check_transition(case_in(NOTIFIED), NOT_PROCEEDING, role=REVIEWER, reason="")


# --- Holds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "other"),
    [(INITIAL_REVIEW, FOCUSED_REVIEW), (FOCUSED_REVIEW, INITIAL_REVIEW)],
)
def test_a_hold_is_released_only_to_the_state_the_case_left(left, other):
    on_hold = case_in(ON_HOLD, before_hold=left)
    check_transition(on_hold, left, role=LAC, reason=None)
    with pytest.raises(
        WorkflowError, match=r"^A case comes off hold to the state it was in before$"
    ):
        check_transition(on_hold, other, role=LAC, reason=None)
    with pytest.raises(
        WorkflowError, match=r"^A case comes off hold to the state it was in before$"
    ):
        check_transition(on_hold, other, role=LAC, reason="The family is ready")


@pytest.mark.parametrize("to", [INITIAL_REVIEW, FOCUSED_REVIEW])
def test_a_hold_whose_earlier_state_was_not_recorded_cannot_be_released(to):
    with pytest.raises(WorkflowError, match=r"^A case comes off hold"):
        check_transition(case_in(ON_HOLD, before_hold=None), to, role=LAC, reason=None)


@pytest.mark.parametrize("left", [INITIAL_REVIEW, FOCUSED_REVIEW])
@pytest.mark.parametrize("role", [r for r in ROLES if r is not LAC])
def test_only_the_lac_releases_a_hold(left, role):
    with pytest.raises(WorkflowError, match=r"^Your role cannot"):
        check_transition(case_in(ON_HOLD, before_hold=left), left, role=role, reason="A reason")


@pytest.mark.parametrize("left", [INITIAL_REVIEW, FOCUSED_REVIEW])
@pytest.mark.parametrize(
    "to", [s for s in STATES if s not in (INITIAL_REVIEW, FOCUSED_REVIEW)], ids=str
)
def test_a_hold_leads_nowhere_but_back_to_review(left, to):
    """Even a hold that somehow recorded another state cannot be released into it."""
    for before in (left, to):
        with pytest.raises(WorkflowError, match=r"^A case cannot go from on hold"):
            check_transition(case_in(ON_HOLD, before_hold=before), to, role=LAC, reason="x")


@pytest.mark.parametrize(
    "frm", [s for s in STATES if s not in (INITIAL_REVIEW, FOCUSED_REVIEW)], ids=str
)
def test_only_a_case_under_review_can_go_on_hold(frm):
    for role in ROLES:
        with pytest.raises(WorkflowError):
            check_transition(case_in(frm), ON_HOLD, role=role, reason="Police investigation")


# --- The next states offered to each role -----------------------------------------------------

NEXT_STATES = {
    (NOTIFIED, LAC): {AWAITING_ALLOCATION, NOT_PROCEEDING},
    (NOT_PROCEEDING, NATIONAL_TEAM): {NOTIFIED},
    (AWAITING_ALLOCATION, LAC): {INITIAL_REVIEW},
    (INITIAL_REVIEW, LAC): {ON_HOLD},
    (INITIAL_REVIEW, REVIEWER): {ON_HOLD, QUALITY_ASSURANCE, FOCUSED_REVIEW},
    (INITIAL_REVIEW, SENIOR): {ON_HOLD, QUALITY_ASSURANCE, FOCUSED_REVIEW},
    (FOCUSED_REVIEW, LAC): {ON_HOLD},
    (FOCUSED_REVIEW, REVIEWER): {ON_HOLD, QUALITY_ASSURANCE},
    (FOCUSED_REVIEW, SENIOR): {ON_HOLD, QUALITY_ASSURANCE},
    # Both are offered for the state alone; the case's own earlier state decides at release.
    (ON_HOLD, LAC): {INITIAL_REVIEW, FOCUSED_REVIEW},
    (QUALITY_ASSURANCE, SENIOR): {AWAITING_PANEL, INITIAL_REVIEW, FOCUSED_REVIEW},
    (AWAITING_PANEL, PANEL): {SIGNED_OFF, INITIAL_REVIEW, FOCUSED_REVIEW},
    (SIGNED_OFF, LAC): {CLOSED},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_allowed_next_states(state, role):
    offered = allowed_next_states(state, role)
    assert len(offered) == len(set(offered))
    assert set(offered) == NEXT_STATES.get((state, role), set())


def test_the_next_states_agree_with_the_moves():
    """The two hand-written tables above say the same thing."""
    from_moves: dict[tuple[State, Role], set[State]] = {}
    for frm, to, role, _reason in ALLOWED:
        from_moves.setdefault((frm, role), set()).add(to)
    assert from_moves == NEXT_STATES


@pytest.mark.parametrize("role", ROLES)
def test_a_closed_case_goes_nowhere(role):
    assert allowed_next_states(CLOSED, role) == []
