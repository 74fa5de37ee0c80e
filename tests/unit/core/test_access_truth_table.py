"""Who may do what with one case, written out by hand: every role, every relation of the user to
the case, every state of the case and every action.

The expectations are typed out here and never read from leder_web.core.access, so loosening or
tightening a rule fails a test whose name gives the action, the role, the relation and the state.

The case always belongs to the Birmingham ICB, in the Midlands region. The relation says where
the user sits. Outside their own ICB the user holds the case's reviewer id on purpose: being
"allocated" must never let anyone in from another organisation, so the organisation check alone
has to refuse them. The one exception is explicit: a case the regional coordinator has lent to a
reviewer of another ICB of the region (the case's reviewer_lent_in), for that reviewer alone.
"""

from types import SimpleNamespace

import pytest

from leder_web.core.access import Action, can_see_organisation, may
from leder_web.core.roles import OrgKind, Role
from leder_web.core.workflow import State

# --- Organisations ----------------------------------------------------------------------------

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)
BLACK_COUNTRY = SimpleNamespace(id=11, kind=OrgKind.ICB, parent_id=2)
KENT = SimpleNamespace(id=20, kind=OrgKind.ICB, parent_id=3)

USER_ID = 501
ANOTHER_REVIEWER_ID = 502

# --- Relations of the user to the case --------------------------------------------------------

OWN_ICB_ALLOCATED = "own ICB, allocated to them"
OWN_ICB_NOT_ALLOCATED = "own ICB, allocated to someone else"
OTHER_ICB_SAME_REGION = "another ICB in the same region"
OTHER_REGION_ICB = "an ICB in another region"
LENT_IN = "another ICB in the same region, lent in by the regional coordinator"
LENT_TO_SOMEONE_ELSE = "another ICB in the same region, the case lent to someone else"
LENT_IN_FROM_OTHER_REGION = "an ICB in another region, the case marked as lent to them"
OWN_REGION = "the case's region"
OTHER_REGION = "another region"
NATIONAL_SCOPE = "national"

# relation: (the user's organisation, whether the case's reviewer id is the user's id,
#            whether the case is marked as lent to a reviewer of another ICB)
PLACES = {
    OWN_ICB_ALLOCATED: (BIRMINGHAM, True, False),
    OWN_ICB_NOT_ALLOCATED: (BIRMINGHAM, False, False),
    OTHER_ICB_SAME_REGION: (BLACK_COUNTRY, True, False),
    OTHER_REGION_ICB: (KENT, True, False),
    OWN_REGION: (MIDLANDS, True, False),
    OTHER_REGION: (SOUTH_EAST, True, False),
    NATIONAL_SCOPE: (ENGLAND, True, False),
    LENT_IN: (BLACK_COUNTRY, True, True),
    LENT_TO_SOMEONE_ELSE: (BLACK_COUNTRY, False, True),
    LENT_IN_FROM_OTHER_REGION: (KENT, True, True),
}
RELATIONS = list(PLACES)

# --- Roles, states and actions, short names for the table -------------------------------------

NATIONAL_TEAM = Role.NATIONAL_TEAM
COORDINATOR = Role.REGIONAL_COORDINATOR
LAC = Role.LOCAL_AREA_CONTACT
REVIEWER = Role.REVIEWER
SENIOR = Role.SENIOR_REVIEWER
PANEL = Role.PANEL_MEMBER
ADVISORY = Role.ADVISORY_GROUP
ACADEMIC = Role.ACADEMIC_PARTNER
ROLES = [NATIONAL_TEAM, COORDINATOR, LAC, REVIEWER, SENIOR, PANEL, ADVISORY, ACADEMIC]

STATES = [
    State.NOTIFIED,
    State.NOT_PROCEEDING,
    State.AWAITING_ALLOCATION,
    State.INITIAL_REVIEW,
    State.FOCUSED_REVIEW,
    State.ON_HOLD,
    State.QUALITY_ASSURANCE,
    State.AWAITING_PANEL,
    State.SIGNED_OFF,
    State.CLOSED,
]
EVERY_STATE = frozenset(STATES)
REVIEWING = frozenset({State.INITIAL_REVIEW, State.FOCUSED_REVIEW})
BEFORE_PANEL_AND_AFTER = frozenset({State.AWAITING_PANEL, State.SIGNED_OFF, State.CLOSED})
SIGNED_OFF_OR_CLOSED = frozenset({State.SIGNED_OFF, State.CLOSED})

# --- The truth table --------------------------------------------------------------------------
# Per action: (role, relation) -> the states in which it is allowed. Every pair not listed is
# refused in every state.

EXPECTED: dict[Action, dict[tuple[Role, str], frozenset[State]]] = {
    Action.VIEW_CASE: {
        (NATIONAL_TEAM, OWN_ICB_ALLOCATED): EVERY_STATE,
        (NATIONAL_TEAM, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (NATIONAL_TEAM, OWN_REGION): EVERY_STATE,
        (NATIONAL_TEAM, NATIONAL_SCOPE): EVERY_STATE,
        (COORDINATOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_REGION): EVERY_STATE,
        (COORDINATOR, NATIONAL_SCOPE): EVERY_STATE,
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (REVIEWER, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (PANEL, OWN_ICB_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (PANEL, OWN_ICB_NOT_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (REVIEWER, LENT_IN): EVERY_STATE,
        (SENIOR, LENT_IN): EVERY_STATE,
    },
    Action.SCREEN_CASE: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
    },
    Action.MANAGE_CASE: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
    },
    Action.EDIT_REVIEW: {
        (REVIEWER, OWN_ICB_ALLOCATED): REVIEWING,
        (SENIOR, OWN_ICB_ALLOCATED): REVIEWING,
        (SENIOR, OWN_ICB_NOT_ALLOCATED): REVIEWING,
        (REVIEWER, LENT_IN): REVIEWING,
        (SENIOR, LENT_IN): REVIEWING,
    },
    Action.READ_REVIEW: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (REVIEWER, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (PANEL, OWN_ICB_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (PANEL, OWN_ICB_NOT_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (REVIEWER, LENT_IN): EVERY_STATE,
        (SENIOR, LENT_IN): EVERY_STATE,
    },
    Action.FAMILY_LOG: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (REVIEWER, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (REVIEWER, LENT_IN): EVERY_STATE,
        (SENIOR, LENT_IN): EVERY_STATE,
    },
    Action.FAMILY_SUMMARY: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (REVIEWER, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (PANEL, OWN_ICB_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (PANEL, OWN_ICB_NOT_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (REVIEWER, LENT_IN): EVERY_STATE,
        (SENIOR, LENT_IN): EVERY_STATE,
    },
    Action.FAMILY_SUMMARY_ONLY: {
        (PANEL, OWN_ICB_ALLOCATED): BEFORE_PANEL_AND_AFTER,
        (PANEL, OWN_ICB_NOT_ALLOCATED): BEFORE_PANEL_AND_AFTER,
    },
    # Which states a hold can be placed in is the workflow's rule, not this one's.
    Action.HOLD_CASE: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (REVIEWER, OWN_ICB_ALLOCATED): EVERY_STATE,
        (SENIOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (REVIEWER, LENT_IN): EVERY_STATE,
        (SENIOR, LENT_IN): EVERY_STATE,
    },
    Action.ESCALATE: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
    },
    Action.ESCALATION_THREAD: {
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_REGION): EVERY_STATE,
        (COORDINATOR, NATIONAL_SCOPE): EVERY_STATE,
    },
    Action.COORDINATE_CASE: {
        (COORDINATOR, OWN_ICB_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (COORDINATOR, OWN_REGION): EVERY_STATE,
        (COORDINATOR, NATIONAL_SCOPE): EVERY_STATE,
    },
    # Only a "no" can be re-opened, and only while the case is in its initial review: a "yes"
    # has moved the case on to the focused review.
    Action.REOPEN_FOCUSED_DECISION: {
        (LAC, OWN_ICB_ALLOCATED): frozenset({State.INITIAL_REVIEW}),
        (LAC, OWN_ICB_NOT_ALLOCATED): frozenset({State.INITIAL_REVIEW}),
    },
    # A case with an ICB is never routed again (see test_routing_access.py for those without).
    Action.ROUTE_CASE: {},
    # Which states can be re-opened is the workflow's rule (not proceeding only), not this one's.
    Action.REOPEN_CASE: {
        (NATIONAL_TEAM, OWN_ICB_ALLOCATED): EVERY_STATE,
        (NATIONAL_TEAM, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (NATIONAL_TEAM, OWN_REGION): EVERY_STATE,
        (NATIONAL_TEAM, NATIONAL_SCOPE): EVERY_STATE,
    },
    # A senior reviewer of the case's ICB, while the review waits for quality assurance. The
    # allocated one too here: that they wrote it is refused by the quality assurance service
    # (tests/integration/qa). Lent in from another ICB: no.
    Action.QUALITY_ASSURE: {
        (SENIOR, OWN_ICB_ALLOCATED): frozenset({State.QUALITY_ASSURANCE}),
        (SENIOR, OWN_ICB_NOT_ALLOCATED): frozenset({State.QUALITY_ASSURANCE}),
    },
    # The governance panel works on cases awaiting panel in its own ICB; the LAC puts cases on
    # the agenda; only panel members record decisions and confirm sign-off (the chair alone,
    # checked by the panel with the group's chair: tests/integration/panel).
    # Who has seen the record: the case's ICB's LAC, and the national team wherever they can
    # see the case.
    Action.SEE_AUDIT: {
        (NATIONAL_TEAM, OWN_ICB_ALLOCATED): EVERY_STATE,
        (NATIONAL_TEAM, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
        (NATIONAL_TEAM, OWN_REGION): EVERY_STATE,
        (NATIONAL_TEAM, NATIONAL_SCOPE): EVERY_STATE,
        (LAC, OWN_ICB_ALLOCATED): EVERY_STATE,
        (LAC, OWN_ICB_NOT_ALLOCATED): EVERY_STATE,
    },
    Action.PLACE_ON_AGENDA: {
        (LAC, OWN_ICB_ALLOCATED): frozenset({State.AWAITING_PANEL}),
        (LAC, OWN_ICB_NOT_ALLOCATED): frozenset({State.AWAITING_PANEL}),
        (PANEL, OWN_ICB_ALLOCATED): frozenset({State.AWAITING_PANEL}),
        (PANEL, OWN_ICB_NOT_ALLOCATED): frozenset({State.AWAITING_PANEL}),
    },
    Action.RECORD_PANEL_DECISION: {
        (PANEL, OWN_ICB_ALLOCATED): frozenset({State.AWAITING_PANEL}),
        (PANEL, OWN_ICB_NOT_ALLOCATED): frozenset({State.AWAITING_PANEL}),
    },
    Action.SIGN_OFF: {
        (PANEL, OWN_ICB_ALLOCATED): frozenset({State.AWAITING_PANEL}),
        (PANEL, OWN_ICB_NOT_ALLOCATED): frozenset({State.AWAITING_PANEL}),
    },
    Action.RECORD_FINDINGS: {
        (LAC, OWN_ICB_ALLOCATED): frozenset({State.SIGNED_OFF}),
        (LAC, OWN_ICB_NOT_ALLOCATED): frozenset({State.SIGNED_OFF}),
        (REVIEWER, OWN_ICB_ALLOCATED): frozenset({State.SIGNED_OFF}),
        (SENIOR, OWN_ICB_ALLOCATED): frozenset({State.SIGNED_OFF}),
        (SENIOR, OWN_ICB_NOT_ALLOCATED): frozenset({State.SIGNED_OFF}),
        (REVIEWER, LENT_IN): frozenset({State.SIGNED_OFF}),
        (SENIOR, LENT_IN): frozenset({State.SIGNED_OFF}),
    },
    Action.CLOSE_CASE: {
        (LAC, OWN_ICB_ALLOCATED): frozenset({State.SIGNED_OFF}),
        (LAC, OWN_ICB_NOT_ALLOCATED): frozenset({State.SIGNED_OFF}),
    },
    # Learning for the library, from a review the panel has signed off (closed too): the ICB's
    # LAC and its senior reviewers; a senior reviewer lent in from another ICB does not speak
    # for this ICB.
    Action.PROPOSE_LEARNING: {
        (LAC, OWN_ICB_ALLOCATED): SIGNED_OFF_OR_CLOSED,
        (LAC, OWN_ICB_NOT_ALLOCATED): SIGNED_OFF_OR_CLOSED,
        (SENIOR, OWN_ICB_ALLOCATED): SIGNED_OFF_OR_CLOSED,
        (SENIOR, OWN_ICB_NOT_ALLOCATED): SIGNED_OFF_OR_CLOSED,
    },
    # What may be done with an item of the library is decided on the item, never on a case
    # (access.may_learning: tests/unit/core/test_learning_access.py).
    Action.READ_LEARNING: {},
    Action.CHANGE_LEARNING: {},
    Action.DECIDE_LEARNING: {},
    Action.ADOPT_LEARNING: {},
    # Actions on a support request, never on a case: may() grants them to nobody
    # (tests/unit/core/test_support_access.py has their own table).
    Action.SUPPORT_THREAD: {},
    Action.ANSWER_SUPPORT: {},
}

ACTIONS = [
    Action.VIEW_CASE,
    Action.SCREEN_CASE,
    Action.MANAGE_CASE,
    Action.EDIT_REVIEW,
    Action.READ_REVIEW,
    Action.FAMILY_LOG,
    Action.FAMILY_SUMMARY,
    Action.FAMILY_SUMMARY_ONLY,
    Action.HOLD_CASE,
    Action.ESCALATE,
    Action.ESCALATION_THREAD,
    Action.COORDINATE_CASE,
    Action.REOPEN_FOCUSED_DECISION,
    Action.ROUTE_CASE,
    Action.REOPEN_CASE,
    Action.QUALITY_ASSURE,
    Action.PLACE_ON_AGENDA,
    Action.RECORD_PANEL_DECISION,
    Action.SIGN_OFF,
    Action.RECORD_FINDINGS,
    Action.CLOSE_CASE,
    Action.SEE_AUDIT,
    Action.PROPOSE_LEARNING,
    Action.READ_LEARNING,
    Action.CHANGE_LEARNING,
    Action.DECIDE_LEARNING,
    Action.ADOPT_LEARNING,
    Action.SUPPORT_THREAD,
    Action.ANSWER_SUPPORT,
]


# --- Building users and cases -----------------------------------------------------------------


def user(role: Role, organisation, user_id: int = USER_ID):
    return SimpleNamespace(
        id=user_id,
        is_authenticated=True,
        role_enum=role,
        organisation=organisation,
        organisation_id=organisation.id,
    )


def case(state: State, reviewer_id: int | None, lent_in: bool = False):
    return SimpleNamespace(
        state=state.value,
        icb=BIRMINGHAM,
        icb_id=BIRMINGHAM.id,
        reviewer_id=reviewer_id,
        reviewer_lent_in=lent_in,
    )


def placed(role: Role, relation: str, state: State):
    organisation, allocated, lent_in = PLACES[relation]
    reviewer_id = USER_ID if allocated else ANOTHER_REVIEWER_ID
    return user(role, organisation), case(state, reviewer_id, lent_in)


def expected(action: Action, role: Role, relation: str, state: State) -> bool:
    return state in EXPECTED[action].get((role, relation), frozenset())


def _id(value) -> str:
    return str(value).replace(" ", "-").replace(",", "").replace("'", "")


# One test per action, role and relation; it checks every state and names each one it gets wrong.
CELLS = [
    pytest.param(action, role, relation, id=_id(f"{action}-{role}-{relation}"))
    for action in ACTIONS
    for role in ROLES
    for relation in RELATIONS
]


@pytest.mark.parametrize(("action", "role", "relation"), CELLS)
def test_may(action, role, relation):
    wrong = []
    for state in STATES:
        who, what = placed(role, relation, state)
        want = expected(action, role, relation, state)
        if may(who, action, what) is not want:
            verdict = "should be allowed" if want else "should be refused"
            wrong.append(f"{role} / {relation} / {state} / {action}: {verdict}")
    assert not wrong, "\n".join(wrong)


# --- The table covers everything, and the names it uses are the product's ---------------------


def test_the_table_names_every_action_and_only_the_products_actions():
    assert set(EXPECTED) == set(ACTIONS)
    # Actions on users, not cases: tests/unit/core/test_user_management_rules.py.
    user_actions = ["invite_user", "manage_user", "change_role"]
    assert [action.value for action in Action][-3:] == user_actions
    assert [action.value for action in Action][:-3] == [
        "view_case",
        "screen_case",
        "manage_case",
        "edit_review",
        "read_review",
        "family_log",
        "family_summary",
        "family_summary_only",
        "hold_case",
        "escalate",
        "escalation_thread",
        "coordinate_case",
        "reopen_focused_decision",
        "route_case",
        "reopen_case",
        "quality_assure",
        "place_on_agenda",
        "record_panel_decision",
        "sign_off",
        "record_findings",
        "close_case",
        "see_audit",
        "propose_learning",
        "read_learning",
        "change_learning",
        "decide_learning",
        "adopt_learning",
        "support_thread",
        "answer_support",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_an_action_on_users_is_never_allowed_on_a_case(role):
    for action in (Action.INVITE_USER, Action.MANAGE_USER, Action.CHANGE_ROLE):
        for relation in RELATIONS:
            for state in STATES:
                who, what = placed(role, relation, state)
                assert may(who, action, what) is False, (action, relation, state)


def test_the_table_names_every_role_and_state():
    assert [role.value for role in Role] == [
        "national_team",
        "regional_coordinator",
        "local_area_contact",
        "reviewer",
        "senior_reviewer",
        "panel_member",
        "advisory_group",
        "academic_partner",
    ]
    assert set(ROLES) == set(Role)
    assert [state.value for state in State] == [
        "notified",
        "not_proceeding",
        "awaiting_allocation",
        "initial_review",
        "focused_review",
        "on_hold",
        "quality_assurance",
        "awaiting_panel",
        "signed_off",
        "closed",
    ]
    assert set(STATES) == set(State)


def test_the_table_uses_only_known_roles_and_relations():
    for action, cells in EXPECTED.items():
        for role, relation in cells:
            assert role in ROLES, (action, role)
            assert relation in PLACES, (action, relation)


# --- Around the table -------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
def test_no_one_signed_out_may_do_anything(action):
    signed_out = SimpleNamespace(is_authenticated=False)
    for state in STATES:
        assert may(signed_out, action, case(state, USER_ID)) is False, state


@pytest.mark.parametrize("role", ROLES)
def test_a_case_with_no_reviewer_is_no_ones_allocation(role):
    """A case not yet allocated (no reviewer id) is treated like one allocated to someone else."""
    who = user(role, BIRMINGHAM)
    for action in ACTIONS:
        for state in STATES:
            want = expected(action, role, OWN_ICB_NOT_ALLOCATED, state)
            assert may(who, action, case(state, None)) is want, (action, state)


# Which organisations a user in each place can see: the rule may() builds on for the national
# team and the regional coordinator.
SEES = {
    BIRMINGHAM.id: {BIRMINGHAM.id},
    BLACK_COUNTRY.id: {BLACK_COUNTRY.id},
    KENT.id: {KENT.id},
    MIDLANDS.id: {MIDLANDS.id, BIRMINGHAM.id, BLACK_COUNTRY.id},
    SOUTH_EAST.id: {SOUTH_EAST.id, KENT.id},
    ENGLAND.id: {
        ENGLAND.id,
        MIDLANDS.id,
        SOUTH_EAST.id,
        BIRMINGHAM.id,
        BLACK_COUNTRY.id,
        KENT.id,
    },
}
ORGANISATIONS = [ENGLAND, MIDLANDS, SOUTH_EAST, BIRMINGHAM, BLACK_COUNTRY, KENT]


@pytest.mark.parametrize("own", ORGANISATIONS, ids=lambda org: f"org-{org.id}")
@pytest.mark.parametrize("role", ROLES)
def test_can_see_organisation(role, own):
    who = user(role, own)
    for other in ORGANISATIONS:
        want = other.id in SEES[own.id]
        assert can_see_organisation(who, other) is want, (own.id, other.id)
