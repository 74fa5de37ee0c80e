"""Who may read, reply in and answer a support request, written out by hand: every role, every
relation of the user to the request and both actions (access.may_support).

The request's requester works for the Birmingham ICB, in the Midlands region. A request about
access or a case is sent to the Midlands coordinators as well as the national team ("sent to
the region"); any other goes to the national team alone.
"""

from types import SimpleNamespace

import pytest

from leder_web.core.access import Action, may_support
from leder_web.core.roles import OrgKind, Role

ENGLAND = SimpleNamespace(id=1, kind=OrgKind.NATIONAL, parent_id=None)
MIDLANDS = SimpleNamespace(id=2, kind=OrgKind.REGION, parent_id=1)
SOUTH_EAST = SimpleNamespace(id=3, kind=OrgKind.REGION, parent_id=1)
BIRMINGHAM = SimpleNamespace(id=10, kind=OrgKind.ICB, parent_id=2)

REQUESTER_ID = 900
SOMEONE_ELSE_ID = 901

THE_REQUESTER = "the requester, sent to the region"
THE_REQUESTER_NATIONAL_ONLY = "the requester, sent to the national team alone"
SAME_ICB = "someone else in the requester's ICB"
ITS_REGION = "the region it was sent to"
ITS_REGION_NATIONAL_ONLY = "the requester's region, the request sent to the national team alone"
ANOTHER_REGION = "another region"
NATIONAL = "national, sent to the region"
NATIONAL_ONLY = "national, sent to the national team alone"

# relation: (the user's organisation, the user's id, the region the request was sent to)
PLACES = {
    THE_REQUESTER: (BIRMINGHAM, REQUESTER_ID, MIDLANDS.id),
    THE_REQUESTER_NATIONAL_ONLY: (BIRMINGHAM, REQUESTER_ID, None),
    SAME_ICB: (BIRMINGHAM, SOMEONE_ELSE_ID, MIDLANDS.id),
    ITS_REGION: (MIDLANDS, SOMEONE_ELSE_ID, MIDLANDS.id),
    ITS_REGION_NATIONAL_ONLY: (MIDLANDS, SOMEONE_ELSE_ID, None),
    ANOTHER_REGION: (SOUTH_EAST, SOMEONE_ELSE_ID, MIDLANDS.id),
    NATIONAL: (ENGLAND, SOMEONE_ELSE_ID, MIDLANDS.id),
    NATIONAL_ONLY: (ENGLAND, SOMEONE_ELSE_ID, None),
}

NATIONAL_TEAM = Role.NATIONAL_TEAM
COORDINATOR = Role.REGIONAL_COORDINATOR

ANSWERERS = {
    (NATIONAL_TEAM, NATIONAL),
    (NATIONAL_TEAM, NATIONAL_ONLY),
    (COORDINATOR, ITS_REGION),
}
# Whoever asked, whatever their role, reads and replies in their own request's thread.
REQUESTERS = {
    (role, relation) for role in Role for relation in (THE_REQUESTER, THE_REQUESTER_NATIONAL_ONLY)
}
EXPECTED = {
    Action.ANSWER_SUPPORT: ANSWERERS,
    Action.SUPPORT_THREAD: ANSWERERS | REQUESTERS,
}


def placed(role: Role, relation: str):
    organisation, user_id, region_id = PLACES[relation]
    user = SimpleNamespace(
        id=user_id,
        is_authenticated=True,
        role_enum=role,
        organisation=organisation,
        organisation_id=organisation.id,
    )
    return user, SimpleNamespace(requester_id=REQUESTER_ID, region_id=region_id)


@pytest.mark.parametrize("action", list(EXPECTED), ids=str)
@pytest.mark.parametrize("relation", list(PLACES))
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_may_support(role, relation, action):
    user, support_request = placed(role, relation)
    assert may_support(user, action, support_request) is ((role, relation) in EXPECTED[action])


def test_nobody_signed_out_and_no_case_action():
    _, support_request = placed(NATIONAL_TEAM, NATIONAL)
    signed_out = SimpleNamespace(is_authenticated=False)
    assert may_support(signed_out, Action.SUPPORT_THREAD, support_request) is False
    national, _ = placed(NATIONAL_TEAM, NATIONAL)
    assert may_support(national, Action.VIEW_CASE, support_request) is False
