"""Escalation: a LAC asks the regional coordinator for help; both read the thread on the case."""

import re

from leder_web.core import organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.escalations import service as escalations
from leder_web.models import Case, User
from tests.conftest import (
    OTHER_ICB_SAME_REGION,
    OTHER_REGION_ICB,
    session_user_email,
    sign_in_as,
)
from tests.support.case_work import load_case, new_case, outbox, post_form, text_of


def escalate(client, reference, message="We have no reviewer free", **extra):
    return post_form(client, f"/cases/{reference}/escalate", {"message": message, **extra})


def escalation_path(page: str) -> str:
    return re.search(r'href="(/escalations/\d+)"', page).group(1)


def test_a_lac_escalates_and_the_coordinator_sees_it_on_their_list_and_home(app, client, make_user):
    lac_id = make_user(Role.LOCAL_AREA_CONTACT, email="leila@example.org")
    # The region's coordinator is the session's user of that role (tests/conftest.py).
    reference = new_case(app, State.AWAITING_ALLOCATION, preferred_name="Tommy")
    sign_in_as(client, app, lac_id)
    response = escalate(client, reference, "Tommy's review is due soon and nobody is free")
    assert response.headers["Location"] == f"/cases/{reference}"
    [(to, subject, body, kind)] = outbox(app)
    assert (to, kind) == (session_user_email(Role.REGIONAL_COORDINATOR), "escalation_raised")
    assert reference in subject and "Tommy" not in subject + body

    coordinator = client.application.test_client()
    sign_in_as(coordinator, app, make_user(Role.REGIONAL_COORDINATOR))
    listing = coordinator.get("/escalations").get_data(as_text=True)
    assert f"Tommy, {reference}" in text_of(listing)
    home = text_of(coordinator.get("/home").get_data(as_text=True))
    assert "Open escalations" in home and reference in home
    thread = coordinator.get(escalation_path(listing)).get_data(as_text=True)
    assert "Tommy's review is due soon and nobody is free" in text_of(thread)


def test_an_escalation_needs_a_message(app, signed_in):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    page = escalate(signed_in(Role.LOCAL_AREA_CONTACT), reference, "").get_data(as_text=True)
    assert page.count("Enter what you need help with") == 2


def test_reply_emails_the_lac_and_both_see_the_thread_on_the_case(app, client, make_user):
    lac_id = make_user(Role.LOCAL_AREA_CONTACT, email="leila@example.org")
    reference = new_case(app, State.INITIAL_REVIEW)
    sign_in_as(client, app, lac_id)
    escalate(client, reference, "Can the region help?")
    coordinator = app.test_client()
    sign_in_as(coordinator, app, make_user(Role.REGIONAL_COORDINATOR))
    path = escalation_path(coordinator.get("/escalations").get_data(as_text=True))
    response = post_form(
        coordinator, f"{path}/reply", {"message": "Yes: Dudley can lend a reviewer"}
    )
    assert response.headers["Location"] == path
    [raised, (to, subject, body, kind)] = outbox(app)
    assert raised[3] == "escalation_raised"  # to the region's coordinator, when it was raised
    assert (to, kind) == ("leila@example.org", "escalation_reply")
    assert reference in subject
    assert "Dudley" not in body  # the reply itself stays on the platform

    for reader in (client, coordinator):
        case_page = text_of(reader.get(f"/cases/{reference}").get_data(as_text=True))
        assert "Can the region help?" in case_page
        assert "Yes: Dudley can lend a reviewer" in case_page
        assert case_page.index("Can the region help?") < case_page.index("Yes: Dudley")

    # The LAC may answer in the thread too; that sends no email to anyone.
    post_form(client, f"{path}/reply", {"message": "Thank you"})
    assert len(outbox(app)) == 2


def test_the_coordinator_resolves_and_the_lac_cannot(app, client, make_user):
    lac_id = make_user(Role.LOCAL_AREA_CONTACT)
    reference = new_case(app, State.INITIAL_REVIEW)
    sign_in_as(client, app, lac_id)
    escalate(client, reference)
    path = escalation_path(client.get(f"/cases/{reference}").get_data(as_text=True))
    assert "Resolve escalation" not in client.get(path).get_data(as_text=True)
    assert post_form(client, f"{path}/resolve", {}).status_code == 403

    coordinator = app.test_client()
    sign_in_as(coordinator, app, make_user(Role.REGIONAL_COORDINATOR))
    assert "Resolve escalation" in coordinator.get(path).get_data(as_text=True)
    post_form(coordinator, f"{path}/resolve", {})
    assert "There are no open escalations" in coordinator.get("/escalations").get_data(as_text=True)
    case_page = text_of(client.get(f"/cases/{reference}").get_data(as_text=True))
    assert "Resolved" in case_page
    history = text_of(client.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "Escalation resolved by the regional coordinator" in history


def test_a_coordinator_of_another_region_cannot_see_the_escalation(app, client, make_user):
    sign_in_as(client, app, make_user(Role.LOCAL_AREA_CONTACT))
    reference = new_case(app, State.INITIAL_REVIEW)
    escalate(client, reference)
    path = escalation_path(client.get(f"/cases/{reference}").get_data(as_text=True))
    with app.app_context():
        south_east = organisations.get_by_name(OTHER_REGION_ICB).parent.name
    elsewhere = app.test_client()
    sign_in_as(elsewhere, app, make_user(Role.REGIONAL_COORDINATOR, south_east))
    assert elsewhere.get(path).status_code == 403
    assert reference not in elsewhere.get("/escalations").get_data(as_text=True)


def test_transfer_to_another_region_goes_through_the_coordinator(app, client, make_user):
    sign_in_as(client, app, make_user(Role.LOCAL_AREA_CONTACT))
    reference = new_case(app, State.NOTIFIED)
    form = client.get(f"/cases/{reference}/escalate?transfer=yes").get_data(as_text=True)
    assert re.search(r'name="transfer_request"[^>]*checked', form)
    escalate(client, reference, "The person lived in Kent", transfer_request="y")

    coordinator = app.test_client()
    sign_in_as(coordinator, app, make_user(Role.REGIONAL_COORDINATOR))
    listing = text_of(coordinator.get("/escalations").get_data(as_text=True))
    assert "Transfer to another region" in listing
    transfer_page = coordinator.get(f"/cases/{reference}/transfer").get_data(as_text=True)
    assert OTHER_REGION_ICB in transfer_page and OTHER_ICB_SAME_REGION in transfer_page
    with app.app_context():
        kent_id = organisations.get_by_name(OTHER_REGION_ICB).id
    post_form(coordinator, f"/cases/{reference}/transfer", {"to_icb": str(kent_id)})
    case = load_case(app, reference)
    assert case.icb_id == kent_id
    assert case.state == State.NOTIFIED
    # Out of the region now: off the coordinator's list, and the request resolved.
    assert "There are no open escalations" in coordinator.get("/escalations").get_data(as_text=True)
    kent_lac = app.test_client()
    sign_in_as(kent_lac, app, make_user(Role.LOCAL_AREA_CONTACT, OTHER_REGION_ICB))
    assert f"/cases/{reference}/screen" in kent_lac.get("/screening").get_data(as_text=True)


def test_a_lac_cannot_escalate_a_closed_case(app, signed_in):
    reference = new_case(app, State.CLOSED)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = escalate(lac, reference)
    assert response.headers["Location"] == f"/cases/{reference}"
    assert outbox(app) == []


def test_a_reply_to_a_resolved_escalation_is_refused_with_a_message(app, client, make_user):
    lac_id = make_user(Role.LOCAL_AREA_CONTACT)
    reference = new_case(app, State.INITIAL_REVIEW)
    sign_in_as(client, app, lac_id)
    escalate(client, reference)
    path = escalation_path(client.get(f"/cases/{reference}").get_data(as_text=True))
    coordinator = app.test_client()
    sign_in_as(coordinator, app, make_user(Role.REGIONAL_COORDINATOR))
    post_form(coordinator, f"{path}/resolve", {})
    response = post_form(client, f"{path}/reply", {"message": "One more thing"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "This escalation has been resolved: escalate the case again if you need help" in page
    assert "One more thing" not in text_of(client.get(path).get_data(as_text=True))


def test_once_the_case_is_closed_its_escalation_takes_no_more_replies(app, client, make_user):
    lac_id = make_user(Role.LOCAL_AREA_CONTACT)
    reference = new_case(app, State.SIGNED_OFF)
    sign_in_as(client, app, lac_id)
    # Escalated while signed off (not an open state): raised in the service, as it would
    # have been while the review was open.
    with app.app_context():
        case = db.session.query(Case).filter_by(reference=reference).one()
        escalations.raise_escalation(case, by=db.session.get(User, lac_id), message="Help")
        case.state = State.CLOSED.value
        db.session.commit()
    path = escalation_path(client.get(f"/cases/{reference}").get_data(as_text=True))
    thread = text_of(client.get(path).get_data(as_text=True))
    assert "This case is closed: the escalation can no longer be replied to." in thread
    assert "Send reply" not in thread
    response = post_form(client, f"{path}/reply", {"message": "One more thing"})
    assert response.status_code == 403
    assert "This case is closed" in text_of(response.get_data(as_text=True))
    assert "One more thing" not in text_of(client.get(path).get_data(as_text=True))
