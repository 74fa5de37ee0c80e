"""Notifications that came without an ICB ("I'm not sure" where the person lived): the routing
queue the national team and regional coordinators work, and assigning the ICB."""

import re

import pytest
from sqlalchemy import select

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent
from tests.conftest import OTHER_REGION_ICB, OWN_ICB
from tests.support.case_work import post_form, text_of
from tests.support.factories import make_case, make_unrouted_case

WEST_YORKSHIRE = "NHS West Yorkshire Integrated Care Board"


def unrouted(app, **fields) -> str:
    with app.app_context():
        case = make_unrouted_case(**fields)
        db.session.commit()
        return case.reference


def icb_id(app, name: str) -> int:
    with app.app_context():
        return organisations.get_by_name(name).id


def route_events(app, reference: str) -> list[tuple[str, str]]:
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).where(Case.reference == reference))
        return [
            (event.kind, event.details)
            for event in db.session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "route")
            )
        ]


def icb_of(app, reference: str) -> str | None:
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        return case.icb.name if case.icb else None


@pytest.mark.parametrize("role", [Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR])
def test_the_queue_lists_new_notifications_without_an_icb(app, signed_in, role):
    waiting = unrouted(app, preferred_name="Waiting Person", postcode="LS6 2AB")
    with app.app_context():
        make_case(OWN_ICB, State.NOTIFIED, preferred_name="Routed Person")
        db.session.commit()
    page = signed_in(role).get("/routing").get_data(as_text=True)
    words = text_of(page)
    assert "Waiting Person" in words and "LS6 2AB" in words
    assert f'href="/cases/{waiting}/route"' in page
    assert "Routed Person" not in words


def test_the_home_page_counts_the_queue_for_those_who_work_it(app, signed_in):
    unrouted(app)
    national = signed_in(Role.NATIONAL_TEAM).get("/home").get_data(as_text=True)
    assert "1 notification waiting for an ICB" in text_of(national)
    lac = signed_in(Role.LOCAL_AREA_CONTACT).get("/home").get_data(as_text=True)
    assert "waiting for an ICB" not in lac


@pytest.mark.parametrize(
    "role",
    [
        Role.LOCAL_AREA_CONTACT,
        Role.REVIEWER,
        Role.SENIOR_REVIEWER,
        Role.PANEL_MEMBER,
        Role.ADVISORY_GROUP,
        Role.ACADEMIC_PARTNER,
    ],
)
def test_no_icb_role_may_see_the_queue_or_a_notification_in_it(app, signed_in, role):
    reference = unrouted(app)
    client = signed_in(role)
    assert client.get("/routing").status_code == 403
    assert client.get(f"/cases/{reference}/route").status_code == 403
    assert client.get(f"/cases/{reference}").status_code == 403


def test_the_route_page_suggests_the_icb_from_the_address(app, signed_in):
    reference = unrouted(app, address="4 Example Street\nLeeds", postcode="LS6 2AB")
    page = signed_in(Role.REGIONAL_COORDINATOR).get(f"/cases/{reference}/route")
    words = text_of(page.get_data(as_text=True))
    assert "The address and postcode point to: NHS West Yorkshire Integrated Care Board" in words


def test_assigning_the_icb_sends_it_to_that_icbs_screening_queue_and_records_it(app, signed_in):
    reference = unrouted(app, preferred_name="Sent On")
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    response = post_form(
        coordinator,
        f"/cases/{reference}/route",
        {"icb": str(icb_id(app, OWN_ICB)), "note": "GP practice is in Birmingham"},
    )
    assert response.headers["Location"] == "/routing"
    assert icb_of(app, reference) == OWN_ICB
    assert route_events(app, reference) == [
        ("route", f"Routed to {OWN_ICB}: GP practice is in Birmingham")
    ]
    banner = text_of(coordinator.get("/routing").get_data(as_text=True))
    assert f"Case {reference} sent to {OWN_ICB} for screening" in banner
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    assert "Sent On" in text_of(lac.get("/screening").get_data(as_text=True))
    history = text_of(lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert f"Sent to an ICB Routed to {OWN_ICB}: GP practice is in Birmingham" in history


def test_the_icb_must_be_chosen(app, signed_in):
    reference = unrouted(app)
    page = post_form(signed_in(Role.NATIONAL_TEAM), f"/cases/{reference}/route", {"icb": ""})
    assert page.status_code == 200
    assert "Select the ICB where they lived" in page.get_data(as_text=True)
    assert icb_of(app, reference) is None


def test_an_icb_not_in_the_list_is_refused(app, signed_in):
    reference = unrouted(app)
    with app.app_context():
        region = organisations.get_by_name(OWN_ICB).parent_id
    page = post_form(
        signed_in(Role.NATIONAL_TEAM), f"/cases/{reference}/route", {"icb": str(region)}
    )
    assert "Select the ICB where they lived" in page.get_data(as_text=True)
    assert icb_of(app, reference) is None


def test_the_second_person_to_route_is_told_who_was_first_and_changes_nothing(app, signed_in):
    reference = unrouted(app)
    national = signed_in(Role.NATIONAL_TEAM)
    coordinator = signed_in(Role.REGIONAL_COORDINATOR)
    # Both open the page; the coordinator sends it first.
    assert coordinator.get(f"/cases/{reference}/route").status_code == 200
    assert national.get(f"/cases/{reference}/route").status_code == 200
    post_form(coordinator, f"/cases/{reference}/route", {"icb": str(icb_id(app, OWN_ICB))})
    late = post_form(
        national, f"/cases/{reference}/route", {"icb": str(icb_id(app, OTHER_REGION_ICB))}
    )
    assert late.headers["Location"] == "/routing"
    banner = text_of(national.get("/routing").get_data(as_text=True))
    assert f"Case {reference} has already been sent to {OWN_ICB}" in banner
    assert icb_of(app, reference) == OWN_ICB
    assert len(route_events(app, reference)) == 1


def test_a_routed_case_is_no_longer_in_the_queue(app, signed_in):
    reference = unrouted(app, preferred_name="Gone From Queue")
    national = signed_in(Role.NATIONAL_TEAM)
    post_form(national, f"/cases/{reference}/route", {"icb": str(icb_id(app, OWN_ICB))})
    assert "Gone From Queue" not in national.get("/routing").get_data(as_text=True)


def test_the_national_team_can_read_the_whole_notification_before_routing(app, signed_in):
    reference = unrouted(app, preferred_name="Read First")
    page = signed_in(Role.NATIONAL_TEAM).get(f"/cases/{reference}")
    assert page.status_code == 200
    assert "Waiting for an ICB" in text_of(page.get_data(as_text=True))


# --- What screening shows -----------------------------------------------------------------------


def test_screening_shows_an_opt_out_and_a_childs_death_prominently(app, signed_in):
    from datetime import date

    from tests.support.case_work import new_case

    reference = new_case(
        app,
        State.NOTIFIED,
        preferred_name="Flagged",
        national_data_opt_out="yes",
        date_of_birth=date(2012, 4, 1),
        date_of_death=date(2026, 1, 2),
    )
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    page = lac.get(f"/cases/{reference}/screen").get_data(as_text=True)
    warnings = re.findall(r'<strong class="govuk-warning-text__text">(.*?)</strong>', page, re.S)
    said = [text_of(warning) for warning in warnings]
    assert any("registered a national data opt-out" in text for text in said)
    assert any("under 18 when they died" in text for text in said)
    queue = text_of(lac.get("/screening").get_data(as_text=True))
    assert "National data opt-out" in queue and "Under 18" in queue
