"""Two people acting on one case at the same moment never both win silently: two regional
coordinators reallocating one case to different reviewers, two of the national team re-opening
one case.

Real threads against PostgreSQL (each test has a database of its own); the rounds repeat because
a race does not show every time."""

import pytest
from sqlalchemy import func, select

from leder_web.accounts import service as users
from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, OutboxEmail
from tests.conftest import OTHER_ICB_SAME_REGION, TEST_PASSWORD
from tests.support.databases import postgres_server_url
from tests.support.races import at_once, client_for, new_case, person, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def someone(app, role: Role, organisation: str | None, name: str) -> int:
    """A user of another organisation than the own ICB (None: NHS England)."""
    with app.app_context():
        where = (
            organisations.get_by_name(organisation)
            if organisation
            else organisations.get_national()
        )
        user = users.create_user(
            email=f"{name.replace(' ', '.')}@example.org",
            full_name=name.title(),
            password=TEST_PASSWORD,
            role=role,
            organisation=where,
        )
        db.session.commit()
        return user.id


def case_facts(app, reference: str) -> tuple[Case, list[CaseEvent], int]:
    """The case, its history, and how many emails name it."""
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        events = list(
            db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
            )
        )
        emails = db.session.scalar(
            select(func.count())
            .select_from(OutboxEmail)
            .where(OutboxEmail.subject.contains(reference))
        )
        db.session.expunge_all()
        return case, events, emails


if postgres_server_url():

    def test_two_coordinators_reallocating_one_case_at_once_make_one_change(race_app):
        first = client_for(
            race_app, someone(race_app, Role.REGIONAL_COORDINATOR, "Midlands", "rc one")
        )
        second = client_for(
            race_app, someone(race_app, Role.REGIONAL_COORDINATOR, "Midlands", "rc two")
        )
        ruth = person(race_app, Role.REVIEWER, "ruth")
        dev = someone(race_app, Role.REVIEWER, OTHER_ICB_SAME_REGION, "dev")
        sana = someone(race_app, Role.SENIOR_REVIEWER, OTHER_ICB_SAME_REGION, "sana")
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.INITIAL_REVIEW, reviewer_id=ruth)
            path = f"/cases/{reference}/reallocate-in-region"
            # Both pages were opened while Ruth had the case.
            responses = at_once(
                (first, path, {"reviewer": str(dev), "reason": "One", "from_reviewer": str(ruth)}),
                (
                    second,
                    path,
                    {"reviewer": str(sana), "reason": "Two", "from_reviewer": str(ruth)},
                ),
            )
            case, events, emails = case_facts(race_app, reference)
            reallocations = [e for e in events if e.kind == "allocation"]
            assert len(reallocations) == 1, [e.details for e in reallocations]
            assert emails == 1
            assert case.reviewer_id in (dev, sana) and case.reviewer_lent_in is True
            # The one who lost is shown why on the form, with nothing they typed lost.
            assert sorted(r.status_code for r in responses) == [200, 302]
            [refused] = [r for r in responses if r.status_code == 200]
            assert "while you were choosing" in refused.get_data(as_text=True)

    def test_two_of_the_national_team_re_opening_one_case_at_once_re_open_it_once(race_app):
        first = client_for(race_app, someone(race_app, Role.NATIONAL_TEAM, None, "nt one"))
        second = client_for(race_app, someone(race_app, Role.NATIONAL_TEAM, None, "nt two"))
        person(race_app, Role.LOCAL_AREA_CONTACT, "lac")
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.NOT_PROCEEDING)
            path = f"/cases/{reference}/reopen"
            responses = at_once(
                (first, path, {"reason": "Lived in England after all"}),
                (second, path, {"reason": "Wrongly screened out"}),
            )
            case, events, emails = case_facts(race_app, reference)
            reopened = [e for e in events if e.from_state == State.NOT_PROCEEDING.value]
            assert len(reopened) == 1
            assert case.state == State.NOTIFIED.value
            assert emails == 1  # the ICB's one LAC, once
            told = 0
            for client, response in zip((first, second), responses, strict=True):
                assert response.status_code in (200, 302)
                if response.status_code == 302:
                    response = client.get(f"/cases/{reference}")
                told += "This case has already been re-opened" in response.get_data(as_text=True)
            assert told == 1
