"""Every route, for every role, and for per-organisation routes own ICB, other ICB, other region."""

import pytest

from leder_web.core import access
from leder_web.core.roles import Role
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB, sign_in_as
from tests.support.access_table import ALL_WHO, ANONYMOUS, PLACEMENTS, ROUTES

PLACEMENT_ORGS = {
    "own_icb": OWN_ICB,
    "other_icb_same_region": OTHER_ICB_SAME_REGION,
    "other_region": OTHER_REGION_ICB,
}


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

    app = create_app("test")

    @app.get("/forgotten")
    def forgotten():
        return "should never be seen"

    response = app.test_client().get("/forgotten")
    assert response.status_code == 403
    assert "should never be seen" not in response.get_data(as_text=True)


def outcome(response) -> str:
    location = response.headers.get("Location", "")
    if response.status_code in (401, 403, 404) or location.startswith("/sign-in"):
        return "refused"
    assert response.status_code < 500, f"server error {response.status_code}"
    return "allowed"


def cases():
    for endpoint, route in sorted(ROUTES.items()):
        placements = PLACEMENTS if route.target else (None,)
        for who in ALL_WHO:
            for placement in placements:
                label = f"{endpoint}-{who}" + (f"-{placement}" if placement else "")
                yield pytest.param(endpoint, who, placement, id=label)


@pytest.mark.parametrize(("endpoint", "who", "placement"), list(cases()))
def test_access_matrix(app, make_user, endpoint, who, placement):
    route = ROUTES[endpoint]
    client = app.test_client()
    user_id = None
    if who != ANONYMOUS:
        user_id = make_user(Role(who))
        sign_in_as(client, app, user_id)
    if route.target:
        with app.app_context():
            path = route.target(PLACEMENT_ORGS[placement], user_id)
        allowed = route.allowed_by_placement[placement]
    else:
        path, allowed = route.path, route.allowed
    # The matrix asks "may this role use this route?"; CSRF has tests of its own.
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        response = client.open(path, method=route.method, data=route.data)
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    expected = "allowed" if who in allowed else "refused"
    assert outcome(response) == expected, f"{route.method} {path} as {who}: {response.status}"
