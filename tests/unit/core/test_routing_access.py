"""Who may read and route a notification that came without an ICB, written out by hand.

A notification whose notifier was not sure where the person lived belongs to no ICB and no
region until someone assigns one: the national team and every regional coordinator work that
queue together; no ICB role may see it, wherever they sit. Once it is new no longer, nobody
routes it.
"""

from types import SimpleNamespace

import pytest

from leder_web.core.access import Action, may, routes_notifications
from leder_web.core.roles import OrgKind, Role
from leder_web.core.workflow import State

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)

# (role, where the user sits): may they view / route a new notification without an ICB?
# Anything not listed: neither.
VIEW_AND_ROUTE = {
    (Role.NATIONAL_TEAM, "England"),
    (Role.REGIONAL_COORDINATOR, "Midlands"),
    (Role.REGIONAL_COORDINATOR, "South East"),
}
PLACES = {"England": ENGLAND, "Midlands": MIDLANDS, "South East": SOUTH_EAST, "an ICB": BIRMINGHAM}


def user(role: Role, organisation):
    return SimpleNamespace(
        id=7,
        is_authenticated=True,
        role_enum=role,
        organisation=organisation,
        organisation_id=organisation.id,
    )


def unrouted(state: State = State.NOTIFIED):
    return SimpleNamespace(state=state.value, icb=None, icb_id=None, reviewer_id=None)


CELLS = [pytest.param(role, place, id=f"{role.value}-{place}") for role in Role for place in PLACES]


@pytest.mark.parametrize(("role", "place"), CELLS)
def test_who_may_view_and_route_a_new_notification_without_an_icb(role, place):
    who = user(role, PLACES[place])
    want = (role, place) in VIEW_AND_ROUTE
    assert may(who, Action.VIEW_CASE, unrouted()) is want
    assert may(who, Action.ROUTE_CASE, unrouted()) is want
    assert routes_notifications(who) is want


@pytest.mark.parametrize(("role", "place"), sorted(VIEW_AND_ROUTE))
def test_no_other_action_on_a_notification_without_an_icb(role, place):
    who = user(role, PLACES[place])
    others = set(Action) - {Action.VIEW_CASE, Action.ROUTE_CASE}
    for action in others:
        assert may(who, action, unrouted()) is False, action


@pytest.mark.parametrize(
    "state", [state for state in State if state is not State.NOTIFIED], ids=lambda s: s.value
)
def test_only_a_new_notification_is_routed(state):
    national = user(Role.NATIONAL_TEAM, ENGLAND)
    assert may(national, Action.ROUTE_CASE, unrouted(state)) is False
    assert may(national, Action.VIEW_CASE, unrouted(state)) is True


def test_nobody_signed_out_may_see_it():
    signed_out = SimpleNamespace(is_authenticated=False)
    assert may(signed_out, Action.VIEW_CASE, unrouted()) is False
    assert may(signed_out, Action.ROUTE_CASE, unrouted()) is False
