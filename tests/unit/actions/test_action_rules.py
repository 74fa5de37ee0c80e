"""Who may read, keep and verify an ICB's actions and plan, and what "overdue" means: written
out by hand, never read from leder_web.actions.service."""

from datetime import date
from types import SimpleNamespace

import pytest

from leder_web.actions.service import due_words, is_overdue, may_keep, may_read, may_verify
from leder_web.core.roles import OrgKind, Role

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)  # the action's ICB
BLACK_COUNTRY = SimpleNamespace(id=11, kind=OrgKind.ICB, parent_id=2)
KENT = SimpleNamespace(id=20, kind=OrgKind.ICB, parent_id=3)

PLACES = {
    "own ICB": BIRMINGHAM,
    "another ICB of the region": BLACK_COUNTRY,
    "an ICB of another region": KENT,
    "the ICB's region": MIDLANDS,
    "another region": SOUTH_EAST,
    "national": ENGLAND,
}

# (role, where they sit) -> (reads, keeps, verifies). Every pair not listed: none of them.
# The coordinator and national team read as they see the case itself (access.may, VIEW_CASE):
# whatever sees the ICB from where the account sits.
READS_ONLY = (True, False, False)
EXPECTED = {
    (Role.LOCAL_AREA_CONTACT, "own ICB"): (True, True, False),
    (Role.PANEL_MEMBER, "own ICB"): (True, True, True),
    (Role.REGIONAL_COORDINATOR, "the ICB's region"): READS_ONLY,
    (Role.REGIONAL_COORDINATOR, "own ICB"): READS_ONLY,
    (Role.REGIONAL_COORDINATOR, "national"): READS_ONLY,
    (Role.NATIONAL_TEAM, "national"): READS_ONLY,
    (Role.NATIONAL_TEAM, "the ICB's region"): READS_ONLY,
    (Role.NATIONAL_TEAM, "own ICB"): READS_ONLY,
}


def user(role: Role, where) -> SimpleNamespace:
    return SimpleNamespace(
        is_authenticated=True,
        role_enum=role,
        organisation=where,
        organisation_id=where.id,
    )


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("role", sorted(Role))
def test_who_may_read_keep_and_verify_an_icbs_actions(role, place):
    someone = user(role, PLACES[place])
    found = (
        may_read(someone, BIRMINGHAM),
        may_keep(someone, BIRMINGHAM.id),
        may_verify(someone, BIRMINGHAM.id),
    )
    assert found == EXPECTED.get((role, place), (False, False, False))


def test_nobody_signed_out_reads_anything():
    visitor = SimpleNamespace(is_authenticated=False)
    assert not may_read(visitor, BIRMINGHAM)
    assert not may_keep(visitor, BIRMINGHAM.id)


TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("status", "due_on", "words"),
    [
        ("not_started", date(2026, 11, 30), "Overdue (due 30 November 2026)"),
        ("in_progress", date(2026, 3, 3), "Overdue (due 3 March 2026)"),
        ("not_started", date(2026, 12, 1), "Due 1 December 2026"),  # due today: not yet
        ("completed", date(2026, 11, 30), "Due 30 November 2026"),
        ("closed_not_achieved", date(2026, 11, 30), "Due 30 November 2026"),
        ("superseded", date(2026, 11, 30), "Due 30 November 2026"),
    ],
)
def test_overdue_is_due_before_today_and_still_to_be_done(status, due_on, words):
    action = SimpleNamespace(status=status, due_on=due_on)
    assert is_overdue(action, TODAY) is words.startswith("Overdue")
    assert due_words(action, TODAY) == words
