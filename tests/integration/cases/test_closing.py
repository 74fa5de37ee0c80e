"""After sign-off: the finished review offered to the family (the family's fourth step, with
how, easy read and whether they were told the actions), then the LAC closes the case; a
closed case is read only and says so."""

import pytest
from sqlalchemy import select

from leder_web.core.clock import today, uk_date
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.family_log import service as family
from leder_web.models import Case, CaseEvent, FamilyStep, FindingsShared
from tests.conftest import OWN_ICB
from tests.support.case_work import post_form, text_of
from tests.support.factories import make_case

pytestmark = pytest.mark.postgresql

OFFERED = {
    "offered": "yes",
    "offered_on-day": "2",
    "offered_on-month": "11",
    "offered_on-year": "2026",
    "method": "letter",
    "easy_read": "yes",
    "response": "Jean would like to meet to talk it through.",
    "told_actions": "yes",
}


def signed_off_case(app, reviewer_id: int, state: State = State.SIGNED_OFF) -> str:
    with app.app_context():
        case = make_case(
            OWN_ICB,
            state,
            reviewer_id=reviewer_id,
            full_name="Thomas Reed",
            family_contact_name="Jean Reed",
            family_contact_relationship="Sister",
        )
        family.ensure_notified_contact(case)
        db.session.commit()
        return case.reference


def findings_url(reference: str) -> str:
    return f"/cases/{reference}/family/findings-shared"


def state_of(app, reference: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Case.state).where(Case.reference == reference))


def test_the_reviewer_records_the_offer_as_the_familys_fourth_step(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER])
    reviewer = signed_in(Role.REVIEWER)
    page = text_of(reviewer.get(findings_url(reference)).get_data(as_text=True))
    assert "Was a copy of the finished review offered to the family?" in page
    response = post_form(reviewer, findings_url(reference), {**OFFERED, "opened": "0"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}"
    overview = text_of(reviewer.get(f"/cases/{reference}").get_data(as_text=True))
    assert "The findings shared with the family are recorded" in overview
    assert (
        "Findings shared with the family Offered to the family Yes, on 2 November 2026 "
        "How Letter In easy read Yes What they said Jean would like to meet to talk it through. "
        "Told the actions the panel agreed Yes Recorded by Test reviewer" in overview
    )
    with app.app_context():
        step = db.session.scalar(select(FamilyStep).where(FamilyStep.step == "final"))
        assert (step.done, step.details) == (True, "Jean would like to meet to talk it through.")
        shared = db.session.scalar(select(FindingsShared))
        assert (shared.step_id, shared.method, shared.easy_read, shared.told_actions) == (
            step.id,
            "letter",
            True,
            True,
        )
    log = text_of(reviewer.get(f"/cases/{reference}/family").get_data(as_text=True))
    assert "Jean would like to meet to talk it through." in log


def test_not_offered_needs_a_reason_and_what_happened(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER])
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = post_form(lac, findings_url(reference), {"offered": "no", "opened": "0"})
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert page.startswith(" Error: Findings shared with the family")
    assert "There is a problem Select why it was not offered Enter what happened" in page
    response = post_form(
        lac,
        findings_url(reference),
        {
            "offered": "no",
            "reason": "declined",
            "details": "Jean asked us not to send it.",
            "opened": "0",
        },
    )
    assert response.status_code == 302
    overview = text_of(lac.get(f"/cases/{reference}").get_data(as_text=True))
    assert (
        "Offered to the family No Why not The family declined What happened "
        "Jean asked us not to send it." in overview
    )


def test_an_offer_needs_its_details(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER])
    response = post_form(
        signed_in(Role.REVIEWER), findings_url(reference), {"offered": "yes", "opened": "0"}
    )
    page = text_of(response.get_data(as_text=True))
    assert (
        "There is a problem Enter the date it was offered Select how it was offered "
        "Select whether it was offered in easy read Enter what the family said "
        "Select whether the family were told the actions" in page
    )
    empty = post_form(signed_in(Role.REVIEWER), findings_url(reference), {"opened": "0"})
    assert "Select whether a copy was offered" in text_of(empty.get_data(as_text=True))


def test_a_record_made_while_the_page_was_open_is_not_overwritten(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER])
    post_form(
        signed_in(Role.LOCAL_AREA_CONTACT), findings_url(reference), {**OFFERED, "opened": "0"}
    )
    response = post_form(
        signed_in(Role.REVIEWER),
        findings_url(reference),
        {"offered": "no", "reason": "other", "details": "Not sent", "opened": "0"},
    )
    assert response.status_code == 200
    assert "Test local area contact recorded how the findings were shared at" in text_of(
        response.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.scalar(select(db.func.count(FindingsShared.id))) == 1


def test_findings_are_recorded_only_once_signed_off(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER], State.AWAITING_PANEL)
    response = signed_in(Role.REVIEWER).get(findings_url(reference))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}"


def test_the_lac_cannot_close_until_the_findings_are_recorded(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER])
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    overview = text_of(lac.get(f"/cases/{reference}").get_data(as_text=True))
    assert (
        "What you can do Escalate to the regional coordinator "
        "Record the findings shared with the family Close the case"
    ) in overview
    response = post_form(lac, f"/cases/{reference}/close", {})
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert page.startswith(" Error: Close the case of Thomas")
    assert (
        "There is a problem Record how the finished review was offered to the family, or why "
        "it was not, before you close the case" in page
    )
    assert state_of(app, reference) == State.SIGNED_OFF


def test_closing_makes_the_case_read_only_and_says_so(app, signed_in, session_users):
    reference = signed_off_case(app, session_users[Role.REVIEWER])
    reviewer = signed_in(Role.REVIEWER)
    post_form(reviewer, findings_url(reference), {**OFFERED, "opened": "0"})
    # Only the LAC closes the case.
    assert "Close the case" not in text_of(
        reviewer.get(f"/cases/{reference}").get_data(as_text=True)
    )
    assert post_form(reviewer, f"/cases/{reference}/close", {}).status_code == 403
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = post_form(lac, f"/cases/{reference}/close", {})
    assert response.status_code == 302
    assert state_of(app, reference) == State.CLOSED
    overview = text_of(lac.get(f"/cases/{reference}").get_data(as_text=True))
    assert "Case closed" in overview
    assert f"This case was closed on {uk_date(today())}; it can no longer be changed." in overview
    assert "What you can do" not in overview
    with app.app_context():
        event = db.session.scalar(
            select(CaseEvent).where(CaseEvent.to_state == "closed").order_by(CaseEvent.id.desc())
        )
        assert event.by.full_name == "Test local area contact"
    # Every change is refused, and says why; reading still works.
    for path in (
        f"/cases/{reference}/family/people/add",
        f"/cases/{reference}/family/contacts/add",
        f"/cases/{reference}/family/steps/told",
        f"/cases/{reference}/family/decision",
        findings_url(reference),
    ):
        refused = post_form(reviewer, path, {})
        assert refused.status_code == 403, path
        assert f"This case is closed This case was closed on {uk_date(today())}" in text_of(
            refused.get_data(as_text=True)
        ), path
    typed = post_form(
        reviewer,
        f"/cases/{reference}/family/people/add",
        {"name": "Ruth", "relationship_to_person": "Niece", "family_views": "She loved the sea."},
    )
    assert "What you typed Copy anything you want to keep" in text_of(typed.get_data(as_text=True))
    assert "She loved the sea." in typed.get_data(as_text=True)
    log = reviewer.get(f"/cases/{reference}/family")
    assert log.status_code == 200
    assert (
        "This case is closed: its family contact log can be read, printed and downloaded, "
        "but no longer changed." in text_of(log.get_data(as_text=True))
    )
    # No way to a change from the log: every such link would end on the refusal above.
    for change in ("/family/people/", "/family/contacts/", "/family/steps", "/family/decision"):
        assert f'href="/cases/{reference}{change}' not in log.get_data(as_text=True), change
    assert f'href="/cases/{reference}/family/print"' in log.get_data(as_text=True)
    assert reviewer.get(f"/cases/{reference}/review").status_code == 200
    edit = post_form(reviewer, f"/cases/{reference}/review/pen-portrait/questions/1", {})
    assert edit.status_code == 409
    assert "the case is closed. It cannot be changed." in text_of(edit.get_data(as_text=True))
    again = post_form(lac, f"/cases/{reference}/close", {})
    assert again.status_code == 403


def test_the_lacs_home_lists_signed_off_cases_with_whether_they_are_ready_to_close(
    app, signed_in, session_users
):
    waiting = signed_off_case(app, session_users[Role.REVIEWER])
    with app.app_context():
        ready = make_case(OWN_ICB, State.SIGNED_OFF, full_name="Ada Ready")
        db.session.commit()
        ready_reference = ready.reference
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    post_form(
        lac,
        findings_url(ready_reference),
        {"offered": "no", "reason": "no_family_known", "details": "None known", "opened": "0"},
    )
    response = lac.get("/home")
    page = text_of(response.get_data(as_text=True))
    assert "Signed off and ready to close" in page
    assert (
        f"Thomas Reed , case {waiting} Test reviewer Not recorded yet "
        "Record the findings shared" in page
    )
    assert f"Ada Ready , case {ready_reference} Not allocated Recorded Close the case" in page
    assert f'href="/cases/{ready_reference}/close"' in response.get_data(as_text=True)
