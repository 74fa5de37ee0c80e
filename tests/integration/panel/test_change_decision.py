"""A decision the panel recorded is changed until the chair confirms the sign-off: the
change is version-checked (a colleague's change is never lost unseen) and kept in the case's
history; a confirmed sign-off or a return is final."""

import pytest
from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import CaseEvent, PanelDecision
from tests.integration.panel.test_panel import (  # noqa: F401
    DECISION,
    decision_path,
    fixed_today,
    on_agenda,
    state_of,
    version_on,
)
from tests.support.case_work import post_form, text_of

pytestmark = pytest.mark.postgresql


def signed_off_by_the_panel(signed_in, on_agenda):  # noqa: F811
    meeting, reference = on_agenda
    member = signed_in(Role.PANEL_MEMBER)
    response = post_form(
        member, decision_path(meeting, reference), {**DECISION, "outcome": "signed_off"}
    )
    assert response.status_code == 302
    return member, meeting, reference


def test_a_decision_is_changed_before_the_chair_confirms_it(app, signed_in, on_agenda):  # noqa: F811
    member, meeting, reference = signed_off_by_the_panel(signed_in, on_agenda)
    decided = text_of(member.get(decision_path(meeting, reference, "decided")).text)
    assert "Until the chair confirms a sign-off, the decision can be changed" in decided
    change = decision_path(meeting, reference, "decision/change")
    page = member.get(change).text
    assert "Change the panel's decision on Alice" in text_of(page)
    assert version_on(page) == "1"
    response = post_form(member, change, {**DECISION, "outcome": "deferred", "version": "1"})
    assert response.status_code == 302
    assert response.headers["Location"] == decision_path(meeting, reference, "decided")
    page = text_of(member.get(response.headers["Location"]).text)
    assert "The panel's decision is changed" in page
    assert "Decision Deferred to a later meeting" in page
    assert state_of(app, reference) == State.AWAITING_PANEL.value
    with app.app_context():
        decision = db.session.scalar(select(PanelDecision))
        assert (decision.outcome, decision.version) == ("deferred", 2)
        event = db.session.scalar(
            select(CaseEvent).where(CaseEvent.kind == "panel_decision_changed")
        )
        assert event.details == (
            "The panel's decision changed from signed off to deferred to a later meeting"
        )


def test_a_change_on_a_page_opened_before_anothers_is_refused(app, signed_in, on_agenda):  # noqa: F811
    member, meeting, reference = signed_off_by_the_panel(signed_in, on_agenda)
    change = decision_path(meeting, reference, "decision/change")
    post_form(member, change, {**DECISION, "outcome": "deferred", "version": "1"})
    stale = post_form(
        member, change, {**DECISION, "outcome": "signed_off_minor", "reasons": "x", "version": "1"}
    )
    assert stale.status_code == 302
    page = text_of(member.get(stale.headers["Location"]).text)
    assert "Test panel member changed the decision at" in page
    assert "Nothing was saved" in page
    with app.app_context():
        assert db.session.scalar(select(PanelDecision.outcome)) == "deferred"


def test_changing_to_a_return_sends_the_review_back(app, signed_in, on_agenda):  # noqa: F811
    member, meeting, reference = signed_off_by_the_panel(signed_in, on_agenda)
    change = decision_path(meeting, reference, "decision/change")
    response = post_form(
        member,
        change,
        {**DECISION, "outcome": "returned", "reasons": "Add the GP's view", "version": "1"},
    )
    assert response.status_code == 302
    assert state_of(app, reference) == State.INITIAL_REVIEW.value
    # A return is final: the change page only shows the decision.
    assert member.get(change).headers["Location"] == decision_path(meeting, reference, "decided")


def test_a_confirmed_sign_off_is_not_changed(app, signed_in, on_agenda):  # noqa: F811
    member, meeting, reference = signed_off_by_the_panel(signed_in, on_agenda)
    post_form(member, decision_path(meeting, reference, "sign-off"), {"confirm": "yes"})
    assert state_of(app, reference) == State.SIGNED_OFF.value
    change = decision_path(meeting, reference, "decision/change")
    assert member.get(change).status_code == 302
    refused = post_form(member, change, {**DECISION, "outcome": "deferred", "version": "1"})
    assert refused.status_code == 302
    assert "the decision can be changed" not in text_of(
        member.get(decision_path(meeting, reference, "decided")).text
    )
    with app.app_context():
        assert db.session.scalar(select(PanelDecision.outcome)) == "signed_off"


def test_only_panel_members_change_a_decision(app, signed_in, on_agenda):  # noqa: F811
    _, meeting, reference = signed_off_by_the_panel(signed_in, on_agenda)
    change = decision_path(meeting, reference, "decision/change")
    assert signed_in(Role.LOCAL_AREA_CONTACT).get(change).status_code == 403
