"""Allocating cases to reviewers, reallocating, and holds, as the LAC and reviewers see them."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from leder_web.allocation import service as allocation
from leder_web.core import organisations
from leder_web.core.clock import now
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import CaseHold
from tests.conftest import OTHER_ICB_SAME_REGION, OWN_ICB, sign_in_as
from tests.support.case_work import load_case, new_case, outbox, post_form, text_of


def allocate(client, reference, **data):
    return post_form(client, f"/cases/{reference}/allocate", data)


@pytest.mark.postgresql  # an outer join with grouped sums
def test_allocation_page_lists_the_icbs_reviewers_with_their_workload(app, signed_in, make_user):
    ruth = make_user(Role.REVIEWER, email="ruth@example.org")
    make_user(Role.SENIOR_REVIEWER, email="sam@example.org")
    make_user(Role.REVIEWER, OTHER_ICB_SAME_REGION, email="elsewhere@example.org")
    new_case(app, State.INITIAL_REVIEW, reviewer_id=ruth, due_in_days=-2)
    new_case(app, State.FOCUSED_REVIEW, reviewer_id=ruth, due_in_days=60)
    new_case(app, State.CLOSED, reviewer_id=ruth, due_in_days=-90)  # closed: not counted
    reference = new_case(app, State.AWAITING_ALLOCATION)
    page = signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}/allocate")
    words = text_of(page.get_data(as_text=True))
    assert "Test reviewer 2 open cases, 1 overdue" in words
    assert "Test senior reviewer 0 open cases, 0 overdue" in words
    assert "elsewhere" not in page.get_data(as_text=True)


@pytest.mark.postgresql  # an outer join with grouped sums
def test_workload_is_one_query_however_many_reviewers(app, make_user, session_users):
    reviewers = [make_user(Role.REVIEWER) for _ in range(5)]
    for reviewer in reviewers:
        new_case(app, State.INITIAL_REVIEW, reviewer_id=reviewer)
    statements = []
    with app.app_context():
        icb_id = organisations.get_by_name(OWN_ICB).id

        def count(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            workloads = allocation.reviewer_workloads(icb_id)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    # The ICB's signed-in reviewer and senior reviewer are listed too, with no cases.
    without_cases = {session_users[Role.REVIEWER], session_users[Role.SENIOR_REVIEWER]}
    assert {w.reviewer.id: w.open_cases for w in workloads} == {
        **dict.fromkeys(reviewers, 1),
        **dict.fromkeys(without_cases, 0),
    }
    assert len(statements) == 1


def test_allocating_starts_the_review_puts_it_on_the_reviewers_home_and_emails_them(
    app, client, signed_in, make_user
):
    ruth = make_user(Role.REVIEWER, email="ruth@example.org")
    reference = new_case(
        app, State.AWAITING_ALLOCATION, full_name="Margaret Ellis", preferred_name="Maggie"
    )
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    response = allocate(lac, reference, reviewer=str(ruth), note="Family prefer letters")
    assert response.headers["Location"] == f"/cases/{reference}"
    case = load_case(app, reference)
    assert case.state == State.INITIAL_REVIEW
    assert case.reviewer_id == ruth
    [(to, subject, body, kind)] = outbox(app)
    assert to == "ruth@example.org"
    assert kind == "allocated"
    assert f"A case has been allocated to you: reference {reference}" in subject
    assert "Margaret" not in subject + body and "Maggie" not in subject + body
    history = text_of(lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "Awaiting allocation → Initial review" in history
    assert "Allocated to Test reviewer: Family prefer letters" in history
    sign_in_as(client, app, ruth)
    home = text_of(client.get("/home").get_data(as_text=True))
    assert "Your cases" in home
    assert f"Margaret Ellis Born 14 March 1968 {reference} Initial review" in home


def test_allocation_needs_a_reviewer_of_the_icb(app, signed_in, make_user):
    elsewhere = make_user(Role.REVIEWER, OTHER_ICB_SAME_REGION)
    make_user(Role.REVIEWER)
    reference = new_case(app, State.AWAITING_ALLOCATION)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    assert allocate(lac, reference).get_data(as_text=True).count("Select a reviewer") == 2
    page = allocate(lac, reference, reviewer=str(elsewhere)).get_data(as_text=True)
    assert "Select a reviewer" in page
    assert load_case(app, reference).state == State.AWAITING_ALLOCATION
    assert outbox(app) == []


def test_reallocation_needs_a_reason_and_keeps_the_state(app, signed_in, make_user):
    first = make_user(Role.REVIEWER)
    second = make_user(Role.SENIOR_REVIEWER, email="second@example.org")
    reference = new_case(app, State.FOCUSED_REVIEW, reviewer_id=first)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    form = lac.get(f"/cases/{reference}/allocate").get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">Reallocate this case</h1>' in form
    page = allocate(lac, reference, reviewer=str(second)).get_data(as_text=True)
    assert page.count("Enter why the case is being reallocated") == 2
    assert load_case(app, reference).reviewer_id == first
    allocate(lac, reference, reviewer=str(second), note="Ruth is on leave")
    case = load_case(app, reference)
    assert case.reviewer_id == second
    assert case.state == State.FOCUSED_REVIEW
    assert [to for to, *_ in outbox(app)] == ["second@example.org"]
    history = text_of(lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "Reallocated from Test reviewer to Test senior reviewer: Ruth is on leave" in history


def test_reallocating_to_the_same_reviewer_is_refused(app, signed_in, make_user):
    ruth = make_user(Role.REVIEWER)
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=ruth)
    page = allocate(signed_in(Role.LOCAL_AREA_CONTACT), reference, reviewer=str(ruth), note="x")
    assert "Select a different reviewer" in page.get_data(as_text=True)


# --- Holds ------------------------------------------------------------------------------------


def test_hold_needs_a_reason(app, signed_in):
    reference = new_case(app, State.INITIAL_REVIEW)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    page = post_form(lac, f"/cases/{reference}/hold", {}).get_data(as_text=True)
    assert page.count("Select why the case is going on hold") == 2
    page = post_form(lac, f"/cases/{reference}/hold", {"reason": "other"}).get_data(as_text=True)
    assert "Enter why the case is going on hold" in page
    assert load_case(app, reference).state == State.INITIAL_REVIEW


def test_hold_and_release_return_the_case_to_the_state_it_left_and_count_the_days(
    app, signed_in, make_user
):
    ruth = make_user(Role.REVIEWER)
    reference = new_case(app, State.FOCUSED_REVIEW, reviewer_id=ruth, due_in_days=10)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    post_form(lac, f"/cases/{reference}/hold", {"reason": "coroner", "details": "Inquest in May"})
    assert load_case(app, reference).state == State.ON_HOLD
    with app.app_context():
        hold = db.session.query(CaseHold).one()
        assert hold.reason == "coroner" and hold.ended_at is None
        hold.started_at = now() - timedelta(days=14)  # as if placed a fortnight ago
        db.session.commit()
    confirm = lac.get(f"/cases/{reference}/release").get_data(as_text=True)
    assert "go back to focused review" in confirm
    response = post_form(lac, f"/cases/{reference}/release", {})
    assert response.headers["Location"] == f"/cases/{reference}"
    case = load_case(app, reference)
    assert case.state == State.FOCUSED_REVIEW
    assert case.state_before_hold is None
    with app.app_context():
        hold = db.session.query(CaseHold).one()
        assert hold.ended_at is not None
    page = text_of(lac.get(f"/cases/{reference}").get_data(as_text=True))
    assert "10 days left" in page  # the raw clock
    assert "Days on hold 14 days" in page
    assert "Due allowing for time on hold" in page
    assert "24 days left" in page  # the hold-adjusted clock
    assert "Coroner's inquest: Inquest in May" in page
    history = text_of(lac.get(f"/cases/{reference}/history").get_data(as_text=True))
    assert "Focused review → On hold" in history
    assert "On hold → Focused review" in history


def test_the_allocated_reviewer_may_place_a_hold_but_not_release_it(app, client, make_user):
    ruth = make_user(Role.REVIEWER)
    reference = new_case(app, State.INITIAL_REVIEW, reviewer_id=ruth)
    sign_in_as(client, app, ruth)
    assert "Place on hold" in client.get(f"/cases/{reference}").get_data(as_text=True)
    post_form(client, f"/cases/{reference}/hold", {"reason": "family_time"})
    assert load_case(app, reference).state == State.ON_HOLD
    assert client.get(f"/cases/{reference}/release").status_code == 403


def test_a_case_not_being_reviewed_cannot_be_held(app, signed_in):
    reference = new_case(app, State.AWAITING_ALLOCATION)
    lac = signed_in(Role.LOCAL_AREA_CONTACT)
    assert "Place on hold" not in lac.get(f"/cases/{reference}").get_data(as_text=True)
    response = post_form(lac, f"/cases/{reference}/hold", {"reason": "police"})
    assert response.headers["Location"] == f"/cases/{reference}"
    assert load_case(app, reference).state == State.AWAITING_ALLOCATION
