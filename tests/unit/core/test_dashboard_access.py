"""Whose dashboard each person may see, written out by hand: every role, sitting where it
sits, against England, their own region, another region, an ICB of their region and an ICB of
another region."""

from types import SimpleNamespace

import pytest

from leder_web.core.access import (
    may_see_annual_report,
    may_see_dashboard,
    sees_deidentified_figures,
    sees_reviews_behind_figures,
)
from leder_web.core.roles import OrgKind, Role

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)
BLACK_COUNTRY = SimpleNamespace(id=11, kind=OrgKind.ICB, parent_id=2)
KENT = SimpleNamespace(id=20, kind=OrgKind.ICB, parent_id=3)

# Where each role sits in this table.
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
AREAS = {
    "England": None,
    "Midlands": MIDLANDS,
    "South East": SOUTH_EAST,
    "Birmingham": BIRMINGHAM,
    "Black Country": BLACK_COUNTRY,
    "Kent": KENT,
}
# (role, area) pairs that may be seen; every other pair is refused.
SEEN = {
    (Role.NATIONAL_TEAM, "England"),
    (Role.NATIONAL_TEAM, "Midlands"),
    (Role.NATIONAL_TEAM, "South East"),
    (Role.NATIONAL_TEAM, "Birmingham"),
    (Role.NATIONAL_TEAM, "Black Country"),
    (Role.NATIONAL_TEAM, "Kent"),
    (Role.REGIONAL_COORDINATOR, "Midlands"),
    (Role.REGIONAL_COORDINATOR, "Birmingham"),
    (Role.REGIONAL_COORDINATOR, "Black Country"),
    (Role.LOCAL_AREA_CONTACT, "Birmingham"),
    (Role.SENIOR_REVIEWER, "Birmingham"),
    (Role.ADVISORY_GROUP, "England"),
    (Role.ACADEMIC_PARTNER, "England"),
}


def user(role: Role, organisation=None):
    where = organisation or HOME[role]
    return SimpleNamespace(
        is_authenticated=True, role_enum=role, organisation=where, organisation_id=where.id
    )


CELLS = [pytest.param(role, area, id=f"{role.value}-{area}") for role in Role for area in AREAS]


@pytest.mark.parametrize(("role", "area"), CELLS)
def test_who_may_see_which_dashboard(role, area):
    assert may_see_dashboard(user(role), AREAS[area]) is ((role, area) in SEEN)


def test_nobody_signed_out_sees_a_dashboard():
    assert may_see_dashboard(SimpleNamespace(is_authenticated=False), None) is False


def test_a_national_role_placed_in_a_region_does_not_see_england():
    assert may_see_dashboard(user(Role.NATIONAL_TEAM, MIDLANDS), None) is False
    assert may_see_dashboard(user(Role.ADVISORY_GROUP, MIDLANDS), None) is False


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_only_the_advisory_group_and_academic_partner_see_de_identified_figures(role):
    expected = role in (Role.ADVISORY_GROUP, Role.ACADEMIC_PARTNER)
    assert sees_deidentified_figures(user(role)) is expected


# --- The ICB's annual report -----------------------------------------------------------------

ICBS = {"Birmingham": BIRMINGHAM, "Black Country": BLACK_COUNTRY, "Kent": KENT}
# (role, ICB) pairs whose annual report may be seen; every other pair is refused.
REPORTS_SEEN = {
    (Role.NATIONAL_TEAM, "Birmingham"),
    (Role.NATIONAL_TEAM, "Black Country"),
    (Role.NATIONAL_TEAM, "Kent"),
    (Role.REGIONAL_COORDINATOR, "Birmingham"),
    (Role.REGIONAL_COORDINATOR, "Black Country"),
    (Role.LOCAL_AREA_CONTACT, "Birmingham"),
    (Role.PANEL_MEMBER, "Birmingham"),
}
REPORT_CELLS = [pytest.param(role, icb, id=f"{role.value}-{icb}") for role in Role for icb in ICBS]


@pytest.mark.parametrize(("role", "icb"), REPORT_CELLS)
def test_whose_annual_report_each_person_may_see(role, icb):
    assert may_see_annual_report(user(role), ICBS[icb]) is ((role, icb) in REPORTS_SEEN)


def test_an_annual_report_is_an_icbs_and_needs_someone_signed_in():
    assert may_see_annual_report(user(Role.NATIONAL_TEAM), MIDLANDS) is False
    assert may_see_annual_report(SimpleNamespace(is_authenticated=False), BIRMINGHAM) is False
    # A coordinator or national team member placed in an ICB sees no report by their role.
    assert may_see_annual_report(user(Role.REGIONAL_COORDINATOR, BIRMINGHAM), BIRMINGHAM) is False
    assert may_see_annual_report(user(Role.NATIONAL_TEAM, MIDLANDS), BIRMINGHAM) is False


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_counts_of_learning_link_to_their_reviews_for_all_but_the_de_identified_roles(role):
    expected = role in (
        Role.NATIONAL_TEAM,
        Role.REGIONAL_COORDINATOR,
        Role.LOCAL_AREA_CONTACT,
        Role.SENIOR_REVIEWER,
    )
    assert sees_reviews_behind_figures(user(role)) is expected
