"""Two people acting on one case at the same moment never both win silently: two LACs
screening one notification, a double-clicked allocation, two holds placed at once.

Real threads against PostgreSQL (each test has a database of its own), as production runs; the
rounds repeat because a race does not show every time."""

import re

import pytest
from sqlalchemy import func, select

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, CaseHold, OutboxEmail
from tests.conftest import OTHER_ICB_SAME_REGION, OWN_ICB
from tests.support.databases import postgres_server_url
from tests.support.factories import make_case
from tests.support.races import at_once, client_for, new_case, person, race_app  # noqa: F401

ROUNDS = 5

pytestmark = pytest.mark.postgresql


def events(app, reference: str) -> list[tuple[str, str | None]]:
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.reference == reference))
        return [
            (event.kind, event.to_state)
            for event in db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
            )
        ]


if postgres_server_url():

    def test_two_lacs_screening_one_notification_at_once_apply_one_decision(race_app):
        first = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lac one"))
        second = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lac two"))
        with race_app.app_context():
            other_icb = organisations.get_by_name(OTHER_ICB_SAME_REGION).id
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.NOTIFIED)
            path = f"/cases/{reference}/screen"
            at_once(
                (first, path, {"decision": "accept"}),
                (second, path, {"decision": "transfer", "to_icb": str(other_icb)}),
            )
            decisions = events(race_app, reference)[1:]
            assert len(decisions) == 1, decisions  # one decision, not both
            with race_app.app_context():
                case = db.session.scalar(select(Case).where(Case.reference == reference))
                where = (case.state, case.icb.name)
            assert where in {
                (State.AWAITING_ALLOCATION.value, organisations_name(race_app, OWN_ICB)),
                (State.NOTIFIED.value, organisations_name(race_app, OTHER_ICB_SAME_REGION)),
            }

    def test_a_double_clicked_allocation_allocates_once_and_emails_once(race_app):
        lac = client_for(race_app, person(race_app, Role.LOCAL_AREA_CONTACT, "lac"))
        reviewer = person(race_app, Role.REVIEWER, "ruth")
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.AWAITING_ALLOCATION)
            path = f"/cases/{reference}/allocate"
            # What the page's form sends, twice.
            page = lac.get(path).get_data(as_text=True)
            opened_as = re.search(r'name="opened_as" value="(\w+)"', page).group(1)
            sent = {"reviewer": str(reviewer), "opened_as": opened_as}
            responses = at_once((lac, path, sent), (lac, path, sent))
            assert [r.status_code for r in responses] == [302, 302]
            allocations = [e for e in events(race_app, reference) if e[0] == "allocation"]
            assert len(allocations) == 1
            with race_app.app_context():
                emails = db.session.scalar(
                    select(func.count())
                    .select_from(OutboxEmail)
                    .where(OutboxEmail.subject.contains(reference))
                )
            assert emails == 1

    def test_two_holds_at_once_leave_one_open_hold_and_release_ends_it(race_app):
        lac_id = person(race_app, Role.LOCAL_AREA_CONTACT, "lac")
        lac = client_for(race_app, lac_id)
        reviewer_id = person(race_app, Role.REVIEWER, "ruth")
        reviewer = client_for(race_app, reviewer_id)
        for _ in range(ROUNDS):
            reference = new_case(race_app, State.INITIAL_REVIEW, reviewer_id=reviewer_id)
            path = f"/cases/{reference}/hold"
            responses = at_once(
                (lac, path, {"reason": "coroner"}),
                (reviewer, path, {"reason": "police"}),
            )
            # One is placed; the other is told why not (on the form if it waited for the first,
            # on the case page if it came after), never a server error.
            told = 0
            shown = []
            for client, response in zip((lac, reviewer), responses, strict=True):
                assert response.status_code in (200, 302)
                if response.status_code == 302:
                    response = client.get(f"/cases/{reference}")
                body = response.get_data(as_text=True)
                shown.append(re.findall(r"notification-banner__heading[^>]*>(.*?)<", body, re.S))
                told += "This case is already on hold" in body
            assert told == 1, shown
            with race_app.app_context():
                case_id = db.session.scalar(select(Case.id).where(Case.reference == reference))
                open_holds = db.session.scalar(
                    select(func.count())
                    .select_from(CaseHold)
                    .where(CaseHold.case_id == case_id, CaseHold.ended_at.is_(None))
                )
            assert open_holds == 1
            lac.post(f"/cases/{reference}/release", data={"csrf_token": lac.csrf_token("/home")})
            with race_app.app_context():
                still_open = db.session.scalar(
                    select(func.count())
                    .select_from(CaseHold)
                    .where(CaseHold.case_id == case_id, CaseHold.ended_at.is_(None))
                )
            assert still_open == 0


def organisations_name(app, name: str) -> str:
    with app.app_context():
        return organisations.get_by_name(name).name


def test_the_database_refuses_a_second_open_hold(app_context):
    """Whatever the application does, a case has at most one open hold (on both databases)."""
    from sqlalchemy.exc import IntegrityError

    from leder_web.core.clock import now

    case = make_case(OWN_ICB, State.ON_HOLD)
    db.session.add(CaseHold(case=case, reason="coroner", started_at=now()))
    db.session.flush()
    db.session.add(CaseHold(case=case, reason="police", started_at=now()))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
