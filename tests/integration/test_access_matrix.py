"""Each route asks for its rule: the thin HTTP wiring test.

Who may do what is pinned by hand in the unit truth tables (tests/unit/core/
test_route_rules.py for each route's roles, test_access_truth_table.py for each action on a
case, test_workflow_truth_table.py for each move). Here every route is called over HTTP, and
for per-organisation routes at each placement of its object (own ICB, another ICB in the same
region, another region): one visitor the route must let in and one it must refuse, with the
exact answer. The refused visitor is, where there is one, a role the route's own rule admits,
so that it is the check on the object that refuses them. Signed out, a protected route sends
the visitor to sign in and back.
"""

from collections import Counter
from dataclasses import dataclass

import pytest

from leder_web.core import access
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB, sign_in_as
from tests.support.access_table import ANONYMOUS, PLACEMENTS, ROUTES, Route
from tests.support.access_table import OWN_ICB as OWN
from tests.unit.core.test_route_rules import EXPECTED as ROUTE_ROLES
from tests.unit.core.test_route_rules import PUBLIC

PLACEMENT_ORGS = {
    "own_icb": OWN_ICB,
    "other_icb_same_region": OTHER_ICB_SAME_REGION,
    "other_region": OTHER_REGION_ICB,
}
ROLES = sorted(Role)

LET_IN = "let in"
REFUSED = "refused"
SENT_TO_SIGN_IN = "sent to sign in"


def registered_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules()}


def test_every_registered_route_is_in_the_access_table(app):
    missing = registered_endpoints(app) - set(ROUTES)
    assert not missing, f"routes with no row in tests/support/access_table.py: {sorted(missing)}"


def test_every_registered_route_has_an_access_rule(app):
    missing = registered_endpoints(app) - set(access.route_rules(app))
    assert not missing, f"routes with no @access.rule beside them: {sorted(missing)}"


def test_no_rule_is_left_for_a_route_that_no_longer_exists(app):
    stale = (set(access.route_rules(app)) | set(ROUTES)) - registered_endpoints(app)
    assert not stale, f"rules for routes that do not exist: {sorted(stale)}"


def test_a_route_without_a_rule_is_refused():
    from leder_web import create_app

    app = create_app("test", SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        db.create_all()  # the refusal is recorded in the audit log

    @app.get("/forgotten")
    def forgotten():
        return "should never be seen"

    response = app.test_client().get("/forgotten")
    assert response.status_code == 403
    assert "should never be seen" not in response.get_data(as_text=True)


# --- Choosing the visitors --------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    endpoint: str
    placement: str | None
    who: str  # a role, or ANONYMOUS
    expect: str  # LET_IN, REFUSED or SENT_TO_SIGN_IN

    @property
    def id(self) -> str:
        where = f"-{self.placement}" if self.placement else ""
        return f"{self.endpoint}{where}-{self.who}-{self.expect.replace(' ', '-')}"


class Chooser:
    """Picks one role of a set, the one picked least so far for that outcome (ties in Role
    order): the same visitors every run, and across the table every role is let in and
    refused somewhere, rather than the first role of each set every time."""

    def __init__(self):
        self.picked: dict[str, Counter] = {LET_IN: Counter(), REFUSED: Counter()}

    def one_of(self, roles, outcome: str) -> Role:
        counts = self.picked[outcome]
        role = min((role for role in ROLES if role in roles), key=lambda r: counts[r])
        counts[role] += 1
        return role


def visits_for(chooser: Chooser, endpoint: str, route: Route, placement: str | None):
    allowed = route.allowed_by_placement[placement] if placement else route.allowed
    let_in = [role for role in ROLES if role in allowed]
    refused = [role for role in ROLES if role not in allowed]
    route_roles = ROUTE_ROLES[endpoint]
    visits = []
    if let_in:
        visits.append(Visit(endpoint, placement, chooser.one_of(let_in, LET_IN), LET_IN))
    if refused:
        # Preferably a role the route's own rule admits: the object's check must refuse them.
        admitted = [] if route_roles == PUBLIC else [r for r in refused if r in route_roles]
        who = chooser.one_of(admitted or refused, REFUSED)
        visits.append(Visit(endpoint, placement, who, REFUSED))
    if placement in (None, OWN):
        expect = LET_IN if ANONYMOUS in allowed else SENT_TO_SIGN_IN
        visits.append(Visit(endpoint, placement, ANONYMOUS, expect))
    return visits


def all_visits() -> list[Visit]:
    chooser = Chooser()
    found = []
    for endpoint, route in sorted(ROUTES.items()):
        for placement in PLACEMENTS if route.target else (None,):
            found += visits_for(chooser, endpoint, route, placement)
    return found


VISITS = all_visits()


def test_every_role_is_let_in_and_refused_somewhere():
    let_in = {visit.who for visit in VISITS if visit.expect == LET_IN}
    refused = {visit.who for visit in VISITS if visit.expect == REFUSED}
    assert set(Role) <= let_in, sorted(set(Role) - let_in)
    assert set(Role) <= refused, sorted(set(Role) - refused)


# --- The wiring -------------------------------------------------------------------------------


@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.id)
def test_route_asks_for_its_rule(app, session_users, visit):
    route = ROUTES[visit.endpoint]
    client = app.test_client()
    user_id = None
    if visit.who != ANONYMOUS:
        user_id = session_users[Role(visit.who)]
        sign_in_as(client, app, user_id)
    if route.target:
        with app.app_context():
            path = route.target(PLACEMENT_ORGS[visit.placement], user_id)
    else:
        path = route.path
    # This asks "may this visitor use this route?"; CSRF has tests of its own.
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        response = client.open(path, method=route.method, data=route.data)
    finally:
        app.config["WTF_CSRF_ENABLED"] = True

    answer = f"{route.method} {path} as {visit.who}: {response.status}"
    location = response.headers.get("Location", "")
    if visit.expect == SENT_TO_SIGN_IN:
        assert response.status_code == 302, answer
        assert location == f"/sign-in?next={path}", f"{answer} to {location}"
    elif visit.expect == REFUSED:
        assert response.status_code == 403, answer
    else:
        signed_out = visit.who == ANONYMOUS and route.signed_out_status is not None
        expected = route.signed_out_status if signed_out else route.status
        assert response.status_code == expected, answer
        assert not location.startswith("/sign-in"), f"{answer} to {location}"
