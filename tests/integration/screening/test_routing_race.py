"""Two people assigning the ICB of one notification at the same moment: one wins, the other is
told, and the case is routed once. Real threads against PostgreSQL (a database of its own)."""

import pytest
from sqlalchemy import select

from leder_web.accounts import service as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Case, CaseEvent
from tests.conftest import OTHER_REGION_ICB, OWN_ICB, TEST_PASSWORD
from tests.support.databases import postgres_server_url
from tests.support.factories import make_unrouted_case
from tests.support.races import at_once, client_for, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def router(app, role: Role, organisation: str, name: str) -> int:
    with app.app_context():
        user = users.create_user(
            email=f"{name}@example.org",
            full_name=name.title(),
            password=TEST_PASSWORD,
            role=role,
            organisation=organisations.get_by_name(organisation),
        )
        db.session.commit()
        return user.id


if postgres_server_url():

    def test_two_people_routing_one_notification_at_once_route_it_once(race_app):
        with race_app.app_context():
            region = organisations.get_by_name(OWN_ICB).parent.name
            own = organisations.get_by_name(OWN_ICB).id
            other = organisations.get_by_name(OTHER_REGION_ICB).id
        national = client_for(race_app, router(race_app, Role.NATIONAL_TEAM, "NHS England", "nat"))
        coordinator = client_for(
            race_app, router(race_app, Role.REGIONAL_COORDINATOR, region, "coord")
        )
        for _ in range(ROUNDS):
            with race_app.app_context():
                reference = make_unrouted_case().reference
                db.session.commit()
            path = f"/cases/{reference}/route"
            responses = at_once(
                (national, path, {"icb": str(own)}), (coordinator, path, {"icb": str(other)})
            )
            assert [r.status_code for r in responses] == [302, 302]
            with race_app.app_context():
                case = db.session.scalar(select(Case).where(Case.reference == reference))
                routes = db.session.scalars(
                    select(CaseEvent.details).where(
                        CaseEvent.case_id == case.id, CaseEvent.kind == "route"
                    )
                ).all()
                assert len(routes) == 1, routes
                assert routes[0] == f"Routed to {case.icb.name}"
                assert case.icb_id in {own, other}
