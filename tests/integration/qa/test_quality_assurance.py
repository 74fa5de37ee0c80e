"""Quality assurance by a senior reviewer: the queue, the checklist, each outcome, who may do
it (never the review's author), and what the reviewer sees when a review comes back."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from leder_web.core.clock import today, uk_date
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, CaseHold, OutboxEmail, QaDecision, ReviewSubmission
from leder_web.review import service as reviews
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.integration.qa.helpers import (
    ALL_MET,
    state_of,
    submit,
    submitted_review,
    written_review,
)
from tests.support.case_work import post_form, text_of
from tests.support.factories import make_case
from tests.support.sessions import sign_in_as

# Answers and the copy of them at submission are JSON: on both databases.
pytestmark = pytest.mark.postgresql


def qa_url(reference: str) -> str:
    return f"/cases/{reference}/quality-assurance"


def decide(client, reference: str, data: dict):
    return post_form(client, qa_url(reference), data)


# --- The queue --------------------------------------------------------------------------------


def test_the_queue_lists_the_icbs_submitted_reviews_oldest_first_with_their_clock(
    app, make_user, monkeypatch, signed_in
):
    first, _ = submitted_review(
        app, make_user, monkeypatch, full_name="Alice Older", notified_days_ago=50
    )
    second, _ = submitted_review(
        app, make_user, monkeypatch, full_name="Bob Newer", notified_days_ago=40
    )
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == second))
        now = datetime.now(UTC)
        db.session.add(
            CaseHold(
                case_id=case.id,
                reason="coroner",
                started_at=now - timedelta(days=20),
                ended_at=now - timedelta(days=8),
            )
        )
        # Another ICB's review waiting for quality assurance is not on this queue.
        make_case(OTHER_ICB_SAME_REGION, State.QUALITY_ASSURANCE, full_name="Carol Elsewhere")
        db.session.commit()
    response = signed_in(Role.SENIOR_REVIEWER).get("/quality-assurance")
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert "2 reviews waiting, the longest waiting first." in page
    assert page.index("Alice Older") < page.index("Bob Newer")
    assert "Carol Elsewhere" not in page
    submitted = uk_date(today())
    assert (
        f"Alice Older Born 14 March 1968 {first} : check the review for Alice Older "
        f"Test reviewer {submitted} 50 0" in page
    )
    # 40 days since notification; 12 of them on hold.
    assert (
        f"{second} : check the review for Bob Newer Test reviewer {submitted} 40 "
        "28 allowing for time on hold 0" in page
    )


def test_the_queue_is_for_senior_reviewers_only(signed_in, client):
    assert signed_in(Role.REVIEWER).get("/quality-assurance").status_code == 403
    assert signed_in(Role.LOCAL_AREA_CONTACT).get("/quality-assurance").status_code == 403
    assert signed_in(Role.PANEL_MEMBER).get("/quality-assurance").status_code == 403
    assert signed_in(Role.NATIONAL_TEAM).get("/quality-assurance").status_code == 403
    assert client.get("/quality-assurance").status_code == 302  # to sign in


def test_the_senior_reviewers_home_counts_the_queue_and_names_the_oldest(
    app, make_user, monkeypatch, signed_in
):
    submitted_review(app, make_user, monkeypatch, full_name="Alice Older")
    submitted_review(app, make_user, monkeypatch, full_name="Bob Newer")
    page = text_of(signed_in(Role.SENIOR_REVIEWER).get("/home").get_data(as_text=True))
    assert (
        "2 reviews are waiting for quality assurance. The longest waiting: Alice Older, case"
        in page
    )
    assert "Go to the quality assurance queue" in page


# --- The page and its checklist ----------------------------------------------------------------


def test_the_page_shows_the_review_as_submitted_read_only_and_the_checklist(
    app, make_user, monkeypatch, signed_in
):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    response = signed_in(Role.SENIOR_REVIEWER).get(qa_url(reference))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    words = text_of(page)
    assert "Quality assurance of the review for Margaret" in words
    assert "The review as submitted" in words
    assert "She loved music." in words
    assert "Respectful, blame-free language" in words
    assert "Pen portrait: comment (optional)" in words
    assert "Change" not in words  # read only: no change links into the review
    with app.app_context():
        submission = db.session.scalar(select(ReviewSubmission))
        # What was checked: the answers and the section's version at submission.
        assert submission.snapshot["sections"]["pen-portrait"]["answers"] == {
            "pen_portrait": "She loved music."
        }
        assert submission.snapshot["sections"]["pen-portrait"]["version"] == 1
        assert submission.number == 1
        assert submission.from_state == "initial_review"


def test_approving_needs_every_check_answered(app, make_user, monkeypatch, signed_in):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    answers = {**ALL_MET, "outcome": "approve"}
    del answers["check_grade"]
    response = decide(signed_in(Role.SENIOR_REVIEWER), reference, answers)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Error: Quality assurance of the review for Margaret" in page
    assert (
        "Select met, not met or not applicable for: "
        "Grade consistent with the evidence and explained" in text_of(page)
    )
    assert state_of(app, reference) == State.QUALITY_ASSURANCE


def test_a_check_not_met_needs_a_comment_and_cannot_be_approved(
    app, make_user, monkeypatch, signed_in
):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    response = decide(
        signed_in(Role.SENIOR_REVIEWER),
        reference,
        {**ALL_MET, "check_cause_of_death": "not_met", "outcome": "approve"},
    )
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert "Enter why this was not met: Cause of death coded" in page
    assert (
        "A review with a check not met cannot be approved: return it to the reviewer or "
        "escalate it" in page
    )
    assert state_of(app, reference) == State.QUALITY_ASSURANCE


def test_no_outcome_chosen_is_asked_for(app, make_user, monkeypatch, signed_in):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    response = decide(signed_in(Role.SENIOR_REVIEWER), reference, ALL_MET)
    assert response.status_code == 200
    assert "Select what happens to the review" in text_of(response.get_data(as_text=True))


# --- Outcomes ---------------------------------------------------------------------------------


def test_approving_sends_the_review_to_the_panel_and_says_what_happens_next(
    app, make_user, monkeypatch, signed_in, session_users
):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    senior = signed_in(Role.SENIOR_REVIEWER)
    response = decide(senior, reference, {**ALL_MET, "outcome": "approve"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}/quality-assurance/approve"
    assert state_of(app, reference) == State.AWAITING_PANEL
    page = text_of(senior.get(response.headers["Location"]).get_data(as_text=True))
    assert "Review approved" in page
    assert (
        "The review is on the list for NHS Birmingham and Solihull Integrated Care Board's "
        "governance panel." in page
    )
    with app.app_context():
        decision = db.session.scalar(select(QaDecision))
        assert decision.outcome == "approved"
        assert decision.decided_by_id == session_users[Role.SENIOR_REVIEWER]
        assert decision.checklist["language"] == {"result": "met", "comment": None}
        event = db.session.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()
        assert (event.kind, event.from_state, event.to_state, event.details) == (
            "state",
            "quality_assurance",
            "awaiting_panel",
            "Quality assurance passed",
        )
    # The page is for reviews waiting for it: afterwards it leads back to the case.
    again = senior.get(qa_url(reference))
    assert again.status_code == 302
    assert again.headers["Location"] == f"/cases/{reference}"


def test_returning_needs_a_summary_comment(app, make_user, monkeypatch, signed_in):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    response = decide(signed_in(Role.SENIOR_REVIEWER), reference, {"outcome": "return"})
    assert response.status_code == 200
    assert "Enter a summary comment for the reviewer" in text_of(response.get_data(as_text=True))
    assert state_of(app, reference) == State.QUALITY_ASSURANCE


def test_a_returned_review_goes_back_to_its_reviewer_with_the_comments_beside_each_section(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer_id = submitted_review(app, make_user, monkeypatch)
    senior = signed_in(Role.SENIOR_REVIEWER)
    response = decide(
        senior,
        reference,
        {
            "check_key_episodes": "not_met",
            "check_key_episodes_comment": "The last year is missing.",
            "comment_pen_portrait": "Say more about what mattered to her.",
            "outcome": "return",
            "summary": "Nearly there: two things to add.",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}/quality-assurance/return"
    assert state_of(app, reference) == State.INITIAL_REVIEW
    confirmation = text_of(senior.get(response.headers["Location"]).get_data(as_text=True))
    assert "Review returned to the reviewer" in confirmation
    with app.app_context():
        email = db.session.scalar(select(OutboxEmail).where(OutboxEmail.kind == "review_returned"))
        assert email.subject == f"Review {reference} has been returned to you"
        assert "Margaret" not in email.body
    reviewer = app.test_client()
    sign_in_as(reviewer, app, reviewer_id)
    task_list = text_of(reviewer.get(f"/cases/{reference}/review").get_data(as_text=True))
    assert (
        f"Test senior reviewer returned this review to you on {uk_date(today())} "
        "Nearly there: two things to add." in task_list
    )
    assert (
        "Checks not met: Key episodes cover the relevant period: The last year is missing."
        in task_list
    )
    assert (
        "Pen portrait Quality assurance comment (round 1, not resolved): "
        "Say more about what mattered to her." in task_list
    )
    assert "Comments on sections are shown beside them below: 1 of 1 not resolved." in task_list
    home = text_of(reviewer.get("/home").get_data(as_text=True))
    assert (
        f"Reviews returned to you with comments Margaret Ellison, case {reference} : returned by "
        f"Test senior reviewer on {uk_date(today())}" in home
    )


def test_a_focused_review_is_returned_to_focused_review(app, make_user, monkeypatch, signed_in):
    monkeypatch.setattr("leder_web.review.submission.incomplete", lambda case: [])
    reviewer_id = make_user(Role.REVIEWER)
    with app.app_context():
        case = make_case(OWN_ICB, State.FOCUSED_REVIEW, reviewer_id=reviewer_id)
        db.session.commit()
        reference = case.reference
    submit(app, reviewer_id, reference)
    response = decide(
        signed_in(Role.SENIOR_REVIEWER), reference, {"outcome": "return", "summary": "See comments"}
    )
    assert response.status_code == 302
    assert state_of(app, reference) == State.FOCUSED_REVIEW


def test_a_resubmitted_review_counts_its_rounds_and_keeps_the_previous_ones_visible(
    app, make_user, monkeypatch, signed_in
):
    reference, reviewer_id = submitted_review(app, make_user, monkeypatch)
    senior = signed_in(Role.SENIOR_REVIEWER)
    decide(
        senior,
        reference,
        {"outcome": "return", "summary": "Add the hospital stay.", "comment_timeline": "Add it"},
    )
    submit(app, reviewer_id, reference)
    assert state_of(app, reference) == State.QUALITY_ASSURANCE
    queue = text_of(senior.get("/quality-assurance").get_data(as_text=True))
    assert (
        f"{reference} : check the review for Margaret Ellison Test reviewer {uk_date(today())} 30 1"
        in queue
    )
    page = text_of(senior.get(qa_url(reference)).get_data(as_text=True))
    assert "Round 2 (resubmitted 1 time)" in page
    assert (
        "Previous rounds Round 1: returned to the reviewer by Test senior reviewer on "
        f"{uk_date(today())}" in page
    )
    assert "Summary comment Add the hospital stay." in page
    assert (
        "Comments on sections, with the replies Key episodes of health and social care "
        "Test senior reviewer, round 1, " in page
    )
    assert "Not resolved Add it No replies yet." in page
    # The reviewer no longer sees the comments once the review is back with quality assurance.
    reviewer = app.test_client()
    sign_in_as(reviewer, app, reviewer_id)
    assert "Add the hospital stay." not in reviewer.get(f"/cases/{reference}/review").get_data(
        as_text=True
    )


def test_escalating_keeps_the_review_in_quality_assurance_and_tells_the_lac(
    app, make_user, monkeypatch, signed_in
):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    senior = signed_in(Role.SENIOR_REVIEWER)
    response = decide(senior, reference, {"outcome": "escalate"})
    assert "Enter what the local area contact needs to know" in text_of(
        response.get_data(as_text=True)
    )
    response = decide(
        senior, reference, {"outcome": "escalate", "summary": "Safeguarding concern not raised."}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}/quality-assurance/escalate"
    assert state_of(app, reference) == State.QUALITY_ASSURANCE
    confirmation = text_of(senior.get(response.headers["Location"]).get_data(as_text=True))
    assert "Escalated to the local area contact" in confirmation
    lac_page = text_of(
        signed_in(Role.LOCAL_AREA_CONTACT).get(f"/cases/{reference}").get_data(as_text=True)
    )
    assert "Test senior reviewer escalated this review's quality assurance to you on" in lac_page
    assert ": Safeguarding concern not raised." in lac_page
    with app.app_context():
        emails = db.session.scalars(
            select(OutboxEmail).where(OutboxEmail.kind == "qa_escalated")
        ).all()
        assert [e.subject for e in emails] == [f"Quality assurance of review {reference} needs you"]
    # Still waiting: another senior reviewer (or the same) can approve or return it.
    page = text_of(senior.get(qa_url(reference)).get_data(as_text=True))
    assert "escalated this review to the local area contact on" in page
    assert "Record decision" in page


# --- Who may --------------------------------------------------------------------------------


WROTE_IT = (
    "You cannot quality assure this review because you wrote or changed part of it. "
    "Another senior reviewer of your ICB must check it."
)


def test_a_senior_reviewer_never_quality_assures_a_review_they_wrote(app, make_user, monkeypatch):
    monkeypatch.setattr("leder_web.review.submission.incomplete", lambda case: [])
    senior_id = make_user(Role.SENIOR_REVIEWER)
    reference = written_review(app, senior_id)  # allocated to them, and saved by them
    client = submit(app, senior_id, reference)
    page = client.get(qa_url(reference))
    assert page.status_code == 200
    assert WROTE_IT in text_of(page.get_data(as_text=True))
    assert "Record decision" not in page.get_data(as_text=True)
    refused = post_form(client, qa_url(reference), {**ALL_MET, "outcome": "approve"})
    assert refused.status_code == 403
    assert WROTE_IT in text_of(refused.get_data(as_text=True))
    assert state_of(app, reference) == State.QUALITY_ASSURANCE


def test_a_senior_reviewer_who_changed_a_section_of_the_review_may_not_quality_assure_it(
    app, make_user, monkeypatch
):
    monkeypatch.setattr("leder_web.review.submission.incomplete", lambda case: [])
    reviewer_id = make_user(Role.REVIEWER)
    senior_id = make_user(Role.SENIOR_REVIEWER)
    reference = written_review(app, reviewer_id)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        state = reviews.section_state(case, "gp-records")
        from leder_web.models import User

        reviews.save_page(
            state, {"ld_register": "yes"}, state.version, by=db.session.get(User, senior_id)
        )
        db.session.commit()
    submit(app, reviewer_id, reference)
    client = app.test_client()
    sign_in_as(client, app, senior_id)
    refused = post_form(client, qa_url(reference), {**ALL_MET, "outcome": "approve"})
    assert refused.status_code == 403
    assert WROTE_IT in text_of(refused.get_data(as_text=True))
    assert state_of(app, reference) == State.QUALITY_ASSURANCE


def test_a_senior_reviewer_who_added_an_item_may_not_quality_assure_it(app, make_user, monkeypatch):
    monkeypatch.setattr("leder_web.review.submission.incomplete", lambda case: [])
    reviewer_id = make_user(Role.REVIEWER)
    senior_id = make_user(Role.SENIOR_REVIEWER)
    reference = written_review(app, reviewer_id)
    with app.app_context():
        case = db.session.scalar(select(Case).where(Case.reference == reference))
        state = reviews.section_state(case, "timeline")
        from types import SimpleNamespace

        reviews.add_item(state, "event", {"setting": "At home"}, by=SimpleNamespace(id=senior_id))
        db.session.commit()
    submit(app, reviewer_id, reference)
    client = app.test_client()
    sign_in_as(client, app, senior_id)
    page = client.get(qa_url(reference))
    assert WROTE_IT in text_of(page.get_data(as_text=True))


def test_other_roles_and_other_icbs_are_refused(app, make_user, monkeypatch, signed_in):
    reference, reviewer_id = submitted_review(app, make_user, monkeypatch)
    author = app.test_client()
    sign_in_as(author, app, reviewer_id)
    assert author.get(qa_url(reference)).status_code == 403
    assert signed_in(Role.LOCAL_AREA_CONTACT).get(qa_url(reference)).status_code == 403
    assert signed_in(Role.PANEL_MEMBER).get(qa_url(reference)).status_code == 403
    assert signed_in(Role.REGIONAL_COORDINATOR).get(qa_url(reference)).status_code == 403
    elsewhere = signed_in(Role.SENIOR_REVIEWER, OTHER_ICB_SAME_REGION)
    assert elsewhere.get(qa_url(reference)).status_code == 403
    assert decide(elsewhere, reference, {**ALL_MET, "outcome": "approve"}).status_code == 403
    far = signed_in(Role.SENIOR_REVIEWER, OTHER_REGION_ICB)
    assert far.get(qa_url(reference)).status_code == 403
    assert state_of(app, reference) == State.QUALITY_ASSURANCE


def test_a_review_not_waiting_for_quality_assurance_leads_back_to_the_case(app, signed_in):
    with app.app_context():
        case = make_case(OWN_ICB, State.INITIAL_REVIEW)
        db.session.commit()
        reference = case.reference
    senior = signed_in(Role.SENIOR_REVIEWER)
    response = senior.get(qa_url(reference))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{reference}"
    page = text_of(senior.get(f"/cases/{reference}").get_data(as_text=True))
    assert "This review is not waiting for quality assurance." in page


def test_a_second_decision_after_the_first_is_refused_with_who_decided(
    app, make_user, monkeypatch, signed_in
):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    first = signed_in(Role.SENIOR_REVIEWER)
    other_id = make_user(Role.SENIOR_REVIEWER)
    second = app.test_client()
    sign_in_as(second, app, other_id)
    token = second.csrf_token("/home")  # the second opened the page before the first decided
    assert decide(first, reference, {**ALL_MET, "outcome": "approve"}).status_code == 302
    late = second.post(
        qa_url(reference), data={"outcome": "return", "summary": "Too late", "csrf_token": token}
    )
    assert late.status_code == 302
    assert late.headers["Location"] == f"/cases/{reference}"
    page = text_of(second.get(f"/cases/{reference}").get_data(as_text=True))
    assert "Test senior reviewer approved this review at " in page
    assert "Your decision was not recorded." in page
    assert state_of(app, reference) == State.AWAITING_PANEL
    with app.app_context():
        assert len(db.session.scalars(select(QaDecision)).all()) == 1


def test_a_review_that_reached_quality_assurance_without_a_recorded_submission_can_be_decided(
    app, signed_in
):
    with app.app_context():
        case = make_case(OWN_ICB, State.QUALITY_ASSURANCE)
        db.session.commit()
        reference = case.reference
    response = decide(
        signed_in(Role.SENIOR_REVIEWER), reference, {"outcome": "return", "summary": "More"}
    )
    assert response.status_code == 302
    assert state_of(app, reference) == State.INITIAL_REVIEW
    with app.app_context():
        submission = db.session.scalar(select(ReviewSubmission))
        assert (submission.number, submission.submitted_by_id) == (1, None)


def test_what_is_typed_is_kept_on_this_computer_until_the_decision_is_recorded(
    app, make_user, monkeypatch, signed_in, session_users
):
    reference, _ = submitted_review(app, make_user, monkeypatch)
    senior = signed_in(Role.SENIOR_REVIEWER)
    key = f"{session_users[Role.SENIOR_REVIEWER]}:{reference}:/cases/{reference}/quality-assurance"
    page = senior.get(qa_url(reference)).get_data(as_text=True)
    assert f'data-local-draft-key="{key}"' in page
    assert "/static/js/autosave.js" in page
    response = decide(senior, reference, {**ALL_MET, "outcome": "approve"})
    confirmation = senior.get(response.headers["Location"]).get_data(as_text=True)
    assert f'<span hidden data-saved-draft-key="{key}"></span>' in confirmation
