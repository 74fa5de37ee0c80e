"""Who may invite, manage (see, deactivate, reactivate) and change the role of whom, written
out by hand: every role of viewer in their own organisation, against users of every role in
every organisation where that role can be.

The national team: anyone. A regional coordinator: the coordinators of their region and every
ICB role in the region's ICBs. A LAC: the reviewers, senior reviewers and panel members of their
ICB. Nobody: themselves, or a role in an organisation of the wrong kind.
"""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from leder_web.core.access import Action, may_manage_user, roles_to_give
from leder_web.core.roles import OrgKind, Role


@dataclass(frozen=True)
class Org:
    id: int
    kind: OrgKind
    parent_id: int | None
    name: str


ENGLAND = Org(1, OrgKind.NATIONAL, None, "NHS England")
MIDLANDS = Org(2, OrgKind.REGION, 1, "Midlands")
SOUTH_EAST = Org(3, OrgKind.REGION, 1, "South East")
BIRMINGHAM = Org(10, OrgKind.ICB, 2, "Birmingham")
BLACK_COUNTRY = Org(11, OrgKind.ICB, 2, "Black Country")
KENT = Org(20, OrgKind.ICB, 3, "Kent")

NATIONAL_TEAM = Role.NATIONAL_TEAM
COORDINATOR = Role.REGIONAL_COORDINATOR
LAC = Role.LOCAL_AREA_CONTACT
REVIEWER = Role.REVIEWER
SENIOR = Role.SENIOR_REVIEWER
PANEL = Role.PANEL_MEMBER
ADVISORY = Role.ADVISORY_GROUP
ACADEMIC = Role.ACADEMIC_PARTNER

VIEWER_ID = 7

# The viewers, each in the organisation their role belongs to.
VIEWERS = {
    "national team": (NATIONAL_TEAM, ENGLAND),
    "Midlands coordinator": (COORDINATOR, MIDLANDS),
    "Birmingham LAC": (LAC, BIRMINGHAM),
    "Birmingham reviewer": (REVIEWER, BIRMINGHAM),
    "Birmingham senior reviewer": (SENIOR, BIRMINGHAM),
    "Birmingham panel member": (PANEL, BIRMINGHAM),
    "advisory group": (ADVISORY, ENGLAND),
    "academic partner": (ACADEMIC, ENGLAND),
}

# Every (role, organisation) a user can have here.
TARGETS = [
    (NATIONAL_TEAM, ENGLAND),
    (ADVISORY, ENGLAND),
    (ACADEMIC, ENGLAND),
    (COORDINATOR, MIDLANDS),
    (COORDINATOR, SOUTH_EAST),
    *[
        (role, icb)
        for role in (LAC, REVIEWER, SENIOR, PANEL)
        for icb in (BIRMINGHAM, BLACK_COUNTRY, KENT)
    ],
]

MANAGED = {
    "national team": set(TARGETS),
    "Midlands coordinator": {
        (COORDINATOR, MIDLANDS),
        (LAC, BIRMINGHAM),
        (REVIEWER, BIRMINGHAM),
        (SENIOR, BIRMINGHAM),
        (PANEL, BIRMINGHAM),
        (LAC, BLACK_COUNTRY),
        (REVIEWER, BLACK_COUNTRY),
        (SENIOR, BLACK_COUNTRY),
        (PANEL, BLACK_COUNTRY),
    },
    "Birmingham LAC": {(REVIEWER, BIRMINGHAM), (SENIOR, BIRMINGHAM), (PANEL, BIRMINGHAM)},
    "Birmingham reviewer": set(),
    "Birmingham senior reviewer": set(),
    "Birmingham panel member": set(),
    "advisory group": set(),
    "academic partner": set(),
}

# The roles each viewer may switch a user between, by the organisation of the user.
SWITCHES = {
    "national team": {
        ENGLAND.name: {NATIONAL_TEAM, ADVISORY, ACADEMIC},
        MIDLANDS.name: set(),  # one regional role: nothing to switch to
        SOUTH_EAST.name: set(),
        BIRMINGHAM.name: {LAC, REVIEWER, SENIOR, PANEL},
        BLACK_COUNTRY.name: {LAC, REVIEWER, SENIOR, PANEL},
        KENT.name: {LAC, REVIEWER, SENIOR, PANEL},
    },
    "Midlands coordinator": {
        BIRMINGHAM.name: {LAC, REVIEWER, SENIOR, PANEL},
        BLACK_COUNTRY.name: {LAC, REVIEWER, SENIOR, PANEL},
    },
    "Birmingham LAC": {BIRMINGHAM.name: {REVIEWER, SENIOR, PANEL}},
}


def viewer(name: str):
    role, organisation = VIEWERS[name]
    return SimpleNamespace(
        id=VIEWER_ID,
        role_enum=role,
        organisation=organisation,
        organisation_id=organisation.id,
        is_authenticated=True,
    )


def _id(value) -> str:
    return str(value).replace(" ", "-")


CELLS = [
    pytest.param(name, role, org, id=_id(f"{name}-{role}-{org.name}"))
    for name in VIEWERS
    for role, org in TARGETS
]


@pytest.mark.parametrize(("name", "role", "org"), CELLS)
def test_invite_and_manage(name, role, org):
    want = (role, org) in MANAGED[name]
    who = viewer(name)
    assert may_manage_user(who, Action.INVITE_USER, role=role, organisation=org) is want
    assert may_manage_user(who, Action.MANAGE_USER, role=role, organisation=org, user_id=99) is want


@pytest.mark.parametrize(("name", "role", "org"), CELLS)
def test_change_role(name, role, org):
    who = viewer(name)
    switchable = SWITCHES.get(name, {}).get(org.name, set())
    for new_role in Role:
        want = role in switchable and new_role in switchable and new_role is not role
        got = may_manage_user(
            who, Action.CHANGE_ROLE, role=role, organisation=org, user_id=99, new_role=new_role
        )
        assert got is want, f"{name}: {role} to {new_role} in {org.name}"


@pytest.mark.parametrize("name", list(VIEWERS))
def test_nobody_manages_or_changes_their_own_account(name):
    role, org = VIEWERS[name]
    who = viewer(name)
    for action in (Action.MANAGE_USER, Action.CHANGE_ROLE):
        for new_role in Role:
            assert not may_manage_user(
                who, action, role=role, organisation=org, user_id=VIEWER_ID, new_role=new_role
            )


@pytest.mark.parametrize("name", list(VIEWERS))
def test_a_role_never_goes_to_an_organisation_of_the_wrong_kind(name):
    who = viewer(name)
    for role, org in [(REVIEWER, MIDLANDS), (COORDINATOR, BIRMINGHAM), (NATIONAL_TEAM, KENT)]:
        assert not may_manage_user(who, Action.INVITE_USER, role=role, organisation=org)


def test_an_existing_user_is_not_invited_and_someone_not_yet_a_user_has_no_role_to_change():
    national = viewer("national team")
    assert not may_manage_user(
        national, Action.INVITE_USER, role=REVIEWER, organisation=KENT, user_id=99
    )
    assert not may_manage_user(national, Action.CHANGE_ROLE, role=REVIEWER, organisation=KENT)


def test_signed_out_nobody_may_anything():
    nobody = SimpleNamespace(is_authenticated=False)
    assert not may_manage_user(nobody, Action.INVITE_USER, role=REVIEWER, organisation=KENT)


def test_the_roles_each_may_give_in_an_organisation():
    assert roles_to_give(viewer("Birmingham LAC"), BIRMINGHAM) == [REVIEWER, SENIOR, PANEL]
    assert roles_to_give(viewer("Birmingham LAC"), BLACK_COUNTRY) == []
    assert roles_to_give(viewer("Midlands coordinator"), MIDLANDS) == [COORDINATOR]
    assert roles_to_give(viewer("Midlands coordinator"), BLACK_COUNTRY) == [
        LAC,
        REVIEWER,
        SENIOR,
        PANEL,
    ]
    assert roles_to_give(viewer("Midlands coordinator"), KENT) == []
    assert roles_to_give(viewer("national team"), ENGLAND) == [NATIONAL_TEAM, ADVISORY, ACADEMIC]
    assert roles_to_give(viewer("Birmingham senior reviewer"), BIRMINGHAM) == []
