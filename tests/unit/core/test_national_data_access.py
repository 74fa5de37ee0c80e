"""Who may use the national data set and the advisory group's recommendations, written out by
hand: every role, at national level and (for the national roles) placed in a region or an ICB
by mistake, which refuses them."""

from types import SimpleNamespace

import pytest

from leder_web.core import access
from leder_web.core.roles import OrgKind, Role

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)
HOME = {
    Role.NATIONAL_TEAM: ENGLAND,
    Role.REGIONAL_COORDINATOR: MIDLANDS,
    Role.LOCAL_AREA_CONTACT: BIRMINGHAM,
    Role.REVIEWER: BIRMINGHAM,
    Role.SENIOR_REVIEWER: BIRMINGHAM,
    Role.PANEL_MEMBER: BIRMINGHAM,
    Role.ADVISORY_GROUP: ENGLAND,
    Role.ACADEMIC_PARTNER: ENGLAND,
}
CHECKS = {
    "read extracts": access.may_read_extracts,
    "create an extract": access.may_create_extract,
    "read recommendations": access.may_read_recommendations,
    "recommend": access.may_recommend,
    "respond": access.may_respond_to_recommendation,
}
# (role, what) pairs allowed at national level; every other pair is refused.
ALLOWED = {
    (Role.NATIONAL_TEAM, "read extracts"),
    (Role.NATIONAL_TEAM, "create an extract"),
    (Role.NATIONAL_TEAM, "read recommendations"),
    (Role.NATIONAL_TEAM, "respond"),
    (Role.ACADEMIC_PARTNER, "read extracts"),
    (Role.ADVISORY_GROUP, "read recommendations"),
    (Role.ADVISORY_GROUP, "recommend"),
}


def user(role, organisation=None):
    where = organisation or HOME[role]
    return SimpleNamespace(
        is_authenticated=True, role_enum=role, organisation=where, organisation_id=where.id
    )


@pytest.mark.parametrize("what", sorted(CHECKS))
@pytest.mark.parametrize("role", sorted(Role))
def test_each_role_at_home(role, what):
    assert CHECKS[what](user(role)) is ((role, what) in ALLOWED)


@pytest.mark.parametrize("what", sorted(CHECKS))
@pytest.mark.parametrize("role", [Role.NATIONAL_TEAM, Role.ACADEMIC_PARTNER, Role.ADVISORY_GROUP])
@pytest.mark.parametrize("where", [MIDLANDS, BIRMINGHAM], ids=["region", "icb"])
def test_a_national_role_placed_below_national_level_is_refused(role, what, where):
    assert CHECKS[what](user(role, where)) is False


@pytest.mark.parametrize("what", sorted(CHECKS))
def test_nobody_signed_out(what):
    assert CHECKS[what](SimpleNamespace(is_authenticated=False)) is False
