"""The organisation rule every per-case check will build on."""

from types import SimpleNamespace

from leder_web.core.access import PUBLIC, can_see_organisation, roles
from leder_web.core.roles import CASEWORKERS, REVIEWERS, OrgKind, Role

NATIONAL = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)
BLACK_COUNTRY = SimpleNamespace(id=11, kind=OrgKind.ICB, parent_id=2)
KENT = SimpleNamespace(id=20, kind=OrgKind.ICB, parent_id=3)


def user_in(org, role=Role.REVIEWER):
    return SimpleNamespace(organisation=org, role_enum=role, is_authenticated=True)


def test_icb_user_sees_only_their_own_icb():
    user = user_in(BIRMINGHAM)
    assert can_see_organisation(user, BIRMINGHAM)
    assert not can_see_organisation(user, BLACK_COUNTRY)
    assert not can_see_organisation(user, KENT)


def test_region_sees_its_own_icbs_and_no_others():
    user = user_in(MIDLANDS, Role.REGIONAL_COORDINATOR)
    assert can_see_organisation(user, BIRMINGHAM)
    assert can_see_organisation(user, BLACK_COUNTRY)
    assert not can_see_organisation(user, KENT)
    assert not can_see_organisation(user, SOUTH_EAST)


def test_national_sees_every_icb():
    user = user_in(NATIONAL, Role.NATIONAL_TEAM)
    assert all(can_see_organisation(user, org) for org in (BIRMINGHAM, KENT, SOUTH_EAST))


def test_role_rule_admits_only_its_roles_and_never_anonymous():
    rule = roles(Role.LOCAL_AREA_CONTACT)
    assert rule.allows(user_in(BIRMINGHAM, Role.LOCAL_AREA_CONTACT))
    assert not rule.allows(user_in(BIRMINGHAM, Role.REVIEWER))
    assert not rule.allows(SimpleNamespace(is_authenticated=False))
    assert PUBLIC.allows(SimpleNamespace(is_authenticated=False))


def test_the_reviewer_roles_and_the_caseworker_roles_are_written_out():
    # Every rule about reviewers and caseworkers reads these two sets.
    assert {Role.REVIEWER, Role.SENIOR_REVIEWER} == REVIEWERS
    assert {Role.LOCAL_AREA_CONTACT, Role.REVIEWER, Role.SENIOR_REVIEWER} == CASEWORKERS
