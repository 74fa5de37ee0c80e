"""Who may do what with one item of the learning library, written out by hand: every role,
sitting in every kind of place relative to the item, for every status of the item and every
action on it.

The item always comes from the Birmingham ICB, in the Midlands region. Published learning is
de-identified, so every signed-in role reads it; before that, only the ICB's own LAC and senior
reviewers, and those who decide (the Midlands coordinator, the national team)."""

from types import SimpleNamespace

import pytest

from leder_web.core.access import (
    Action,
    LearningStatus,
    may_learning,
    sees_adoption_counts,
)
from leder_web.core.roles import OrgKind, Role

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)
BLACK_COUNTRY = SimpleNamespace(id=11, kind=OrgKind.ICB, parent_id=2)
KENT = SimpleNamespace(id=20, kind=OrgKind.ICB, parent_id=3)

OWN_ICB = "the item's ICB"
OTHER_ICB_SAME_REGION = "another ICB of the item's region"
OTHER_REGION_ICB = "an ICB of another region"
ITEM_REGION = "the item's region"
OTHER_REGION = "another region"
NATIONAL = "national"
PLACES = {
    OWN_ICB: BIRMINGHAM,
    OTHER_ICB_SAME_REGION: BLACK_COUNTRY,
    OTHER_REGION_ICB: KENT,
    ITEM_REGION: MIDLANDS,
    OTHER_REGION: SOUTH_EAST,
    NATIONAL: ENGLAND,
}

NATIONAL_TEAM = Role.NATIONAL_TEAM
COORDINATOR = Role.REGIONAL_COORDINATOR
LAC = Role.LOCAL_AREA_CONTACT
REVIEWER = Role.REVIEWER
SENIOR = Role.SENIOR_REVIEWER
PANEL = Role.PANEL_MEMBER
ADVISORY = Role.ADVISORY_GROUP
ACADEMIC = Role.ACADEMIC_PARTNER
ROLES = [NATIONAL_TEAM, COORDINATOR, LAC, REVIEWER, SENIOR, PANEL, ADVISORY, ACADEMIC]

PROPOSED = LearningStatus.PROPOSED
RETURNED = LearningStatus.RETURNED
PUBLISHED = LearningStatus.PUBLISHED
STATUSES = [PROPOSED, RETURNED, PUBLISHED]
EVERY_STATUS = frozenset(STATUSES)
BEFORE_PUBLICATION = frozenset({PROPOSED, RETURNED})
ONLY_PUBLISHED = frozenset({PUBLISHED})
ONLY_PROPOSED = frozenset({PROPOSED})

# Per action: (role, where the user sits) -> the statuses in which it is allowed. Every pair not
# listed is refused in every status, except that everyone reads published learning.
EXPECTED: dict[Action, dict[tuple[Role, str], frozenset]] = {
    Action.READ_LEARNING: {
        (LAC, OWN_ICB): EVERY_STATUS,
        (SENIOR, OWN_ICB): EVERY_STATUS,
        (COORDINATOR, OWN_ICB): EVERY_STATUS,
        (COORDINATOR, ITEM_REGION): EVERY_STATUS,
        (COORDINATOR, NATIONAL): EVERY_STATUS,
        (NATIONAL_TEAM, OWN_ICB): EVERY_STATUS,
        (NATIONAL_TEAM, ITEM_REGION): EVERY_STATUS,
        (NATIONAL_TEAM, NATIONAL): EVERY_STATUS,
    },
    Action.CHANGE_LEARNING: {
        (LAC, OWN_ICB): BEFORE_PUBLICATION,
        (SENIOR, OWN_ICB): BEFORE_PUBLICATION,
    },
    Action.DECIDE_LEARNING: {
        (COORDINATOR, OWN_ICB): ONLY_PROPOSED,
        (COORDINATOR, ITEM_REGION): ONLY_PROPOSED,
        (COORDINATOR, NATIONAL): ONLY_PROPOSED,
        (NATIONAL_TEAM, OWN_ICB): ONLY_PROPOSED,
        (NATIONAL_TEAM, ITEM_REGION): ONLY_PROPOSED,
        (NATIONAL_TEAM, NATIONAL): ONLY_PROPOSED,
    },
    # Another ICB takes the learning up: never the ICB it came from.
    Action.ADOPT_LEARNING: {
        (LAC, OTHER_ICB_SAME_REGION): ONLY_PUBLISHED,
        (LAC, OTHER_REGION_ICB): ONLY_PUBLISHED,
        (PANEL, OTHER_ICB_SAME_REGION): ONLY_PUBLISHED,
        (PANEL, OTHER_REGION_ICB): ONLY_PUBLISHED,
    },
}
EVERYONE_READS = frozenset({PUBLISHED})
ACTIONS = [
    Action.READ_LEARNING,
    Action.CHANGE_LEARNING,
    Action.DECIDE_LEARNING,
    Action.ADOPT_LEARNING,
]


def user(role: Role, organisation):
    return SimpleNamespace(
        id=501,
        is_authenticated=True,
        role_enum=role,
        organisation=organisation,
        organisation_id=organisation.id,
    )


def item(status: LearningStatus):
    return SimpleNamespace(icb=BIRMINGHAM, icb_id=BIRMINGHAM.id, status=status.value)


def expected(action: Action, role: Role, place: str, status: LearningStatus) -> bool:
    allowed = EXPECTED[action].get((role, place), frozenset())
    if action == Action.READ_LEARNING:
        allowed = allowed | EVERYONE_READS
    return status in allowed


CELLS = [
    pytest.param(action, role, place, id=f"{action}-{role}-{place}".replace(" ", "-"))
    for action in ACTIONS
    for role in ROLES
    for place in PLACES
]


@pytest.mark.parametrize(("action", "role", "place"), CELLS)
def test_may_learning(action, role, place):
    wrong = []
    for status in STATUSES:
        want = expected(action, role, place, status)
        if may_learning(user(role, PLACES[place]), action, item(status)) is not want:
            verdict = "should be allowed" if want else "should be refused"
            wrong.append(f"{role} / {place} / {status} / {action}: {verdict}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("action", ACTIONS)
def test_no_one_signed_out_may_do_anything(action):
    signed_out = SimpleNamespace(is_authenticated=False)
    for status in STATUSES:
        assert may_learning(signed_out, action, item(status)) is False


@pytest.mark.parametrize("action", [Action.VIEW_CASE, Action.PROPOSE_LEARNING])
def test_an_action_on_a_case_is_never_allowed_on_an_item(action):
    for role in ROLES:
        for status in STATUSES:
            assert may_learning(user(role, BIRMINGHAM), action, item(status)) is False


def test_the_statuses_are_the_products():
    assert [status.value for status in LearningStatus] == ["proposed", "returned", "published"]


def test_adoption_counts_are_seen_by_the_national_team_and_the_advisory_group_only():
    seen = {role for role in ROLES if sees_adoption_counts(user(role, ENGLAND))}
    assert seen == {NATIONAL_TEAM, ADVISORY}
    assert not sees_adoption_counts(SimpleNamespace(is_authenticated=False))
