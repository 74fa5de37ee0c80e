"""The SQL form of "who may see this case" that lists and search use, held to the same
hand-written truth table as access.may(): every role, every relation and every state."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from leder_web.core.access import Action, visible_cases
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Case
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB, org
from tests.support.factories import make_case
from tests.unit.core import test_access_truth_table as table

# The organisations the truth table names, as the real ones in the test database.
REAL_ORGANISATIONS = {
    table.BIRMINGHAM.id: lambda: org(OWN_ICB),
    table.BLACK_COUNTRY.id: lambda: org(OTHER_ICB_SAME_REGION),
    table.KENT.id: lambda: org(OTHER_REGION_ICB),
    table.MIDLANDS.id: lambda: org(OWN_ICB).parent,
    table.SOUTH_EAST.id: lambda: org(OTHER_REGION_ICB).parent,
    table.ENGLAND.id: lambda: org(OWN_ICB).parent.parent,
}


@pytest.fixture
def one_case_in_each_state(app, session_users):
    """A case of the own ICB in every state, allocated to the session's reviewer."""
    reviewer_id = session_users[Role.REVIEWER]
    with app.app_context():
        ids = {
            make_case(OWN_ICB, state, reviewer_id=reviewer_id).id: state for state in table.STATES
        }
        db.session.flush()
        yield ids, reviewer_id


def test_the_organisations_stand_where_the_table_places_them(app):
    with app.app_context():
        england = REAL_ORGANISATIONS[table.ENGLAND.id]()
        assert england.kind == "national"
        assert REAL_ORGANISATIONS[table.MIDLANDS.id]().name == "Midlands"
        assert REAL_ORGANISATIONS[table.SOUTH_EAST.id]().name == "South East"


@pytest.mark.parametrize("relation", table.RELATIONS)
@pytest.mark.parametrize("role", table.ROLES)
def test_visible_cases_agrees_with_the_truth_table(app, one_case_in_each_state, role, relation):
    ids, reviewer_id = one_case_in_each_state
    fake_organisation, allocated, lent_in = table.PLACES[relation]
    db.session.execute(update(Case).where(Case.id.in_(ids)).values(reviewer_lent_in=lent_in))
    organisation = REAL_ORGANISATIONS[fake_organisation.id]()
    user = SimpleNamespace(
        id=reviewer_id if allocated else reviewer_id + 100_000,
        is_authenticated=True,
        role_enum=role,
        organisation=organisation,
        organisation_id=organisation.id,
    )
    seen = db.session.scalars(select(Case.id).where(Case.id.in_(ids), visible_cases(user))).all()
    want = table.EXPECTED[Action.VIEW_CASE].get((role, relation), frozenset())
    assert {ids[case_id] for case_id in seen} == set(want)


@pytest.mark.usefixtures("one_case_in_each_state")
def test_no_one_signed_out_sees_a_case(app):
    nobody = SimpleNamespace(is_authenticated=False)
    assert db.session.scalars(select(Case.id).where(visible_cases(nobody))).all() == []


# A notification that came without an ICB is seen only by those who route it: the national
# team at national level and every regional coordinator at regional level.
SEE_UNROUTED = {
    (table.NATIONAL_TEAM, table.NATIONAL_SCOPE),
    (table.COORDINATOR, table.OWN_REGION),
    (table.COORDINATOR, table.OTHER_REGION),
}


@pytest.mark.parametrize("relation", table.RELATIONS)
@pytest.mark.parametrize("role", table.ROLES)
def test_a_notification_without_an_icb_is_seen_only_by_those_who_route_it(app, role, relation):
    with app.app_context():
        case = make_case(OWN_ICB, table.State.NOTIFIED)
        case.icb_id = None
        db.session.flush()
        fake_organisation, _, _ = table.PLACES[relation]
        organisation = REAL_ORGANISATIONS[fake_organisation.id]()
        user = SimpleNamespace(
            id=-1,
            is_authenticated=True,
            role_enum=role,
            organisation=organisation,
            organisation_id=organisation.id,
        )
        seen = db.session.scalars(select(Case.id).where(Case.id == case.id, visible_cases(user)))
        assert (list(seen) == [case.id]) is ((role, relation) in SEE_UNROUTED)
